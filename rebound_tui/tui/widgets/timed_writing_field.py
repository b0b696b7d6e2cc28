"""Timed writing (expressive writing): free text with an optional, visible countdown.

The timer is optional: start, pause and resume it with its button; when it ends, a gentle
message from the content appears and the writing stays open. Value: the text, a plain string
(so answers saved as ``long_text`` load unchanged); the timer itself is not saved.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Button, Static, TextArea

from rebound_tui.core import writing_timer
from rebound_tui.core.content import Exercise
from rebound_tui.core.kinds import NO_CONTEXT, Context, Loaded
from rebound_tui.tui.widgets.exercise_field import ExerciseField
from rebound_tui.tui.widgets.exercise_kinds import answer_area, show_in_area
from rebound_tui.tui.widgets.line_breaks import from_area


def clock(seconds: float) -> str:
    whole = max(0, round(seconds))
    return f"{whole // 60:d}:{whole % 60:02d}"


class TimedWritingField(ExerciseField):
    kind = "timed_writing"

    DEFAULT_CSS = """
    TimedWritingField TextArea {
        height: auto;
        min-height: 6;
        max-height: 16;
    }
    TimedWritingField .timer-row {
        height: 1;
    }
    TimedWritingField .countdown {
        width: auto;
        margin: 0 2 0 0;
    }
    TimedWritingField .countdown.-running {
        text-style: bold;
    }
    TimedWritingField .end {
        display: none;
        color: $success;
        width: 1fr;
    }
    TimedWritingField .end.-shown {
        display: block;
    }
    """

    def __init__(
        self, exercise: Exercise, loaded: Loaded[Any] | None = None, context: Context = NO_CONTEXT
    ) -> None:
        super().__init__(exercise, loaded, context)
        self.total = exercise.minutes * 60
        self.remaining: float = self.total
        self.running = False
        self._timer: Timer | None = None

    def _kept_in(self) -> tuple[Any, int] | None:
        """The store and entry this timer is kept for (none outside the app, e.g. a test)."""
        store = getattr(self.app, "store", None)
        entry_id = getattr(self.app, "entry_id", None)
        return (store, entry_id) if store is not None and entry_id is not None else None

    def on_mount(self) -> None:
        """A timer started before (another visit, another run) goes on where it is."""
        kept = self._kept_in()
        if kept is None:
            return
        if self.running:  # started (by a key or a test) before this ran: that wins
            return
        self.remaining, running = writing_timer.load(*kept, self.exercise.id, self.total)
        if running:
            self.toggle()
        else:
            self._show()

    def _keep(self) -> None:
        """Keep the countdown as shown: on start, pause and end, every ten seconds while it
        runs (for a restart) and when its screen is left (``keep_timer``)."""
        kept = self._kept_in()
        if kept is not None:
            writing_timer.save(*kept, self.exercise.id, self.remaining, self.running)

    def compose_input(self) -> ComposeResult:
        yield self.steady(answer_area(self.exercise, self.initial))
        with Horizontal(classes="timer-row"):
            yield Static(self._countdown_text(), classes="countdown", markup=False)
            yield self.steady(Button(self._button_text(), compact=True, classes="timer-button"))
        yield Static(self.exercise.end_message, classes="end", markup=False)

    def show(self, value: Any) -> bool:
        return show_in_area(self, value)

    def _countdown_text(self) -> str:
        if self.remaining <= 0:
            return f"Timer: {self.exercise.minutes} minutes done"
        if self.running:
            return f"Timer: {clock(self.remaining)} left"
        if self.remaining < self.total:
            return f"Timer paused: {clock(self.remaining)} left"
        return f"Timer: {clock(self.total)} (optional)"

    def _button_text(self) -> str:
        if self.running:
            return "Pause"
        if self.remaining <= 0:
            return "Start again"
        if self.remaining < self.total:
            return "Resume"
        return "Start the timer"

    def _show(self) -> None:
        countdown = self.query_one(".countdown", Static)
        countdown.update(self._countdown_text())
        countdown.set_class(self.running, "-running")
        self.query_one(".timer-button", Button).label = self._button_text()
        self.query_one(".end", Static).set_class(self.remaining <= 0, "-shown")

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.answer(from_area(event.text_area.text))

    @on(Button.Pressed, ".timer-button")
    def toggle(self, event: Button.Pressed | None = None) -> None:
        if event:
            event.stop()
        if self.running:
            self.running = False
            if self._timer:
                self._timer.pause()
        else:
            if self.remaining <= 0:
                self.remaining = self.total
            self.running = True
            if self._timer is None:
                self._timer = self.set_interval(1.0, self.tick)
            else:
                self._timer.resume()
        self._keep()
        self._show()

    def tick(self, seconds: float = 1.0) -> None:
        """One second (or ``seconds``) of writing time has passed."""
        if not self.running:
            return
        before = self.remaining
        self.remaining = max(0.0, self.remaining - seconds)
        if self.remaining <= 0:
            self.running = False
            if self._timer:
                self._timer.pause()
        if self.remaining <= 0 or before // 10 != self.remaining // 10:
            self._keep()
        self._show()

    def keep_timer(self) -> None:
        """Its screen is being left: keep exactly what the countdown shows."""
        if self.running:
            self._keep()
