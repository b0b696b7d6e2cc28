"""The whole path with Pilot: new entry, answers in every section, quit, reopen, export."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import SelectionList, TextArea

from rebound_tui.cli import main
from rebound_tui.core.content import Workbook
from rebound_tui.core.storage.store import Entry, Store
from rebound_tui.tui.app import ReboundApp, make_app
from rebound_tui.tui.screens.help import HelpScreen
from rebound_tui.tui.screens.home import HomeScreen
from rebound_tui.tui.screens.section import SectionScreen
from rebound_tui.tui.screens.summary import SummaryScreen
from rebound_tui.tui.screens.welcome import WelcomeScreen
from rebound_tui.tui.widgets.composer_field import ComposerField
from rebound_tui.tui.widgets.scale_input import ScaleInput
from tests.helpers.on_disk import saved_answers
from tests.helpers.ready import until_ready
from tests.keys import type_text


def _app(db_path: Path, workbook: Workbook, tmp_path: Path) -> ReboundApp:
    return make_app(Store(db_path), workbook, export_dir=tmp_path / "exports", reduced_motion=True)


def _section(app: ReboundApp) -> str:
    assert isinstance(app.screen, SectionScreen)
    return app.screen.section.id


async def test_new_entry_every_section_quit_reopen_export(
    db_path: Path, workbook: Workbook, tmp_path: Path, capsys
) -> None:
    app = _app(db_path, workbook, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)  # first run only
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await type_text(pilot, "Northwind")
        await pilot.press("tab")
        await type_text(pilot, "Data analyst")
        await pilot.press("enter")
        await until_ready(pilot)
        assert _section(app) == "frustration"

        # 1: tick the first feeling; typing 6 on the scale picks 6.
        await pilot.press("tab", "space", "tab", "6")
        assert isinstance(app.focused, ScaleInput) and app.focused.id == "input-intensity-before"
        await pilot.press("tab")
        await type_text(pilot, "It stung.\nA lot.")
        await pilot.press("escape", "2")
        await until_ready(pilot)  # the section's exercises mount just after its lesson
        assert _section(app) == "bridges"
        await pilot.press("tab")
        await type_text(pilot, "Priya")
        await pilot.press("escape", "n")
        await until_ready(pilot)  # the section's exercises mount just after its lesson
        assert _section(app) == "learning"
        await pilot.press("tab")
        await type_text(pilot, "Alex Morgan")  # the feedback request's first field
        await pilot.press("escape", "4")
        await until_ready(pilot)  # the section's exercises mount just after its lesson
        assert _section(app) == "facts"
        await pilot.press("tab")
        await type_text(pilot, "Final round, no offer")
        await pilot.press("escape", "5")
        await until_ready(pilot)  # the section's exercises mount just after its lesson
        assert _section(app) == "looking-ahead"
        await pilot.press("tab")
        await type_text(pilot, "My portfolio got me shortlisted")
        await pilot.press("escape", "s")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("ctrl+q")
    app.store.close()

    answers = saved_answers(db_path)
    assert answers["frustration"]["feelings"] == [
        workbook.section("frustration").exercises[0].options[0]
    ]
    assert answers["frustration"]["intensity-before"] == 6
    assert answers["frustration"]["vent"]["text"] == "It stung.\nA lot."
    assert answers["bridges"]["thank-who"] == "Priya"
    assert answers["learning"]["feedback-request"]["fields"]["name"] == "Alex Morgan"
    assert answers["facts"]["thought-record"]["situation"] == "Final round, no offer"
    assert answers["looking-ahead"]["shortlisted"] == "My portfolio got me shortlisted"

    # Reopen with the same database: every answer is where it was left.
    app = _app(db_path, workbook, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)  # no welcome the second time
        await pilot.press("enter")  # the newest entry is highlighted on home
        await pilot.pause()
        assert _section(app) == "frustration"
        feelings = app.screen.query_one("#input-feelings", SelectionList)
        assert feelings.selected == answers["frustration"]["feelings"]
        assert app.screen.query_one("#input-intensity-before", ScaleInput).value == 6
        assert app.screen.query_one("#input-vent", TextArea).text == "It stung.\nA lot."
        await pilot.press("3")
        await until_ready(pilot)
        assert (
            "Hi Alex Morgan,"
            in app.screen.query_one("#field-feedback-request", ComposerField).text()
        )
        await pilot.press("4")
        await until_ready(pilot)
        assert app.screen.query_one("#field-thought-record").record["situation"] == (
            "Final round, no offer"
        )
        await pilot.press("e", "m")
        exports = list((tmp_path / "exports").glob("*.md"))
        assert len(exports) == 1
        assert exports[0].stat().st_mode & 0o777 == 0o600
        exported = exports[0].read_text()
        assert "Priya" in exported and "Final round, no offer" in exported
        assert "It stung." not in exported  # the private vent stays out
        await pilot.press("ctrl+q")
    app.store.close()

    capsys.readouterr()
    assert main(["export", "--db", str(db_path)]) == 0
    markdown = capsys.readouterr().out
    for text in ("Northwind", "Priya", "Alex Morgan", "Final round, no offer", "shortlisted"):
        assert text in markdown
    assert "It stung." not in markdown
    assert main(["export", "--db", str(db_path), "--include-private", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    vent = data["entries"][0]["sections"][0]["answers"]
    vent_answer = next(a for a in vent if a["id"] == "vent")
    assert vent_answer["answer"]["text"] == "It stung.\nA lot."  # with the day written


async def test_answers_are_saved_while_typing(app: ReboundApp, entry: Entry, db_path: Path) -> None:
    app.store.flush()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry.id, "looking-ahead")
        await until_ready(pilot)
        await pilot.press("tab")
        await type_text(pilot, "typed, not yet saved by a screen change")
        await pilot.pause(1.5)  # the autosave timer, not a screen change or quit
        on_disk = saved_answers(db_path)
        assert on_disk["looking-ahead"]["shortlisted"] == "typed, not yet saved by a screen change"
        await pilot.press("ctrl+q")


async def test_internal_entry_shows_the_keep_performing_exercise(
    app: ReboundApp, store: Store
) -> None:
    internal = store.create_entry(
        company="Us", role="Lead", stage="Final round", date="2026-11-02", internal=True
    )
    external = store.create_entry(
        company="Them", role="Lead", stage="Final round", date="2026-11-02", internal=False
    )
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(internal.id, "bridges")
        await until_ready(pilot)
        assert app.screen.query("#field-keep-performing")
        app.open_entry(external.id, "bridges")
        await until_ready(pilot)
        assert not app.screen.query("#field-keep-performing")


async def test_keys_move_between_sections_and_help_lists_them(
    app: ReboundApp, entry: Entry
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry.id, "frustration")
        await until_ready(pilot)
        await pilot.press("n")
        assert _section(app) == "bridges"
        await pilot.press("b")
        assert _section(app) == "frustration"
        await pilot.press("5", "n")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        described = dict((d, k) for k, d in app.screen.rows)
        assert described["Next section"] == "n"
        assert described["Go to section 1 to 5"] == "1-5"
        assert described["Quit (everything is saved first)"] in ("ctrl+q", "^q")
        await pilot.press("escape", "h")
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 2


async def test_palette_offers_sections_and_hides_screenshot(app: ReboundApp, entry: Entry) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry.id, "frustration")
        await until_ready(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and "Theme" in titles
        await pilot.press("ctrl+p")
        await type_text(pilot, "Section 4")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert _section(app) == "facts"


async def test_letters_typed_on_a_checklist_do_not_navigate(
    app: ReboundApp, entry: Entry, tmp_path: Path
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry.id, "frustration")
        await until_ready(pilot)
        await pilot.press("tab")  # the feelings checklist
        await type_text(pilot, "send the note 2")  # s, e, n, h and 2 are shortcuts elsewhere
        assert _section(app) == "frustration"
        assert not list((tmp_path / "exports").glob("*.md"))
        await pilot.press("escape", "2")  # after Esc they work again
        assert _section(app) == "bridges"
