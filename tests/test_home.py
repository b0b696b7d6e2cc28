"""The home screen: newest entries first, a page at a time."""

from __future__ import annotations

from textual.widgets import OptionList

from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.screens.home import HomeScreen


async def test_long_history_shows_a_page_then_older_on_request(
    app: ReboundApp, store: Store
) -> None:
    for number in range(HomeScreen.PAGE + 5):
        store.create_entry(
            company=f"Company {number}", role="", stage="", date="2026-01-01", internal=False
        )
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.screen.query_one("#entries", OptionList)
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        assert ids[0] == "new" and ids[-1] == "older"
        assert len(ids) == HomeScreen.PAGE + 2
        assert ids[1] == str(HomeScreen.PAGE + 5)  # the newest first
        listing.highlighted = listing.option_count - 1
        await pilot.press("enter")
        await pilot.pause()
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        assert "older" not in ids and len(ids) == HomeScreen.PAGE + 6


async def test_coming_back_home_keeps_the_place(app: ReboundApp, demo_entry: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.screen.query_one("#entries", OptionList)
        await pilot.press("down", "down")  # the oldest demo entry, not the newest
        oldest = listing.highlighted_option
        assert oldest is not None and oldest.id != str(demo_entry)
        await pilot.press("f1", "escape")  # a dialog over home keeps the highlight
        assert listing.highlighted_option is oldest or listing.highlighted_option.id == oldest.id
        await pilot.press("enter")
        await pilot.pause()
        assert app.entry_id == int(oldest.id)
        await pilot.press("h")
        await pilot.pause()
        highlighted = app.screen.query_one("#entries", OptionList).highlighted_option
        assert highlighted is not None and highlighted.id == oldest.id
