"""Safety first: the support page, the gentle pointer to F2, and content a person can edit
after ``pip install`` (their own folder over the built-in one)."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from textual.widgets import Footer, Markdown, SelectionList

from rebound_tui import cli
from rebound_tui.cli import main
from rebound_tui.core.content import default_content_dir, find_problems, load_workbook
from rebound_tui.core.content_folder import support_page_note
from rebound_tui.core.paths import user_content_dir
from rebound_tui.core.storage.store import Entry, Store
from rebound_tui.core.support_nudge import NUDGE, NUDGED_SETTING
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.screens.page import PageScreen
from rebound_tui.tui.widgets.exercise_field import ExerciseField
from rebound_tui.tui.widgets.support_nudge import SupportNudge
from tests.helpers.ready import until_ready

# --------------------------------------------------------------------------- support page


def test_support_page_puts_the_helplines_first() -> None:
    support = load_workbook().support
    paragraphs = support.split("\n\n")
    assert paragraphs[0].startswith("# ")
    helplines = paragraphs[2]  # after the title and one short paragraph
    assert len(paragraphs[1]) < 260
    for number in (
        "988",
        "988lifeline.org",
        "116 123",
        "13 11 14",
        "000",
        "1737",
        "111",
        "findahelpline.com",
    ):
        assert number in helplines, number
    assert re.search(r"US and Canada.*call or text \*\*988\*\*", helplines)
    assert re.search(r"New Zealand.*call or text \*\*1737\*\*", helplines)
    assert "not therapy" in support


async def test_support_page_shows_helplines_at_once_and_says_esc_closes_it(
    app: ReboundApp, entry: Entry
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry.id, "frustration")
        await until_ready(pilot)
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PageScreen)
        markdown = screen.query_one(Markdown)
        # The whole list of helplines is inside the first screenful, above the footer.
        holding = [
            block
            for block in markdown.query("*")
            if "988" in (getattr(block, "source", None) or "")
            and "findahelpline" in (getattr(block, "source", None) or "")
        ]
        helplines = min(holding, key=lambda block: len(getattr(block, "source", "")))
        assert helplines.region.y > 0 and helplines.region.bottom <= 23
        footer = screen.query_one(Footer)
        assert footer.region.y == 23
        keys = {b.binding.key: b.binding.description for b in screen.active_bindings.values()}
        assert keys.get("escape") == "Close"
        assert "content --copy" in screen.query_one(".page-note").render().plain  # type: ignore[attr-defined]
        await pilot.press("escape")
        assert not isinstance(app.screen, PageScreen)


# --------------------------------------------------------------------------- the nudge


async def _feelings_list(app: ReboundApp, pilot, entry_id: int) -> SelectionList[str]:  # type: ignore[no-untyped-def]
    app.open_entry(entry_id, "frustration")
    await until_ready(pilot)
    options = app.screen.query_one("#input-feelings", SelectionList)
    options.focus()
    await pilot.pause()
    return options


async def test_ticking_hopeless_points_to_f2_once_and_never_blocks(
    app: ReboundApp, entry: Entry, store: Store
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        options = await _feelings_list(app, pilot, entry.id)
        nudge = app.screen.query_one(SupportNudge)
        assert not nudge.shown
        await pilot.press("end", "space")  # "Tired": no pointer
        await pilot.pause()
        assert options.selected == ["Tired"]
        assert not nudge.shown and not nudge.display
        await pilot.press("up", "space")  # "Hopeless"
        await pilot.pause()
        assert "Hopeless" in options.selected
        assert nudge.shown and nudge.display
        assert str(nudge.render()) == NUDGE and "F2" in NUDGE
        assert nudge.region.height == 1 and nudge.region.width == 80  # one line at 80x24
        footer = app.screen.query_one(Footer)
        assert nudge.region.bottom == footer.region.y == 23  # right above the footer, in view
        assert app.focused is options  # nothing took the focus away
        assert store.get_setting(NUDGED_SETTING) == [entry.id]
        await pilot.press("space", "space")  # untick and tick again: nothing more happens
        await pilot.press("down", "space")
        assert options.selected == ["Hopeless"]
        # A 9 in the same entry, elsewhere, brings no second pointer.
        app.go_to("looking-ahead")
        await until_ready(pilot)
        field = app.screen.query_one("#field-intensity-end", ExerciseField)
        field.answer(9)
        await pilot.pause()
        assert not app.screen.query_one(SupportNudge).shown


async def test_an_intensity_of_nine_points_to_f2_in_another_entry_too(
    app: ReboundApp, entry: Entry, store: Store
) -> None:
    store.set_setting(NUDGED_SETTING, [entry.id])  # this one had it, in an earlier run
    other = store.create_entry(company="Beta", role="", stage="", date="2026-11-03", internal=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry.id, "frustration")
        await until_ready(pilot)
        app.screen.query_one("#field-intensity-before", ExerciseField).answer(10)
        await pilot.pause()
        assert not app.screen.query_one(SupportNudge).shown  # remembered across runs
        app.go_home()
        app.open_entry(other.id, "frustration")
        await until_ready(pilot)
        field = app.screen.query_one("#field-intensity-before", ExerciseField)
        field.answer(8)
        await pilot.pause()
        assert not app.screen.query_one(SupportNudge).shown  # 8 is not 9-10
        field.answer(9)
        await pilot.pause()
        assert app.screen.query_one(SupportNudge).shown
    assert store.get_setting(NUDGED_SETTING) == [entry.id, other.id]


def test_the_content_marks_what_brings_the_pointer() -> None:
    frustration = load_workbook().section("frustration")
    marks = {e.id: (e.support_options, e.support_from) for e in frustration.exercises}
    assert marks["feelings"] == (("Hopeless",), None)
    assert marks["intensity-before"] == ((), 9)
    assert marks["intensity-after"] == ((), 9)
    assert load_workbook().section("looking-ahead").exercises[-1].support_from == 9


def test_every_section_mentions_f2() -> None:
    for section in load_workbook().sections:
        assert "F2" in section.lesson, section.id


# --------------------------------------------------------------------------- your own content


@pytest.fixture
def yours(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    folder = user_content_dir()
    assert folder == tmp_path / "config" / "rebound" / "content"
    return folder


def test_a_file_in_your_folder_replaces_the_built_in_one(yours: Path) -> None:
    yours.mkdir(parents=True)
    (yours / "support.md").write_text("# My support\n\nCall Sam: 0123 456.\n")
    learning = (default_content_dir() / "03-learning.md").read_text(encoding="utf-8")
    (yours / "03-learning.md").write_text(learning.replace("# ", "# My own title, ", 1))
    (yours / "06-extra.md").write_text(
        '# Extra\n\nMore.\n\n```exercise\nid = "extra"\nkind = "long_text"\nprompt = "p"\n```\n'
    )
    (yours / "notes.txt").write_text("not content")
    workbook, problems = find_problems(default_content_dir(), yours)
    assert problems == []
    assert workbook is not None
    assert workbook.support.startswith("# My support")
    assert workbook.section("learning").title.startswith("My own title, ")
    assert [s.id for s in workbook.sections][-1] == "extra"
    assert workbook.overridden == ("03-learning.md", "06-extra.md", "support.md")
    assert workbook.welcome == load_workbook().welcome  # the rest stays built-in
    assert "your own copy" in support_page_note(workbook)
    assert cli._workbook(None).support.startswith("# My support")  # what the app is given


def test_a_problem_in_your_folder_names_your_file(
    yours: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    yours.mkdir(parents=True)
    (yours / "02-bridges.md").write_text("# Bridges\n\nNo exercises here.\n")
    assert main(["check-content"]) == 1
    assert capsys.readouterr().out.strip() == (
        f"{yours / '02-bridges.md'}:1: section has no exercise blocks"
    )
    assert main(["list", "--db", str(yours.parent / "db.json")]) == 1
    assert "02-bridges.md:1: section has no exercise blocks" in capsys.readouterr().err


def test_content_copy_starts_your_folder_and_check_content_passes(
    yours: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-content"]) == 0
    assert "5 sections" in capsys.readouterr().out
    assert main(["content"]) == 0
    assert "does not exist yet" in capsys.readouterr().out
    assert main(["content", "--copy"]) == 0
    said = capsys.readouterr().out
    assert "Copied 8 file(s)" in said and "rebound check-content" in said
    assert stat.S_IMODE(yours.stat().st_mode) == 0o700
    assert {p.name for p in yours.iterdir()} >= {"support.md", "welcome.md", "01-frustration.md"}
    (yours / "support.md").write_text("# Mine\n\nCall Sam.\n")
    assert main(["content", "--copy"]) == 0  # again: nothing is overwritten
    assert "Kept what was already there" in capsys.readouterr().out
    assert (yours / "support.md").read_text() == "# Mine\n\nCall Sam.\n"
    assert main(["check-content"]) == 0
    assert "with your 01-frustration.md" in capsys.readouterr().out
    assert main(["check-content", str(yours)]) == 0  # your folder, checked over the built-in
    capsys.readouterr()
    for name in ("01-frustration.md", "02-bridges.md", "welcome.md"):
        (yours / name).unlink()
    assert main(["content"]) == 0
    assert "03-learning.md" in capsys.readouterr().out


def test_content_copy_to_another_folder_makes_a_complete_one(
    tmp_path: Path, yours: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine"
    assert main(["content", "--copy", str(target)]) == 0
    assert f"rebound --content {target}" in capsys.readouterr().out
    assert main(["check-content", str(target)]) == 0
    assert f"{target}: 5 sections" in capsys.readouterr().out
