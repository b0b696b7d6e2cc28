"""Issue 11 items 20, 21, 23: welcome and new entry fit 80x24, errors clear when fixed, no
silent stage, and a second window's read-only notice is a one-line banner."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Button, Footer, Static

from rebound_tui.core.content import Workbook
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import ReboundApp, make_app
from rebound_tui.tui.screens.entry_screen import SaveWarning
from rebound_tui.tui.screens.home import HomeScreen
from rebound_tui.tui.screens.new_entry import NewEntryScreen
from rebound_tui.tui.screens.welcome import WelcomeScreen
from tests.helpers.ready import until_ready
from tests.keys import type_text


def _on_screen(widget, size: tuple[int, int]) -> bool:  # type: ignore[no-untyped-def]
    region = widget.region
    return region.height > 0 and region.bottom <= size[1] and region.right <= size[0]


async def test_welcome_shows_begin_and_footer_at_80x24(db_path: Path, workbook: Workbook) -> None:
    store = Store(db_path)
    app = make_app(store, workbook, reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert _on_screen(app.screen.query_one("#begin", Button), (80, 24))
        assert _on_screen(app.screen.query_one(Footer), (80, 24))
    store.close()


async def test_welcome_text_all_in_view_at_80x24_and_scrolls_visibly_at_60x20(
    db_path: Path, workbook: Workbook
) -> None:
    """A first-time reader sees every line at 80x24; at 60x20 a scrollbar says there is more."""
    store = Store(db_path)
    app = make_app(store, workbook, reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        page = app.screen.query_one("#welcome-page")
        last = list(app.screen.query_one("#welcome").children)[-1]
        assert "Take it gently" in str(last.render())
        assert page.max_scroll_y == 0 and _on_screen(last, (80, 24))
        assert last.region.bottom <= app.screen.query_one("#begin", Button).region.y
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        assert page.max_scroll_y > 0 and page.show_vertical_scrollbar
        assert _on_screen(app.screen.query_one("#begin", Button), (60, 20))
    store.close()


async def test_new_entry_fits_80x24_with_buttons_and_footer(app: ReboundApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await until_ready(pilot)
        screen = app.screen
        assert isinstance(screen, NewEntryScreen)
        form = screen.query_one("#new-entry")
        assert form.max_scroll_y == 0  # nothing to scroll to
        for button in screen.query(Button):
            assert _on_screen(button, (80, 24))
        footer = screen.query_one(Footer)
        assert _on_screen(footer, (80, 24)) and footer.region.y == 23


async def test_new_entry_error_clears_when_the_field_is_fixed(app: ReboundApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await until_ready(pilot)
        error = app.screen.query_one("#form-error", Static)
        await pilot.press("ctrl+s")
        assert "company" in str(error.render())
        await type_text(pilot, "A")
        await pilot.pause()
        assert str(error.render()).strip() == ""
        app.screen.query_one("#date").focus()
        await pilot.press("end", "backspace")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not a date" in str(error.render())
        await pilot.press("5")
        await until_ready(pilot)
        assert str(error.render()).strip() == ""


async def test_an_untouched_stage_is_not_said(app: ReboundApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await type_text(pilot, "Acme")
        await pilot.press("enter")
        await pilot.pause()
        assert app.entry is not None and app.entry.company == "Acme"
        assert app.entry.stage == ""


async def test_read_only_notice_is_a_one_line_banner(db_path: Path, workbook: Workbook) -> None:
    writer = Store(db_path)
    from rebound_tui.tui.screens.welcome import WELCOMED

    writer.set_setting(WELCOMED, True)
    writer.create_entry(company="Acme", role="", stage="", date="2026-11-02", internal=False)
    writer.flush()
    reader = Store.open_or_read_only(db_path)
    app = make_app(reader, workbook, reduced_motion=True)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        banner = app.screen.query_one(SaveWarning)
        assert banner.region.height == 1
        assert f"process {os.getpid()}" in str(banner.render())
        assert not app._notifications  # no toast over the list
    reader.close()
    writer.close()


async def test_new_entry_long_name_shows_its_start_and_says_when_full(app: ReboundApp) -> None:
    """A company longer than its box shows its beginning once Tab moves on (not its last
    letters), and reaching the most a name keeps says so instead of dropping keys silently."""
    from textual.widgets import Input

    from rebound_tui.tui.screens.new_entry import MAX_NAME

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await until_ready(pilot)
        company = app.screen.query_one("#company", Input)
        await type_text(pilot, "Northwind Trading International Holdings and Partners Ltd")
        await pilot.press("tab")
        await pilot.pause()
        shown = company.render_line(0).text.strip()
        assert shown.startswith("Northwind Trading"), shown
        error = app.screen.query_one("#form-error", Static)
        assert str(error.render()).strip() == ""
        company.focus()
        await type_text(pilot, "x" * MAX_NAME)
        assert len(company.value) == MAX_NAME
        assert f"kept to {MAX_NAME} characters" in str(error.render())
