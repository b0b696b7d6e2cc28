"""Every key of the screen underneath, its focused field and the app, from the real bindings."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from rebound_tui.tui.textual_compat import node_bindings


def key_rows(nodes: Iterable[DOMNode]) -> list[tuple[str, str]]:
    """(keys, what they do) for the nodes' bindings, grouped by what they do.

    Read from the live bindings (Textual's merged map per node), so the help can never drift
    from what the keys really do.
    """
    rows: dict[str, list[str]] = {}
    for node in nodes:
        for _key, binding in node_bindings(node):
            if not binding.description:
                continue
            shown = binding.key_display or node.app.get_key_display(binding)
            keys = rows.setdefault(binding.tooltip or binding.description, [])
            if shown not in keys:
                keys.append(shown)
    return [(" / ".join(keys), description) for description, keys in rows.items()]


def _table(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True, min_width=12)
    table.add_column()
    for keys, description in rows:
        table.add_row(keys, description)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "close", "Close")]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.rows = key_rows((under, under.app))
        focused = under.focused
        self.field_rows = key_rows([focused]) if focused is not None else []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Label("Keys", classes="dialog-title")
            yield Static(_table(self.rows))
            if self.field_rows:
                yield Label("Keys of the part that had the focus", classes="dialog-title")
                yield Static(_table(self.field_rows))
            yield Static(
                "\nctrl+p opens the command palette: find any section, exercise, entry or "
                "action by name, and switch themes.\n"
                "Everything also works with the mouse. Esc closes this page.",
                classes="muted",
            )

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss(None)
