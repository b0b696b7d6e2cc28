"""The checks on what a person says about a rejection, and the time stamps of changes.

No Textual import here.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from rebound_tui.core.dates import parse_date
from rebound_tui.core.storage.decode import ENTRY_FACTS

__all__ = ["check_facts", "now"]


_last_stamp: tuple[int, str] = (-1, "")


def now() -> str:
    """This second as a local ISO stamp with its offset. Typing stamps many changes a
    second: the text is made once per second (from that second, so it is exact)."""
    global _last_stamp
    second = int(time.time())
    if _last_stamp[0] != second:
        moment = dt.datetime.fromtimestamp(second).astimezone()
        _last_stamp = (second, moment.isoformat(timespec="seconds"))
    return _last_stamp[1]


def _check_date(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise TypeError(f"date must be an ISO yyyy-mm-dd string, not {type(value).__name__}")
    if value and parse_date(value) is None:
        raise ValueError(f"date must be yyyy-mm-dd, not {value!r}")
    return value


def check_facts(facts: dict[str, Any]) -> dict[str, Any]:
    checked: dict[str, Any] = {}
    for name, value in facts.items():
        if name not in ENTRY_FACTS:
            raise TypeError(f"unknown entry fact {name!r} (known: {', '.join(ENTRY_FACTS)})")
        if name == "date":
            value = _check_date(value)
        elif not isinstance(value, ENTRY_FACTS[name]):
            kind = ENTRY_FACTS[name].__name__
            raise TypeError(f"{name} must be {kind}, not {type(value).__name__}")
        checked[name] = value
    return checked
