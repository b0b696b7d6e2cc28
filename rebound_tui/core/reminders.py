"""Dates people typed, as calendar events (``rebound remind``): RFC 5545 via ``icalendar``.

Where the dates come from (all read from the answers, for the exercises the entry shows):

- a ``rows`` exercise with a column whose heading asks *when* (or for a *date*), such as next
  steps' "By when": one event per row not marked done, titled by the row's first cell;
- a message marked sent (a ``composer`` answer's ``sent`` date): one event on that day;
- a "read it again tomorrow" cool-off (a ``composer`` answer's ``reread`` date): one event.

A date is a day (``2026-12-04``, ``4 Dec 2026``, ``December 4, 2026``): an all-day event. With a
time (``2026-12-04 14:30``) it is a half-hour event at that local time. Anything else
(``Friday``, ``soon``) is not guessed at: it comes back as a :class:`Skipped` note.

UIDs are stable: the same entry (its id and creation time), exercise and row give the same UID
every time, so importing a newer file into a calendar updates an event instead of adding it
twice. No Textual import.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from icalendar import Alarm, Calendar, Event

from rebound_tui import __version__
from rebound_tui.core import kinds
from rebound_tui.core.content import Exercise, Workbook
from rebound_tui.core.dates import parse_date
from rebound_tui.core.entry_names import entry_title
from rebound_tui.core.text import visible
from rebound_tui.core.ticks import is_ticked

if TYPE_CHECKING:
    from rebound_tui.core.storage.store import Entry

__all__ = ["Reminder", "Skipped", "calendar", "parse_when", "reminders"]

_DAY_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%b %d, %Y", "%B %d, %Y")
_ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$")


@dataclass(frozen=True)
class Reminder:
    uid: str
    summary: str
    description: str
    when: dt.date | dt.datetime
    alarm: bool  # remind on the day (next steps, cool-off), not for a record of the past


@dataclass(frozen=True)
class Skipped:
    """A date that is not a date, as one line for the person."""

    entry_id: int
    where: str
    text: str

    def __str__(self) -> str:
        return (
            f'entry {self.entry_id}, {self.where}: "{_clean(self.text)}" is not a date '
            "(write it like 2026-12-04 or 4 Dec 2026); left out"
        )


def _clean(text: str) -> str:
    """One line of calendar-safe text: controls and lone surrogates shown as symbols."""
    return visible(" ".join(str(text).split()))


def parse_when(text: str) -> dt.date | dt.datetime | None:
    """A typed date as a day or a local time; None if it is not one we can be sure of."""
    value = " ".join(text.replace(",", ", ").split()).replace(" ,", ",")
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return parse_date(value)
    timed = _ISO_TIME.match(value)
    if timed:
        day = parse_date(timed.group(1))
        try:
            clock = dt.time(int(timed.group(2)), int(timed.group(3)))
        except ValueError:
            return None
        return None if day is None else dt.datetime.combine(day, clock)
    for pattern in _DAY_FORMATS:
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def _entry_key(entry: Entry) -> str:
    return hashlib.sha256(f"{entry.created}|{entry.id}".encode()).hexdigest()[:16]


def _date_column(exercise: Exercise) -> int | None:
    for index, heading in enumerate(exercise.columns):
        words = heading.lower()
        if index > 0 and ("when" in words or "date" in words):
            return index
    return None


def _done_column(exercise: Exercise) -> int | None:
    for index, heading in enumerate(exercise.columns):
        if heading.strip().lower().startswith("done"):
            return index
    return None


def _rows(
    entry: Entry, exercise: Exercise, value: Any, uid: str, title: str
) -> Iterator[Reminder | Skipped]:
    column = _date_column(exercise)
    if column is None:
        return
    done = _done_column(exercise)
    for number, cells in enumerate(kinds.normalise(exercise, value), 1):  # as the kind reads
        what, when = cells[0].strip(), cells[column].strip()
        if not when or (done is not None and is_ticked(cells[done])):
            continue
        day = parse_when(when)
        if day is None:
            yield Skipped(entry.id, f'"{_clean(exercise.prompt)}" row {number}', when)
            continue
        yield Reminder(
            uid=f"{uid}-{exercise.id}-{number}@rebound",
            summary=_clean(what or exercise.columns[0]),
            description=f"A next step you planned in Rebound ({title}). "
            "Small steps count; mark it done in Rebound when it is.",
            when=day,
            alarm=True,
        )


def _composer(
    entry: Entry, exercise: Exercise, value: Any, uid: str, title: str
) -> Iterator[Reminder | Skipped]:
    value = kinds.normalise(exercise, value)  # {"fields", "sent", "reread"}, as the kind reads
    name = exercise.id.replace("-", " ")
    for key, summary, description, alarm in (
        ("sent", f"Sent: {name} ({title})", "Marked sent in Rebound. A reply may be brief, "
         "late or never come; that reflects their situation, not your worth.", False),
        ("reread", f"Read it again before sending: {name} ({title})", "You drafted this "
         "while the feeling was strong. Read it once more with fresh eyes, then decide.", True),
    ):  # fmt: skip
        text = value.get(key)
        if not isinstance(text, str) or not text.strip():
            continue
        day = parse_when(text)
        if day is None:
            yield Skipped(entry.id, f'"{_clean(exercise.prompt)}" ({key})', text)
            continue
        yield Reminder(f"{uid}-{exercise.id}-{key}@rebound", summary, description, day, alarm)


_SOURCES: dict[str, Callable[[Entry, Exercise, Any, str, str], Iterator[Reminder | Skipped]]] = {
    "rows": _rows,
    "composer": _composer,
}


def reminders(entry: Entry, workbook: Workbook) -> Iterator[Reminder | Skipped]:
    """Every dated thing in one entry (never the private vent: it has no dates)."""
    uid, title = _entry_key(entry), _clean(entry_title(entry))
    for section in workbook.sections:
        answers = entry.answers.get(section.id, {})
        for exercise in section.exercises_for(entry.internal):
            source = _SOURCES.get(exercise.kind)
            if source is not None and exercise.id in answers and not exercise.private:
                yield from source(entry, exercise, answers[exercise.id], uid, title)


def calendar(found: Iterable[Reminder], *, now: dt.datetime | None = None) -> bytes:
    """An iCalendar file (RFC 5545) of the reminders, ready to write."""
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    cal = Calendar()
    cal.add("prodid", f"-//Rebound//rebound {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for item in found:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("dtstart", item.when)
        if isinstance(item.when, dt.datetime):
            event.add("dtend", item.when + dt.timedelta(minutes=30))
        else:
            event.add("dtend", item.when + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")  # a reminder, not a busy day
        if item.alarm:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", item.summary)
            # 9:00 on the day for a day; 30 minutes before a time.
            before = isinstance(item.when, dt.datetime)
            alarm.add("trigger", dt.timedelta(minutes=-30) if before else dt.timedelta(hours=9))
            event.add_component(alarm)
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
