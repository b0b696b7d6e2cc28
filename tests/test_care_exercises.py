"""The balanced debrief and the kinder lines: each new exercise's round trip (keys in, file,
export, shown again after a restart), the two-column sort, the cool-off note, the traps'
questions, and wording the content must no longer hold."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Button, Input, TextArea

from rebound_tui.cli import main
from rebound_tui.core import dates
from rebound_tui.core.content import Workbook, load_workbook
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import make_app
from rebound_tui.tui.widgets.cool_off_note import CoolOffNote
from rebound_tui.tui.widgets.exercise_field import ExerciseField
from rebound_tui.tui.widgets.start_rating import StartRating
from tests.helpers.ready import until_ready
from tests.keys import type_text

NEW_TEXT_EXERCISES = [
    ("learning", "went-well", "I stayed calm on the technical question."),
    ("learning", "feedback-agree", "My examples ran long."),
    ("learning", "feedback-practise", "Two stories out loud, under two minutes."),
    ("looking-ahead", "talk-to", "Call Mo on Thursday"),
    ("looking-ahead", "restorative", "A walk by the river on Saturday"),
]


def _entry(db_path: Path) -> int:
    with Store(db_path) as store:
        return store.create_entry(
            company="Acme", role="Analyst", stage="Final round", date="2026-11-02", internal=False
        ).id


@pytest.mark.parametrize(("section", "exercise", "text"), NEW_TEXT_EXERCISES)
async def test_new_exercise_round_trip(
    db_path: Path,
    workbook: Workbook,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    section: str,
    exercise: str,
    text: str,
) -> None:
    entry_id = _entry(db_path)
    store = Store(db_path)
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry_id, section)
        await until_ready(pilot)
        app.screen.query_one(f"#input-{exercise}").focus()
        await pilot.pause()
        await type_text(pilot, text)
        await pilot.press("ctrl+q")
    store.close()

    with Store(db_path) as reread:
        assert reread.get(entry_id).answers[section][exercise] == text
    assert main(["export", "--db", str(db_path)]) == 0
    exported = capsys.readouterr().out
    prompt = workbook.section(section).exercises_for(False)
    wording = next(e.prompt for e in prompt if e.id == exercise)
    assert wording in exported and text in exported

    store = Store(db_path)
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry_id, section)
        await until_ready(pilot)
        shown = app.screen.query_one(f"#input-{exercise}")
        assert isinstance(shown, Input | TextArea)
        assert (shown.value if isinstance(shown, Input) else shown.text) == text
    store.close()


async def test_in_my_hands_sort_keeps_both_columns_and_the_old_ticks(
    db_path: Path, workbook: Workbook, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry_id = _entry(db_path)
    with Store(db_path) as store:  # a tick list saved by the older checklist of this id
        store.set_answer(entry_id, "facts", "outside-control", ["An internal candidate"])
    store = Store(db_path)
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry_id, "facts")
        await until_ready(pilot)
        cells = app.screen.query("#field-outside-control Input").results(Input)
        first = next(cells)
        assert first.value == "An internal candidate"  # lands in "Not in my hands"
        second = next(cells)
        second.focus()
        await pilot.pause()
        await type_text(pilot, "How I prepared the case study")
        await pilot.press("ctrl+q")
    store.close()
    with Store(db_path) as reread:
        assert reread.get(entry_id).answers["facts"]["outside-control"] == [
            ["An internal candidate", "How I prepared the case study"]
        ]
    assert main(["export", "--db", str(db_path)]) == 0
    exported = capsys.readouterr().out
    assert "**Not in my hands:** An internal candidate" in exported
    assert "In my hands: How I prepared the case study" in exported


@pytest.mark.parametrize(
    ("ratings", "shown"),
    [
        ({"intensity-before": 8}, True),
        ({"intensity-before": 6}, False),
        ({"intensity-before": 8, "intensity-after": {"after": 4, "rounds": 4}}, False),
        ({"intensity-before": 3, "intensity-after": {"after": 7, "rounds": 1}}, True),
        ({}, False),
    ],
)
async def test_cool_off_note_under_the_reply(
    db_path: Path, workbook: Workbook, tmp_path: Path, ratings: dict[str, object], shown: bool
) -> None:
    entry_id = _entry(db_path)
    with Store(db_path) as store:
        for exercise, value in ratings.items():
            store.set_answer(entry_id, "frustration", exercise, value)
    store = Store(db_path)
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    dates.set_today(lambda: date(2026, 11, 26))  # a Thursday (conftest puts the calendar back)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry_id, "bridges")
        await until_ready(pilot)
        note = app.screen.query_one("#field-thank-you-note CoolOffNote", CoolOffNote)
        assert note.display is shown
        if shown:
            text = str(note.render())
            assert "read it again tomorrow, Friday 27 November, before sending" in text
            assert "/10" not in text  # no scale is assumed
            # Marked as sent, the note has done its work.
            app.screen.query_one("#field-thank-you-note .mark-sent", Button).press()
            await pilot.pause()
            assert not note.display
        app.go_to("learning")
        await until_ready(pilot)
        learning_note = app.screen.query_one("#field-feedback-request CoolOffNote", CoolOffNote)
        assert learning_note.display is shown
    store.close()


def test_the_reply_is_one_message_with_thanks_feedback_and_future_roles() -> None:
    note = next(e for e in load_workbook().section("bridges").exercises if e.kind == "composer")
    assert "{question}" in note.template and "{closing}" in note.template
    assert note.cool_off_from == 7


def test_every_trap_asks_a_question_and_the_new_traps_are_there() -> None:
    record = load_workbook().section("facts").exercises[0]
    names = {trap.name for trap in record.traps}
    assert {"Labelling", "Overgeneralising", "Discounting the positive"} <= names
    for trap in record.traps:
        assert trap.question.endswith("?"), trap.name


def test_gibbs_evaluation_comes_before_what_to_do_differently() -> None:
    ids = [e.id for e in load_workbook().section("learning").exercises]
    assert ids.index("went-well") < ids.index("done-differently")
    assert ids.index("feedback-received") < ids.index("feedback-agree")
    assert ids.index("feedback-agree") < ids.index("feedback-practise")


def _all_words() -> str:
    workbook = load_workbook()
    parts = [workbook.welcome, workbook.support]
    for section in workbook.sections:
        parts.append(section.lesson)
        for e in section.exercises:
            parts += [e.prompt, e.help, e.placeholder, e.rerate, e.end_message, *e.options]
            parts += [t.question for t in e.traps]
    return "\n".join(parts)


@pytest.mark.parametrize(
    "phrase",
    [
        "evidence, not luck",
        "can't be measured",
        "keep carrying it around",
        "Watch the numbing",
        "Overeating",
        "Well done for giving it room",
        "points to something you can adjust",
        "Small and doable beats big and vague",
        "How strong is the disappointment",
        "what do you wish you could say",
        "Tab moves",
        "(← →)",
    ],
)
def test_the_content_no_longer_says(phrase: str) -> None:
    assert phrase.lower() not in _all_words().lower()


def test_the_vent_is_expressive_writing_as_published() -> None:
    frustration = load_workbook().section("frustration")
    vent = next(e for e in frustration.exercises if e.id == "vent")
    assert "deepest thoughts and feelings" in vent.prompt
    assert "too much" in vent.help
    assert "tomorrow" in vent.end_message
    assert "three or four days" in frustration.lesson


async def test_the_end_rating_shows_the_start_value(
    db_path: Path, workbook: Workbook, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry_id = _entry(db_path)
    with Store(db_path) as store:
        store.set_answer(entry_id, "looking-ahead", "intensity-end", 4)
    store = Store(db_path)
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry_id, "looking-ahead")
        await until_ready(pilot)
        start = app.screen.query_one("#field-intensity-end StartRating", StartRating)
        assert not start.display  # nothing to compare with yet
        app.go_to("frustration")
        await until_ready(pilot)
        app.screen.query_one("#field-intensity-before", ExerciseField).answer(7)
        await pilot.pause()
        app.go_to("looking-ahead")
        await until_ready(pilot)
        assert start.display and str(start.render()) == "At the start: 7 / 10"
        await pilot.press("ctrl+q")
    store.close()
