"""Under a composer: "read it again tomorrow before sending" while feelings run high."""

from __future__ import annotations

from textual.widgets import Static

from rebound_tui.core.cool_off import cool_off_note
from rebound_tui.core.dates import today
from rebound_tui.core.model import Exercise
from rebound_tui.tui.widgets.exercise_field import ExerciseField


class CoolOffNote(Static):
    """Empty (and hidden) unless the entry's latest rating reaches the composer's threshold."""

    DEFAULT_CSS = """
    CoolOffNote {
        color: $text-warning;
        width: 1fr;
        height: auto;
    }
    CoolOffNote.-empty {
        display: none;
    }
    """

    def __init__(self, exercise: Exercise) -> None:
        super().__init__("", classes="entry-note cool-off -empty", markup=False)
        self.exercise = exercise

    def on_mount(self) -> None:
        self.refresh_note()

    def refresh_note(self) -> None:
        field = self.parent
        if not isinstance(field, ExerciseField):
            return
        sent, reread = getattr(field, "sent", None), getattr(field, "reread", None)
        note = "" if sent else cool_off_note(self.exercise, field.context.entry, today(), reread)
        self.update(note)
        self.set_class(not note, "-empty")
