"""Dates as the person types and reads them (yyyy-mm-dd), and "today". No Textual import."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

#: Today's date. Tests and screenshots pin it (:func:`set_today`) to get the
#: same result every day; everything that needs today calls :func:`today`.
_today: Callable[[], dt.date] = dt.date.today


def today() -> dt.date:
    return _today()


def set_today(source: Callable[[], dt.date]) -> None:
    """Pin "today" (tests, screenshots); ``dt.date.today`` puts the calendar back."""
    global _today
    _today = source


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str) -> dt.date | None:
    """The day a yyyy-mm-dd date names (the one shape Rebound stores), or None.

    The one rule for an entry's date: the new-entry form, the store and an import all ask
    here. (Python's ``fromisoformat`` alone would also take ``20261102`` or ``2026-W45-1``.)
    """
    text = text.strip()
    if not _DAY.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def date_problem(text: str) -> str | None:
    """Why ``text`` is not a yyyy-mm-dd date, or None when it is one."""
    if parse_date(text) is None:
        return f'"{text.strip()}" is not a date like {today().isoformat()}'
    return None
