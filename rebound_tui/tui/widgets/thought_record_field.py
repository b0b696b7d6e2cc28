"""A seven-step thought record (after Greenberger & Padesky), one step on screen at a time.

Steps: situation; feelings and how strong each one is (0-100); the hot thought, with common
thinking traps to tick, each answered by a fact from the lesson; evidence for; evidence
against; a balanced thought and how much it is believed (0-100); each feeling re-rated beside
its earlier number (:mod:`feeling_ratings`; a record from before that keeps its one number for
all of them). The hot thought stays in view on the later steps. The content words every step
and every trap.

Value: a dict keyed by ``TEXT_KEYS`` (strings), ``NUMBER_KEYS`` (0-100 or None), ``traps``
(names of the ticked traps) and ``each`` (one rating per feeling); older shapes:
:mod:`rebound_tui.core.kinds.thought_record`.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Label, Static, TextArea

from rebound_tui.core.content import Exercise
from rebound_tui.core.kinds import NO_CONTEXT, Context, Loaded
from rebound_tui.core.kinds.thought_record import (
    empty_record,
    feeling_names,
    one_number,
    rate_each,
)
from rebound_tui.tui.widgets.cells import LabelledTick, LineArea
from rebound_tui.tui.widgets.exercise_field import ExerciseField
from rebound_tui.tui.widgets.feeling_ratings import FeelingRatings
from rebound_tui.tui.widgets.line_breaks import from_area, to_area
from rebound_tui.tui.widgets.scale_input import ScaleInput

#: What the keys do on each step, shown under the buttons (and only what really happens).
STEP_KEYS = (
    "Enter: next step",
    "Enter: on to the ratings · Enter on a rating: the next one, then the next step",
    "Enter: on to the traps · Space ticks one · Tab: on through them to Next ▶",
    "Enter: a new line · Tab: to Next ▶",
    "Enter: a new line · Tab: to Next ▶",
    "Enter: a new line · Tab: to the rating, then Enter: next step",
    "◀ Back returns to the earlier steps",
)
SCALE_KEYS = "(type 7 for 70, 10 for 100, or use ← →)"


class ThoughtRecordField(ExerciseField):
    kind = "thought_record"

    DEFAULT_CSS = """
    ThoughtRecordField .step-title {
        text-style: bold;
        color: $accent;
        width: 1fr;
    }
    ThoughtRecordField .pinned {
        text-style: italic;
        color: $text-muted;
        width: 1fr;
    }
    ThoughtRecordField .step {
        height: auto;
        display: none;
    }
    ThoughtRecordField .step.-current {
        display: block;
    }
    ThoughtRecordField TextArea {
        height: auto;
        min-height: 4;
        max-height: 12;
    }
    ThoughtRecordField LineArea {
        min-height: 3;
        max-height: 8;
    }
    ThoughtRecordField .step Label {
        width: 1fr;
        margin: 1 0 0 0;
    }
    ThoughtRecordField .step .traps Label {
        margin: 0;
    }
    ThoughtRecordField .traps {
        height: auto;
    }
    ThoughtRecordField .traps {
        padding: 0 0 0 1;
    }
    ThoughtRecordField .step-keys {
        color: $text-muted;
        width: 1fr;
    }
    ThoughtRecordField .facts {
        width: 1fr;
        color: $text-muted;
        padding: 0 0 0 2;
    }
    ThoughtRecordField .step-nav {
        height: 1;
        margin: 1 0 0 0;
    }
    ThoughtRecordField .step-nav Button {
        margin: 0 2 0 0;
        width: auto;
        min-width: 0;
        padding: 0 2;
    }
    """

    def __init__(
        self, exercise: Exercise, loaded: Loaded[Any] | None = None, context: Context = NO_CONTEXT
    ) -> None:
        self.record = empty_record()
        super().__init__(exercise, loaded, context)
        self.current = 0

    def take(self, value: Any) -> None:
        super().take(value)
        self.record = dict(value) if isinstance(value, dict) else empty_record()
        self.record["traps"] = list(self.record["traps"])
        self.record["each"] = [dict(item) for item in self.record.get("each", [])]
        #: A record from before each feeling had its own rating keeps its one number.
        self.one_number = one_number(self.record)

    # ------------------------------------------------------------------ layout

    def compose_input(self) -> ComposeResult:
        yield Label("", classes="step-title", markup=False)
        yield Static("", classes="pinned", markup=False)
        record = self.record
        with Vertical(classes="step -current"):
            yield self._line("situation")
        with Vertical(classes="step"):
            yield self._line("feelings")
            if self.one_number:
                yield Label(f"How strong, 0 to 100? {SCALE_KEYS}", markup=False)
                yield self._scale("intensity")
            else:
                yield Label(f"How strong is each one, 0 to 100? {SCALE_KEYS}", markup=False)
                yield FeelingRatings(self.exercise.id, "before", record["each"])
        with Vertical(classes="step"):
            yield self._line("hot-thought")
            yield Label("Does it sound like one of these traps? (Space ticks)", markup=False)
            with Vertical(classes="traps", id=f"input-{self.exercise.id}-traps"):
                for trap in self.exercise.traps:
                    yield LabelledTick(
                        f"{trap.name}: {trap.example}", trap.name in record["traps"], name=trap.name
                    )
            yield Static(self._facts(), classes="facts", markup=False)
        with Vertical(classes="step"):
            yield self._area("evidence-for")
        with Vertical(classes="step"):
            yield self._area("evidence-against")
            yield Static(self._facts(), classes="facts", markup=False)
        with Vertical(classes="step"):
            yield self._area("balanced-thought")
            yield Label(
                f"How much do you believe it, 0 to 100? {SCALE_KEYS}",
                markup=False,
            )
            yield self._scale("belief")
        with Vertical(classes="step"):
            yield Static("", classes="feelings-again", markup=False)
            if self.one_number:
                yield self._scale("rerated")
            else:
                yield FeelingRatings(self.exercise.id, "after", record["each"])
            yield Static("", classes="rerate-change", markup=False)
        with Horizontal(classes="step-nav"):
            # Next comes first, so one Tab from the last box of a step reaches it.
            yield self.steady(Button("Next ▶", compact=True, classes="next"))
            yield self.steady(Button("◀ Back", compact=True, classes="back"))
        yield Static("", classes="step-keys", markup=False)

    def _line(self, key: str) -> Widget:
        """A short answer: grows with its text like the others, but Enter moves on."""
        return self.steady(
            LineArea(
                to_area(str(self.record[key] or "")),
                soft_wrap=True,
                tab_behavior="focus",
                show_line_numbers=False,
                id=f"input-{self.exercise.id}-{key}",
            )
        )

    def _area(self, key: str) -> Widget:
        return self.steady(
            TextArea(
                to_area(str(self.record[key] or "")),
                soft_wrap=True,
                tab_behavior="focus",
                show_line_numbers=False,
                id=f"input-{self.exercise.id}-{key}",
            )
        )

    def _scale(self, key: str) -> Widget:
        value = self.record[key]
        return ScaleInput(
            0,
            100,
            value if isinstance(value, int) else None,
            step=10,
            id=f"input-{self.exercise.id}-{key}",
        )

    BINDINGS = [Binding("enter", "enter_next", "Next step", show=False)]

    def on_mount(self) -> None:
        self.show_step(self.current)

    # ------------------------------------------------------------------ steps

    def show_step(self, index: int) -> None:
        steps = list(self.query(".step"))
        self.current = max(0, min(len(steps) - 1, index))
        for number, step in enumerate(steps):
            step.set_class(number == self.current, "-current")
        title = self.exercise.steps[self.current]
        self.query_one(".step-title", Label).update(
            f"Step {self.current + 1} of {len(steps)} · {title}"
        )
        hot = str(self.record["hot-thought"] or "").strip()
        pinned = self.query_one(".pinned", Static)
        pinned.update(f"Hot thought: “{hot}”" if hot else "")
        pinned.display = bool(hot) and self.current > 2
        self.query_one(".back", Button).disabled = self.current == 0
        self.query_one(".next", Button).disabled = self.current == len(steps) - 1
        self.query_one(".step-keys", Static).update(STEP_KEYS[self.current])
        self.query_one(".rerate-change", Static).update(self._rerate_text())
        feelings = str(self.record["feelings"] or "").strip()
        again = f"Step 2: {feelings}" + self._number_note("intensity") if feelings else ""
        if not self.one_number and self.record["each"]:
            again = "Each feeling, with its number from step 2:"
        self.query_one(".feelings-again", Static).update(again)

    def _number_note(self, key: str) -> str:
        value = self.record[key]
        return f" ({value} / 100)" if isinstance(value, int) else ""

    def _facts(self) -> str:
        ticked = [t for t in self.exercise.traps if t.name in self.record["traps"]]
        return "\n".join(f"• {t.name}: {t.question}" for t in ticked)

    def _rerate_text(self) -> str:
        if not self.one_number:
            return ""  # each feeling's change is beside it
        before, after = self.record["intensity"], self.record["rerated"]
        if isinstance(before, int) and isinstance(after, int):
            return f"{before} → {after}"
        return f"Before: {before}" if isinstance(before, int) else ""

    @on(Button.Pressed, ".back")
    def back(self, event: Button.Pressed | None = None) -> None:
        if event:
            event.stop()
        self.show_step(self.current - 1)
        self._focus_step()

    @on(Button.Pressed, ".next")
    def next_step(self, event: Button.Pressed | None = None) -> None:
        if event:
            event.stop()
        self.show_step(self.current + 1)
        self._focus_step()

    def _focus_step(self) -> None:
        step = list(self.query(".step"))[self.current]
        first = next((w for w in step.query("*") if w.focusable), None)
        if first is not None:
            first.focus(scroll_visible=False)
        self.call_after_refresh(self._question_in_view)

    def _question_in_view(self) -> None:
        """The step's question at the top of the view, with the box below it."""
        self.query_one(".step-title").scroll_visible(top=True, animate=False)

    def action_enter_next(self) -> None:
        """Enter on a rating (nothing else uses Enter there) moves to the next rating of the
        step, or from the last one to the next step."""
        focused = self.screen.focused
        if not isinstance(focused, ScaleInput):
            return
        step = list(self.query(".step"))[self.current]
        scales = list(step.query(ScaleInput))
        if focused in scales and focused is not scales[-1]:
            scales[scales.index(focused) + 1].focus()
        elif self.current < len(STEP_KEYS) - 1:
            self.next_step()

    @on(LineArea.Submitted)
    def _line_submitted(self, event: LineArea.Submitted) -> None:
        """Enter in a short answer: on to the rest of the step, or to the next step."""
        event.stop()
        step = list(self.query(".step"))[self.current]
        focusable = [w for w in step.query("*") if w.focusable]
        if event.area in focusable and focusable[-1] is not event.area:
            focusable[focusable.index(event.area) + 1].focus()
        else:
            self.next_step()

    # ------------------------------------------------------------------ answers

    def _key(self, widget: Widget) -> str:
        return (widget.id or "").removeprefix(f"input-{self.exercise.id}-")

    def _save(self) -> None:
        record = dict(self.record)
        record["each"] = [dict(item) for item in self.record["each"]]
        self.answer(record)

    @on(TextArea.Changed)
    def _area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        key = self._key(event.text_area)
        self.record[key] = from_area(event.text_area.text)
        if key == "feelings" and not self.one_number:
            self._name_feelings()
        self._save()

    def _name_feelings(self) -> None:
        """The feelings named in step 2 changed: one rating each (numbers kept by name)."""
        each = rate_each(self.record["each"], feeling_names(self.record["feelings"]))
        if [i["feeling"] for i in each] == [i["feeling"] for i in self.record["each"]]:
            return
        self.record["each"] = each
        for ratings in self.query(FeelingRatings):
            ratings.show_each(each)

    @on(ScaleInput.Changed)
    def _scale_changed(self, event: ScaleInput.Changed) -> None:
        event.stop()
        key = self._key(event.scale)
        which, _, index = key.partition("-")
        if which in ("before", "after") and index.isdigit():  # one feeling's rating
            item = self.record["each"][int(index)]
            if item[which] == event.value:
                return
            item[which] = event.value
            for ratings in self.query(FeelingRatings):
                ratings.relabel()
            self._save()
            return
        if self.record[key] == event.value:
            return
        self.record[key] = event.value
        self.query_one(".rerate-change", Static).update(self._rerate_text())
        self._save()

    @on(LabelledTick.Changed)
    def _traps_changed(self, event: LabelledTick.Changed) -> None:
        event.stop()
        chosen = {tick.name for tick in self.query(LabelledTick) if tick.value}
        self.record["traps"] = [t.name for t in self.exercise.traps if t.name in chosen]
        for facts in self.query(".facts"):
            facts.update(self._facts())  # type: ignore[attr-defined]
        self._save()
