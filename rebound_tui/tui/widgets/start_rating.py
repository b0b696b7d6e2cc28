"""Under a rating that compares itself with an earlier one: "At the start: 7 / 10"."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from rebound_tui.core.cool_off import latest_rating
from rebound_tui.core.model import Exercise


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
        app: Any = self.app
        answers = app.answers() if hasattr(app, "answers") else {}
        start = latest_rating((self.exercise.compare,), answers) if self.exercise.compare else None
        text = "" if start is None else f"At the start: {start} / {self.exercise.max}"
        self.update(text)
        self.set_class(not text, "-empty")
