"""A paste is text, and odd bytes are characters: through a real pty, as a terminal sends them.

Textual read escape sequences inside a paste as keys, a paste holding the end-of-paste marker
followed by ctrl+q quit the app, and a byte that is not UTF-8 ended the input thread (the app
then exited 0 with a traceback).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from rebound_tui.core.text import pasted
from tests.helpers.pty_app import (
    CTRL_Q,
    PtyApp,
    have_pty,
    saved_vent,
    start_on_vent,
    type_and_wait_for_save,
    wait_until,
)

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not have_pty(), reason="needs a pseudo-terminal"
)

START, END = b"\x1b[200~", b"\x1b[201~"
HEAD = "It stung. "
PASTED = (
    "colour \x1b[31mred\x1b[0m f1 \x1bOP nul \x00 nel \x85 ls \u2028 ps \u2029 vt \x0b ff \x0c "
    "cr \r crlf \r\n tab \t c1 \x9b2J stand-in \ufdd0 "
    "fake end \x1b[201~\x11\x0c\x1b[201~ after the fake end"  # ctrl+q and ctrl+l inside
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "rebound.json"


def _running(app: PtyApp) -> bool:
    return os.waitpid(app.pid, os.WNOHANG) == (0, 0)


def test_a_paste_is_stored_as_text_and_never_acts_as_keys(db: Path, tmp_path: Path) -> None:
    app = start_on_vent(db, cwd=tmp_path)
    expected = HEAD + pasted(PASTED)
    try:
        type_and_wait_for_save(app, db, HEAD)
        app.send(START + PASTED.encode() + END, pause=0.5)
        wait_until(lambda: saved_vent(db) == expected, 15, "the paste to be saved")
        assert _running(app)  # ctrl+q in the paste did not quit
        assert "Let it go" not in app.text()  # ctrl+l in the paste did not ask
        app.send(CTRL_Q)
        assert app.wait() == 0
    finally:
        app.stop()
    assert saved_vent(db) == expected
    assert "\x1b" not in expected and "␛[31mred" in expected and "\n after" not in expected


def test_bytes_that_are_not_utf8_become_replacement_characters(db: Path, tmp_path: Path) -> None:
    app = start_on_vent(db, cwd=tmp_path)
    try:
        type_and_wait_for_save(app, db, HEAD)
        app.send(START + b"pasted \xff\xfe bytes" + END, pause=0.3)
        app.send(b" typed \xff.", pause=0.3)
        expected = HEAD + "pasted \ufffd\ufffd bytes typed \ufffd."
        wait_until(lambda: saved_vent(db) == expected, 15, "the text to be saved")
        assert _running(app)
        app.send(CTRL_Q)
        assert app.wait() == 0
    finally:
        app.stop()
    assert "Traceback" not in app.after_screen()
    assert saved_vent(db) == expected


def test_when_the_input_thread_dies_what_was_typed_is_saved_and_the_exit_is_not_0(
    db: Path, tmp_path: Path
) -> None:
    app = start_on_vent(db, cwd=tmp_path, input_bug=True)
    try:
        type_and_wait_for_save(app, db, HEAD)
        app.send(b"They never called back.", pause=0.3)
        app.send(b"\x1d")  # the planted bug: the input thread raises
        assert app.wait() == 1
    finally:
        app.stop()
    assert saved_vent(db) == HEAD + "They never called back."
    report = app.after_screen()
    assert "planted bug in the input thread" in report and "what you typed is saved" in report
    assert "It stung" not in report
