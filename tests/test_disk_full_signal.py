"""A signal while the disk is full cannot ask the person, and must not lose what they typed.

Through a real pty: the disk of the data folder fills (every write there fails with ENOSPC,
planted in the child), more is typed (neither saved nor journaled), then SIGTERM or a closed
terminal ends Rebound: while the "Not everything you typed is saved" question is up, while
saves just keep failing, and with the event loop stuck (the exit guard's last resort). The
text goes to a 0600 rescue file in the first folder that takes it ($XDG_RUNTIME_DIR here),
one line names it, and the exit code is 1.
"""

from __future__ import annotations

import re
import signal
import sys
from pathlib import Path

import pytest

from tests.helpers.pty_app import (
    CTRL_Q,
    PtyApp,
    have_pty,
    start_on_vent,
    type_and_wait_for_save,
)

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or not have_pty(), reason="needs a pseudo-terminal and /proc"
)

SAVED = "It stung. "
LATE = "Typed after the disk filled."


def _start(tmp_path: Path, *, hang: bool = False) -> tuple[PtyApp, Path, Path, Path]:
    db = tmp_path / "data" / "rebound.json"
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    full = tmp_path / "disk-is-full"
    app = start_on_vent(
        db, cwd=tmp_path, hang=hang, disk_full=full, env={"XDG_RUNTIME_DIR": str(run)}
    )
    type_and_wait_for_save(app, db, SAVED)
    full.touch()
    return app, db, run, full


def _typed_late(app: PtyApp, end: str = "") -> None:
    app.send((LATE + end).encode(), pause=0)
    app.wait_for_output("⚠ Not saved:", 15)  # a timed save failed, the journal too


def _rescued(run: Path, db: Path) -> Path:
    assert not list(db.parent.glob("rebound-unsaved-*")), "the full folder took a file"
    (rescue,) = run.glob("rebound-unsaved-*.md")
    assert rescue.stat().st_mode & 0o777 == 0o600
    assert SAVED + LATE in rescue.read_text()  # the whole vent, as typed
    return rescue


def _said_once(app: PtyApp, rescue: Path) -> None:
    said = re.findall(r"rebound: [^\r\n]*", app.text())
    assert len(said) == 1 and str(rescue) in said[0], app.text()[-800:]
    assert "no space left on device" in said[0]


def test_sigterm_while_the_question_is_up_writes_a_rescue_file(tmp_path: Path) -> None:
    app, db, run, _full = _start(tmp_path)
    try:
        _typed_late(app)
        app.send(CTRL_Q)
        app.wait_for_output("Not everything you typed is saved")
        app.kill(signal.SIGTERM)  # nobody will answer the question now
        code = app.wait(15)
    finally:
        app.stop()
    assert code == 1
    _said_once(app, _rescued(run, db))


def test_a_closed_terminal_while_saves_fail_writes_a_rescue_file(tmp_path: Path) -> None:
    app, db, run, _full = _start(tmp_path)
    try:
        _typed_late(app)
        app.close_terminal()
        code = app.wait(15)
    finally:
        app.stop()
    assert code == 1
    _rescued(run, db)  # no terminal to name it on


def test_a_stuck_loop_on_a_full_disk_still_rescues_the_text(tmp_path: Path) -> None:
    """The exit guard's last resort (the loop never runs again) writes the rescue file."""
    app, db, run, _full = _start(tmp_path, hang=True)
    try:
        _typed_late(app)
        app.send(b"%", pause=0.5)  # the last key blocks the loop for good
        app.kill(signal.SIGTERM)
        code = app.wait(15)
    finally:
        app.stop()
    assert code == 1
    rescue = _rescued(run, db)
    assert SAVED + LATE + "%" in rescue.read_text()
    _said_once(app, rescue)


def test_space_again_before_the_signal_saves_as_usual(tmp_path: Path) -> None:
    app, db, run, full = _start(tmp_path)
    try:
        _typed_late(app)
        full.unlink()  # space again: the next timed save writes everything
        app.kill(signal.SIGTERM)
        code = app.wait(15)
    finally:
        app.stop()
    assert code == 0
    assert not list(run.iterdir()) and not list(db.parent.glob("rebound-unsaved-*"))
