"""The newest page beside the index (core/storage/home_page.py): a start of the writer shows
home from it without reading the index, and only while it is in step with the index: what
home shows is always what is stored (issue 13: launch at 10,000 entries)."""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rebound_tui.core.content import Workbook
from rebound_tui.core.storage import data as data_mod
from rebound_tui.core.storage.errors import DatabaseDamaged
from rebound_tui.core.storage.files import atomic_write
from rebound_tui.core.storage.home_page import NEWEST, page_path, read_page
from rebound_tui.core.storage.store import Store
from rebound_tui.tui import app as app_module
from rebound_tui.tui.app import make_app
from rebound_tui.tui.screens.home import HomeScreen
from rebound_tui.tui.screens.new_entry import EntryFacts
from rebound_tui.tui.screens.welcome import WELCOMED

ENTRIES = 130  # more than the page holds


def _fill(path: Path, entries: int = ENTRIES, company: str = "Acme") -> None:
    with Store(path) as store:
        for n in range(entries):
            store.create_entry(
                company=f"{company} {n:03d}",
                role="Engineer",
                stage="Onsite",
                date="2026-01-05",
                internal=n % 2 == 0,
                created=f"2026-01-05T10:{n // 60:02d}:{n % 60:02d}+00:00",
            )
        store.set_setting("theme", "textual-light")
        store.set_setting(WELCOMED, True)


def _view(store: Store) -> tuple[Any, ...]:
    """What home shows: the count, the newest page, the settings it reads."""
    count, newest = store.newest(NEWEST)
    return count, newest, store.get_setting("theme"), store.get_setting(WELCOMED)


def _stored(path: Path) -> tuple[Any, ...]:
    """The same, read from the files as they are (a reader never uses the page)."""
    reader = Store(path, read_only=True)
    return _view(reader)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every time the index is read whole."""
    found: list[Path] = []
    real = data_mod.load_index

    def load_index(path: Path, raw: Any) -> Any:
        found.append(path)
        return real(path, raw)

    monkeypatch.setattr(data_mod, "load_index", load_index)
    return found


def test_a_start_shows_home_from_the_page_and_reads_the_index_when_needed(
    db_path: Path, reads: list[Path]
) -> None:
    _fill(db_path)
    assert read_page(db_path) is not None
    assert stat.S_IMODE(os.stat(page_path(db_path)).st_mode) == 0o600
    stored = _stored(db_path)
    reads.clear()
    store = Store(db_path)
    try:
        assert _view(store) == stored
        count, newest = store.newest(3)
        assert count == ENTRIES and [e.company for e in newest] == [
            "Acme 129",
            "Acme 128",
            "Acme 127",
        ]
        assert reads == []  # the index was not read
        assert [e.id for e in store.entries()][:NEWEST] == [e.id for e in stored[1]]
        assert reads == [db_path]  # read once, when something needed all of it
        assert store.newest(NEWEST + 1)[1][-1].company == "Acme 029"
        assert reads == [db_path]
    finally:
        store.close()


def _same_size_other_index(path: Path, folder: Path) -> Path:
    """An index of the same size as `path`'s, made elsewhere, with other companies."""
    other = folder / "other" / path.name
    other.parent.mkdir()
    _fill(other, company="Beta")
    assert other.stat().st_size == path.stat().st_size
    return other


def _copied_in(path: Path, tmp: Path) -> None:  # a backup copied back (times kept)
    other = _same_size_other_index(path, tmp)
    os.utime(other, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))
    shutil.copy2(other, path)


def _edited(path: Path, tmp: Path) -> None:  # an edit by hand, in place, same size
    text = path.read_bytes().replace(b'"Acme 129"', b'"Zeta 129"')
    with path.open("r+b") as handle:
        handle.write(text)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))


def _saved_without_page(path: Path, tmp: Path) -> None:  # e.g. an earlier release
    atomic_write(path, path.read_bytes().replace(b'"Acme 129"', b'"Zeta 129"'))


def _page_gone(path: Path, tmp: Path) -> None:
    page_path(path).unlink()


def _page_damaged(path: Path, tmp: Path) -> None:
    page = page_path(path)
    page.write_bytes(page.read_bytes().replace(b"Acme 129", b"Zeta 129"))


def _page_cut(path: Path, tmp: Path) -> None:
    page = page_path(path)
    page.write_bytes(page.read_bytes()[:-40])


def _page_a_link(path: Path, tmp: Path) -> None:
    page = page_path(path)
    kept = tmp / "kept-page"
    page.rename(kept)
    page.symlink_to(kept)


def _page_of_another_schema(path: Path, tmp: Path) -> None:
    page = page_path(path)
    head, _, body = page.read_bytes().partition(b"\n")
    head_doc = json.loads(head)
    head_doc["schema"] = 3
    page.write_bytes(json.dumps(head_doc).encode() + b"\n" + body)


def _journal_not_empty(path: Path, tmp: Path) -> None:  # a crash after a change
    with Store(path) as store:
        store.create_entry(company="Newest", role="", stage="", date="2026-02-01", internal=False)
        store._journal.close()  # (as a crash leaves it: the journal, no save)
        store._closed = True
        store._lock.release()


