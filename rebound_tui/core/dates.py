"""Dates as the person types and reads them (yyyy-mm-dd), and "today". No Textual import."""

from __future__ import annotations

import datetime as dt
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


def date_problem(text: str) -> str | None:
    """Why ``text`` is not a yyyy-mm-dd date, or None when it is one."""
    try:
        dt.date.fromisoformat(text.strip())
    except ValueError:
        return f'"{text.strip()}" is not a date like {today().isoformat()}'
    return None
