"""A small yes/no question over the current screen; "no" has the focus, Esc also says no."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


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

    BINDINGS = [Binding("escape", "answer(False)", "Keep it")]

    def __init__(self, title: str, body: str, yes: str, no: str) -> None:
        super().__init__()
        self.question = (title, body, yes, no)

    def compose(self) -> ComposeResult:
        title, body, yes, no = self.question
        with Vertical():
            yield Label(title, classes="dialog-title", markup=False)
            yield Static(body, markup=False)
            with Horizontal(classes="buttons"):
                yield Button(no, id="no", variant="primary")
                yield Button(yes, id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