CHANGES: dict[str, Callable[[Path, Path], None]] = {
    "the index copied in": _copied_in,
    "the index edited": _edited,
    "the index saved by another program": _saved_without_page,
    "no page": _page_gone,
    "the page damaged": _page_damaged,
    "the page cut short": _page_cut,
    "the page a link": _page_a_link,
    "the page of another schema": _page_of_another_schema,
    "the journal holds changes": _journal_not_empty,
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_page_out_of_step_is_never_shown(
    db_path: Path, tmp_path: Path, reads: list[Path], change: str
) -> None:
    _fill(db_path)
    shown_before = _stored(db_path)
    CHANGES[change](db_path, tmp_path)
    reads.clear()
    store = Store(db_path)
    try:
        assert reads == [db_path]  # read whole at the start
        assert _view(store) == _stored(db_path)
        if change.startswith("the index") or change.startswith("the journal"):
            assert _view(store) != shown_before  # (the change is one home shows)
    finally:
        store.close()
    if change == "the page a link":
        assert page_path(db_path).is_symlink()  # left alone, never written through
        assert read_page(tmp_path / "kept-page") is None  # (not a page of that name)
    else:
        assert read_page(db_path) is not None  # in step again after that start
        reads.clear()
        with Store(db_path) as store:
            shown = _view(store)
            assert reads == []
        assert shown == _stored(db_path)


@pytest.mark.parametrize("how", ["a new entry", "a setting", "progress"])
def test_the_page_follows_every_save_of_the_index(
    db_path: Path, reads: list[Path], how: str
) -> None:
    _fill(db_path)
    with Store(db_path) as store:
        if how == "a new entry":
            store.create_entry(
                company="Newest", role="", stage="", date="2026-02-01", internal=False
            )
        elif how == "a setting":
            store.set_setting("theme", "nord")
        else:
            store.set_answer(ENTRIES, "frustration", "vent", "It stung.")
    reads.clear()
    with Store(db_path) as store:
        shown = _view(store)
        assert reads == []
    assert shown == _stored(db_path)


def test_a_save_cut_off_before_its_page_is_written_is_seen_next_time(
    db_path: Path, reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(db_path)
    with monkeypatch.context() as patched:
        patched.setattr(data_mod, "write_page", lambda index, page: None)
        with Store(db_path) as store:
            store.set_setting("theme", "nord")
    reads.clear()
    with Store(db_path) as store:
        assert reads == [db_path] and store.get_setting("theme") == "nord"


def test_an_index_damaged_after_the_start_is_named_when_read(db_path: Path) -> None:
    _fill(db_path)
    store = Store(db_path)
    try:
        db_path.write_bytes(b'{"entries": {"1": ')  # (while it was open: by another program)
        with pytest.raises(DatabaseDamaged, match=str(db_path)):
            store.read_index()
    finally:
        store._closed = True  # nothing to save; never write over it
        store._journal.close()
        store._lock.release()
    assert db_path.read_bytes() == b'{"entries": {"1": '


async def test_home_is_shown_without_reading_the_index(
    db_path: Path,
    workbook: Workbook,
    tmp_path: Path,
    reads: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The timer that reads it after the start is put off: under load, starting the test
    # app can itself take longer than the half second (the next test covers the timer).
    monkeypatch.setattr(app_module, "INDEX_AFTER", 600.0)
    _fill(db_path)
    reads.clear()
    store = Store(db_path)
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert reads == []
    finally:
        store.close()


async def test_the_app_reads_the_index_after_home_is_shown(
    db_path: Path, workbook: Workbook, tmp_path: Path, reads: list[Path]
) -> None:
    _fill(db_path)
    reads.clear()
    store = Store(db_path)
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            await pilot.pause(app_module.INDEX_AFTER + 0.3)
            await app.workers.wait_for_complete()
            assert reads == [db_path]
    finally:
        store.close()


async def test_an_index_damaged_before_it_is_read_is_named_on_screen(
    db_path: Path, workbook: Workbook, tmp_path: Path
) -> None:
    _fill(db_path)
    store = Store(db_path)
    damaged = b'{"entries": {"1": '
    db_path.write_bytes(damaged)  # (by another program, just after the start)
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.8)
            await app.workers.wait_for_complete()
            await pilot.pause()
            said = [n.message for n in app._notifications]
            assert any(str(db_path) in m and "quit Rebound" in m for m in said), said
            assert isinstance(app.screen, HomeScreen)  # still running, home as it was
    finally:
        store._closed = True  # (nothing to save)
        store._journal.close()
        store._lock.release()
    assert db_path.read_bytes() == damaged  # never written over


async def test_a_new_entry_on_an_index_damaged_before_it_is_read_is_refused_in_one_line(
    db_path: Path, workbook: Workbook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Home is drawn from the page; the index is damaged (by another program, or the disk)
    # before anything reads it, and the first thing to read it is a new entry.
    monkeypatch.setattr(app_module, "INDEX_AFTER", 600.0)
    _fill(db_path)
    store = Store(db_path)
    damaged = b'{"entries": {"1": '
    db_path.write_bytes(damaged)
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            home = app.screen
            assert isinstance(home, HomeScreen)
            await pilot.press("n")
            await pilot.pause()
            facts = EntryFacts("Acme", "Engineer", "Onsite", "2026-01-06", internal=False)
            app.screen.dismiss(facts)
            await pilot.pause()
            said = [n.message for n in app._notifications]
            assert any(str(db_path) in m and "quit Rebound" in m for m in said), said
            assert app.screen is home and app.return_code is None  # still running
    finally:
        store._closed = True  # (nothing to save)
        store._journal.close()
        store._lock.release()
    assert db_path.read_bytes() == damaged  # never written over
