"""Launching to the home screen imports only what home needs (issue 13: launch ≤ 1.1x a bare
Textual app). The entry's screens and fields, the kinds, the export, the views across entries,
import, the calendar (icalendar), the repair prompt and, once the workbook is kept parsed
(core/content_cache.py), the Markdown and TOML parsers are imported when first used; this
keeps a later import from slipping back into the launch path unnoticed. Checked in a fresh
interpreter that goes the way `rebound` goes (cli → workbook → store → app → home)."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import rebound_tui
from rebound_tui.core.content import Workbook
from rebound_tui.core.content_cache import cache_path, cached_workbook
from rebound_tui.core.paths import user_content_dir
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.screens.welcome import WELCOMED

#: Modules that launching must not import (each is imported where it is first used).
NOT_AT_LAUNCH = (
    "icalendar",
    "rebound_tui.core.reminders",
    "rebound_tui.core.patterns",
    "rebound_tui.core.search",
    "rebound_tui.core.prep",
    "rebound_tui.core.answers_read",
    "rebound_tui.core.kinds",
    "rebound_tui.core.export",
    "rebound_tui.core.export_html",
    "rebound_tui.core.importer",
    "rebound_tui.core.content_folder",
    "rebound_tui.core.storage.rescue",
    "rebound_tui.repair",
    "rebound_tui.tui.screens.section",
    "rebound_tui.tui.screens.summary",
    "rebound_tui.tui.screens.entry_screen",
    "rebound_tui.tui.screens.help",
    "rebound_tui.tui.screens.new_entry",
    "rebound_tui.tui.screens.unsaved_quit",
    "rebound_tui.tui.widgets.fields",
    "rebound_tui.tui.widgets.exercise_field",
    # Parsers, and what only the welcome page (first run) or a crash report shows:
    "markdown_it",
    "tomllib",
    "textual.widgets._markdown",
    "rich.traceback",
    "importlib.resources",
)

LAUNCH = """
import asyncio, json, sys
from pathlib import Path
from rebound_tui import cli
from rebound_tui.tui.app import make_app

async def main() -> None:
    workbook = cli._workbook(None, cached=True)
    store = cli._open_for_app(Path(sys.argv[1]), workbook)
    app = make_app(store, workbook)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen", app.screen
        print(json.dumps(sorted(sys.modules)))
    store.close()

asyncio.run(main())
"""


@pytest.fixture
def welcomed_db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "rebound.json"
    store = Store(path)
    store.set_setting(WELCOMED, True)
    store.create_entry(company="Acme", role="Designer", stage="", date="2026-01-05", internal=False)
    store.close()
    return path


def launched_modules(db: Path) -> set[str]:
    """The modules a launch loads, in a fresh interpreter running the same `rebound_tui` as
    this test: not from the current folder (`python -c` puts it first on the path, and from a
    clone that is the source tree, while the tests run the installed package, whose code
    files are other files: another cache key, and the workbook parsed again)."""
    package_parent = str(Path(rebound_tui.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": package_parent}
    done = subprocess.run(
        [sys.executable, "-c", LAUNCH, str(db)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=db.parent,
        env=env,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_launch_to_home_imports_only_what_home_needs(welcomed_db: Path) -> None:
    cached_workbook(None, user_content_dir())  # an earlier launch kept the workbook parsed
    assert cache_path().is_file()
    loaded = launched_modules(welcomed_db)
    assert "rebound_tui.tui.screens.home" in loaded  # the check itself sees the launch path
    assert not loaded & set(NOT_AT_LAUNCH), sorted(loaded & set(NOT_AT_LAUNCH))


def test_the_first_launch_parses_the_content(welcomed_db: Path) -> None:
    """Without a kept workbook the content is parsed (the check is not blind to it)."""
    assert not cache_path().exists()
    assert "markdown_it" in launched_modules(welcomed_db)
    assert cache_path().is_file()  # and kept for the next launch


def test_what_was_loaded_before_the_run_is_set_aside_from_the_cycle_collector(
    monkeypatch: pytest.MonkeyPatch, store: Store, workbook: Workbook
) -> None:
    """A full cycle collection walked every module, the workbook and the index just before
    home was drawn (~40 ms of CPU at launch); run_in_terminal freezes them first."""
    from rebound_tui.tui import leaving
    from rebound_tui.tui.app import make_app

    frozen: list[int] = []
    monkeypatch.setattr(leaving.ExitGuard, "start", lambda guard: None)
    app = make_app(store, workbook)
    monkeypatch.setattr(app, "run", lambda: frozen.append(gc.get_freeze_count()))
    gc.unfreeze()
    try:
        app.run_in_terminal()
    finally:
        gc.unfreeze()  # the test process goes on as it was
    assert frozen and frozen[0] > 0
