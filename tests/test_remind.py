"""`rebound remind`: the dates people typed become an RFC 5545 calendar, parsed back here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from rebound_tui.cli import main
from rebound_tui.core.reminders import parse_when
from rebound_tui.core.storage.store import Store

STEPS = [
    ["Ask Amira for feedback", "2026-11-27", ""],
    ["Call Sam", "2026-12-04 14:30", "no"],
    ["Update my CV", "Friday", ""],  # not a date: a note, not a guess
    ["Already did this", "2026-11-20", "done"],
    ["Write to \x1b[2Jthe\nteam, with; odd\\chars 😀", "4 Dec 2026", ""],
    ["", "", ""],
]


@pytest.fixture
def dated_db(db_path: Path) -> Path:
    with Store(db_path) as store:
        entry = store.create_entry(
            company="Northwind", role="Designer", stage="", date="2026-11-20", internal=False
        )
        store.set_answer(entry.id, "looking-ahead", "next-steps", STEPS)
        store.set_answer(
            entry.id,
            "learning",
            "feedback-request",
            {"fields": {"name": "Amira"}, "sent": "2026-11-22", "reread": "2026-11-21"},
        )
        store.set_answer(entry.id, "frustration", "vent", "private 2026-11-30")
    return db_path


def events_of(path: Path) -> list[Any]:
    raw = path.read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines), "CRLF line ends"
    assert all(len(line) <= 75 for line in lines), "long lines are folded (RFC 5545 3.1)"
    cal = Calendar.from_ical(raw)
    assert cal["VERSION"] == "2.0" and cal["PRODID"].startswith("-//Rebound//")
    return list(cal.walk("VEVENT"))


def test_every_event_parses_back_with_the_right_day(
    dated_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "rebound.ics"
    assert main(["remind", "--db", str(dated_db), "-o", str(target)]) == 0
    events = events_of(target)
    by_summary = {str(e["SUMMARY"]): e for e in events}
    assert len(by_summary) == len(events) == 5
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert required in event, (required, event)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)

    ask = by_summary["Ask Amira for feedback"]
    assert ask.decoded("DTSTART") == dt.date(2026, 11, 27)  # all day: a date, not a time
    assert ask["DTSTART"].params.get("VALUE") == "DATE"
    assert ask.decoded("DTEND") == dt.date(2026, 11, 28)
    assert [a["ACTION"] for a in ask.walk("VALARM")] == ["DISPLAY"]

    call = by_summary["Call Sam"]
    assert call.decoded("DTSTART") == dt.datetime(2026, 12, 4, 14, 30)
    assert call.decoded("DTEND") == dt.datetime(2026, 12, 4, 15, 0)

    odd = next(e for s, e in by_summary.items() if s.startswith("Write to"))
    assert str(odd["SUMMARY"]) == "Write to ␛[2Jthe team, with; odd\\chars 😀"
    assert odd.decoded("DTSTART") == dt.date(2026, 12, 4)

    sent = next(e for s, e in by_summary.items() if s.startswith("Sent: feedback request"))
    assert sent.decoded("DTSTART") == dt.date(2026, 11, 22) and not list(sent.walk("VALARM"))
    reread = next(e for s, e in by_summary.items() if s.startswith("Read it again"))
    assert reread.decoded("DTSTART") == dt.date(2026, 11, 21)

    assert "Already did this" not in by_summary
    raw = target.read_bytes()
    assert b"private" not in raw and b"\x1b" not in raw
    assert target.stat().st_mode & 0o777 == 0o600

    err = capsys.readouterr().err.splitlines()
    assert err[-1] == f"Wrote 5 events to {target}"
    notes = [line for line in err if "note:" in line]
    assert len(notes) == 1 and '"Friday" is not a date' in notes[0] and "row 3" in notes[0]
    assert "Traceback" not in "\n".join(err)


def test_uids_are_stable_between_runs(
    dated_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert main(["remind", "--db", str(dated_db), "-o", str(first)]) == 0
    with Store(dated_db) as store:  # a step added later keeps the others' UIDs
        steps = [*STEPS, ["One more", "2027-01-05", ""]]
        store.set_answer(1, "looking-ahead", "next-steps", steps)
    assert main(["remind", "--db", str(dated_db), "--entry", "1", "-o", str(second)]) == 0
    before = {str(e["UID"]): str(e["SUMMARY"]) for e in events_of(first)}
    after = {str(e["UID"]): str(e["SUMMARY"]) for e in events_of(second)}
    assert before.items() <= after.items() and len(after) == len(before) + 1


def test_all_entries_and_no_dates(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(db_path) as store:
        for day in ("2026-12-01", "2026-12-02"):
            entry = store.create_entry(company=day, role="", stage="", date="", internal=False)
            store.set_answer(entry.id, "looking-ahead", "next-steps", [["Step", day, ""]])
        store.create_entry(company="Undated", role="", stage="", date="", internal=False)
    target = tmp_path / "all.ics"
    assert main(["remind", "--db", str(db_path), "--all", "-o", str(target)]) == 0
    assert len(events_of(target)) == 2
    capsys.readouterr()
    assert main(["remind", "--db", str(db_path), "-o", str(tmp_path / "none.ics")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("rebound: no dates") and err.count("\n") == 1
    assert not (tmp_path / "none.ics").exists()


def test_remind_refuses_links_and_asks_for_force(
    dated_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = tmp_path / "calendar-of-someone.ics"
    precious.write_text("theirs")
    link = tmp_path / "link.ics"
    link.symlink_to(precious)
    assert main(["remind", "--db", str(dated_db), "-o", str(link), "--force"]) == 1
    assert "symbolic link" in capsys.readouterr().err
    assert main(["remind", "--db", str(dated_db), "-o", str(precious)]) == 1
    assert "--force" in capsys.readouterr().err
    assert precious.read_text() == "theirs"
    assert main(["remind", "--db", str(dated_db), "-o", str(precious), "--force"]) == 0
    assert len(events_of(precious)) == 5


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-12-04", dt.date(2026, 12, 4)),
        (" 2026-12-04 ", dt.date(2026, 12, 4)),
        ("2026-12-04 09:05", dt.datetime(2026, 12, 4, 9, 5)),
        ("2026-12-04T14:30", dt.datetime(2026, 12, 4, 14, 30)),
        ("4 Dec 2026", dt.date(2026, 12, 4)),
        ("4 December 2026", dt.date(2026, 12, 4)),
        ("December 4, 2026", dt.date(2026, 12, 4)),
        ("Dec 4 2026", dt.date(2026, 12, 4)),
        ("Friday", None),
        ("next week", None),
        ("2026-02-30", None),
        ("2026-12-04 25:00", None),
        ("04/12/2026", None),  # day first or month first? not guessed
        ("", None),
    ],
)
def test_parse_when(typed: str, expected: dt.date | None) -> None:
    assert parse_when(typed) == expected
