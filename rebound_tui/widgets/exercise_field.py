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
from textual.widgets import Label, Static

from ..content import Exercise

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
        field = self.make_input()
        if hasattr(field, "cursor_blink"):
            # Reduced motion also means a steady cursor (and steady snapshots).
            field.cursor_blink = not getattr(self.app, "reduced_motion", False)
        yield field

    def make_input(self) -> Widget:
        raise NotImplementedError

    def answer(self, value: Any) -> None:
        """Called by subclasses whenever the value changes."""
        self.post_message(self.Answered(self.exercise, value))


def field_for(exercise: Exercise, value: Any = None) -> ExerciseField:
    """The field widget for an exercise's kind (the loader guarantees the kind is known)."""
    from . import exercise_kinds  # noqa: F401  (registers the kinds)

    return FIELD_KINDS[exercise.kind](exercise, value)
