"""Issue 5 behaviour: themes remembered, any size, focus in view, help and palette complete."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from rebound_tui.core import demo
from rebound_tui.core.content import Workbook
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import ReboundApp, make_app
from rebound_tui.tui.screens.help import HelpScreen
from rebound_tui.tui.screens.section import SectionScreen
from tests.helpers.ready import until_ready
from tests.keys import type_text


async def test_theme_choice_is_remembered(db_path: Path, workbook: Workbook) -> None:
    store = Store(db_path)
    demo.fill(store, workbook)
    app = make_app(store, workbook, reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-light"
        await pilot.press("ctrl+q")
    store.close()

    store = Store(db_path)
    app = make_app(store, workbook, reduced_motion=True)
    async with app.run_test(size=(80, 24)):
        assert app.theme == "textual-light"
    store.close()


async def test_layout_follows_the_terminal_size(app: ReboundApp, demo_entry: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(demo_entry, "learning")
        await until_ready(pilot)
        assert not app.has_class("-wide") and not app.has_class("-narrow")
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert app.has_class("-wide")
        await pilot.resize_terminal(50, 18)
        await pilot.pause()
        assert app.has_class("-narrow")


async def test_resizing_while_typing_loses_nothing(
    app: ReboundApp, demo_entry: int, db_path: Path
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(demo_entry, "looking-ahead")
        await until_ready(pilot)
        area = app.screen.query_one("#input-shortlisted", TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await type_text(pilot, " One")
        await pilot.resize_terminal(160, 48)
        await type_text(pilot, " two")
        await pilot.resize_terminal(50, 18)
        await type_text(pilot, " three")
        await pilot.pause()
        assert area.text.endswith("project did that. One two three")
        assert app.focused is area
        await pilot.press("ctrl+q")
    app.store.close()
    assert (
        "One two three"
        in Store(db_path, read_only=True).get(demo_entry).answers["looking-ahead"]["shortlisted"]
    )


async def test_tab_keeps_the_focused_field_in_view(app: ReboundApp, demo_entry: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(demo_entry, "frustration")
        await until_ready(pilot)
        screen = app.screen
        assert isinstance(screen, SectionScreen)
        for _ in range(8):
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            assert focused is not None
            region = focused.region
            visible = screen.query_one("#body").region
            if focused.parent is not None and region.height:
                # At least the first line of the focused widget is on screen.
                assert visible.y <= region.y < visible.bottom, (focused, region, visible)


async def test_help_lists_the_focused_fields_keys(app: ReboundApp, demo_entry: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(demo_entry, "frustration")
        await until_ready(pilot)
        await pilot.press("tab", "tab")  # the 0-10 scale
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        fields = dict((d, k) for k, d in app.screen.field_rows)
        assert fields["Lower"] == "←"
        assert "Higher" in fields
        await pilot.press("escape")
        assert isinstance(app.screen, SectionScreen)


async def test_palette_finds_exercises_and_entries(app: ReboundApp, demo_entry: int) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "Larch")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.entry_id != demo_entry and app.entry is not None
        assert app.entry.company == "Larch & Co"
        await pilot.press("ctrl+p")
        await type_text(pilot, "out of your hands")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        assert app.screen.section.id == "facts"
