"""A composer: a few blanks fill a template from the content, with a live preview.

The finished text can be copied to the clipboard, saved to a private file in the exports
folder, and marked as sent (with the date). Value: ``{"fields": {id: text}, "sent": date|None}``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, Static

from rebound_tui.core.content import fill_template
from rebound_tui.core.export_file import write_export
from rebound_tui.core.storage.files import ensure_private_dir
from rebound_tui.tui.widgets.cool_off_note import CoolOffNote
from rebound_tui.tui.widgets.exercise_field import ExerciseField

MAX_FIELD = 500


def today() -> str:
    """Today's date as YYYY-MM-DD (a function so tests can fix it)."""
    return date.today().isoformat()


class ComposerField(ExerciseField):
    kind = "composer"

    DEFAULT_CSS = """
    ComposerField .blank-label {
        width: 1fr;
        color: $text-muted;
    }
    ComposerField .preview {
        border: round $panel;
        padding: 0 1;
        width: 1fr;
        height: auto;
    }
    ComposerField .preview-title {
        text-style: bold;
    }
    ComposerField .actions {
        height: auto;
    }
    ComposerField .actions Button {
        margin: 0 1 0 0;
        width: auto;
        min-width: 0;
        padding: 0 1;
    }
    ComposerField .sent {
        color: $text-muted;
        width: 1fr;
    }
    """

    def __init__(self, exercise: Any, value: Any = None) -> None:
        super().__init__(exercise, value)
        saved = value if isinstance(value, dict) else {}
        fields = saved.get("fields")
        self.values: dict[str, str] = {
            k: str(v) for k, v in (fields.items() if isinstance(fields, dict) else ())
        }
        sent = saved.get("sent")
        self.sent: str | None = sent if isinstance(sent, str) and sent else None

    def compose_input(self) -> ComposeResult:
        earlier = self.section_answers()
        for blank in self.exercise.fields:
            if not self.values.get(blank.id) and blank.source:
                source = earlier.get(blank.source)
                if isinstance(source, str) and source.strip():
                    self.values[blank.id] = source.strip()
            yield Label(blank.label, classes="blank-label", markup=False)
            yield self.steady(
                Input(
                    self.values.get(blank.id, ""),
                    placeholder=blank.placeholder,
                    max_length=MAX_FIELD,
                    compact=True,
                    select_on_focus=False,
                    id=f"input-{self.exercise.id}-{blank.id}",
                )
            )
        yield Label("Preview", classes="preview-title")
        yield Static(self.text(), classes="preview", markup=False)
        with Horizontal(classes="actions"):
            yield self.steady(Button("Copy", compact=True, classes="copy"))
            yield self.steady(Button("Save to a file", compact=True, classes="save"))
            yield self.steady(Button(self._sent_button(), compact=True, classes="mark-sent"))
        yield Static(self._sent_line(), classes="sent", markup=False)
        yield CoolOffNote(self.exercise)

    def text(self, *, blanks: bool = True) -> str:
        return fill_template(self.exercise, self.values, blanks=blanks)

    def value(self) -> dict[str, Any]:
        return {"fields": dict(self.values), "sent": self.sent}

    def _sent_button(self) -> str:
        return "Not sent after all" if self.sent else "Mark as sent"

    def _sent_line(self) -> str:
        return f"Sent on {self.sent}." if self.sent else "Not sent yet."

    def _missing(self) -> list[str]:
        return [b.label for b in self.exercise.fields if not self.values.get(b.id, "").strip()]

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        blank_id = (event.input.id or "").removeprefix(f"input-{self.exercise.id}-")
        self.values[blank_id] = event.value
        self.query_one(".preview", Static).update(self.text())
        self.answer(self.value())

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    @on(Button.Pressed, ".copy")
    def copy(self, event: Button.Pressed | None = None) -> None:
        if event:
            event.stop()
        self.app.copy_to_clipboard(self.text(blanks=False))
        missing = self._missing()
        note = f" Still blank: {', '.join(missing)}." if missing else ""
        self.notify(
            "Copied. If pasting doesn't work in your terminal, use Save to a file." + note,
            title="Copied",
        )

    @on(Button.Pressed, ".save")
    def save(self, event: Button.Pressed | None = None) -> None:
        if event:
            event.stop()
        app: Any = self.app
        folder = app.export_dir
        entry = getattr(app, "entry_id", None)
        path = folder / f"rebound-{entry or 0}-{self.exercise.id}.txt"
        try:
            ensure_private_dir(folder)
            write_export(path, self.text(blanks=False) + "\n", replace=True)  # never via a link
        except OSError as error:
            self.notify(f"Could not save to {path}: {error}", severity="error", timeout=15)
            return
        self.notify(f"Saved to {path}", title="Saved (only you can read it)", timeout=15)

    @on(Button.Pressed, ".mark-sent")
    def toggle_sent(self, event: Button.Pressed | None = None) -> None:
        if event:
            event.stop()
        self.sent = None if self.sent else today()
        self.query_one(".mark-sent", Button).label = self._sent_button()
        self.query_one(".sent", Static).update(self._sent_line())
        self.query_one(CoolOffNote).refresh_note()
        self.answer(self.value())
