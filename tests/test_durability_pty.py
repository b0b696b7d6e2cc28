"""No keystroke lost: the real command in a real pty, ended every way a session can end.

Each test waits for a timed save, types more at once (so that text is only in the widget and,
after ~200 ms, the journal), then ends the app and compares the file with what was typed.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rebound_tui.core.kinds.timed_writing import vent_text
from rebound_tui.core.storage.store import Store
from tests.helpers.on_disk import all_bytes
from tests.helpers.pty_app import (
    CTRL_Q,
    ROOT,
    PtyApp,
    have_pty,
    saved_vent,
    start_on_vent,
    type_and_wait_for_save,
    type_right_after_a_save,
    wait_until,
)

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not have_pty(), reason="needs a pseudo-terminal"
)

HEAD = "It stung. "
TAIL = "They never even called back."


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "rebound.json"


def _typed_then(app: PtyApp, db: Path, key: bytes = b"") -> None:
    """HEAD saved; TAIL typed right after a timed save (the next is ~1 s away). With `key`,
    it goes in the same write as TAIL, so the end of TAIL is not even journaled yet."""
    type_and_wait_for_save(app, db, HEAD)
    type_right_after_a_save(app, db, TAIL, then=key)
    if not key:
        time.sleep(0.3)  # let the keys reach the app before a signal does


def test_sigterm_saves_everything_typed(db: Path, tmp_path: Path) -> None:
    app = start_on_vent(db, cwd=tmp_path)
    try:
        _typed_then(app, db)
        app.kill(signal.SIGTERM)
        assert app.wait() == 0
    finally:
        app.stop()
    assert saved_vent(db) == HEAD + TAIL  # in the file itself, not only in the journal


def test_closing_the_terminal_saves_everything_typed(db: Path, tmp_path: Path) -> None:
    app = start_on_vent(db, cwd=tmp_path)
    try:
        _typed_then(app, db)
        app.close_terminal()  # SIGHUP, as when the window is closed
        app.wait()
    finally:
        app.stop()
    assert saved_vent(db) == HEAD + TAIL


def test_ctrl_q_saves_everything_typed(db: Path, tmp_path: Path) -> None:
    app = start_on_vent(db, cwd=tmp_path)
    try:
        _typed_then(app, db, CTRL_Q)
        assert app.wait() == 0
    finally:
        app.stop()
    assert saved_vent(db) == HEAD + TAIL


def test_a_crash_in_a_handler_saves_and_prints_no_answer_text(db: Path, tmp_path: Path) -> None:
    app = start_on_vent(db, cwd=tmp_path, bug=True)
    try:
        _typed_then(app, db)
        app.send(b"#")  # the planted bug raises in the field's Changed handler
        assert app.wait() == 1
    finally:
        app.stop()
    assert saved_vent(db) == HEAD + TAIL
    report = app.after_screen()
    assert "planted bug for the crash test" in report  # the crash report was printed...
    assert "what you typed is saved" in report
    for secret in ("It stung", "called back", "Acme"):  # ...without any answer in it
        assert secret not in report


def test_sigkill_loses_at_most_the_last_moment(db: Path, tmp_path: Path) -> None:
    app = start_on_vent(db, cwd=tmp_path)
    try:
        _typed_then(app, db)
        time.sleep(0.2)
        app.kill(signal.SIGKILL)
        assert app.wait() == -signal.SIGKILL
    finally:
        app.stop()
    assert saved_vent(db) != HEAD + TAIL  # the file missed the tail: only the journal has it
    journal = db.with_name(db.name + ".journal")
    assert journal.stat().st_mode & 0o777 == 0o600
    with Store(db) as store:  # the next start replays the journal and folds it in
        assert vent_text(store.get(1).answers["frustration"]["vent"]) == HEAD + TAIL
    assert saved_vent(db) == HEAD + TAIL


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rebound_tui", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=20,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def test_second_instance_is_read_only_and_list_export_still_work(db: Path, tmp_path: Path) -> None:
    first = start_on_vent(db, cwd=tmp_path)
    second: PtyApp | None = None
    try:
        type_and_wait_for_save(first, db, HEAD)
        listed = _cli("list", "--db", str(db))
        assert listed.returncode == 0 and "Acme" in listed.stdout, listed.stderr
        exported = _cli("export", "--db", str(db), "--include-private", "--format", "json")
        assert exported.returncode == 0, exported.stderr
        assert HEAD in json.dumps(json.loads(exported.stdout))

        before = all_bytes(db)
        second = PtyApp(["tests/helpers/app_child.py", "--db", str(db)], cwd=ROOT)
        second.wait_for_output("read-only")
        assert str(first.pid).encode() in second.output  # says which process has it
        second.send(b"n", pause=0.3)  # a new entry is refused, not crashed on
        second.send(CTRL_Q)
        assert second.wait() == 0
        assert all_bytes(db) == before  # the second window wrote nothing

        first.send(TAIL.encode(), pause=0.2)  # the first is still the writer
        first.send(CTRL_Q)
        assert first.wait() == 0
    finally:
        first.stop()
        if second is not None:
            second.stop()
    wait_until(lambda: saved_vent(db) == HEAD + TAIL, 2, "the first window's save")


def test_the_app_never_writes_raw_escape_sequences_from_answers(db: Path, tmp_path: Path) -> None:
    """Answers and a company name holding escape sequences are drawn, not obeyed."""
    hostile = (
        "\x1b]0;PWNED-TITLE\x07\x1b[31mRED\x1b[0m\x1b]52;c;ZXZpbA==\x07\x1b[2J"
        "\x9b32mC1GREEN\x9d0;C1-TITLE\x9c\x85"  # C1: CSI, OSC, ST and NEL as one character
    )
    with Store(db) as store:
        store.create_entry(
            company=f"Evil{hostile}",
            role="",
            stage="Final round",
            date="2026-11-02",
            internal=False,
        )
        store.set_answer(1, "frustration", "vent", f"vent {hostile} end")
    app = start_on_vent(db, cwd=tmp_path)
    try:
        app.wait_for_output("PWNED-TITLE")  # drawn (styles between letters do not count)
        app.wait_for_output("GREEN")
        app.send(CTRL_Q)
        assert app.wait() == 0
    finally:
        app.stop()
    raw = bytes(app.output)
    for sequence in (b"\x1b]0;PWNED", b"\x1b[31mRED", b"\x1b]52;", b"\x1b[2J"):
        assert sequence not in raw
    for c1 in range(0x80, 0xA0):  # not one C1 control, in UTF-8 or as a raw byte
        assert chr(c1).encode() not in raw, hex(c1)
