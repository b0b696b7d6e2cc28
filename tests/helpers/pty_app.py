"""Run the real ``rebound`` command in a pseudo-terminal, as a person at a terminal would.

The child is `python -m rebound_tui` (or a small script) on the slave side of a pty; it is the
session leader with the pty as its controlling terminal, so closing the master end sends it
SIGHUP exactly as closing a terminal window does. A thread drains everything the child writes.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.helpers import on_disk

ROOT = Path(__file__).resolve().parents[2]

TAB = b"\t"
ENTER = b"\r"
CTRL_Q = b"\x11"


def have_pty() -> bool:
    try:
        master, slave = os.openpty()
    except OSError:
        return False
    os.close(master)
    os.close(slave)
    return True


class PtyApp:
    """One child process on a pty: send keys, wait for files, end it the way a test wants."""

    def __init__(
        self,
        args: list[str],
        *,
        cwd: Path,
        size: tuple[int, int] = (80, 24),
        env: dict[str, str] | None = None,
    ) -> None:
        env = {**os.environ, **(env or {})}
        env.update(
            PYTHONPATH=str(ROOT),
            TERM="xterm-256color",
            COLUMNS=str(size[0]),
            LINES=str(size[1]),
            PYTHONUNBUFFERED="1",
        )
        for noisy in ("TEXTUAL", "TEXTUAL_DEBUG", "TEXTUAL_LOG"):
            env.pop(noisy, None)
        pid, fd = pty.fork()
        if pid == 0:  # child: set the terminal size before anything reads it, then exec
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
                os.chdir(cwd)
                os.execve(sys.executable, [sys.executable, *args], env)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd: int | None = fd
        self.output = bytearray()
        self.status: int | None = None
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        # select() with a timeout, never a blocking read: a read in progress would keep the
        # master open after close_terminal() closed it, and the child would get no hangup.
        while (fd := self.fd) is not None:
            try:
                ready, _, _ = select.select([fd], [], [], 0.05)
                if not ready:
                    continue
                chunk = os.read(fd, 65536)
            except (OSError, ValueError):
                return
            if not chunk:
                return
            self.output += chunk

    def send(self, data: bytes, *, pause: float = 0.05) -> None:
        assert self.fd is not None
        os.write(self.fd, data)
        time.sleep(pause)

    def wait_for_output(self, needle: str, timeout: float = 15.0) -> None:
        """Wait until `needle` has been drawn (escape sequences ignored)."""
        try:
            wait_until(lambda: needle in self.text(), timeout, f"{needle!r} on screen")
        except AssertionError as error:
            raise AssertionError(f"{error}; the screen so far: {self.text()[-2000:]}") from None

    def text(self) -> str:
        """Everything written so far, without escape sequences (for failure messages)."""
        raw = bytes(self.output).decode("utf-8", "replace")
        return re.sub(r"\x1b(\[[0-9;?<>=$]*[a-zA-Z~]|\][^\x07]*\x07|[=>])", "", raw)

    def kill(self, sig: int) -> None:
        os.kill(self.pid, sig)

    def close_terminal(self) -> None:
        """Close the master side: the kernel sends SIGHUP to the child's session."""
        fd, self.fd = self.fd, None
        if fd is not None:
            if threading.current_thread() is not self._reader:
                self._reader.join(timeout=2)  # it stops within 50 ms once fd is None
            os.close(fd)

    def wait(self, timeout: float = 8.0) -> int:
        """Exit code (negative signal number if killed)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                self._reader.join(timeout=2)
                return self.status
            time.sleep(0.02)
        self.kill(signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError(f"the app did not exit within {timeout} s")

    def stop(self) -> None:
        """Make sure nothing is left running (for finally blocks)."""
        if self.status is None:
            with contextlib.suppress(OSError, ChildProcessError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        self.close_terminal()

    def after_screen(self) -> str:
        """What was printed after the app left the alternate screen (e.g. a crash report)."""
        raw = bytes(self.output)
        tail = raw.rsplit(b"\x1b[?1049l", 1)[-1] if b"\x1b[?1049l" in raw else raw
        return tail.decode("utf-8", "replace")


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def saved_answers(db: Path) -> dict[str, Any]:
    """The first entry's answers as they are in its saved file (no journal replay)."""
    try:
        return on_disk.saved_answers(db, 1)
    except (OSError, ValueError):
        return {}


def saved_vent(db: Path) -> str:
    vent = saved_answers(db).get("frustration", {}).get("vent", "")
    return str(vent.get("text", "") if isinstance(vent, dict) else vent)  # text and days


def start_on_vent(
    db: Path,
    *,
    cwd: Path,
    bug: bool = False,
    hang: bool = False,
    input_bug: bool = False,
    disk_full: Path | None = None,
    env: dict[str, str] | None = None,
) -> PtyApp:
    """Create entry 1 if needed, start the app on it, wait until the vent has the cursor."""
    from rebound_tui.core.storage.store import Store

    if not db.exists():
        with Store(db) as store:
            store.create_entry(
                company="Acme", role="", stage="Final round", date="2026-11-02", internal=False
            )
    ready = db.with_name("ready")
    ready.unlink(missing_ok=True)
    args = ["tests/helpers/app_child.py", "--db", str(db)] + (["--plant-bug"] if bug else [])
    args += ["--plant-hang"] if hang else []
    args += ["--plant-input-bug"] if input_bug else []
    env = {**(env or {}), "REBOUND_TEST_READY": str(ready)}
    if disk_full is not None:  # the disk of db's folder fills when this file appears
        args.append("--plant-disk-full")
        env["REBOUND_TEST_DISK_FULL"] = str(disk_full)
    app = PtyApp(args, cwd=ROOT, env=env)
    try:
        wait_until(ready.exists, 15, "the vent to have the cursor")
    except AssertionError as error:
        app.stop()
        raise AssertionError(f"{error}; the screen so far: {app.text()[-2000:]}") from None
    time.sleep(0.1)
    return app


def type_and_wait_for_save(app: PtyApp, db: Path, text: str) -> None:
    """Type text and wait until the once-a-second save has it in the file."""
    app.send(text.encode())
    try:
        wait_until(lambda: saved_vent(db) == text, 15, "the typed text to be saved")
    except AssertionError as error:
        found = saved_answers(db)
        raise AssertionError(f"{error}; saved: {found}; screen: {app.text()[-1500:]}") from None


def type_right_after_a_save(app: PtyApp, db: Path, text: str, then: bytes = b"") -> None:
    """Type the first character, wait for the timed save that writes it, then type the rest
    at once: the rest is then not in the file, and the next timed save is ~1 s away."""
    saved = on_disk.entry_file(db, 1)  # a save writes the entry's own file (not the index)
    before = saved.stat().st_mtime_ns
    app.send(text[:1].encode(), pause=0)
    wait_until(lambda: saved.stat().st_mtime_ns != before, 8, "a timed save")
    app.send(text[1:].encode() + then, pause=0)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
