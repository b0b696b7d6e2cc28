"""Which field shows which exercise kind: one explicit map, checked against the core's kinds."""

from __future__ import annotations

from typing import Any

from rebound_tui.core.content import Exercise
from rebound_tui.core.kinds import NO_CONTEXT, Context, Loaded
from rebound_tui.tui.widgets.composer_field import ComposerField
from rebound_tui.tui.widgets.exercise_field import ExerciseField
from rebound_tui.tui.widgets.exercise_kinds import (
    ChecklistField,
    ChoiceField,
    LongTextField,
    ScaleField,
    ShortTextField,
)
from rebound_tui.tui.widgets.if_then_field import IfThenField
from rebound_tui.tui.widgets.pacer_field import PacerField
from rebound_tui.tui.widgets.rows_field import RowsField
from rebound_tui.tui.widgets.thought_record_field import ThoughtRecordField
from rebound_tui.tui.widgets.timed_writing_field import TimedWritingField

FIELD_KINDS: dict[str, type[ExerciseField]] = {
    "long_text": LongTextField,
    "short_text": ShortTextField,
    "timed_writing": TimedWritingField,
    "scale": ScaleField,
    "checklist": ChecklistField,
    "choice": ChoiceField,
    "composer": ComposerField,
    "rows": RowsField,
    "if_then": IfThenField,
    "thought_record": ThoughtRecordField,
    "pacer": PacerField,
}


def field_for(
    exercise: Exercise, loaded: Loaded[Any] | None = None, context: Context = NO_CONTEXT
) -> ExerciseField:
    """The field for an exercise's kind (the content loader only accepts known kinds)."""
    return FIELD_KINDS[exercise.kind](exercise, loaded, context)
