"""Calm-down pacer: paced breathing, then the feeling re-rated against an earlier scale.

Value: ``{"after": number in min..max | None, "rounds": whole number ≥ 0}``. A plain number
(stored when this exercise was a ``scale``) is ``after``. It counts as answered once the
feeling is re-rated: breathing alone is not an answer. ``compare`` names the scale in the
same section that holds the "before" number.
"""

from __future__ import annotations

from typing import Any

from rebound_tui.core.content import Exercise
from rebound_tui.core.kinds.base import Context, Kind, Loaded, as_int, is_empty
from rebound_tui.core.kinds.scale import change, load_scale

Breathing = dict[str, Any]


def rating(value: Any) -> int | None:
    """The number a rating holds: a scale's number, or the re-rating a pacer keeps as
    ``{"after": n, …}`` (the one place that knows both shapes hold a rating)."""
    if isinstance(value, dict):
        value = value.get("after")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def change_note(before: int | None, after: int | None) -> str:
    """``7 → 4  (a little lighter)``, or what is known of it, for the screen."""
    if after is None:
        return f"Before: {before}" if before is not None else ""
    if before is None:
        return f"Now: {after}"
    if after < before:
        note = "a little lighter"
    elif after == before:
        note = "about the same, and that's okay"
    else:
        note = "heavier right now, and that's okay too"
    return f"{before} → {after}  ({note})"


class Pacer(Kind[Breathing]):
    name = "pacer"

    def load(self, exercise: Exercise, raw: Any, context: Context) -> Loaded[Breathing]:
        stored = raw if isinstance(raw, dict) else {"after": raw}
        after = load_scale(stored.get("after"), exercise.min, exercise.max)
        rounds = as_int(stored.get("rounds"))
        odd = after.odd or not isinstance(raw, dict | int | float | None)
        if rounds is None or rounds < 0 or rounds > 10_000:
            odd = odd or not is_empty(stored.get("rounds"))
            rounds = 0
        return Loaded({"after": after.value, "rounds": rounds}, odd=odd)

    def before(self, exercise: Exercise, context: Context) -> int | None:
        if not exercise.compare:
            return None
        return load_scale(context.section.get(exercise.compare), exercise.min, exercise.max).value

    def is_answered(self, exercise: Exercise, value: Breathing) -> bool:
        return value["after"] is not None

    def markdown(self, exercise: Exercise, value: Breathing, context: Context) -> str:
        rounds, after = value["rounds"], value["after"]
        lines = []
        if rounds > 0:
            pattern = "-".join(str(n) for n in exercise.pattern)
            lines.append(f"Breathed {rounds} round{'s' if rounds != 1 else ''} of {pattern}.")
        if after is not None:
            lines.append(f"{change(self.before(exercise, context), after)} / {exercise.max}")
        return "  \n".join(lines)

    def summary(self, exercise: Exercise, value: Breathing, context: Context) -> str:
        after = value["after"]
        if after is None:
            return "—"
        return f"{change(self.before(exercise, context), after)} / {exercise.max}"
