"""Timed writing (expressive writing): free text with an optional, visible countdown.

The timer is optional: start, pause and resume it with its button; when it ends, a gentle
message from the content appears and the writing stays open. Value: the text and the days
written on (:mod:`rebound_tui.core.kinds.timed_writing`): a day counts when the text changes
or the timer is started that day, and a calm line under the timer says how many there were.
The timer itself is kept apart (:mod:`rebound_tui.core.writing_timer`).
"""

from __future__ import annotations

from typing import Any, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Button, Static, TextArea

from rebound_tui.core import dates, writing_timer
from rebound_tui.core.content import Exercise
from rebound_tui.core.kinds import NO_CONTEXT, Context, Loaded
from rebound_tui.core.kinds.timed_writing import Written, days_line, with_day, written
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
        max-height: 45vh;  /* the box and the countdown under it fit on screen together */
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
    TimedWritingField .days {
        color: $text-muted;
        width: 1fr;
    }
    TimedWritingField .days.-empty {
        display: none;
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
            self._switch()
        else:
            self._show()

    @property
    def value(self) -> Written:
        """The text and days as shown (what was last loaded or posted)."""
        if isinstance(self.shown, dict):
            return cast(Written, self.shown)
        return written()

    def _keep(self) -> None:
        """Keep the countdown as shown: on start, pause and end, every ten seconds while it
        runs (for a restart) and when its screen is left (``keep_timer``)."""
        kept = self._kept_in()
        if kept is not None:
            writing_timer.save(*kept, self.exercise.id, self.remaining, self.running)

    def compose_input(self) -> ComposeResult:
        yield self.steady(answer_area(self.exercise, self.value["text"]))
        with Horizontal(classes="timer-row"):
            yield Static(self._countdown_text(), classes="countdown", markup=False)
            yield self.steady(Button(self._button_text(), compact=True, classes="timer-button"))
        yield Static(self.exercise.end_message, classes="end", markup=False)
        line = self._days_text()
        yield Static(line, classes="days" if line else "days -empty", markup=False)

    def show(self, value: Any) -> bool:
        show_in_area(self, value["text"] if isinstance(value, dict) else "")
        self._show_days()
        return True

    def _days_text(self) -> str:
        return days_line(self.value["days"], dates.today())

    def _show_days(self) -> None:
        line = self._days_text()
        days = self.query_one(".days", Static)
        days.update(line)
        days.set_class(not line, "-empty")

    def _count_today(self, text: str) -> None:
        """The person wrote (or started the timer) today: the entry remembers the day."""
        counted = with_day(written(text, self.value["days"]), dates.today())
        if counted != self.value:
            self.answer(counted)
        self._show_days()

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
        text = from_area(event.text_area.text)
        if text != self.value["text"]:
            self._count_today(text)
        self.call_after_refresh(self._countdown_in_view)

    def on_descendant_focus(self) -> None:
        """On the box or on the timer's button: the writing and the countdown in view."""
        self.call_after_refresh(self._countdown_in_view, box_too=True)

    def _countdown_in_view(self, box_too: bool = False) -> None:
        """While writing, the view follows the cursor down the growing box: it shows the
        countdown under the box too (the box is at most 45% of the screen, so both fit)."""
        area = self.query_one(TextArea)
        if box_too and not area.has_focus:
            area.scroll_visible(animate=False)
        if box_too or area.has_focus:
            self.query_one(".timer-row").scroll_visible(animate=False)

    @on(Button.Pressed, ".timer-button")
    def toggle(self, event: Button.Pressed | None = None) -> None:
        if event:
            event.stop()
        if not self.running:
            self._count_today(self.value["text"])
        self._switch()

    def _switch(self) -> None:
        """Start or pause the countdown (a kept running timer goes on through here)."""
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
