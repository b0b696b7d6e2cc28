"""One writer per database: an flock on `<name>.lock`, holding the writer's pid.

The kernel drops an flock when its process dies, so a lock left by a process that is gone
never blocks the next start. The store locks the *real* file (its path resolved, links
followed), so a symlinked name finds the writer; hard links are refused by the store.

No Textual import here.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import Any

from rebound_tui.core.storage.errors import DatabaseLocked, StoreError
from rebound_tui.core.storage.files import open_own, os_reason

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["WriterLock"]


class WriterLock:
    """Exclusive lock on `<db>.lock`, holding the writer's pid."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = db_path.with_name(db_path.name + ".lock")
        self._fd: int | None = None
        self._fallback: Any = None

    def acquire(self) -> None:
        if fcntl is None:  # pragma: no cover - Windows: no pid, but still one writer
            import filelock

            lock = filelock.FileLock(str(self.path), timeout=0)
            try:
                lock.acquire()
            except filelock.Timeout:
                raise DatabaseLocked(self.db_path, None) from None
            self._fallback = lock
            return
        try:
            fd = open_own(self.path, os.O_RDWR | os.O_CREAT)
        except StoreError:
            raise
        except OSError as exc:
            raise StoreError(f"cannot open {self.db_path} for writing: {os_reason(exc)}") from exc
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise DatabaseLocked(self.db_path, _read_pid(fd)) from None
                raise StoreError(f"cannot lock {self.path}: {os_reason(exc)}") from exc
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        if self._fallback is not None:  # pragma: no cover - Windows
            self._fallback.release()
            self._fallback = None
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)  # closing the last descriptor drops the flock

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
