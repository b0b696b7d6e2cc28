"""The look, guarded by pytest-textual-snapshot at 80x24 and 160x48 with fixed demo data.

Snapshots live in tests/__snapshots__/. Look at what changed (the HTML report pytest prints)
before running ``pytest --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from rebound_tui.core.content import Workbook
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import ReboundApp, make_app
from tests.helpers import demo_app as demo_shell

SIZES = [(80, 24), (160, 48)]


@pytest.fixture
def demo_app(
    tmp_path: Path, workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[ReboundApp, int]]:
    monkeypatch.setenv("HOME", str(tmp_path))  # the data path shows as ~/data/rebound.json
    app, entry_id = demo_shell.demo_app(tmp_path, workbook)
    yield app, entry_id
    app.store.close()


def _open(entry_id: int, target: str, *keys: str) -> Callable[[Pilot[int]], object]:
    async def run_before(pilot: Pilot[int]) -> None:
        await demo_shell.visit(pilot, entry_id, target, keys)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, demo_app, size) -> None:
    app, _ = demo_app
    assert snap_compare(app, terminal_size=size)


def test_first_run_welcome(snap_compare, tmp_path: Path, workbook: Workbook, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    store = Store(tmp_path / "data" / "rebound.json")
    app = make_app(store, workbook, reduced_motion=True)
    assert snap_compare(app, terminal_size=(80, 24))
    store.close()


def test_new_entry_form(snap_compare, demo_app) -> None:
    app, _ = demo_app
    assert snap_compare(app, terminal_size=(80, 24), press=["n"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "section", ["frustration", "bridges", "learning", "facts", "looking-ahead"]
)
def test_section(snap_compare, demo_app, size, section) -> None:
    app, entry_id = demo_app
    assert snap_compare(app, terminal_size=size, run_before=_open(entry_id, section))


def test_section_with_a_field_focused(snap_compare, demo_app) -> None:
    app, entry_id = demo_app
    run_before = _open(entry_id, "frustration", "tab", "tab")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_summary(snap_compare, demo_app, size) -> None:
    app, entry_id = demo_app
    assert snap_compare(app, terminal_size=size, run_before=_open(entry_id, "summary"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare, demo_app, size) -> None:
    app, entry_id = demo_app
    assert snap_compare(app, terminal_size=size, run_before=_open(entry_id, "frustration", "f1"))


def test_support_page(snap_compare, demo_app) -> None:
    app, entry_id = demo_app
    run_before = _open(entry_id, "frustration", "f2")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_small_terminal(snap_compare, demo_app) -> None:
    app, entry_id = demo_app
    assert snap_compare(app, terminal_size=(56, 18), run_before=_open(entry_id, "facts"))
