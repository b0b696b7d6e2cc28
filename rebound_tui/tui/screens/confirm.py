"""A small yes/no question over the current screen. "Keep it" (no) has the focus and Esc also
says it; the dialog has its own footer, so the keys of the screen below are not offered."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from rebound_tui.tui.widgets.key_footer import KeyFooter


class ConfirmScreen(ModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }
    ConfirmScreen > Vertical {
        width: 60;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        border: round $warning;
        background: $surface;
    }
    ConfirmScreen .buttons {
        height: auto;
        margin: 1 0 0 0;
    }
    ConfirmScreen Button {
        margin: 0 2 0 0;
    }
    """

    NO = "Keep it"  # the button and the Esc hint say the same
    BINDINGS = [Binding("escape", "answer(False)", NO)]

    def __init__(self, title: str, body: str, yes: str) -> None:
        super().__init__()
        self.question = (title, body, yes)

    def compose(self) -> ComposeResult:
        title, body, yes = self.question
        with Vertical():
            yield Label(title, classes="dialog-title", markup=False)
            yield Static(body, markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.NO, id="no", variant="primary")
                yield Button(yes, id="yes", variant="error")
        yield KeyFooter(show_command_palette=False)  # its own keys, not the screen's below

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
