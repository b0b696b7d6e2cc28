"""Closing the terminal or SIGTERM ends Rebound within seconds, whatever state it is in.

Through a real pty: the terminal closed right at the first paint (once, 1 run in 3 left the
process running for ever, blocked in Textual's output queue, ignoring SIGTERM and holding the
database lock), and an event loop that never runs again (the last-resort exit path saves
from its own thread and ends the process).
"""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import pytest

from rebound_tui.core.storage.store import Store
from rebound_tui.tui.exit_guard import GRACE
from tests.helpers.pty_app import (
    ROOT,
    PtyApp,
    have_pty,
    saved_vent,
    start_on_vent,
    type_and_wait_for_save,
)

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not have_pty(), reason="needs a pseudo-terminal"
)

RUNS = 12
#: Seconds from the hangup to the end of the process, at most (the guard waits GRACE).
LEAVE_WITHIN = GRACE + 2.0


def _fresh_db(tmp_path: Path, run: int) -> Path:
    db = tmp_path / f"run{run}" / "rebound.json"
    with Store(db) as store:
        store.set_setting("welcomed", True)
    return db


def test_closing_the_terminal_at_first_paint_always_ends_the_process(tmp_path: Path) -> None:
    slow: list[tuple[int, float]] = []
    for run in range(RUNS):
        db = _fresh_db(tmp_path, run)
        app = PtyApp(["-m", "rebound_tui", "--db", str(db)], cwd=ROOT)
        try:
            app.wait_for_output("Rebound", 30)
            time.sleep((run % 4) * 0.1)  # at the first paint, and while it goes on
            app.close_terminal()
            closed = time.monotonic()
            code = app.wait(LEAVE_WITHIN + 8)
            took = time.monotonic() - closed
        finally:
            app.stop()
        assert code == 0, f"run {run}: exit code {code}"
        if took > LEAVE_WITHIN:
            slow.append((run, round(took, 2)))
        with Store(db) as store:  # the lock went with the process: this one is the writer
            assert not store.read_only, f"run {run}"
    assert slow == [], f"(run, seconds) that took longer than {LEAVE_WITHIN} s"


@pytest.mark.parametrize("how", ["sigterm", "close"])
def test_a_stuck_event_loop_still_saves_and_ends(how: str, tmp_path: Path) -> None:
    db = tmp_path / "data" / "rebound.json"
    app = start_on_vent(db, cwd=tmp_path, hang=True)
    try:
        type_and_wait_for_save(app, db, "It stung. ")
        app.send(b"They never called. %", pause=0.5)  # the last key blocks the loop for good
        if how == "sigterm":
            app.kill(signal.SIGTERM)
        else:
            app.close_terminal()
        sent = time.monotonic()
        code = app.wait(LEAVE_WITHIN + 8)
        took = time.monotonic() - sent
    finally:
        app.stop()
    assert code == 0
    assert GRACE - 0.5 < took < LEAVE_WITHIN  # the last resort, not the loop, ended it
    assert saved_vent(db) == "It stung. They never called. %"  # in the file, not the journal
