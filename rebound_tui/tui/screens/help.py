"""Every key that works on the screen underneath, in Rebound's words, from the live bindings.

Read from the screen's active bindings (the focused part, the screen, the app), so the help can
never drift from what the keys really do and lists only what works there: an action whose
``check_action`` says no (ctrl+l with no private vent on screen) is left out. Textual's own
stock bindings are left out too ("Focus Next", "Copy selected text", "Page Left"), except the
few a person needs, which are given in Rebound's words.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from rebound_tui.tui.widgets.key_footer import KeyFooter

#: Textual's stock actions worth listing, in Rebound's words.
STOCK_WORDS = {
    "app.focus_next": "Move to the next field",
    "app.focus_previous": "Move to the previous field",
}
PACKAGE = "rebound_tui."


def _ours(node: DOMNode, binding: Binding) -> bool:
    """Whether a Rebound class (not Textual) declares this binding for the node."""
    for cls in type(node).__mro__:
        if not cls.__module__.startswith(PACKAGE):
            continue
        for declared in cls.__dict__.get("BINDINGS", ()):
            if isinstance(declared, Binding) and declared.action == binding.action:
                return True
    return False


def key_rows(screen: Screen[object], *, of_focused: bool) -> list[tuple[str, str]]:
    """(keys, what they do) for what works on ``screen`` now, grouped by what they do.

    ``of_focused``: the keys of the focused part (a field) rather than of the screen and app.
    """
    rows: dict[str, list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if isinstance(active.node, (Screen, App)) == of_focused:
            continue
        words = STOCK_WORDS.get(binding.action)
        if words is None:
            if not binding.description or not _ours(active.node, binding):
                continue
            words = binding.tooltip or binding.description
        shown = binding.key_display or screen.app.get_key_display(binding)
        keys = rows.setdefault(words, [])
        if shown not in keys:
            keys.append(shown)
    return [(" / ".join(keys), words) for words, keys in rows.items()]


def _table(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True, min_width=12)
    table.add_column()
    for keys, description in rows:
        table.add_row(keys, description)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", key_display="esc")]
    #: What the app's keys do here, for the footer: F1 again closes this page (toggle_help).
    KEY_WORDS: ClassVar[dict[str, str]] = {"help": "Close help"}

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.rows = key_rows(under, of_focused=False)
        self.field_rows = key_rows(under, of_focused=True)
        actions = {active.binding.action for active in under.active_bindings.values()}
        self.in_field = "leave_field" in actions

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Label("Keys that work here", classes="dialog-title")
            yield Static(_table(self.rows))
            if self.field_rows:
                yield Label("Keys of the part that has the focus", classes="dialog-title")
                yield Static(_table(self.field_rows))
            if self.in_field:
                yield Static(
                    "\nInside an exercise the letter and number keys type. Esc leaves it; "
                    "then 1-5, n, b, s, e and h move around.",
                    classes="muted",
                )
            yield Static(
                "\nctrl+p opens the command palette: find any section, exercise, entry or "
                "action by name, and switch themes.\n"
                "Everything also works with the mouse. Esc closes this page.",
                classes="muted",
            )
        yield KeyFooter(show_command_palette=False)  # not the keys of the screen below

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss(None)


def toggle_help(app: App[Any]) -> None:
    """F1: the keys of the screen on top; on that page, F1 closes it again."""
    if isinstance(app.screen, HelpScreen):
        app.screen.dismiss(None)
    else:
        app.push_screen(HelpScreen(app.screen))
