"""Which kind of file the export key writes: Markdown or a printable web page (or neither)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static

#: Export format → button label; the letter in brackets also picks it.
CHOICES = {"md": "Markdown (m)", "html": "Web page (w)"}


class ExportChoiceScreen(ModalScreen[str | None]):
    """Dismissed with "md", "html", or None (Esc, Cancel)."""

    DEFAULT_CSS = """
    ExportChoiceScreen {
        align: center middle;
    }
    ExportChoiceScreen > Vertical {
        width: 64;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        border: round $primary;
        background: $surface;
    }
    ExportChoiceScreen .buttons {
        height: auto;
        margin: 1 0 0 0;
    }
    ExportChoiceScreen Button {
        margin: 0 1 0 0;
        min-width: 10;
    }
    """

    BINDINGS = [
        Binding("m", "choose('md')", "Markdown"),
        Binding("w", "choose('html')", "Web page"),
        Binding("escape", "choose(None)", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Export this entry", classes="dialog-title")
            yield Static(
                "Markdown is plain text that reads well anywhere. A web page opens in any "
                "browser and prints neatly. Both go to your exports folder, readable only by "
                "you; the private vent is left out.",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                for fmt, label in CHOICES.items():
                    yield Button(label, id=f"export-{fmt}", variant="primary")
                yield Button("Cancel (Esc)", id="export-cancel")
        yield Footer()  # the keys of this question, over the footer of the screen below

    def on_mount(self) -> None:
        self.query_one("#export-md", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        fmt = (event.button.id or "").removeprefix("export-")
        self.dismiss(fmt if fmt in CHOICES else None)

    def action_choose(self, fmt: str | None) -> None:
        self.dismiss(fmt)
