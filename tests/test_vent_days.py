"""The vent remembers on which days the person wrote in it (expressive writing is done on three
or four days): the rule in the core, the calm line under the vent, the export and an import."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from rebound_tui.cli import main
from rebound_tui.core import dates, kinds
from rebound_tui.core.content import Workbook
from rebound_tui.core.export import render
from rebound_tui.core.kinds.timed_writing import days_line, load_written, with_day, written
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import make_app
from rebound_tui.tui.widgets.timed_writing_field import TimedWritingField
from tests.helpers.ready import until_ready
from tests.keys import type_text

TUE = datetime.date(2026, 11, 24)
WED = datetime.date(2026, 11, 25)


def _vent(workbook: Workbook) -> Any:
    return next(e for e in workbook.section("frustration").exercises if e.id == "vent")


# ---------------------------------------------------------------- the rule


def test_a_day_counts_once_and_the_days_stay_in_order() -> None:
    value = with_day(written("first"), WED)
    assert value == {"text": "first", "days": ["2026-11-25"]}
    assert with_day(value, WED) == value  # the same day twice is one day
    assert with_day(value, TUE)["days"] == ["2026-11-24", "2026-11-25"]


def test_older_shapes_load_and_odd_days_are_left_out_and_said() -> None:
    assert load_written("plain text").value == {"text": "plain text", "days": []}
    assert not load_written("plain text").odd
    assert load_written({"text": "t"}).value == written("t")  # a richer value, no days yet
    loaded = load_written({"text": "t", "days": ["2026-11-25", "2026-11-24", "2026-11-25"]})
    assert loaded.value["days"] == ["2026-11-24", "2026-11-25"] and not loaded.odd
    odd = load_written({"text": "t", "days": ["2026-11-24", "tuesday", 3]})
    assert odd.value == {"text": "t", "days": ["2026-11-24"]} and odd.odd
    assert load_written({"text": "t", "days": "2026-11-24"}).odd


def test_the_line_counts_the_days_and_never_pushes() -> None:
    assert days_line([], WED) == ""
    assert days_line(["2026-11-25"], WED).startswith("You've written here today.")
    assert days_line(["2026-11-24"], WED).startswith("You wrote here on Tue 24 Nov.")
    two = days_line(["2026-11-23", "2026-11-24"], WED)
    assert two.startswith("You've written here on 2 days (last: Tue 24 Nov).")
    assert "third or fourth day" in two and "stop whenever it becomes too much" in two
    assert "(last: today)" in days_line(["2026-11-24", "2026-11-25"], WED)
    four = days_line(["2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25"], WED)
    assert "as many as the method suggests" in four
    for line in (two, four):
        assert "should" not in line and "must" not in line


def test_the_export_says_on_which_days_only_with_the_private_writing(workbook: Workbook) -> None:
    vent = _vent(workbook)
    value = {"text": "It stung.", "days": ["2026-11-24", "2026-11-25"]}
    assert kinds.to_markdown(vent, value).endswith("*Written on 2 days: Tue 24 Nov, Wed 25 Nov.*")
    assert kinds.to_data(vent, value) == value
    assert kinds.to_data(vent, "old text") == "old text"  # no days: the older shape
    assert kinds.summary(vent, value) == "It stung."
    assert kinds.is_answered(vent, value) and not kinds.is_answered(
        vent, written("", ["2026-11-24"])
    )


# ---------------------------------------------------------------- the app


async def test_the_line_appears_under_the_vent_and_after_a_restart(
    db_path: Path, workbook: Workbook, tmp_path: Path
) -> None:
    dates.set_today(lambda: TUE)
    store = Store(db_path)
    store.create_entry(company="Acme", role="", stage="", date="2026-11-02", internal=False)
    store.flush()
    app = make_app(store, workbook, export_dir=tmp_path / "x", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(1, "frustration")
        await until_ready(pilot)
        line = app.screen.query_one(TimedWritingField).query_one(".days", Static)
        assert not line.display  # nothing written yet: no line at all
        app.screen.query_one("#input-vent").focus()
        await pilot.pause()
        await type_text(pilot, "It stung.")
        assert line.display and "You've written here today." in str(line.render())
        await pilot.press("ctrl+q")
    store.close()

    dates.set_today(lambda: WED)  # the next day: the timer alone counts as writing
    store = Store(db_path)
    app = make_app(store, workbook, export_dir=tmp_path / "x", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(1, "frustration")
        await until_ready(pilot)
        field = app.screen.query_one(TimedWritingField)
        line = field.query_one(".days", Static)
        assert str(line.render()).startswith("You wrote here on Tue 24 Nov.")
        field.query_one(".timer-button").focus()
        await pilot.press("enter")  # start
        await pilot.press("enter")  # pause: the same day again
        await pilot.pause()
        assert str(line.render()).startswith("You've written here on 2 days (last: today).")
        assert app.save_now()
        await pilot.press("ctrl+q")
    assert store.get(1).answers["frustration"]["vent"] == {
        "text": "It stung.",
        "days": ["2026-11-24", "2026-11-25"],
    }
    store.close()


# ---------------------------------------------------------------- export and import


def test_the_days_go_out_and_come_back_with_the_private_writing(
    db_path: Path, tmp_path: Path, workbook: Workbook, capsys: pytest.CaptureFixture[str]
) -> None:
    value = {"text": "It stung.", "days": ["2026-11-24", "2026-11-25"]}
    with Store(db_path) as store:
        entry = store.create_entry(company="Acme", role="", stage="", date="", internal=False)
        store.set_answer(entry.id, "frustration", "vent", value)
    with Store(db_path) as store:
        shared = render([store.get(1)], workbook)
    assert "Written on" not in shared and "It stung." not in shared  # left out with the vent

    exported = tmp_path / "all.json"
    assert main(["export", "--db", str(db_path), "--all", "--format", "json",
                 "--include-private", "-o", str(exported)]) == 0  # fmt: skip
    target = tmp_path / "fresh" / "rebound.json"
    assert main(["import", "--db", str(target), str(exported)]) == 0
    capsys.readouterr()
    with Store(target) as store:
        assert store.get(1).answers["frustration"]["vent"] == value
    assert "2026-11-25" in json.dumps(json.loads(exported.read_text()))
