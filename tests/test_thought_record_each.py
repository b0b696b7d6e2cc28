"""The thought record rates each feeling named in step 2 and re-rates each one at the end (as
the published form does); a record stored before that, with one number for all the feelings,
still loads, shows and exports as it did."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Static

from rebound_tui.core import kinds
from rebound_tui.core.content import Workbook
from rebound_tui.core.kinds.thought_record import feeling_names, one_number, rate_each
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import make_app
from rebound_tui.tui.widgets.scale_input import ScaleInput
from rebound_tui.tui.widgets.thought_record_field import ThoughtRecordField
from tests.helpers.ready import until_ready

#: A record as stored before each feeling had its own rating (one number for them all).
OLDER = {
    "situation": "A no after the final round",
    "feelings": "sad, embarrassed",
    "intensity": 80,
    "hot-thought": "They hated me",
    "traps": ["Mind-reading"],
    "balanced-thought": "I don't know what they thought",
    "belief": 60,
    "rerated": 50,
}


def _record(workbook: Workbook) -> Any:
    return next(e for e in workbook.section("facts").exercises if e.kind == "thought_record")


def test_the_feelings_named_are_split_once_each_in_order() -> None:
    assert feeling_names("sad, embarrassed;\nangry ,  Sad , ") == ["sad", "embarrassed", "angry"]
    assert feeling_names("  ") == []
    assert len(feeling_names(",".join(f"f{n}" for n in range(20)))) == 6


def test_ratings_follow_the_feelings_by_name() -> None:
    each = rate_each([], ["sad", "angry"])
    assert each == [
        {"feeling": "sad", "before": None, "after": None},
        {"feeling": "angry", "before": None, "after": None},
    ]
    each[0]["before"] = 80
    renamed = rate_each(each, ["Angry", "SAD", "tired"])  # reordered, one more
    assert [(i["feeling"], i["before"]) for i in renamed] == [
        ("Angry", None),
        ("SAD", 80),
        ("tired", None),
    ]


def test_an_older_record_keeps_its_one_number_and_exports_as_before(workbook: Workbook) -> None:
    record = _record(workbook)
    loaded = kinds.load(record, OLDER)
    assert not loaded.odd and loaded.value["each"] == [] and one_number(loaded.value)
    text = kinds.to_markdown(record, OLDER)
    assert "*Feelings* (how strong: 80 / 100)" in text
    assert "*Feelings re-rated:* 80 → 50 / 100" in text


def test_each_feeling_and_its_change_load_and_export(workbook: Workbook) -> None:
    record = _record(workbook)
    each = [
        {"feeling": "sad", "before": 80, "after": 50},
        {"feeling": "[b]angry[/b]", "before": 60, "after": None},
    ]
    loaded = kinds.load(record, {"feelings": "sad, [b]angry[/b]", "each": each})
    assert loaded.value["each"] == each and not loaded.odd and not one_number(loaded.value)
    text = kinds.to_markdown(record, {"feelings": "sad, angry", "each": each})
    assert "(how strong, 0 to 100: sad 80, \\[b\\]angry\\[/b\\] 60)" in text
    assert "*Feelings re-rated (0 to 100):* sad 80 → 50" in text
    assert kinds.is_answered(record, {"each": [{"feeling": "sad", "before": 10}]})


def test_odd_ratings_are_left_out_and_said(workbook: Workbook) -> None:
    record = _record(workbook)
    odd = kinds.load(record, {"each": [{"feeling": "sad", "before": 300}, "x", {"before": 1}]})
    assert odd.odd and odd.value["each"] == [{"feeling": "sad", "before": None, "after": None}]
    assert kinds.load(record, {"each": "sad 80"}).odd


async def _open(db_path: Path, workbook: Workbook, tmp_path: Path, raw: Any) -> Any:
    store = Store(db_path)
    entry = store.create_entry(company="Acme", role="", stage="", date="", internal=False)
    store.set_answer(entry.id, "facts", "thought-record", raw)
    store.flush()
    return make_app(store, workbook, export_dir=tmp_path / "x", reduced_motion=True)


async def test_an_older_record_shows_its_one_number_as_it_did(
    db_path: Path, workbook: Workbook, tmp_path: Path
) -> None:
    app = await _open(db_path, workbook, tmp_path, OLDER)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(1, "facts")
        await until_ready(pilot)
        field = app.screen.query_one(ThoughtRecordField)
        assert field.query_one("#input-thought-record-intensity", ScaleInput).value == 80
        assert not field.query(".each-before")
        field.show_step(6)
        await pilot.pause()
        assert str(field.query_one(".rerate-change", Static).render()) == "80 → 50"
        again = str(field.query_one(".feelings-again", Static).render())
        assert again == "Step 2: sad, embarrassed (80 / 100)"
    app.store.close()


async def test_renaming_a_feeling_keeps_the_others_numbers(
    db_path: Path, workbook: Workbook, tmp_path: Path
) -> None:
    raw = {"feelings": "sad, angry", "each": [{"feeling": "sad", "before": 80, "after": 40}]}
    app = await _open(db_path, workbook, tmp_path, raw)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(1, "facts")
        await until_ready(pilot)
        field = app.screen.query_one(ThoughtRecordField)
        field.show_step(1)
        box = field.query_one("#input-thought-record-feelings")
        box.focus()
        await pilot.pause()
        await pilot.press("end", *", tired")
        await pilot.pause()
        scales = list(field.query(".each-before ScaleInput").results(ScaleInput))
        assert [s.value for s in scales] == [80, None, None]
        field.show_step(6)
        await pilot.pause()
        labels = [str(label.render()) for label in field.query(".each-after Label")]
        assert labels == ["sad: 80 → 40", "angry", "tired"]
        assert app.save_now()
        stored = app.store.get(1).answers["facts"]["thought-record"]["each"]
        assert [i["feeling"] for i in stored] == ["sad", "angry", "tired"]
    app.store.close()
