"""The views across entries in the app: patterns (p), before your next interview (b), search (/)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.widgets import Input, Markdown, OptionList, Static

from rebound_tui.core.content import Workbook
from rebound_tui.core.demo import fill
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.screens.home import HomeScreen
from rebound_tui.tui.screens.patterns import PatternsScreen
from rebound_tui.tui.screens.prep import PrepScreen
from rebound_tui.tui.screens.search import SearchScreen
from rebound_tui.tui.screens.section import SectionScreen
from rebound_tui.tui.screens.summary import SummaryScreen
from rebound_tui.tui.widgets.exercise_field import ExerciseField
from rebound_tui.tui.widgets.result_list import ResultList
from tests.helpers.ready import until_ready


@pytest.fixture
def history(store: Store, workbook: Workbook) -> int:
    return fill(store, workbook, history=True)


def _text(app: ReboundApp, selector: str) -> str:
    """What a Static shows, as plain text (its renderable may be a Rich table)."""
    console = Console(width=76, record=True, no_color=True, file=io.StringIO())
    content = app.screen.query_one(selector, Static).content
    console.print(Text(content) if isinstance(content, str) else content)
    return console.export_text()


def _focused_field(app: ReboundApp) -> str | None:
    focused = app.focused
    for node in focused.ancestors_with_self if focused else ():
        if isinstance(node, ExerciseField):
            return node.exercise.id
    return None


async def test_p_on_home_shows_the_patterns_and_escape_goes_back(
    app: ReboundApp, history: int
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PatternsScreen)
        assert "(3)" in str(app.screen.query_one("#patterns-title").render())
        intensity = _text(app, "#intensity")
        for date, start, end, change in [
            ("2026-09-14", " 8", " 3", "↓5"),
            ("2026-10-30", " 9", " 5", "↓4"),
            ("2026-11-20", " 7", " 4", "↓3"),
        ]:
            row = next(line for line in intensity.splitlines() if date in line)
            assert start in row and end in row and change in row
        assert "Final round" in _text(app, "#stages")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_feedback_word_opens_the_entry_on_its_feedback(app: ReboundApp, history: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        links = app.screen.query_one("#feedback-links", OptionList)
        links.focus()
        await pilot.pause()
        links.highlighted = next(
            i for i in range(links.option_count) if links.get_option_at_index(i).id == "sql:1"
        )
        await pilot.press("enter")
        await pilot.pause()
        assert app.entry_id == 1
        assert isinstance(app.screen, SectionScreen) and app.screen.section.id == "learning"


async def test_one_entry_gets_kind_words(app: ReboundApp, store: Store) -> None:
    store.create_entry(company="Acme", role="", stage="", date="2026-11-02", internal=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert "first entry" in _text(app, "#patterns-kind")


async def test_b_shows_the_prep_page(app: ReboundApp, history: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, PrepScreen)
        source = app.screen.query_one("#prep", Markdown).source
        assert source.index("I rushed the case study") < source.index("two SQL stories")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_slash_searches_and_enter_opens_the_exercise_focused(
    app: ReboundApp, history: int
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"onboarding")
        await pilot.pause()
        results = app.screen.query_one("#search-results", ResultList)
        assert results.count == 1
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.entry_id == history
        assert isinstance(app.screen, SectionScreen) and app.screen.section.id == "learning"
        assert _focused_field(app) == "questions-differently"


async def test_search_arrow_down_to_results_then_enter(app: ReboundApp, history: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"sql")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert [h.entry_id for h in screen.hits] == [2, 1, 1]
        await pilot.press("down")
        results = app.screen.query_one("#search-results", ResultList)
        assert app.focused is results and results.highlighted == 0
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.entry_id == 1 and _focused_field(app) == "feedback-received"


async def test_search_nothing_found_says_so(app: ReboundApp, history: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"[bold]zebra")
        await pilot.pause()
        assert "Nothing found for “[bold]zebra”" in _text(app, "#search-count")
        assert app.screen.query_one("#search-input", Input).value == "[bold]zebra"


@pytest.mark.parametrize(
    ("command", "screen"),
    [
        ("Patterns across entries", PatternsScreen),
        ("Before your next interview", PrepScreen),
        ("Search every answer", SearchScreen),
    ],
)
async def test_palette_commands(app: ReboundApp, history: int, command: str, screen: type) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *command)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, screen)


async def test_palette_finds_a_line_of_an_answer(app: ReboundApp, history: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"call my sister")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.entry_id == history
        assert _focused_field(app) == "coping-plan"


async def test_summary_has_a_section_across_entries(app: ReboundApp, history: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(history, "frustration")
        await until_ready(pilot)
        app.go_to("summary")
        await until_ready(pilot)
        assert isinstance(app.screen, SummaryScreen)
        source = app.screen.query_one("#summary", Markdown).source
        assert "## Across your entries" in source
        assert "7 → 4 in this entry; a change of 4 points is typical for you" in source


async def test_what_was_just_typed_counts(app: ReboundApp, store: Store, tmp_path: Path) -> None:
    """An answer recorded a moment ago (not yet written) shows in search at once."""
    entry = store.create_entry(company="Acme", role="", stage="", date="2026-11-02", internal=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.session.open(entry.id)
        app.record_answer("learning", "lessons", "Bring the portfolio on paper")
        app.session.close()
        await pilot.press("slash", *"paper")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen) and len(screen.hits) == 1


async def test_many_entries_are_read_in_a_thread(
    app: ReboundApp, history: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above READ_AT_ONCE entries each view opens at once, says it is reading, then shows
    the same figures as when read at once."""
    from rebound_tui.core import patterns

    monkeypatch.setattr(patterns, "READ_AT_ONCE", 1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await until_ready(pilot)  # the thread starts after the first paint
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PatternsScreen) and screen.found is not None
        assert screen.found.typical_drop == 4
        assert not screen.query("#patterns-wait")
        await pilot.press("escape", "b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "I rushed the case study" in app.screen.query_one("#prep", Markdown).source
        await pilot.press("escape", "slash", *"onboarding")
        await app.workers.wait_for_complete()
        await pilot.pause()
        search = app.screen
        assert isinstance(search, SearchScreen) and len(search.hits) == 1
        app.open_entry(history, "frustration")
        await until_ready(pilot)
        app.go_to("summary")
        await app.workers.wait_for_complete()
        await pilot.pause()
        source = app.screen.query_one("#summary", Markdown).source
        assert "## Across your entries" in source


async def test_a_word_in_many_entries_links_the_newest_and_counts_the_rest(
    app: ReboundApp, store: Store
) -> None:
    """With thousands of entries every common word would list them all (tens of thousands of
    options, minutes to lay out): each word links its newest entries and says how many more."""
    from rebound_tui.tui.screens.patterns import LINKS_PER_WORD

    ids = []
    for day in range(1, LINKS_PER_WORD + 4):
        entry = store.create_entry(
            company=f"Firm {day}", role="", stage="", date=f"2026-10-{day:02d}", internal=False
        )
        store.set_answer(entry.id, "learning", "feedback-received", "The SQL round was hard.")
        ids.append(entry.id)
    store.flush()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        links = app.screen.query_one("#feedback-links", OptionList)
        options = [links.get_option_at_index(i) for i in range(links.option_count)]
        linked = [int(o.id.split(":")[1]) for o in options if o.id and o.id.startswith("sql:")]
        assert linked == list(reversed(ids))[:LINKS_PER_WORD]  # the newest, newest first
        assert any("… and 3 older entries" in str(o.prompt) for o in options)


async def test_each_search_result_reads_as_one_item(app: ReboundApp, history: int) -> None:
    """On the search screen a result is where it is (date, entry · section · exercise), then
    its line, and a rule stands between two results (not colour alone); in the palette a
    result starts with ▸ and the same words, then the line in quotes."""
    from textual.command import CommandList

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"sql")
        await pilot.pause()
        results = app.screen.query_one("#search-results", ResultList)
        lines = [results.render_line(y).text for y in range(8)]
        assert lines[0].startswith("▸ 2026-10-30  Larch & Co") and " · Learning · " in lines[0]
        assert "SQL" in lines[1]
        assert set(lines[2].strip()) == {"─"}, lines[2]  # the rule after the first result
        assert lines[3].startswith("  2026-09-14") and "SQL" in lines[4]
        assert set(lines[5].strip()) == {"─"} and lines[6].startswith("  2026-09-14")
        await pilot.press("escape", "ctrl+p", *"stakeholder")
        for _ in range(100):
            await pilot.pause(0.05)
            palette = app.screen.query(CommandList)
            if palette and palette.first().option_count == 2:
                break
        listed = app.screen.query_one(CommandList)
        found = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert len(found) == 2
        assert all(p.startswith("▸ 2026-") and " · Learning · " in p for p in found), found
        assert all("\n  “" in p for p in found), found


