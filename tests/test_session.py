"""The session owns the open entry: what every field shows is what it holds, and an erase made
on one screen is what every other screen shows when it comes back."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from rebound_tui.core.content import Workbook
from rebound_tui.core.session import Session
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import make_app
from rebound_tui.tui.screens.confirm import ConfirmScreen
from tests.helpers.on_disk import all_bytes, saved_answers
from tests.helpers.ready import until_ready

VENT = "I never want anyone to read this"


def _stored(db_path: Path) -> dict[str, object]:
    return saved_answers(db_path).get("frustration", {})


@pytest.fixture
def vent_store(db_path: Path) -> Store:
    store = Store(db_path)
    store.create_entry(company="Acme", role="", stage="", date="2026-11-02", internal=False)
    store.set_answer(1, "frustration", "vent", VENT)
    store.flush()
    return store


async def test_let_go_from_another_section_empties_the_vent_when_going_back(
    vent_store: Store, db_path: Path, workbook: Workbook, tmp_path: Path
) -> None:
    """Open section 1 with the vent, go to section 2, let go, come back: the vent box is
    empty, and one key typed there saves that key, not the erased vent."""
    app = make_app(vent_store, workbook, export_dir=tmp_path / "x", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(1, "frustration")
        await until_ready(pilot)
        assert app.screen.query_one("#input-vent", TextArea).text == VENT
        await pilot.press("2")
        await until_ready(pilot)
        app.action_let_go()  # as the palette's "Let it go" does from any screen
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#yes")
        await pilot.pause()
        assert "vent" not in _stored(db_path)
        await pilot.press("1")
        await until_ready(pilot)
        vent = app.screen.query_one("#input-vent", TextArea)
        assert vent.text == ""
        vent.focus()
        await pilot.press("x")
        await pilot.pause()
        assert app.save_now()
        assert _stored(db_path)["vent"]["text"] == "x"  # and the day it was written
    vent_store.close()
    assert VENT.encode() not in all_bytes(db_path)


async def test_a_field_shows_a_change_made_elsewhere_when_its_screen_comes_back(
    vent_store: Store, workbook: Workbook, tmp_path: Path
) -> None:
    app = make_app(vent_store, workbook, export_dir=tmp_path / "x", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(1, "bridges")
        await until_ready(pilot)
        who = app.screen.query_one("#input-thank-who", Input)
        await pilot.press("3")
        await until_ready(pilot)
        app.session.record("bridges", "thank-who", "Sam")  # e.g. a restore, another screen
        await pilot.press("2")
        await until_ready(pilot)
        assert app.screen.query_one("#input-thank-who", Input) is who  # kept, updated in place
        assert who.value == "Sam"
        app.session.record("frustration", "feelings", [{"odd": 1}, "Tired"])
        await pilot.press("1")
        await until_ready(pilot)
        field = app.screen.query_one("#field-feelings")
        assert "could not be shown" in str(field.query_one(".odd").render())
    vent_store.close()


def test_the_session_holds_pending_changes_until_saved(
    vent_store: Store, workbook: Workbook, db_path: Path
) -> None:
    session = Session(vent_store, workbook)
    session.record("frustration", "intensity-before", 3)  # nothing open: ignored
    assert session.pending == {}
    session.open(1)
    session.record("frustration", "intensity-before", 0)
    assert session.value("frustration", "intensity-before") == 0
    assert session.pending == {(1, "frustration", "intensity-before"): 0}
    assert "intensity-before" not in _stored(db_path)
    session.apply()
    assert session.pending == {} and session.needs_writing
    assert session.save() and session.problem == ""
    assert _stored(db_path)["intensity-before"] == 0
    assert session.has_private_writing()
    assert session.erase_private().ok
    assert not session.has_private_writing()
    assert "vent" not in _stored(db_path)
    vent_store.close()
    assert VENT.encode() not in all_bytes(db_path)  # nor the journal, nor any backup


def test_pending_changes_of_an_entry_show_when_it_is_opened_again(
    vent_store: Store, workbook: Workbook
) -> None:
    session = Session(vent_store, workbook)
    session.open(1)
    session.record("bridges", "thank-who", "Priya")
    session.close()
    session.open(1)
    assert session.value("bridges", "thank-who") == "Priya"
    vent_store.close()
