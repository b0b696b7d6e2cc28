"""After the terminal is resized, every text box wraps at its new width (issue 11: once, after
going from 60 to 160 columns, the vent's text wrapped at ~8 characters). Not reproduced by
hand (tmux, 2026-11-26: 60→160 typed, via 12/20/30 columns, with help open, from home, on a
kept section returned to after the resize); these pin the paths tried."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from rebound_tui.core.content import Workbook
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import ReboundApp, make_app
from tests.helpers.ready import until_ready

Path_ = Callable[[ReboundApp, Pilot[None], int], Awaitable[None]]
WORDS = "a long vent written at sixty columns " * 8


def _stale(app: ReboundApp) -> list[str]:
    """Text boxes on screen whose wrapping is not that of their width now."""
    return [
        f"{area.id}: wrapped at {area.wrapped_document._width}, is {area.wrap_width} wide"
        for area in app.screen.query(TextArea)
        if area.region.width and area.wrapped_document._width != area.wrap_width
    ]


async def _typed_then_wide(app: ReboundApp, pilot: Pilot[None], entry: int) -> None:
    app.open_entry(entry, "frustration")
    await until_ready(pilot)
    await pilot.resize_terminal(160, 48)


async def _while_it_opens(app: ReboundApp, pilot: Pilot[None], entry: int) -> None:
    app.open_entry(entry, "frustration")
    await pilot.pause()
    await pilot.resize_terminal(160, 48)
    await until_ready(pilot)


async def _kept_then_back(app: ReboundApp, pilot: Pilot[None], entry: int) -> None:
    app.open_entry(entry, "frustration")
    await until_ready(pilot)
    app.go_to("bridges")
    await until_ready(pilot)
    await pilot.resize_terminal(12, 8)  # dragged through a tiny window on the way
    await pilot.pause()
    await pilot.resize_terminal(160, 48)
    app.go_to("frustration")
    await until_ready(pilot)


PATHS: dict[str, Path_] = {
    "typed-then-wide": _typed_then_wide,
    "while-it-opens": _while_it_opens,
    "kept-section-back": _kept_then_back,
}


@pytest.mark.parametrize("path", list(PATHS))
async def test_text_boxes_wrap_at_their_width_after_a_resize(
    store: Store, workbook: Workbook, tmp_path: Path, path: str
) -> None:
    entry = store.create_entry(company="A", role="B", stage="", date="2026-11-02", internal=True)
    store.set_answer(entry.id, "frustration", "vent", {"text": WORDS, "days": []})
    store.set_answer(entry.id, "frustration", "unfair", WORDS)
    store.flush()
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    async with app.run_test(size=(60, 20)) as pilot:
        await until_ready(pilot)
        await PATHS[path](app, pilot, entry.id)
        for _ in range(3):
            await pilot.pause()
        vent = app.screen.query_one("#input-vent", TextArea)
        assert vent.wrap_width > 60, "the vent has the room of a 160-column screen"
        assert not _stale(app), _stale(app)
        # What is drawn: the vent's first line holds many words, not a few characters.
        first_row = vent.wrapped_document.lines[0][0]  # the first screen row of line one
        assert len(first_row) > 40, first_row
