"""The look of the views across entries, on the demo data with its history (3 entries).

Snapshots live in tests/__snapshots__/; look at what changed before ``--snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rebound_tui.core.content import Workbook
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import ReboundApp, make_app
from tests.helpers import demo_app as demo_shell

SIZES = [(80, 24), (160, 48)]


@pytest.fixture
def history_app(
    tmp_path: Path, workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ReboundApp]:
    monkeypatch.setenv("HOME", str(tmp_path))
    app, _ = demo_shell.demo_app(tmp_path, workbook, history=True)
    yield app
    app.store.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_patterns(snap_compare, history_app, size) -> None:
    assert snap_compare(history_app, terminal_size=size, press=["p"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_prep(snap_compare, history_app, size) -> None:
    assert snap_compare(history_app, terminal_size=size, press=["b"])


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_search(snap_compare, history_app, size) -> None:
    """Each result one item: where it is, then its line; a rule between two; ▸ the highlighted."""
    assert snap_compare(history_app, terminal_size=size, press=["slash", *"sql"])


def test_palette_search(snap_compare, history_app) -> None:
    """The palette's answer lines read like the search screen's results."""

    async def search(pilot) -> None:
        from textual.command import CommandList, CommandPalette

        await pilot.press("ctrl+p", *"stakeholder")
        # The answers are read in a thread and the hits come in batches: wait for both, and
        # for the palette to stop being busy, however loaded the machine is.
        for _ in range(500):
            await pilot.pause(0.02)
            palette = pilot.app.screen
            if (
                isinstance(palette, CommandPalette)
                and palette.query_one(CommandList).option_count == 2
                and palette.has_class("-ready")
                and not palette.query("LoadingIndicator.--visible")
            ):
                break
        await pilot.pause(0.3)
        await pilot.wait_for_scheduled_animations()

    assert snap_compare(history_app, terminal_size=(80, 24), run_before=search)


def test_patterns_first_entry(snap_compare, tmp_path: Path, workbook: Workbook) -> None:
    store = Store(tmp_path / "rebound.json")
    store.set_setting("welcomed", True)
    entry = store.create_entry(
        company="Acme", role="Analyst", stage="First interview", date="2026-11-02", internal=False
    )
    store.set_answer(entry.id, "frustration", "intensity-before", 6)
    store.set_answer(entry.id, "frustration", "feelings", ["Sad", "Tired"])
    app = make_app(store, workbook, reduced_motion=True)
    assert snap_compare(app, terminal_size=(80, 24), press=["p"])
    store.close()
