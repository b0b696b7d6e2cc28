"""Calm-down pacer: paced breathing with a timer, then the feeling re-rated, showing the change.

Value: ``{"after": int | None, "rounds": int}`` (older shapes and the "before" number:
:mod:`rebound_tui.core.kinds.pacer`).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Button, Label, Static

from rebound_tui.core.content import Exercise
from rebound_tui.core.kinds import NO_CONTEXT, Context, Loaded
from rebound_tui.core.kinds.pacer import Pacer, change_note
from rebound_tui.tui.widgets.breath_pacer import BreathPacer
from rebound_tui.tui.widgets.exercise_field import ExerciseField
from rebound_tui.tui.widgets.scale_input import ScaleInput

PACER = Pacer()
TICK = 0.1  # seconds between frames when moving; once a second when motion is reduced


class PacerField(ExerciseField):
    kind = "pacer"

    DEFAULT_CSS = """
    PacerField .pacer-row {
        height: 1;
        margin: 0 0 1 0;
    }
    PacerField .pacer-clock {
        width: auto;
        margin: 0 2 0 0;
    }
    PacerField .rerate {
        margin: 1 0 0 0;
        width: 1fr;
    }
    PacerField .change {
        text-style: bold;
        width: 1fr;
    }
    """

    def __init__(
        self, exercise: Exercise, loaded: Loaded[Any] | None = None, context: Context = NO_CONTEXT
    ) -> None:
        self.after: int | None = None
        self.rounds_done = 0
        super().__init__(exercise, loaded, context)
        self._timer: Timer | None = None

    def take(self, value: Any) -> None:
        super().take(value)
        if isinstance(value, dict):
            self.after, self.rounds_done = value["after"], value["rounds"]

    def compose_input(self) -> ComposeResult:
        pattern, phases = self.exercise.pattern, self.exercise.phases
        yield BreathPacer(pattern, phases, self.exercise.rounds, still=self.reduced_motion)
        with Horizontal(classes="pacer-row"):
            yield Static(self._clock(), classes="pacer-clock", markup=False)
            yield self.steady(Button("Start breathing", compact=True, classes="pacer-button"))
        yield Label(self.exercise.rerate, classes="rerate", markup=False)
        yield ScaleInput(
            self.exercise.min, self.exercise.max, self.after, id=f"input-{self.exercise.id}"
        )
        yield Static("", classes="change", markup=False)

    def on_mount(self) -> None:
        self._show_change()

    @property
    def pacer(self) -> BreathPacer:
        return self.query_one(BreathPacer)

    def _clock(self) -> str:
        total = sum(self.exercise.pattern) * self.exercise.rounds
        elapsed = int(self.query_one(BreathPacer).elapsed) if self.is_mounted else 0
        return f"Timer: {elapsed // 60}:{elapsed % 60:02d} of {total // 60}:{total % 60:02d}"

    def _show_change(self) -> None:
        before = PACER.before(self.exercise, self.context)
        self.query_one(".change", Static).update(change_note(before, self.after))

    def value(self) -> dict[str, Any]:
        return {"after": self.after, "rounds": self.rounds_done}

    def on_descendant_focus(self) -> None:
        self._show_change()  # the "before" number may have changed further up

    @on(Button.Pressed, ".pacer-button")
    def toggle(self, event: Button.Pressed | None = None) -> None:
        if event:
            event.stop()
        pacer = self.pacer
        if pacer.running:
            pacer.running = False
            if self._timer:
                self._timer.pause()
        else:
            if pacer.elapsed >= pacer.total:
                pacer.elapsed = 0.0
            pacer.running = True
            if self._timer is None:
                step = 1.0 if self.reduced_motion else TICK
                self._timer = self.set_interval(step, lambda: self.tick(step))
            else:
                self._timer.resume()
        self._show_clock()

    def tick(self, seconds: float) -> None:
        """``seconds`` of breathing have passed."""
        pacer = self.pacer
        if not pacer.running:
            return
        pacer.elapsed = min(pacer.total, pacer.elapsed + seconds)
        rounds = int(pacer.elapsed // sum(self.exercise.pattern))
        if rounds != self.rounds_done and rounds > self.rounds_done:
            self.rounds_done = rounds
            if self.after is not None:
                self.answer(self.value())
        if pacer.elapsed >= pacer.total:
            pacer.running = False
            if self._timer:
                self._timer.pause()
        self._show_clock()

    def _show_clock(self) -> None:
        running = self.pacer.running
        label = (
            "Pause"
            if running
            else ("Resume" if 0 < self.pacer.elapsed < self.pacer.total else "Start breathing")
        )
        self.query_one(".pacer-button", Button).label = label
        self.query_one(".pacer-clock", Static).update(self._clock())

    @on(ScaleInput.Changed)
    def _rated(self, event: ScaleInput.Changed) -> None:
        event.stop()
        if event.value == self.after:
            return
        self.after = event.value
        self._show_change()
        self.answer(self.value())
