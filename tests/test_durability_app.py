"""Inside the app (Pilot): a full disk warns and keeps everything, a second window is
read-only, and hostile text round-trips exactly."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from textual.widgets import TextArea

from rebound_tui.core.content import Workbook
from rebound_tui.core.kinds.timed_writing import vent_text
from rebound_tui.core.storage import files as safe_files
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import ReboundApp, make_app
from rebound_tui.tui.screens.entry_screen import SaveWarning
from tests.helpers.on_disk import saved_answers
from tests.helpers.ready import until_ready
from tests.keys import type_text

HOSTILE = (
    "esc \x1b[2J\x1b]0;title\x07 \x1b]52;c;ZXZpbA==\x07 csi \x9b31m "
    "ctrl \x00\x01\x07\x08\x7f nul\x00 "
    "rtl \u202eevil\u202c עברית العربية "
    "emoji 😀👩‍👩‍👧 combining e\u0301 zero-width \u200b\ufeff\n"
    "tab\tand a second line\n"
)


def _entry(db_path: Path) -> Store:
    store = Store(db_path)
    store.create_entry(
        company="Acme", role="", stage="Final round", date="2026-11-02", internal=False
    )
    store.flush()
    return store


def _vent(app: ReboundApp) -> TextArea:
    return app.screen.query_one("#input-vent", TextArea)


def _warning(app: ReboundApp) -> SaveWarning:
    return app.screen.query_one(SaveWarning)


async def test_disk_full_warns_keeps_text_and_saves_once_it_can(
    db_path: Path, workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _entry(db_path)
    app = make_app(store, workbook, reduced_motion=True)
    real_write_all = safe_files.write_all

    def disk_full(fd: int, data: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(1, "frustration")
        await until_ready(pilot)
        monkeypatch.setattr(safe_files, "write_all", disk_full)
        _vent(app).focus()
        await type_text(pilot, "still here")
        await pilot.pause(1.5)  # a timed save fails
        warning = _warning(app)
        assert warning.has_class("-shown") and warning.display
        assert "no space left on device" in str(warning.render()).lower()
        assert _vent(app).text == "still here"
        journal = db_path.with_name(db_path.name + ".journal").read_bytes()
        assert b"still here" in journal
        assert "still here" not in json.dumps(saved_answers(db_path))
        assert sorted(p.name for p in db_path.parent.iterdir() if ".tmp" in p.name) == []

        app.go_to("bridges")  # a screen change saves too: it fails, and the warning stays
        await pilot.pause()
        assert _warning(app).has_class("-shown")

        monkeypatch.setattr(safe_files, "write_all", real_write_all)  # space again
        await pilot.pause(1.5)
        assert not _warning(app).has_class("-shown")
        saved = saved_answers(db_path)
        assert vent_text(saved["frustration"]["vent"]) == "still here"
        await pilot.press("ctrl+q")
    store.close()


async def test_second_window_is_read_only_and_says_by_whom(
    db_path: Path, workbook: Workbook
) -> None:
    writer = _entry(db_path)
    writer.set_answer(1, "frustration", "vent", "written in the first window")
    writer.flush()
    before = db_path.read_bytes()
    reader = Store.open_or_read_only(db_path)
    assert reader.read_only and reader.locked_by == os.getpid()
    app = make_app(reader, workbook, reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = str(_warning(app).render())  # the one-line banner on home
        assert "read-only" in said and f"process {os.getpid()}" in said
        app.open_entry(1, "frustration")
        await until_ready(pilot)
        vent = _vent(app)
        assert vent.read_only and vent.text == "written in the first window"
        warning = _warning(app)
        assert warning.has_class("-shown") and "read-only" in str(warning.render())
        vent.focus()
        await type_text(pilot, "typed anyway")  # no effect, and no crash
        await pilot.pause(1.2)
        assert vent.text == "written in the first window"
        assert app.save_now()  # nothing to save: not an error
        await pilot.press("ctrl+q")
    reader.close()
    assert db_path.read_bytes() == before
    writer.close()


#: Textual's TextArea splits lines like str.splitlines, so these become "\n" once edited there.
LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\r"


@pytest.mark.parametrize("edit", [False, True], ids=["opened", "edited"])
async def test_line_break_controls_survive_the_text_area(
    db_path: Path, workbook: Workbook, edit: bool
) -> None:
    """VT, FF, lone CR, NEL, U+2028/9…: exact after opening the answer, and after editing it."""
    store = _entry(db_path)
    odd = f"a{LINE_BREAKS}b\r\nc"
    store.set_answer(1, "frustration", "vent", odd)
    store.flush()
    app = make_app(store, workbook, reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(1, "frustration")
        await until_ready(pilot)
        vent = _vent(app)
        vent.focus()
        if edit:
            vent.move_cursor(vent.document.end)
            await pilot.press("!")
        await pilot.pause(0.5)
        await pilot.press("ctrl+q")
    store.close()
    with Store(db_path) as again:
        assert vent_text(again.get(1).answers["frustration"]["vent"]) == odd + ("!" if edit else "")


async def test_hostile_text_round_trips_exactly(db_path: Path, workbook: Workbook) -> None:
    store = _entry(db_path)
    big = ("a line of a long paste, with ünïcödé and 😀 " * 3 + "\n") * 7700  # just over 1 MB
    app = make_app(store, workbook, reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(1, "frustration")
        await until_ready(pilot)
        vent = _vent(app)
        vent.focus()
        vent.insert(HOSTILE)
        await pilot.pause()
        await type_text(pilot, "typed: é")
        vent.insert(big)
        await pilot.pause()
        await pilot.press("ctrl+q")
    store.close()
    expected = HOSTILE + "typed: é" + big
    assert len(expected.encode()) > 1_000_000
    with Store(db_path) as again:
        _same(vent_text(again.get(1).answers["frustration"]["vent"]), expected)


def _same(got: str, expected: str) -> None:
    """Equality without pytest's diff (far too slow on a megabyte)."""
    if got != expected:
        at = next((i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b), None)
        at = min(len(got), len(expected)) if at is None else at
        raise AssertionError(
            f"differs at {at} of {len(expected)} (got {len(got)}): "
            f"{got[at - 20 : at + 40]!r} != {expected[at - 20 : at + 40]!r}"
        )
