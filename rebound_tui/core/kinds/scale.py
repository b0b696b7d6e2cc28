"""A scale (``min`` … ``max``, e.g. 0-10). Value: a whole number in range, or None.

0 is an answer like any other. A number kept as text or as a whole float loads as the number;
anything else, or a number out of range, is not shown. ``compare`` names an earlier scale (in
any section), so the end of the workbook reads "7 → 4 / 10".
"""

from __future__ import annotations

from typing import Any

from rebound_tui.core.content import Exercise
from rebound_tui.core.kinds.base import Context, Kind, Loaded, as_int, is_empty


def load_scale(raw: Any, low: int, high: int) -> Loaded[int | None]:
    number = as_int(raw)
    if number is not None and low <= number <= high:
        return Loaded(number)
    return Loaded(None, odd=not is_empty(raw))


def change(before: int | None, after: int | None) -> str:
    """``7 → 4`` when both are known, else whichever is."""
    if before is not None and after is not None:
        return f"{before} → {after}"
    return "" if after is None else str(after)


class Scale(Kind[int | None]):
    name = "scale"

    def load(self, exercise: Exercise, raw: Any, context: Context) -> Loaded[int | None]:
        return load_scale(raw, exercise.min, exercise.max)

    def before(self, exercise: Exercise, context: Context) -> int | None:
        """The compared scale's number, if this scale names one and it is answered."""
        if not exercise.compare:
            return None
        return load_scale(context.answer(exercise.compare), exercise.min, exercise.max).value

    def is_answered(self, exercise: Exercise, value: int | None) -> bool:
        return value is not None

    def markdown(self, exercise: Exercise, value: int | None, context: Context) -> str:
        if value is None:
            return ""
        label = ""
        if value == exercise.min and exercise.low:
            label = f" ({exercise.low})"
        elif value == exercise.max and exercise.high:
            label = f" ({exercise.high})"
        return f"{change(self.before(exercise, context), value)} / {exercise.max}{label}"

    def summary(self, exercise: Exercise, value: int | None, context: Context) -> str:
        if value is None:
            return "—"
        return f"{change(self.before(exercise, context), value)} / {exercise.max}"
