"""Pilot tests for the structured exercise kinds: keys in, stored value out."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Static, TextArea

from rebound_tui.core.content import Workbook
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import make_app
from rebound_tui.tui.widgets import composer_field
from rebound_tui.tui.widgets.breath_pacer import BreathPacer
from rebound_tui.tui.widgets.pacer_field import PacerField
from rebound_tui.tui.widgets.thought_record_field import ThoughtRecordField
from rebound_tui.tui.widgets.timed_writing_field import TimedWritingField
from tests.helpers.opened import Opened
from tests.keys import type_text


@pytest.fixture
async def session(
    db_path: Path, workbook: Workbook, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[Opened]:
    store = Store(db_path)
    entry = store.create_entry(
        company="Acme", role="Analyst", stage="Final round", date="2026-11-02", internal=False
    )
    for (section, exercise), value in getattr(request, "param", {}).items():
        store.set_answer(entry.id, section, exercise, value)
    store.flush()
    reduced = "animated" not in request.node.name
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=reduced)
    async with app.run_test(size=(80, 24)) as pilot:
        yield Opened(app, pilot, entry.id)
    store.close()


# ---------------------------------------------------------------- composer


@pytest.mark.parametrize("session", [{("bridges", "thank-who"): "Priya"}], indirect=True)
async def test_composer_fills_copies_saves_and_marks_sent(
    session: Opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(composer_field, "today", lambda: date(2026, 11, 3))
    await session.open("bridges")
    screen = session.app.screen
    # The name comes from "Who would you like to thank?" further up.
    assert screen.query_one("#input-thank-you-note-name", Input).value == "Priya"
    # Role and company start from the entry; the person can write their own.
    assert screen.query_one("#input-thank-you-note-role", Input).value == "Analyst"
    await session.focus("#input-thank-you-note-role")
    await session.pilot.press("ctrl+u")
    await type_text(session.pilot, "analyst")
    await session.pilot.press("enter")  # on to the company
    await session.pilot.press("ctrl+u")
    await type_text(session.pilot, "Northwind")
    field = screen.query_one("#field-thank-you-note", composer_field.ComposerField)
    preview = str(field.query_one(".preview", Static).render())
    assert "Hi Priya," in preview and "the analyst role at Northwind" in preview
    assert "[One specific thing you appreciated]" in preview

    await session.press_button("#field-thank-you-note .copy")
    assert session.app.clipboard.startswith("Hi Priya,\n\nThank you for taking the time")
    assert "[" not in session.app.clipboard  # blanks are left out of the real text

    await session.press_button("#field-thank-you-note .save")
    saved_file = tmp_path / "exports" / f"rebound-{session.entry_id}-thank-you-note.txt"
    assert saved_file.read_text().startswith("Hi Priya,")
    assert saved_file.stat().st_mode & 0o777 == 0o600

    await session.press_button("#field-thank-you-note .mark-sent")
    assert "Sent on 2026-11-03." in str(field.query_one(".sent", Static).render())
    value = session.saved("bridges", "thank-you-note")
    assert value["sent"] == "2026-11-03"
    assert value["fields"]["role"] == "analyst" and value["fields"]["company"] == "Northwind"
    # The name filled itself in from "who would you like to thank?": shown, not stored.
    assert "name" not in value["fields"]

    await session.press_button("#field-thank-you-note .mark-sent")  # undo
    assert session.saved("bridges", "thank-you-note")["sent"] is None


@pytest.mark.parametrize(
    "session",
    [{("learning", "feedback-request"): {"fields": {"name": "Alex"}, "sent": "2026-11-04"}}],
    indirect=True,
)
async def test_composer_reloads_its_fields_and_sent_date(session: Opened) -> None:
    await session.open("learning")
    screen = session.app.screen
    assert screen.query_one("#input-feedback-request-name", Input).value == "Alex"
    field = screen.query_one("#field-feedback-request")
    assert "Sent on 2026-11-04." in str(field.query_one(".sent", Static).render())
    assert str(field.query_one(".mark-sent", Button).label) == "Mark as not sent"


# ---------------------------------------------------------------- rows


def _cell(session: Opened, exercise: str, row: int, column: int) -> Input:
    rows = list(session.app.screen.query(f"#field-{exercise} Row"))
    return list(rows[row].query(Input))[column]


async def test_rows_add_edit_reorder_delete_by_keyboard(session: Opened) -> None:
    await session.open("learning")
    _cell(session, "questions-differently", 0, 0).focus()
    await type_text(session.pilot, "Conflict?")
    await session.pilot.press("enter")
    await type_text(session.pilot, "Rambled")
    await session.pilot.press("enter")
    await type_text(session.pilot, "One story")
    await session.pilot.press("enter")  # from the last cell: a new row
    await session.pilot.pause()
    await type_text(session.pilot, "Weakness?")
    await session.pilot.pause()
    assert session.saved("learning", "questions-differently") == [
        ["Conflict?", "Rambled", "One story"],
        ["Weakness?", "", ""],
    ]
    await session.pilot.press("ctrl+up")  # move "Weakness?" to the top
    assert session.saved("learning", "questions-differently") == [
        ["Weakness?", "", ""],
        ["Conflict?", "Rambled", "One story"],
    ]
    assert session.app.focused is _cell(session, "questions-differently", 0, 0)
    await session.pilot.press("down", "shift+up")  # the same with Shift, from row 2
    assert session.saved("learning", "questions-differently")[0][0] == "Conflict?"
    await session.pilot.press("ctrl+down")
    await session.pilot.press("ctrl+delete")  # remove "Conflict?", now second
    await session.pilot.pause()
    assert session.saved("learning", "questions-differently") == [["Weakness?", "", ""]]
    labels = session.app.screen.query("#field-questions-differently Row .number")
    assert [str(label.render()) for label in labels] == ["1."]


async def test_rows_add_button_and_deleting_the_last_row_clears_it(session: Opened) -> None:
    await session.open("looking-ahead")
    await session.press_button("#field-next-steps .add-row")
    await session.pilot.pause()
    assert len(session.app.screen.query("#field-next-steps Row")) == 2
    await type_text(session.pilot, "Update CV")
    await session.pilot.press("enter")
    await type_text(session.pilot, "Fri")
    assert session.saved("looking-ahead", "next-steps") == [["Update CV", "Fri", ""]]
    await session.pilot.press("ctrl+delete")
    await session.pilot.pause()
    _cell(session, "next-steps", 0, 0).focus()
    await session.pilot.press("ctrl+delete")
    await session.pilot.pause()
    assert not session.saved("looking-ahead", "next-steps")
    assert len(session.app.screen.query("#field-next-steps Row")) == 1


@pytest.mark.parametrize(
    "session",
    [{("bridges", "people-met"): "Sam Lee, team lead\n\nDana, recruiter"}],
    indirect=True,
)
async def test_rows_load_an_older_plain_text_answer_one_line_per_row(session: Opened) -> None:
    await session.open("bridges")
    assert _cell(session, "people-met", 0, 0).value == "Sam Lee, team lead"
    assert _cell(session, "people-met", 1, 0).value == "Dana, recruiter"


# ---------------------------------------------------------------- if-then


async def test_if_then_suggests_urges_and_stores_pairs(session: Opened) -> None:
    await session.open("looking-ahead")
    _cell(session, "coping-plan", 0, 0).focus()
    await type_text(session.pilot, "dri")
    await session.pilot.pause()
    await session.pilot.press("right")  # take the suggestion
    await session.pilot.press("enter")
    await type_text(session.pilot, "call Sam and walk")
    await session.pilot.press("enter")
    await session.pilot.pause()
    await type_text(session.pilot, "check my email at night")
    await session.pilot.press("enter")
    await type_text(session.pilot, "close the laptop")
    assert session.saved("looking-ahead", "coping-plan") == [
        ["drink alcohol", "call Sam and walk"],
        ["check my email at night", "close the laptop"],
    ]


# ---------------------------------------------------------------- thought record


async def test_thought_record_seven_steps(session: Opened) -> None:
    await session.open("facts")
    field = session.app.screen.query_one(ThoughtRecordField)
    pilot = session.pilot
    await session.focus("#input-thought-record-situation")
    await type_text(pilot, "No after the final round")
    await pilot.press("tab", "enter")  # Back is disabled, so Tab lands on Next
    await pilot.pause()
    assert field.current == 1
    await type_text(pilot, "sad, embarrassed")
    await pilot.press("tab", "6")  # sad: 60
    await pilot.press("enter", "5")  # Enter on a rating: on to the next feeling's, 50
    await session.press_button("#field-thought-record .next")
    await type_text(pilot, "They hated me")
    await pilot.press("tab", "space")  # tick the first trap, labelling
    await pilot.pause()
    facts = str(field.query(".facts").first(Static).render())
    assert facts.startswith("• Labelling: Would you sum up a friend by one no?")
    await session.press_button("#field-thought-record .next")
    pinned = field.query_one(".pinned", Static)
    assert pinned.display and "They hated me" in str(pinned.render())
    await type_text(pilot, "They didn't smile")
    await session.press_button("#field-thought-record .next")
    # The fact answering the ticked trap is a reminder on the "evidence against" step too.
    assert "Labelling" in str(field.query(".facts").last(Static).render())
    await type_text(pilot, "They invited me to the final")
    await session.press_button("#field-thought-record .next")
    await type_text(pilot, "I don't know what they thought")
    await pilot.press("tab", "right", "7")  # 0, then 70
    await session.press_button("#field-thought-record .next")
    assert field.current == 6
    await pilot.press("4")  # Next focused the first feeling's scale: 40
    await pilot.press("enter", "3")  # and the second: 30
    await pilot.pause()
    labels = [str(label.render()) for label in field.query(".each-after Label")]
    assert labels == ["sad: 60 → 40", "embarrassed: 50 → 30"]

    assert session.saved("facts", "thought-record") == {
        "situation": "No after the final round",
        "feelings": "sad, embarrassed",
        "intensity": None,
        "each": [
            {"feeling": "sad", "before": 60, "after": 40},
            {"feeling": "embarrassed", "before": 50, "after": 30},
        ],
        "hot-thought": "They hated me",
        "traps": ["Labelling"],
        "evidence-for": "They didn't smile",
        "evidence-against": "They invited me to the final",
        "balanced-thought": "I don't know what they thought",
        "belief": 70,
        "rerated": None,
    }


@pytest.mark.parametrize(
    "session",
    [{("facts", "situation"): "Older answer", ("facts", "hot-thought"): "Older thought"}],
    indirect=True,
)
async def test_thought_record_takes_in_answers_from_the_older_separate_exercises(
    session: Opened,
) -> None:
    await session.open("facts")
    screen = session.app.screen
    assert screen.query_one("#input-thought-record-situation", TextArea).text == "Older answer"
    assert screen.query_one("#input-thought-record-hot-thought", TextArea).text == "Older thought"


# ---------------------------------------------------------------- timed writing


async def test_timed_writing_counts_down_pauses_and_ends_gently(session: Opened) -> None:
    await session.open("frustration")
    field = session.app.screen.query_one(TimedWritingField)
    countdown = field.query_one(".countdown", Static)
    assert str(countdown.render()) == "Timer: 15:00 (optional)"
    await session.focus("#input-vent")
    await type_text(session.pilot, "It stung.")
    await session.pilot.press("tab", "enter")  # the timer button: start
    await session.pilot.pause()
    assert field.running
    field.tick(60)
    assert str(countdown.render()) == "Timer: 14:00 left"
    await session.pilot.press("enter")  # pause
    field.tick(60)  # time passing while paused does not count
    assert str(countdown.render()) == "Timer paused: 14:00 left"
    assert str(field.query_one(".timer-button", Button).label) == "Resume"
    await session.pilot.press("enter")  # resume
    field.tick(14 * 60)
    assert not field.running
    end = field.query_one(".end", Static)
    assert end.has_class("-shown") and "write again tomorrow" in str(end.render())
    assert session.saved("frustration", "vent") == {
        "text": "It stung.",
        "days": [date.today().isoformat()],
    }


# ---------------------------------------------------------------- pacer


@pytest.mark.parametrize("session", [{("frustration", "intensity-before"): 7}], indirect=True)
async def test_pacer_rerates_and_shows_the_change(session: Opened) -> None:
    await session.open("frustration")
    field = session.app.screen.query_one(PacerField)
    pacer = field.query_one(BreathPacer)
    assert pacer.still  # reduced motion: text only
    assert "Breathe in 4 · Hold 4 · Breathe out 4 · Hold 4" in str(pacer.render())
    await session.press_button("#field-intensity-after .pacer-button")
    assert pacer.running
    field.tick(16)  # one round of 16 seconds
    text = str(pacer.render())
    assert "Breathe in  4" in text and "round 2 of 4" in text and "█" not in text
    await session.focus("#input-intensity-after")
    await session.pilot.press("4")
    await session.pilot.pause()
    assert str(field.query_one(".change", Static).render()).startswith("7 → 4")
    assert session.saved("frustration", "intensity-after") == {"after": 4, "rounds": 1}
    field.tick(60)
    await session.pilot.pause()
    assert not pacer.running and "Done" in str(pacer.render())
    assert session.saved("frustration", "intensity-after") == {"after": 4, "rounds": 4}


async def test_pacer_animated_fills_a_bar(session: Opened) -> None:
    await session.open("frustration")
    field = session.app.screen.query_one(PacerField)
    pacer = field.query_one(BreathPacer)
    assert not pacer.still
    field.toggle()
    field.tick(2)  # halfway through breathing in
    assert str(pacer.render()).count("█") == 12
    field.tick(4)  # holding, full
    assert str(pacer.render()).count("█") == 24
    field.toggle()
    assert "(paused)" in str(pacer.render())


@pytest.mark.parametrize("session", [{("frustration", "intensity-after"): 3}], indirect=True)
async def test_pacer_loads_an_older_plain_number(session: Opened) -> None:
    await session.open("frustration")
    field = session.app.screen.query_one(PacerField)
    assert field.after == 3
    assert str(field.query_one(".change", Static).render()) == "Now: 3"
