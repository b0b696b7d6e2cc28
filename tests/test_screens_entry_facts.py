"""Issue 11 items 22, 24, 25: timers survive, lessons fit the entry's facts, CLI wording."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Markdown

from rebound_tui.cli import main
from rebound_tui.core.content import ContentError, Workbook, load_workbook, parse_section
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import ReboundApp, make_app
from rebound_tui.tui.screens.section import SectionScreen
from rebound_tui.tui.widgets.timed_writing_field import TimedWritingField
from tests.helpers.ready import until_ready


def _lesson(app: ReboundApp) -> str:
    screen = app.screen
    assert isinstance(screen, SectionScreen)
    return screen.query_one("#lesson", Markdown).source


@pytest.mark.parametrize(
    ("stage", "internal", "shortlisted", "internal_paragraph"),
    [
        ("Application", False, False, False),
        ("", False, False, False),
        ("Final round", False, True, False),
        ("First interview", True, True, True),
    ],
)
async def test_lessons_follow_the_entrys_facts(
    store: Store,
    workbook: Workbook,
    tmp_path: Path,
    stage: str,
    internal: bool,
    shortlisted: bool,
    internal_paragraph: bool,
) -> None:
    entry = store.create_entry(
        company="Acme", role="", stage=stage, date="2026-11-02", internal=internal
    )
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry.id, "looking-ahead")
        await until_ready(pilot)
        assert ("you were shortlisted" in _lesson(app)) is shortlisted
        app.go_to("bridges")
        await until_ready(pilot)
        assert ("inside your own company" in _lesson(app)) is internal_paragraph
        app.go_to("facts")
        await until_ready(pilot)
        field = app.screen.query_one("#field-thought-record")
        traps = [t.question for t in field.exercise.traps if t.name == "All-or-nothing"]
        assert len(traps) == 1
        assert ("shortlisted" in traps[0]) is shortlisted


def test_when_blocks_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "01-one.md"
    exercise = '```exercise\nid = "a"\nkind = "short_text"\nprompt = "A?"\n```\n'
    path.write_text("# One\n\nAlways.\n\n```when someday\nNever.\n```\n\n" + exercise)
    with pytest.raises(ContentError, match=r"01-one.md:5: when must be one of"):
        parse_section(path)
    path.write_text("# One\n\nAlways.\n\n```when internal\nInside.\n```\n\nAfter.\n\n" + exercise)
    section = parse_section(path)
    assert section.lesson == "Always.\n\nAfter."
    assert section.lesson_for(stage="", internal=True) == "Always.\n\nInside.\n\nAfter."


def test_shipped_content_has_both_variants() -> None:
    section = load_workbook().section("looking-ahead")
    told = section.lesson_for(stage="Application", internal=False)
    assert "shortlisted" not in told and "met" not in told.split()


async def test_a_running_vent_timer_survives_home_and_back_and_a_restart(
    db_path: Path, workbook: Workbook, tmp_path: Path
) -> None:
    store = Store(db_path)
    from rebound_tui.tui.screens.welcome import WELCOMED

    store.set_setting(WELCOMED, True)
    entry = store.create_entry(
        company="Acme", role="", stage="Final round", date="2026-11-02", internal=False
    )
    app = make_app(store, workbook, reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry.id, "frustration")
        await until_ready(pilot)
        field = app.screen.query_one(TimedWritingField)
        field.toggle()
        field.tick(60)  # a minute of writing
        await pilot.pause()
        left = field.remaining
        assert field.running and left <= field.total - 60
        await pilot.press("h")
        await pilot.pause()
        app.open_entry(entry.id, "frustration")
        await until_ready(pilot)
        again = app.screen.query_one(TimedWritingField)
        assert again is not field
        assert again.running and again.remaining <= left
        assert "left" in str(again.query_one(".countdown").render())
        await pilot.press("ctrl+q")
    store.close()

    store = Store(db_path)
    app = make_app(store, workbook, reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry.id, "frustration")
        await until_ready(pilot)
        field = app.screen.query_one(TimedWritingField)
        assert field.running and field.remaining <= left
    store.close()


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    try:
        code = main(list(args))
    except SystemExit as done:  # --help
        code = int(done.code or 0)
    return code, capsys.readouterr().out


def test_export_accepts_entry_and_the_old_session_flag(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(db_path)
    entry = store.create_entry(
        company="Acme", role="", stage="Final round", date="2026-11-02", internal=False
    )
    store.flush()
    store.close()
    for flag in ("--entry", "--session"):
        code, out = _cli(capsys, "export", "--db", str(db_path), flag, str(entry.id))
        assert code == 0 and "Acme" in out
    _, helped = _cli(capsys, "export", "--help")
    assert "--entry ID" in helped and "--session" not in helped


def test_list_names_its_columns_in_order_and_shows_the_stage(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(db_path)
    store.create_entry(
        company="Acme", role="Analyst", stage="Final round", date="2026-11-02", internal=False
    )
    store.flush()
    store.close()
    _, helped = _cli(capsys, "--help")
    assert "id, date, progress, stage, company — role" in " ".join(helped.split())
    _, out = _cli(capsys, "list", "--db", str(db_path))
    listed = out.splitlines()
    header = listed[0].split()
    assert header[:4] == ["id", "date", "progress", "stage"]
    assert "Final round" in listed[1] and listed[1].index("Final round") < listed[1].index("Acme")
