"""A composer: a few blanks fill a template from the content, with a live preview.

The finished text can be copied to the clipboard, saved to a private file in the exports
folder, and marked as sent (with the date). Value: ``{"fields": {id: text}, "sent": date|None}``.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Input, Label, Static

from rebound_tui.core.content import Exercise, fill_template
from rebound_tui.core.cool_off import reread_day
from rebound_tui.core.dates import today
from rebound_tui.core.kinds import NO_CONTEXT, Context, Loaded
from rebound_tui.core.kinds.composer import Composer
from rebound_tui.tui.widgets.cells import StartInput
from rebound_tui.tui.widgets.cool_off_note import CoolOffNote
from rebound_tui.tui.widgets.exercise_field import ExerciseField

COMPOSER = Composer()
MAX_FIELD = 500
#: Below this width the buttons stand one above the other.
NARROW = 50


def example(placeholder: str) -> str:
    """A placeholder that reads as an example, never as something already typed."""
    text = placeholder.strip()
    return text if not text or text.lower().startswith("e.g.") else f"e.g. {text}"


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
    ComposerField.-narrow .actions {
        layout: vertical;
    }
    ComposerField Input {
        margin: 0 0 0 0;
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
        #: The day set to read the draft again before sending (see core.cool_off), if any.
        self.reread: str | None = None
        #: Blanks filled from another exercise's answer, and with what (until the person edits).
        self.from_source: dict[str, str] = {}
        #: What the blanks filled by themselves showed when last built (see :meth:`reload`).
        self._automatic: dict[str, str] | None = None
        super().__init__(exercise, loaded, context)

    def take(self, value: Any) -> None:
        super().take(value)
        if isinstance(value, dict):
            self.values = dict(value["fields"])
            self.sent = value["sent"]
            self.reread = value.get("reread")

    def shows(self, loaded: Loaded[Any], context: Context) -> bool:
        """Also what fills a blank by itself (an entry's fact, another answer) must be as it
        was when built; else it is built again, though the stored note is the same."""
        built = self._automatic is not None  # else it is yet to compose, with this context
        if built and COMPOSER.automatic(self.exercise, context) != self._automatic:
            return False
        return super().shows(loaded, context)

    def compose_input(self) -> ComposeResult:
        automatic = COMPOSER.automatic(self.exercise, self.context)  # the kind's one rule
        self._automatic = automatic
        sourced = COMPOSER.sourced(self.exercise, self.context)
        for blank in self.exercise.fields:
            filled = automatic.get(blank.id, "")
            if filled and self.values.get(blank.id, "").strip() in ("", filled):
                self.values[blank.id] = filled  # shown, never stored (COMPOSER.typed)
                if blank.id in sourced:
                    self.from_source[blank.id] = filled
            yield Label(blank.label, classes="blank-label", markup=False)
            yield self.steady(
                StartInput(
                    self.values.get(blank.id, ""),
                    placeholder=example(blank.placeholder),
                    max_length=MAX_FIELD,
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

    def on_resize(self, event: events.Resize) -> None:
        """Too narrow for the three buttons side by side, they stand one above the other."""
        self.set_class(event.size.width < NARROW, "-narrow")

    def source_answered(self, exercise_id: str, value: object) -> None:
        """Another exercise of the section was answered: blanks filled from it follow, live,
        unless the person has written their own words there."""
        text = value.strip() if isinstance(value, str) else ""
        changed = False
        for blank in self.exercise.fields:
            if blank.source != exercise_id:
                continue
            current = self.values.get(blank.id, "").strip()
            if current and current != self.from_source.get(blank.id):
                continue  # their own words: never overwritten
            self.values[blank.id] = self.from_source[blank.id] = text
            box = self.query_one(f"#input-{self.exercise.id}-{blank.id}", Input)
            with self.prevent(Input.Changed):
                box.value = text
            changed = True
        if changed:
            self.query_one(".preview", Static).update(self.text())
            self.answer(self.value())

    def text(self, *, blanks: bool = True) -> str:
        return fill_template(self.exercise, self.values, blanks=blanks)

    def value(self) -> dict[str, Any]:
        """What is stored: the blanks the person wrote in (not the ones filled by themselves)."""
        value: dict[str, Any] = {
            "fields": COMPOSER.typed(self.exercise, self.values, self.context),
            "sent": self.sent,
        }
        if self.reread:
            value["reread"] = self.reread
        return value

    def _sent_button(self) -> str:
        """What pressing the button does (the line below says what is true now)."""
        return "Mark as not sent" if self.sent else "Mark as sent"

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
        # Typed by the person (focused: not the fill on mount), while feelings run high.
        if self.reread is None and not self.sent and event.input.has_focus and event.value.strip():
            day = reread_day(self.exercise, self.context.entry, today())
            if day is not None:  # drafted while feelings run high: a day to read it again
                self.reread = day.isoformat()
                self.query_one(CoolOffNote).refresh_note()
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
        button = self.query_one(".mark-sent", Button)
        button.label = self._sent_button()
        button.refresh(layout=True)  # the new words get the room they need
        self.query_one(".sent", Static).update(self._sent_line())
        self.query_one(CoolOffNote).refresh_note()
        self.answer(self.value())
