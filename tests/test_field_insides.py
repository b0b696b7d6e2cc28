"""The insides of the exercise widgets (issue 11): scales, ticks, tables, thought record, composer.

Each test drives the real app with the keyboard, as a person would, and checks what is on
screen and what is stored.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Checkbox

from rebound_tui.core.content import Workbook
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import ReboundApp, make_app
from rebound_tui.tui.screens.new_entry import NewEntryScreen
from rebound_tui.tui.widgets.scale_input import ScaleInput


class Opened:
    """The app on a fresh database with one entry, at some terminal size."""

    def __init__(self, app: ReboundApp, pilot: Pilot[int], entry_id: int) -> None:
        self.app = app
        self.pilot = pilot
        self.entry_id = entry_id

    async def open(self, section: str) -> None:
        self.app.open_entry(self.entry_id, section)
        await self.pilot.pause()

    async def focus(self, selector: str) -> Any:
        widget = self.app.screen.query_one(selector)
        widget.focus()
        await self.pilot.pause()
        return widget

    def saved(self, section: str, exercise: str) -> Any:
        assert self.app.save_now()
        return self.app.store.get(self.entry_id).answers.get(section, {}).get(exercise)


@pytest.fixture
async def opened(
    db_path: Path, workbook: Workbook, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[Opened]:
    size = getattr(request, "param", (80, 24))
    store = Store(db_path)
    entry = store.create_entry(
        company="Northwind Traders",
        role="Senior data analyst",
        stage="Final round",
        date="2026-11-02",
        internal=False,
    )
    store.flush()
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    async with app.run_test(size=size) as pilot:
        yield Opened(app, pilot, entry.id)
    store.close()


# ---------------------------------------------------------------- scales (item 17)


async def test_scale_digits_set_the_value_and_backspace_clears(opened: Opened) -> None:
    await opened.open("frustration")
    scale = await opened.focus("#input-intensity-before")
    await opened.pilot.press("7")
    assert scale.value == 7
    await opened.pilot.press("1", "0")  # typed together: ten
    assert scale.value == 10
    assert opened.saved("frustration", "intensity-before") == 10
    await opened.pilot.press("backspace")
    assert scale.value is None
    assert opened.saved("frustration", "intensity-before") is None
    await opened.pilot.press("0")
    assert scale.value == 0


async def test_scale_first_arrow_starts_at_the_bottom(opened: Opened) -> None:
    await opened.open("frustration")
    scale = await opened.focus("#input-intensity-before")
    await opened.pilot.press("right")
    assert scale.value == 0  # not the middle
    await opened.pilot.press("right", "right")
    assert scale.value == 2


async def test_hundred_scale_digits_pick_steps_of_ten() -> None:
    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield ScaleInput(0, 100, step=10)

    app = One()
    async with app.run_test(size=(80, 5)) as pilot:
        scale = app.query_one(ScaleInput)
        scale.focus()
        await pilot.press("7")
        assert scale.value == 70
        await pilot.press("0")  # "70" typed together stays 70
        assert scale.value == 70
        await pilot.press("1", "0", "0")
        assert scale.value == 100


@pytest.mark.parametrize("opened", [(60, 20)], indirect=True)
async def test_scale_wraps_when_narrow_instead_of_losing_numbers(opened: Opened) -> None:
    await opened.open("frustration")
    scale = await opened.focus("#input-intensity-before")
    await opened.pilot.press("1", "0")
    await opened.pilot.pause()
    drawn = [scale.render_line(y).text for y in range(scale.size.height)]
    shown = " ".join(drawn)
    assert all(f" {n} " in f" {shown} " or f"[{n}]" in shown for n in range(11)), drawn
    assert "[10]" in shown  # the selection is visible
    assert scale.region.right <= scale.parent.region.right


# ---------------------------------------------------------------- checkbox (item 18)


async def test_checkbox_state_is_a_symbol_not_a_colour(opened: Opened) -> None:
    opened.app.push_screen(NewEntryScreen())
    await opened.pilot.pause()
    box = opened.app.screen.query_one("#internal", Checkbox)

    def drawn() -> str:
        return "".join(box.render_line(y).text for y in range(box.size.height))

    assert "✓" not in drawn()
    box.focus()
    await opened.pilot.press("space")
    assert box.value
    assert "✓" in drawn()
