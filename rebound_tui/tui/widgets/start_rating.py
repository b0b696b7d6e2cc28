"""Under a rating that compares itself with an earlier one: "At the start: 7 / 10"."""

from __future__ import annotations

from textual.widgets import Static

from rebound_tui.core.kinds import kind_of
from rebound_tui.core.kinds.scale import Scale
from rebound_tui.core.model import Exercise
from rebound_tui.tui.widgets.exercise_field import ExerciseField


class StartRating(Static):
    """Shows the compared rating (``compare`` in the content), or nothing while it is unset."""

    DEFAULT_CSS = """
    StartRating {
        color: $text-muted;
        width: 1fr;
        height: auto;
    }
    StartRating.-empty {
        display: none;
    }
    """

    def __init__(self, exercise: Exercise) -> None:
        super().__init__("", classes="entry-note -empty", markup=False)
        self.exercise = exercise

    def on_mount(self) -> None:
        self.refresh_note()

    def refresh_note(self) -> None:
        field, kind = self.parent, kind_of(self.exercise)
        start = None
        if isinstance(field, ExerciseField) and isinstance(kind, Scale):
            start = kind.before(self.exercise, field.context)  # the session's answers, live
        text = "" if start is None else f"At the start: {start} / {self.exercise.max}"
        self.update(text)
        self.set_class(not text, "-empty")
