"""One exercise on screen: its prompt, its guidance and the input for its kind.

Each exercise kind is a subclass registered under its kind name; the section screen asks
:func:`field_for` for the right one, so a new kind is a new subclass and nothing else changes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from rebound_tui.core.content import Exercise

FIELD_KINDS: dict[str, type[ExerciseField]] = {}


class ExerciseField(Vertical):
    """Base class: subclasses set ``kind`` and implement :meth:`make_input`."""

    DEFAULT_CSS = """
    ExerciseField {
        height: auto;
        margin: 0 0 1 0;
        padding: 0 1;
        border-left: wide $panel;
    }
    ExerciseField:focus-within {
        border-left: wide $accent;
    }
    ExerciseField > .prompt {
        text-style: bold;
        width: 1fr;
    }
    ExerciseField > .help {
        color: $text-muted;
        width: 1fr;
    }
    """

    kind: ClassVar[str] = ""

    class Answered(Message):
        """The person changed an answer; the screen hands it to the autosaver."""

        def __init__(self, exercise: Exercise, value: Any) -> None:
            super().__init__()
            self.exercise = exercise
            self.value = value

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.kind:
            FIELD_KINDS[cls.kind] = cls

    def __init__(self, exercise: Exercise, value: Any = None) -> None:
        super().__init__(id=f"field-{exercise.id}")
        self.exercise = exercise
        self.initial = value

    def compose(self) -> ComposeResult:
        prompt = self.exercise.prompt
        if self.exercise.private:
            prompt += "  (private: never exported unless you ask)"
        yield Label(prompt, classes="prompt", markup=False)
        if self.exercise.help:
            yield Static(self.exercise.help, classes="help", markup=False)
        yield from self.compose_input()

    def compose_input(self) -> ComposeResult:
        """What follows the prompt and help; by default the one widget from make_input()."""
        yield self.steady(self.make_input())

    def make_input(self) -> Widget:
        raise NotImplementedError

    @property
    def reduced_motion(self) -> bool:
        return bool(getattr(self.app, "reduced_motion", False))

    def steady(self, widget: Widget) -> Widget:
        """Reduced motion means a steady cursor and no flash on pressed buttons (and steady
        snapshots). Fields wrap every focusable widget they make in this."""
        if hasattr(widget, "cursor_blink"):
            widget.cursor_blink = not self.reduced_motion
        if isinstance(widget, Button) and self.reduced_motion:
            widget.active_effect_duration = 0
        return widget

    def section_answers(self) -> dict[str, Any]:
        """The saved (and pending) answers of the section this exercise belongs to."""
        app: Any = self.app
        workbook = getattr(app, "workbook", None)
        answers = app.answers() if hasattr(app, "answers") else {}
        for section in getattr(workbook, "sections", ()):
            if any(e.id == self.exercise.id for e in section.exercises):
                return dict(answers.get(section.id, {}))
        return {}

    def answer(self, value: Any) -> None:
        """Called by subclasses whenever the value changes."""
        self.post_message(self.Answered(self.exercise, value))


def field_for(exercise: Exercise, value: Any = None) -> ExerciseField:
    """The field widget for an exercise's kind (the loader guarantees the kind is known)."""
    from rebound_tui.tui.widgets import (  # noqa: F401  (importing a module registers its kinds)
        composer_field,
        exercise_kinds,
        if_then_field,
        pacer_field,
        rows_field,
        thought_record_field,
        timed_writing_field,
    )

    return FIELD_KINDS[exercise.kind](exercise, value)
