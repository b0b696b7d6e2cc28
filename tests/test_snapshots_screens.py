"""The screens of issue 11 (items 19-23) at the other two sizes: 60x20 and 160x48.

The 80x24 pictures are in test_snapshots.py. Look at what changed before ``--snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rebound_tui.core.content import Workbook
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import make_app
from rebound_tui.tui.screens.welcome import WELCOMED
from tests.helpers import demo_app as demo_shell

OTHER_SIZES = [(60, 20), (160, 48)]


def _ids(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.mark.parametrize("size", OTHER_SIZES, ids=_ids)
def test_welcome(snap_compare, tmp_path: Path, workbook: Workbook, monkeypatch, size) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    store = Store(tmp_path / "data" / "rebound.json")
    app = make_app(store, workbook, reduced_motion=True)
    assert snap_compare(app, terminal_size=size)
    store.close()


@pytest.mark.parametrize("size", OTHER_SIZES, ids=_ids)
def test_new_entry(snap_compare, tmp_path: Path, workbook: Workbook, monkeypatch, size) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    app, _ = demo_shell.demo_app(tmp_path, workbook)
    assert snap_compare(app, terminal_size=size, press=["n"])
    app.store.close()


def test_read_only_banner(snap_compare, tmp_path: Path, workbook: Workbook, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    writer, _ = demo_shell.demo_app(tmp_path, workbook)
    writer.store.set_setting(WELCOMED, True)
    writer.store.flush()
    reader = Store.open_or_read_only(tmp_path / "data" / "rebound.json")
    reader.locked_by = 4242  # the same picture whatever this test's process id
    app = make_app(reader, workbook, reduced_motion=True)
    assert snap_compare(app, terminal_size=(60, 20))
    reader.close()
    writer.store.close()


@pytest.mark.parametrize("target", ["frustration", "facts", "summary"])
def test_narrow_section_bar(snap_compare, tmp_path: Path, workbook: Workbook, monkeypatch, target):
    monkeypatch.setenv("HOME", str(tmp_path))
    app, entry_id = demo_shell.demo_app(tmp_path, workbook)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await demo_shell.visit(pilot, entry_id, target)

    assert snap_compare(app, terminal_size=(60, 20), run_before=run_before)
    app.store.close()
