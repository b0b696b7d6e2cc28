"""Shared fixtures: the real content, a database in a temporary folder, demo data."""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from rebound_tui.core import dates, demo
from rebound_tui.core.content import Workbook, load_workbook
from rebound_tui.core.storage.store import Entry, Store
from rebound_tui.tui.app import ReboundApp, make_app
from rebound_tui.tui.screens.welcome import WELCOMED
from tests.helpers.opened import Opened


@pytest.fixture(autouse=True)
def real_today() -> Iterator[None]:
    """Whatever a test pins "today" to (the demo data does), the next test sees the calendar."""
    yield
    dates.set_today(datetime.date.today)


@pytest.fixture(autouse=True)
def _no_user_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The person's own content folder (in the config folder) is never the real one in tests,
    nor is the cache folder (the parsed workbook kept between launches)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def workbook() -> Workbook:
    return load_workbook()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "rebound.json"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A writable store past the first-run welcome; closed (and unlocked) after the test."""
    opened = Store(db_path)
    opened.set_setting(WELCOMED, True)
    yield opened
    opened.close()


@pytest.fixture
def entry(store: Store) -> Entry:
    """One external entry with no answers yet."""
    return store.create_entry(
        company="Acme", role="", stage="Final round", date="2026-11-02", internal=False
    )


@pytest.fixture
def demo_entry(store: Store, workbook: Workbook) -> int:
    """The fixed demo data (three entries); returns the id of the one with answers."""
    return demo.fill(store, workbook)


@pytest.fixture
def app(store: Store, workbook: Workbook, tmp_path: Path) -> ReboundApp:
    return make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)


@pytest.fixture
async def opened(
    db_path: Path, workbook: Workbook, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[Opened]:
    param = getattr(request, "param", (80, 24))
    size, answers = param if isinstance(param[0], tuple) else (param, {})
    store = Store(db_path)
    entry = store.create_entry(
        company="Northwind Traders",
        role="Senior data analyst",
        stage="Final round",
        date="2026-11-02",
        internal=False,
    )
    for (section, exercise), value in answers.items():
        store.set_answer(entry.id, section, exercise, value)
    store.flush()
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    async with app.run_test(size=size) as pilot:
        yield Opened(app, pilot, entry.id)
    store.close()
