"""Cool off before sending: a reply drafted while feelings run high keeps the day it is to be
read again, names that day from then on, and becomes a calendar reminder (issues 12 and 15)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Button, Input

from rebound_tui.cli import main
from rebound_tui.core import dates
from rebound_tui.core.content import Workbook, load_workbook
from rebound_tui.core.cool_off import cool_off_note, reread_day
from rebound_tui.core.model import Exercise
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import make_app
from rebound_tui.tui.widgets.cool_off_note import CoolOffNote
from tests.helpers.ready import until_ready

THURSDAY, FRIDAY, SATURDAY = date(2026, 11, 26), date(2026, 11, 27), date(2026, 11, 28)


def _reply() -> Exercise:
    return next(e for e in load_workbook().section("bridges").exercises if e.kind == "composer")


def test_the_day_to_read_again_follows_the_latest_rating() -> None:
    reply = _reply()
    high = {"frustration": {"intensity-before": 8}}
    calmer = {"frustration": {"intensity-before": 8, "intensity-after": {"after": 4}}}
    assert reread_day(reply, high, THURSDAY) == FRIDAY
    assert reread_day(reply, calmer, THURSDAY) is None
    assert reread_day(reply, {}, THURSDAY) is None


def test_a_stored_day_is_named_before_on_and_after_it() -> None:
    reply = _reply()
    assert "read it again on Friday 27 November" in cool_off_note(reply, {}, THURSDAY, "2026-11-27")
    for day in (FRIDAY, SATURDAY):
        note = cool_off_note(reply, {}, day, "2026-11-27")
        assert note.startswith("You planned to read this again on Friday 27 November")
    # A stored day wins even once the feelings have calmed; nothing stored and calm: no note.
    assert cool_off_note(reply, {}, THURSDAY) == ""
    assert cool_off_note(reply, {}, THURSDAY, "soon") == ""  # a day that is not one: ignored


async def test_a_draft_written_while_upset_keeps_its_day_across_a_restart(
    db_path: Path, workbook: Workbook, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(db_path) as store:
        entry_id = store.create_entry(
            company="Acme", role="Analyst", stage="Final round", date="2026-11-02", internal=False
        ).id
        store.set_answer(entry_id, "frustration", "intensity-before", 9)
    dates.set_today(lambda: THURSDAY)
    store = Store(db_path)
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry_id, "bridges")
        await until_ready(pilot)
        note = app.screen.query_one("#field-thank-you-note CoolOffNote", CoolOffNote)
        assert "whatever you draft here, read it again tomorrow" in str(note.render())
        box = app.screen.query_one("#input-thank-you-note-name", Input)
        box.focus()
        await pilot.press(*"Priya")
        await pilot.pause()
        assert "read it again on Friday 27 November before sending" in str(note.render())
        await pilot.press("ctrl+q")
    store.close()
    with Store(db_path, read_only=True) as reader:
        saved = reader.get(entry_id).answers["bridges"]["thank-you-note"]
    assert saved["reread"] == "2026-11-27" and saved["fields"]["name"] == "Priya"

    dates.set_today(lambda: SATURDAY)  # two days later, the same draft, still not sent
    store = Store(db_path)
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry_id, "bridges")
        await until_ready(pilot)
        note = app.screen.query_one("#field-thank-you-note CoolOffNote", CoolOffNote)
        assert "You planned to read this again on Friday 27 November" in str(note.render())
        app.screen.query_one("#field-thank-you-note .mark-sent", Button).press()
        await pilot.pause()
        assert not note.display  # sent: the note has done its work
        await pilot.press("ctrl+q")
    store.close()

    assert main(["export", "--db", str(db_path)]) == 0
    assert "*Sent on 2026-11-28.*" in capsys.readouterr().out
    ics = tmp_path / "r.ics"
    assert main(["remind", "--db", str(db_path), "--entry", str(entry_id), "-o", str(ics)]) == 0
    text = ics.read_text()
    assert "Read it again before sending" in text and "DTSTART;VALUE=DATE:20261127" in text


def test_the_export_says_when_a_draft_is_to_be_read_again(db_path: Path) -> None:
    with Store(db_path) as store:
        entry_id = store.create_entry(
            company="Acme", role="", stage="Final round", date="2026-11-02", internal=False
        ).id
        store.set_answer(
            entry_id,
            "bridges",
            "thank-you-note",
            {"fields": {"name": "Priya"}, "sent": None, "reread": "2026-11-27"},
        )
    from rebound_tui.core.export import render

    with Store(db_path, read_only=True) as reader:
        text = render([reader.get(entry_id)], load_workbook())
    assert "*Not sent yet; to read again on 2026-11-27 before sending.*" in text
