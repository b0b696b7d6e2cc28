"""Run a full-screen program in a real pseudo-terminal: wait for text, type keys, time both."""

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
from pathlib import Path

# CSI / OSC / two-byte escapes: removed so text split by colour changes can still be found.
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")


class PtyFailed(RuntimeError):
    pass


@dataclass
class Launch:
    seconds: float  # spawn → marker seen on the terminal
    peak_kb: int  # the child's peak resident memory when the marker was seen (VmHWM)
    cpu_seconds: float = 0.0  # CPU time of all the child's threads when the marker was seen


class PtySession:
    """A child process on its own pty (default 120x40, TERM=xterm-256color)."""

    def __init__(
        self,
        argv: list[str],
        *,
        env: dict[str, str] | None = None,
        cwd: str | None = None,
        size: tuple[int, int] = (120, 40),
    ) -> None:
        columns, rows = size
        self.argv = argv
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        child_env = {**os.environ, "TERM": "xterm-256color"}
        # PYTHONDONTWRITEBYTECODE (set in some shells) would make every launch compile each
        # of Rebound's modules from source (~80 ms of a launch here, none of the bare app's:
        # Textual's were compiled when it was installed, as Rebound's are by `pip install`);
        # without it the dropped warm-up round writes them, as run.py means it to.
        for name in ("TEXTUAL", "TEXTUAL_DRIVER", "COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE"):
            child_env.pop(name, None)
        child_env.update(env or {})
        self.seen = b""
        self._searched = 0  # output before this offset has no marker of interest
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
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
        self.max_rss_kb = 0

    def wait_for(self, marker: str, timeout: float = 120.0) -> float:
        """Block until `marker` appears in output written after the last wait; return the
        perf_counter time it was seen. Escape sequences are stripped before searching."""
        wanted = marker.encode()
        deadline = time.perf_counter() + timeout
        while True:
            window = _ESCAPES.sub(b"", self.seen[self._searched :])
            if wanted in window:
                found = time.perf_counter()
                self._searched = len(self.seen)
                return found
            if time.perf_counter() > deadline:
                tail = _ESCAPES.sub(b"", self.seen[-1500:]).decode(errors="replace")
                raise PtyFailed(f"{self.argv!r}: {marker!r} not seen in {timeout}s: {tail!r}")
            if not self._read(0.05) and self.proc.poll() is not None:
                tail = _ESCAPES.sub(b"", self.seen[-1500:]).decode(errors="replace")
                raise PtyFailed(f"{self.argv!r} exited before {marker!r}: {tail!r}")

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:
            return False
        self.seen += chunk
        return bool(chunk)

    def peak_kb(self) -> int:
        """The child's peak resident memory so far, in KiB (Linux: VmHWM).

        Not ru_maxrss: Linux carries the parent's peak over into a child's ru_maxrss at
        exec, so a big benchmark runner would inflate small children.
        """
        try:
            status = Path(f"/proc/{self.proc.pid}/status").read_text()
        except OSError:
            return 0
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return 0

    def cpu_seconds(self) -> float:
        """CPU time the child has run so far, all its threads (Linux: schedstat, in ns).

        Less noisy than the time on the clock on a shared machine: waiting for a core is
        not counted."""
        total = 0
        task = Path(f"/proc/{self.proc.pid}/task")
        try:
            threads = list(task.iterdir())
        except OSError:
            return 0.0
        for thread in threads:
            try:
                total += int((thread / "schedstat").read_text().split()[0])
            except (OSError, ValueError, IndexError):
                continue  # a thread that ended meanwhile
        return total / 1e9

    def process_cpu_seconds(self) -> float:
        """CPU time of the whole child process so far, threads that have ended included
        (Linux: user + system time in /proc/<pid>/stat, in clock ticks of 10 ms). A save
        runs in a worker thread that ends after it: `cpu_seconds` would miss its time."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            return 0.0
        # After the name: state is field 3, utime 14 and stime 15 (man 5 proc).
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def send(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            _, writable, _ = select.select([self.master], [self.master], [], 0.05)
            if writable:
                view = view[os.write(self.master, view[:512]) :]
            self._read(0)  # keep draining so the child never blocks on output

    def settle(self, seconds: float) -> None:
        """Keep reading output for `seconds`."""
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self._read(0.02)
        self._searched = len(self.seen)

    def close(self, quit_keys: bytes = b"\x11", timeout: float = 60.0) -> int:
        """Send `quit_keys` (ctrl+q), reap the child and return its ru_maxrss in KiB (see
        `peak_kb` for why that is not used as the memory figure)."""
        with contextlib.suppress(OSError):
            os.write(self.master, quit_keys)
        deadline = time.perf_counter() + timeout
        try:
            while time.perf_counter() < deadline:
                pid, status, usage = os.wait4(self.proc.pid, os.WNOHANG)
                if pid:
                    self.proc.returncode = os.waitstatus_to_exitcode(status)
                    self.max_rss_kb = int(usage.ru_maxrss)
                    return self.max_rss_kb
                self._read(0.05)
            with contextlib.suppress(OSError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            _, status, usage = os.wait4(self.proc.pid, 0)
            self.proc.returncode = os.waitstatus_to_exitcode(status)
            self.max_rss_kb = int(usage.ru_maxrss)
            return self.max_rss_kb
        finally:
            os.close(self.master)

    def kill(self) -> None:
        if self.proc.returncode is None:
            with contextlib.suppress(OSError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.wait4(self.proc.pid, 0)
            self.proc.returncode = -9
            with contextlib.suppress(OSError):
                os.close(self.master)


def launch(
    argv: list[str], marker: str, *, env: dict[str, str] | None = None, timeout: float = 120.0
) -> Launch:
    """Spawn `argv` on a pty, time until `marker` is drawn, quit it, return time and memory."""
    session = PtySession(argv, env=env)
    try:
        seen = session.wait_for(marker, timeout)
        peak, cpu = session.peak_kb(), session.cpu_seconds()
        session.close()
        return Launch(seen - session.started, peak, cpu)
    except BaseException:
        session.kill()
        raise
