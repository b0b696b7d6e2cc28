"""Home's first frame is whole: nothing after it draws the list again (issue 13: launch).

Right after home was first drawn, three things made Textual lay home out and draw its list
of entries again, though nothing had changed: the screen's first layout sends the screen a
resize to the size it was just laid out at (Textual then lays out and paints the whole
screen again); the list learned how many lines its options take only as it drew them, so
its scrollbar came one frame late and every option was drawn again, narrower; and the list
took the focus after the first frame, from the scroll area that had it first (a restyle of
the whole screen, and the list drawn again in its focused colours). At 1,000 entries that
was about a third of the CPU the bare Textual app spends to its first frame, spent while
the first frame was still being written to the terminal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import OptionList

from rebound_tui.core.content import Workbook
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import make_app
from rebound_tui.tui.screens.home import HomeScreen
from rebound_tui.tui.screens.welcome import WELCOMED


def _store(folder: Path, entries: int) -> Store:
    store = Store(folder / "rebound.json")
    for n in range(entries):
        store.create_entry(
            company=f"Company {n}",
            role="Engineer",
            stage="Onsite",
            date=f"2026-01-{n % 28 + 1:02d}",
            internal=False,
        )
    store.set_setting(WELCOMED, True)
    store.flush()
    return store


class _Watch:
    """What happens to home from its first paint on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.painted = False
        self.first: dict[str, Any] = {}
        self.layouts_after = 0  # full layouts of home after its first paint
        self.drawn: list[set[int]] = [set(), set()]  # options drawn before it; after it
        display, layout = App._display, Screen._refresh_layout
        draw = OptionList._get_option_render

        def _display(app: App[Any], screen: Screen[Any], renderable: Any) -> None:
            display(app, screen, renderable)
            if renderable is not None and isinstance(screen, HomeScreen) and not self.painted:
                self.painted = True
                listing = screen.query_one("#entries", OptionList)
                self.first = {
                    "focused": screen.focused is listing,
                    "width": listing.scrollable_content_region.width,
                }

        def _refresh_layout(screen: Screen[Any], *args: Any, **kwargs: Any) -> None:
            if self.painted and isinstance(screen, HomeScreen):
                self.layouts_after += 1
            layout(screen, *args, **kwargs)

        def _get_option_render(listing: OptionList, option: Any, *args: Any) -> Any:
            kept = len(listing._option_render_cache)
            found = draw(listing, option, *args)
            if len(listing._option_render_cache) != kept:  # drawn now, not taken as kept
                self.drawn[self.painted].add(listing.options.index(option))
            return found

        monkeypatch.setattr(App, "_display", _display)
        monkeypatch.setattr(Screen, "_refresh_layout", _refresh_layout)
        monkeypatch.setattr(OptionList, "_get_option_render", _get_option_render)


# At 120x40 the list's width does not depend on whether home's scroll area needs its own
# scrollbar (it does when the list is long, and Textual shows that one a layout late: below
# ~100 columns the list is then drawn again, narrower, as it should be).
@pytest.mark.parametrize("entries", [3, 40])  # (a list that fits; one that scrolls)
async def test_home_s_first_frame_is_not_drawn_again(
    tmp_path: Path, workbook: Workbook, monkeypatch: pytest.MonkeyPatch, entries: int
) -> None:
    store = _store(tmp_path, entries)
    watch = _Watch(monkeypatch)
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.3)
            await pilot.pause()
            listing = app.screen.query_one("#entries", OptionList)
            assert isinstance(app.screen, HomeScreen) and watch.painted
            assert watch.first == {
                "focused": True,
                "width": listing.scrollable_content_region.width,
            }
            assert listing.show_vertical_scrollbar is (entries == 40)
            assert watch.drawn[0] and not watch.drawn[0] & watch.drawn[1]  # none drawn again
            # Textual's own: the header's title, given after the first frame; and when the
            # list scrolls, its scrollbar, which Textual places a layout late (before: 2 / 3)
            assert watch.layouts_after <= (2 if entries == 40 else 1)
    finally:
        store.close()


async def test_the_list_is_measured_again_when_its_options_or_width_change(
    tmp_path: Path, workbook: Workbook
) -> None:
    store = _store(tmp_path, 40)
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            listing = app.screen.query_one("#entries", OptionList)
            lines = listing.virtual_size.height
            assert lines == 1 + 2 * 40  # "Start a new entry", then two lines an entry
            store.create_entry(
                company="A company whose name is long enough to wrap at eighty columns",
                role="Engineer",
                stage="",
                date="2026-02-01",
                internal=False,
            )
            assert isinstance(app.screen, HomeScreen)
            app.screen.refresh_entries()
            await pilot.pause()
            assert listing.virtual_size.height == lines + 3
            before = listing.scrollable_content_region.width
            await pilot.resize_terminal(120, 24)
            await pilot.pause()
            width = listing.scrollable_content_region.width
            assert width > before + 20
            assert listing.virtual_size.height == lines + 2  # it fits on one line now
            first = listing.render_line(1).text  # the newest entry, as drawn
            assert "eighty columns — Engineer" in first and len(first) == width
    finally:
        store.close()
