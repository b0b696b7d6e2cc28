"""Launch a full-screen program in a real pseudo-terminal and time its first useful frame."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from dataclasses import dataclass

# CSI / OSC / two-byte escapes: removed so text split by colour changes can still be found.
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")


@dataclass
class Launch:
    seconds: float  # spawn → marker seen on the terminal
    max_rss_kb: int  # the child's peak resident memory (ru_maxrss)


class LaunchFailed(RuntimeError):
    pass


def launch(
    argv: list[str],
    marker: str,
    *,
    env: dict[str, str] | None = None,
    cwd: str | None = None,
    size: tuple[int, int] = (120, 40),
    timeout: float = 60.0,
    quit_keys: bytes = b"\x11",  # ctrl+q
) -> Launch:
    """Run `argv` on a new pty sized `size`, wait for `marker` in its output, then quit it.

    The time is from just before the spawn until the marker appears in what the program
    wrote to the terminal (escape sequences stripped). Memory is the child's ru_maxrss,
    read from `os.wait4` so other children do not blur it.
    """
    columns, rows = size
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    child_env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns)}
    child_env.pop("TEXTUAL", None)
    child_env.update(env or {})
    wanted = marker.encode()
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=child_env,
        cwd=cwd,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    seen = b""
    elapsed: float | None = None
    deadline = start + timeout
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            # Only the tail can newly complete the marker; strip escapes on a window.
            if wanted in _ESCAPES.sub(b"", seen[-(len(chunk) + 8192) :]):
                elapsed = time.perf_counter() - start
                break
        if elapsed is None:
            tail = _ESCAPES.sub(b"", seen[-2000:]).decode(errors="replace")
            raise LaunchFailed(f"{argv!r}: {marker!r} not seen in {timeout}s; output ends: {tail}")
        os.write(master, quit_keys)
        return Launch(elapsed, _reap(proc, master))
    finally:
        if proc.returncode is None and proc.poll() is None:
            with contextlib.suppress(OSError, ChildProcessError):
                os.killpg(proc.pid, signal.SIGKILL)
            with contextlib.suppress(OSError, ChildProcessError):
                _reap(proc, master)
        os.close(master)


def _reap(proc: subprocess.Popen[bytes], master: int, timeout: float = 20.0) -> int:
    """Wait for the child (draining its output so it never blocks) and return ru_maxrss."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return int(usage.ru_maxrss)
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            with contextlib.suppress(OSError):
                os.read(master, 65536)
    os.killpg(proc.pid, signal.SIGKILL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return int(usage.ru_maxrss)
