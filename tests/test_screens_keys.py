"""Issue 11 items 14-16: the palette reaches an exercise, help speaks Rebound's language, and
keys at the ends of the workbook say what happened."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widget import Widget
from textual.widgets import Footer

from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.screens.help import HelpScreen
from rebound_tui.tui.screens.section import SectionScreen
from rebound_tui.tui.screens.summary import SummaryScreen
from tests.helpers.ready import until_ready
from tests.keys import type_text


async def _palette(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await type_text(pilot, text)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


async def _opened_by_palette(  # type: ignore[no-untyped-def]
    app: ReboundApp, pilot, query: str, section_id: str, exercise_id: str
) -> tuple[SectionScreen, Widget]:
    """Run `query` in the palette: its section is shown and the exercise has the focus."""
    await _palette(pilot, query)
    screen = app.screen
    assert isinstance(screen, SectionScreen) and screen.section.id == section_id
    field = screen.query_one(f"#field-{exercise_id}")
    assert app.focused is not None and field in app.focused.ancestors_with_self
    return screen, field


async def test_palette_exercise_scrolls_to_it_and_focuses_it(
    app: ReboundApp, demo_entry: int
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(demo_entry, "frustration")
        await until_ready(pilot)
        screen, field = await _opened_by_palette(
            app, pilot, "next steps, with dates", "looking-ahead", "next-steps"
        )
        body = screen.query_one("#body")
        assert body.region.y <= field.region.y < body.region.bottom  # its prompt is in view
        # From inside that same section, to another exercise of it.
        await pilot.press("escape")
        await _palette(pilot, "kind sentences to yourself")
        assert app.screen is screen
        field = screen.query_one("#field-kind-sentences")
        assert app.focused is not None and field in app.focused.ancestors_with_self
        assert body.region.y <= field.region.y < body.region.bottom


async def test_palette_finds_an_exercise_by_its_name_too(app: ReboundApp, demo_entry: int) -> None:
    """ "thought record" is what content/README.md and the lesson call it; its prompt says
    something else, and the palette found nothing for the name."""
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(demo_entry, "frustration")
        await until_ready(pilot)
        await _opened_by_palette(app, pilot, "thought record", "facts", "thought-record")


async def test_help_speaks_reboundish_and_lists_what_works_here(
    app: ReboundApp, demo_entry: int
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(demo_entry, "learning")
        await until_ready(pilot)
        await pilot.press("f1")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        words = [w for _, w in screen.rows + screen.field_rows]
        for stock in ("Focus Next", "Focus Previous", "Copy selected text", "Page Left"):
            assert stock not in words
        assert "Move to the next field" in words
        assert not any("vent" in w for w in words)  # no vent in section 3: no ctrl+l
        await pilot.press("escape")
        app.go_to("frustration")
        await until_ready(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert any("vent" in w for _, w in app.screen.rows)


async def test_palette_keys_opens_reboundish_help_that_esc_closes(
    app: ReboundApp, demo_entry: int
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(demo_entry, "learning")
        await until_ready(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Keys")
        await pilot.pause(0.5)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert not app.screen_stack[-2].query("HelpPanel")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        assert not app.screen.query("HelpPanel")


async def test_section_footer_shows_home_back_and_palette(app: ReboundApp, demo_entry: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(demo_entry, "learning")
        await until_ready(pilot)
        footer = app.screen.query_one(Footer)
        assert footer.show_command_palette
        shown = {key.key for key in footer.query("FooterKey")}
        assert {"h", "b", "n", "s", "f1", "f2"} <= shown
        # Every key fits on the one line at 80 columns.
        assert all(key.region.right <= 80 for key in footer.query("FooterKey"))


async def test_keys_at_the_ends_say_so(app: ReboundApp, demo_entry: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(demo_entry, "frustration")
        await until_ready(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.section.id == "frustration"
        assert any("first section" in n.message for n in app._notifications)
        app.go_to("looking-ahead")
        await until_ready(pilot)
        await pilot.press("n")
        await until_ready(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("n")
        await until_ready(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert any("last page" in n.message for n in app._notifications)


async def test_narrow_terminal_folds_the_sections_into_one_line(
    app: ReboundApp, demo_entry: int
) -> None:
    async with app.run_test(size=(60, 20)) as pilot:
        app.open_entry(demo_entry, "facts")
        await until_ready(pilot)
        screen = app.screen
        assert not screen.query_one("#section-nav").display
        bar = screen.query_one("#section-bar")
        assert bar.display and bar.region.height == 1
        assert "4 Facts" in str(bar.render())
        body = screen.query_one("#body")
        assert body.region.width >= 56  # the lesson has the width, not a 23-column sidebar
        await pilot.press("tab")  # into the first exercise; Esc comes out where keys work
        await pilot.press("escape", "5")
        await until_ready(pilot)
        assert isinstance(app.screen, SectionScreen) and app.screen.section.id == "looking-ahead"
        await pilot.press("s")  # the summary is marked as where you are, not by reverse alone
        await pilot.pause()
        assert "▸s Summary" in str(app.screen.query_one("#section-bar").render())


async def test_wide_home_and_summary_keep_lines_readable(app: ReboundApp, demo_entry: int) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#entries").region.width <= 100
        app.open_entry(demo_entry, "facts")
        app.go_to("summary")
        await until_ready(pilot)
        assert app.screen.query_one("#summary").region.width <= 100
