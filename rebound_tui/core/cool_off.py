"""Cool off before sending: a message drafted while feelings run high waits a night.

A composer may name the ratings to look at (``cool_off_ratings``, the latest first) and the
rating from which its note suggests reading the message again tomorrow (``cool_off_from``).
A draft written while that holds stores the day to read it again (the composer's ``reread``),
which the note names from then on and ``rebound remind`` turns into a calendar event.
No Textual import.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from rebound_tui.core.dates import parse_date
from rebound_tui.core.kinds.pacer import rating
from rebound_tui.core.model import Exercise


def latest_rating(ids: tuple[str, ...], answers: Mapping[str, Mapping[str, Any]]) -> int | None:
    """The first of ``ids`` that has a rating in the entry's answers (a scale or a pacer)."""
    for exercise_id in ids:
        for section in answers.values():
            if not isinstance(section, Mapping) or exercise_id not in section:
                continue
            number = rating(section[exercise_id])
            if number is not None:
                return number
    return None


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def reread_day(
    exercise: Exercise, answers: Mapping[str, Mapping[str, Any]], today: date
) -> date | None:
    """The day to read again a draft written ``today``: tomorrow, while the latest rating is
    at least the composer's ``cool_off_from``; None when there is no need."""
    if exercise.cool_off_from is None:
        return None
    rating = latest_rating(exercise.cool_off_ratings, answers)
    if rating is None or rating < exercise.cool_off_from:
        return None
    return today + timedelta(days=1)


def cool_off_note(
    exercise: Exercise,
    answers: Mapping[str, Mapping[str, Any]],
    today: date,
    reread: str | None = None,
) -> str:
    """The line under a composer not yet sent: the day set to read it again (``reread``,
    stored when it was drafted), or, before any draft, tomorrow while feelings run high."""
    planned = parse_date(reread) if reread else None
    if planned is not None:
        if today < planned:
            return (
                f"You drafted this while your feelings ran high: read it again on "
                f"{_day(planned)} before sending."
            )
        return (
            f"You planned to read this again on {_day(planned)}: read it once more with "
            "fresh eyes, then decide whether to send it."
        )
    tomorrow = reread_day(exercise, answers, today)
    if tomorrow is None:
        return ""
    return (
        f"Your feelings are running high today: whatever you draft here, read it again "
        f"tomorrow, {_day(tomorrow)}, before sending."
    )
