"""Timed writing (the vent: expressive writing), and the days the person wrote in it.

Expressive writing as published (Pennebaker & Beall, 1986) is done on three or four days, so
the entry remembers on which days the person wrote here: a day counts when the text changed
that day or the timer was used. Only the dates are kept, never a copy of the text.

Value: ``{"text": str, "days": [yyyy-mm-dd, ...]}`` (days oldest first, each once). Older
answers are a plain string (the text, no days) and load unchanged; so does anything
:func:`~rebound_tui.core.kinds.text.load_text` reads. A day that is not a yyyy-mm-dd date is
left out and the answer says so (``odd``). No Textual import.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict

from rebound_tui.core.content import Exercise
from rebound_tui.core.dates import parse_date
from rebound_tui.core.kinds.base import Context, Kind, Loaded, quote, shorten, text_lines
from rebound_tui.core.kinds.text import load_text

#: On how many days the published method has people write.
SUGGESTED_DAYS = (3, 4)


class Written(TypedDict):
    text: str
    days: list[str]


def written(text: str = "", days: list[str] | None = None) -> Written:
    return {"text": text, "days": list(days or [])}


def load_written(raw: Any) -> Loaded[Written]:
    """The text and the days, from any shape a vent answer was stored in."""
    if isinstance(raw, dict) and "days" in raw:
        text = load_text({"text": raw.get("text", "")})
        stored = raw.get("days")
        items = stored if isinstance(stored, list) else []
        found = [parse_date(item) if isinstance(item, str) else None for item in items]
        days = sorted({day.isoformat() for day in found if day is not None})
        extra = set(raw) - {"text", "days"}
        odd = text.odd or not isinstance(stored, list) or None in found or bool(extra)
        return Loaded(written(text.value, days), odd=odd)
    text = load_text(raw)
    return Loaded(written(text.value), odd=text.odd)


def with_day(value: Written, day: date) -> Written:
    """``value`` with ``day`` counted as a day written on (once, in order)."""
    days = sorted({*value["days"], day.isoformat()})
    return written(value["text"], days)


def _short(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def days_line(days: list[str], today: date) -> str:
    """The calm line under the vent about the days written so far ("" before the first)."""
    found = [d for d in (parse_date(day) for day in days) if d is not None]
    if not found:
        return ""
    last = max(found)
    when = "today" if last == today else _short(last)
    low, high = SUGGESTED_DAYS
    stop = "stop whenever it becomes too much."
    if len(found) == 1:
        wrote = "You've written here today." if last == today else f"You wrote here on {when}."
        return (
            f"{wrote} Coming back on the next two or three days is what the method suggests; {stop}"
        )
    if len(found) < low:
        return (
            f"You've written here on {len(found)} days (last: {when}). Writing again on a "
            f"third or fourth day is what the method suggests; {stop}"
        )
    if len(found) < high:
        return (
            f"You've written here on {len(found)} days (last: {when}). One more day would "
            f"make the four the method suggests, if it helps; {stop}"
        )
    return (
        f"You've written here on {len(found)} days (last: {when}): as many as the method "
        "suggests. You can come back any time, or leave it here."
    )


def days_note(days: list[str]) -> str:
    """The export's line about the days written ("" when none were counted)."""
    found = [d for d in (parse_date(day) for day in days) if d is not None]
    if not found:
        return ""
    count = "1 day" if len(found) == 1 else f"{len(found)} days"
    return f"*Written on {count}: {', '.join(_short(day) for day in found)}.*"


class TimedWriting(Kind[Written]):
    """The vent: its text is quoted like ``long_text``; its days follow it in the export."""

    name = "timed_writing"

    def load(self, exercise: Exercise, raw: Any, context: Context) -> Loaded[Written]:
        return load_written(raw)

    def is_answered(self, exercise: Exercise, value: Written) -> bool:
        return bool(value["text"].strip())

    def markdown(self, exercise: Exercise, value: Written, context: Context) -> str:
        note = days_note(value["days"])
        return f"{quote(value['text'])}\n\n{note}" if note else quote(value["text"])

    def data(self, exercise: Exercise, value: Written, context: Context) -> Any:
        return value if value["days"] else value["text"]

    def summary(self, exercise: Exercise, value: Written, context: Context) -> str:
        return shorten(value["text"])

    def lines(self, exercise: Exercise, value: Written, context: Context) -> list[str]:
        return text_lines(value["text"])  # the days are the app's note, not the person's words


def vent_text(raw: Any) -> str:
    """Just the text of a stored vent answer, whatever its shape."""
    return load_written(raw).value["text"]