async def test_patterns_follow_what_is_typed_after_they_were_kept(
    db_path: Path, workbook: Workbook, tmp_path: Path
) -> None:
    """The patterns cache holds every entry's figures after the first look; a rating changed
    in the app a moment later (not yet written to its file) shows on the next look."""
    from rebound_tui.core.patterns_cache import cache_path
    from rebound_tui.tui.app import make_app

    with Store(db_path) as saved:
        newest = fill(saved, workbook, history=True)
    store = Store(db_path)  # a new session: nothing changed in it yet
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("p")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, PatternsScreen) and screen.found is not None
            assert screen.found.point(newest).start == 7  # type: ignore[union-attr]
            assert cache_path(db_path).exists()
            await pilot.press("escape")
            app.open_entry(newest, "frustration")
            await until_ready(pilot)
            app.record_answer("frustration", "intensity-before", 2)
            app.go_home()
            await pilot.pause()
            await pilot.press("p")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, PatternsScreen) and screen.found is not None
            assert screen.found.point(newest).start == 2  # type: ignore[union-attr]
            rows = _text(app, "#intensity").splitlines()
            row = next(line for line in rows if "2026-11-20" in line)
            assert " 2 " in row and "↓" not in row
    finally:
        store.close()


async def test_search_results_are_marked_and_go_back_up_to_the_box(
    app: ReboundApp, history: int
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"sql")
        await pilot.pause()
        results = app.screen.query_one("#search-results", ResultList)
        box = app.screen.query_one("#search-input", Input)
        lines = [results.render_line(y).text for y in range(7)]
        # the highlighted result is marked by a symbol, not by colour alone
        assert lines[0].startswith("▸ 2026-10-30") and lines[3].startswith("  2026-09-14")
        assert "SQL" in lines[1] and "Harbour Analytics" in lines[3]  # a rule between
        await pilot.press("down", "down")
        assert app.focused is results and results.highlighted == 1
        assert results.render_line(3).text.startswith("▸ ")
        await pilot.press("up", "up")
        assert app.focused is box and box.value == "sql"
        await pilot.press("x")
        assert box.value == "sqlx"  # typing goes on where it was


async def test_a_click_on_a_result_opens_it(app: ReboundApp, history: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"sql")
        await pilot.pause()
        await pilot.click("#search-results", offset=(10, 7))  # the third result's second line
        await pilot.pause()
        await pilot.pause()
        assert app.entry_id == 1 and _focused_field(app) == "lessons"


def test_a_match_far_into_a_long_line_is_shown() -> None:
    from rebound_tui.core.search import Hit
    from rebound_tui.tui.screens.search import result_lines

    line = "word " * 40 + "needle at the end"
    hit = Hit(1, "Acme", "2026-11-02", "learning", "Learning", "lessons", "Lessons", line)
    where, found = result_lines(hit, "needle", 70)
    assert where.plain.startswith("2026-11-02  Acme · Learning")
    assert found.plain.startswith("  …") and len(found.plain) <= len(line)
    shown = found.plain[:70]
    assert "needle" in shown
    start = found.plain.index("needle")
    assert any(span.start == start and span.end == start + 6 for span in found.spans)
    short = result_lines(hit, "word", 70)[1]
    assert short.plain == "  " + line  # a match in view: the line from its start
