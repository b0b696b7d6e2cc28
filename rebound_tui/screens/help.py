"""Every key of the screen underneath and of the app, read from the real bindings."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static


def key_rows(screen: Screen[object]) -> list[tuple[str, str]]:
    """(keys, what they do) for the screen's and the app's bindings, grouped by description.

    Read from the live bindings (``_bindings`` is Textual's merged map) so it cannot drift.
    """
    rows: dict[str, list[str]] = {}
    for node in (screen, screen.app):
        for _key, binding in node._bindings:
            if not binding.description:
                continue
            shown = binding.key_display or screen.app.get_key_display(binding)
            keys = rows.setdefault(binding.tooltip or binding.description, [])
            if shown not in keys:
                keys.append(shown)
    return [(" / ".join(keys), description) for description, keys in rows.items()]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close")]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.rows = key_rows(under)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Label("Keys", classes="dialog-title")
            for keys, description in self.rows:
                yield Static(Text.assemble((f"{keys:>16}", "bold"), "  ", description))
            yield Static(
                "\nctrl+p opens the command palette: find any section, exercise, entry or "
                "action by name, and switch themes.\n"
                "Everything also works with the mouse. Esc closes this page.",
                classes="muted",
            )

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
