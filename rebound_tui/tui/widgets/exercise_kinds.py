"""The input widget for each exercise kind, registered by kind name in :mod:`exercise_field`."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, RadioSet, SelectionList, Static, TextArea

from rebound_tui.core.content import Exercise
from rebound_tui.tui.widgets.exercise_field import ExerciseField
from rebound_tui.tui.widgets.line_breaks import from_area, to_area
from rebound_tui.tui.widgets.marked_toggles import MarkedRadioButton, MarkedSelectionList
from rebound_tui.tui.widgets.scale_input import ScaleInput
from rebound_tui.tui.widgets.start_rating import StartRating

MAX_SHORT = 500


def answer_area(exercise: Exercise, initial: object) -> TextArea:
    """The multi-line box every free-text kind writes in (Tab moves on, it never indents)."""
    return TextArea(
        to_area(str(initial or "")),
        soft_wrap=True,
        tab_behavior="focus",
        show_line_numbers=False,
        placeholder=exercise.placeholder,
        id=f"input-{exercise.id}",
    )


def show_in_area(field: ExerciseField, value: Any) -> bool:
    """Put text into a field's text area in place, without posting a change."""
    area = field.query_one(TextArea)
    with field.prevent(TextArea.Changed):
        area.load_text(to_area(str(value or "")))
    return True


class LongTextField(ExerciseField):
    kind = "long_text"

    DEFAULT_CSS = """
    LongTextField TextArea {
        height: auto;
        min-height: 5;
        max-height: 16;
    }
    """

    def make_input(self) -> Widget:
        return answer_area(self.exercise, self.initial)

    def show(self, value: Any) -> bool:
        return show_in_area(self, value)

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.answer(from_area(event.text_area.text))


class ShortTextField(ExerciseField):
    kind = "short_text"

    def make_input(self) -> Widget:
        return Input(
            str(self.initial or ""),
            placeholder=self.exercise.placeholder,
            max_length=MAX_SHORT,
            id=f"input-{self.exercise.id}",
        )

    def show(self, value: Any) -> bool:
        box = self.query_one(Input)
        with self.prevent(Input.Changed):
            box.value = str(value or "")
        return True

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.answer(event.value)


class ScaleField(ExerciseField):
    kind = "scale"

    DEFAULT_CSS = """
    ScaleField > .ends {
        color: $text-muted;
        height: 1;
    }
    """

    def make_input(self) -> Widget:
        value = self.initial if isinstance(self.initial, int) else None
        return ScaleInput(
            self.exercise.min, self.exercise.max, value, id=f"input-{self.exercise.id}"
        )

    def compose(self) -> ComposeResult:
        yield from super().compose()
        low, high = self.exercise.low, self.exercise.high
        if low or high:
            ends = f"{self.exercise.min} = {low}" if low else ""
            if high:
                ends += f"{'   ' if ends else ''}{self.exercise.max} = {high}"
            yield Static(
                ends + f"   (type {self.exercise.min}-{self.exercise.max} or use ← →)",
                classes="ends",
                markup=False,
            )
        if self.exercise.compare:
            yield StartRating(self.exercise)

    @on(ScaleInput.Changed)
    def _changed(self, event: ScaleInput.Changed) -> None:
        event.stop()
        self.answer(event.value)


class ChecklistField(ExerciseField):
    kind = "checklist"

    DEFAULT_CSS = """
    ChecklistField SelectionList {
        height: auto;
        max-height: 14;
    }
    """

    def make_input(self) -> Widget:
        chosen = set(self.initial) if isinstance(self.initial, list) else set()
        return MarkedSelectionList(
            *[(Text(option), option, option in chosen) for option in self.exercise.options],
            id=f"input-{self.exercise.id}",
        )

    @on(SelectionList.SelectedChanged)
    def _changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        chosen = set(event.selection_list.selected)
        # Keep the content's order, whatever order they were ticked in.
        self.answer([o for o in self.exercise.options if o in chosen])


class ChoiceField(ExerciseField):
    kind = "choice"

    DEFAULT_CSS = """
    ChoiceField RadioSet {
        height: auto;
        width: 1fr;
    }
    """

    def make_input(self) -> Widget:
        return RadioSet(
            *[
                MarkedRadioButton(Text(option), value=(option == self.initial))
                for option in self.exercise.options
            ],
            id=f"input-{self.exercise.id}",
        )

    @on(RadioSet.Changed)
    def _changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.answer(self.exercise.options[event.index])
