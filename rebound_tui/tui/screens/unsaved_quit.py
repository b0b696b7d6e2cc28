"""Quitting while some text could not be written anywhere: say what would be lost, and offer
to stay, to write it to a file the person names, or to quit anyway."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Literal

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from rebound_tui.core.export_file import write_export
from rebound_tui.core.text import visible
from rebound_tui.tui.widgets.key_footer import KeyFooter

#: What the person chose: stay, text written to that file, or quit and lose it.
Choice = Literal["stay", "lose"] | Path


def default_rescue_path(now: datetime) -> Path:
    return Path.home() / f"rebound-unsaved-{now:%Y%m%d-%H%M%S}.md"


class UnsavedQuitScreen(ModalScreen[Choice]):
    """Dismissed with "stay", "lose", or the Path the unsaved text was written to."""

    DEFAULT_CSS = """
    UnsavedQuitScreen {
        align: center middle;
    }
    UnsavedQuitScreen > Vertical {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $error;
        background: $surface;
    }
    UnsavedQuitScreen .buttons {
        height: auto;
        margin: 1 0 0 0;
    }
    UnsavedQuitScreen Button {
        margin: 0 2 0 0;
        width: auto;
        min-width: 0;
        padding: 0 1;
    }
    UnsavedQuitScreen.-narrow .buttons {
        layout: vertical;
    }
    UnsavedQuitScreen #rescue-path, UnsavedQuitScreen #rescue-problem {
        display: none;
    }
    UnsavedQuitScreen.-asking #rescue-path, UnsavedQuitScreen.-failed #rescue-problem {
        display: block;
    }
    """

    BINDINGS = [Binding("escape", "stay", "Stay")]

    def __init__(self, reason: str, since: str, text: str, now: datetime) -> None:
        super().__init__()
        self.reason = reason
        self.since = since
        self.text = text  # everything to write if the person asks for a file
        self.suggested = default_rescue_path(now)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Not everything you typed is saved", classes="dialog-title")
            yield Static(
                f"Rebound cannot write to disk ({self.reason}). What you typed {self.since} "
                "is only in this window: not in the workbook, not in its journal. "
                "If you quit now, it is lost.",
                markup=False,
            )
            yield Input(str(self.suggested), id="rescue-path")
            yield Static("", id="rescue-problem", markup=False)
            with Horizontal(classes="buttons"):
                # Compact, so the three fit side by side at 60 columns (a bordered "Quit and
                # lose it" was cut to "Quit and lose i"); narrower, one above the other.
                yield Button("Stay", id="stay", variant="primary", compact=True)
                yield Button("Write it to a file", id="write", compact=True)
                yield Button("Quit and lose it", id="lose", variant="error", compact=True)
        yield KeyFooter(show_command_palette=False)  # its own keys, not the screen's below

    #: Below this many columns the three buttons stand one above the other.
    NARROW = 56

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < self.NARROW, "-narrow")

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    def action_stay(self) -> None:
        self.dismiss("stay")

    @on(Button.Pressed, "#stay")
    def _stay(self) -> None:
        self.dismiss("stay")

    @on(Button.Pressed, "#lose")
    def _lose(self) -> None:
        self.dismiss("lose")

    @on(Button.Pressed, "#write")
    def _write_pressed(self) -> None:
        if not self.has_class("-asking"):
            self.add_class("-asking")
            field = self.query_one("#rescue-path", Input)
            field.focus()
            field.cursor_position = len(field.value)
            self.query_one("#write", Button).label = "Write it here"
            return
        self._write()

    @on(Input.Submitted, "#rescue-path")
    def _write(self) -> None:
        raw = self.query_one("#rescue-path", Input).value.strip()
        if not raw:
            self._problem("Type a file name first.")
            return
        path = Path(raw).expanduser()
        try:
            write_export(path, self.text)
        except OSError as error:
            self._problem(f"{visible(str(error))}. Try another place.")
            return
        self.dismiss(path)

    def _problem(self, message: str) -> None:
        self.add_class("-failed")
        self.query_one("#rescue-problem", Static).update(f"⚠ {message}")
