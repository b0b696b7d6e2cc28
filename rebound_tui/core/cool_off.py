"""Cool off before sending: a message drafted while feelings run high waits a night.

A composer may name the ratings to look at (``cool_off_ratings``, the latest first) and the
rating from which its note suggests reading the message again tomorrow (``cool_off_from``).
No Textual import.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from rebound_tui.core.model import Exercise


def latest_rating(ids: tuple[str, ...], answers: Mapping[str, Mapping[str, Any]]) -> int | None:
    """The first of ``ids`` that has a rating in the entry's answers (a scale or a pacer)."""
    for exercise_id in ids:
        for section in answers.values():
            if not isinstance(section, Mapping) or exercise_id not in section:
                continue
            value = section[exercise_id]
            number = value.get("after") if isinstance(value, dict) else value
            if isinstance(number, int) and not isinstance(number, bool):
                return number
    return None


def cool_off_note(exercise: Exercise, answers: Mapping[str, Mapping[str, Any]], today: date) -> str:
    """ "Read it again tomorrow (date) before sending" when the latest rating is high, else ""."""
    if exercise.cool_off_from is None:
        return ""
    rating = latest_rating(exercise.cool_off_ratings, answers)
    if rating is None or rating < exercise.cool_off_from:
        return ""
    tomorrow = today + timedelta(days=1)
    when = f"{tomorrow:%A} {tomorrow.day} {tomorrow:%B}"
    return (
        f"Your feelings were strong today ({rating}/10): read it again tomorrow, {when}, "
        "before sending."
    )
