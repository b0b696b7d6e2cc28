"""A calm page of Markdown from the content folder (the support page), closed with Esc."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from rebound_tui.tui.widgets.key_footer import KeyFooter


class PageScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "close", "Close", key_display="esc")]

    def __init__(self, text: str, *, note: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.note = note

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog page"):
            yield Markdown(self.text)
            if self.note:
                yield Static(self.note, classes="muted page-note", markup=False)
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
