"""A composer: a few blanks fill a template from the content, with a live preview.

The finished text can be copied to the clipboard, saved to a private file in the exports
folder, and marked as sent (with the date). Value: ``{"fields": {id: text}, "sent": date|None}``.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Input, Label, Static

from rebound_tui.core.content import Exercise, fill_template
from rebound_tui.core.dates import today
from rebound_tui.core.kinds import NO_CONTEXT, Context, Loaded
from rebound_tui.core.kinds.composer import Composer
from rebound_tui.tui.widgets.exercise_field import ExerciseField

COMPOSER = Composer()
MAX_FIELD = 500


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

    class SaveRequested(Message):
        """The person asked to save the finished note to a file; the app writes it."""

        def __init__(self, exercise: Exercise, text: str) -> None:
            super().__init__()
            self.exercise = exercise
            self.text = text

    def __init__(
        self, exercise: Exercise, loaded: Loaded[Any] | None = None, context: Context = NO_CONTEXT
    ) -> None:
        self.values: dict[str, str] = {}
        self.sent: str | None = None
        super().__init__(exercise, loaded, context)

    def take(self, value: Any) -> None:
        super().take(value)
        if isinstance(value, dict):
            self.values = dict(value["fields"])
            self.sent = value["sent"]

    def compose_input(self) -> ComposeResult:
        automatic = COMPOSER.automatic(self.exercise, self.context)
        for blank in self.exercise.fields:
            if not self.values.get(blank.id) and blank.id in automatic:
                self.values[blank.id] = automatic[blank.id]
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

    def text(self, *, blanks: bool = True) -> str:
        return fill_template(self.exercise, self.values, blanks=blanks)

    def value(self) -> dict[str, Any]:
        """What is stored: the blanks the person wrote in (not the ones filled by themselves)."""
        return {
            "fields": COMPOSER.typed(self.exercise, self.values, self.context),
            "sent": self.sent,
        }

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
        self.post_message(self.SaveRequested(self.exercise, self.text(blanks=False) + "\n"))

    @on(Button.Pressed, ".mark-sent")
    def toggle_sent(self, event: Button.Pressed | None = None) -> None:
        if event:
            event.stop()
        self.sent = None if self.sent else today().isoformat()
        self.query_one(".mark-sent", Button).label = self._sent_button()
        self.query_one(".sent", Static).update(self._sent_line())
        self.answer(self.value())
