"""Crash-safe, private file writing, shared by the store and the exporters.

A kill at any instant leaves the old file or the new one, whole: data goes to a temp file
in the same folder, is fsynced, then `os.replace`d over the target, and the folder is
fsynced so the rename itself survives a power cut. Temp files come from `mkstemp`, so they
(and therefore every file written here) are 0600 whatever the umask.

No Textual import here.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "FileRange",
    "WriteFailed",
    "atomic_write",
    "clean_stale_temps",
    "ensure_private_dir",
    "os_reason",
    "write_private_text",
]

# Folders that cannot be fsynced on some file systems; the write itself still happened.
_DIR_FSYNC_UNSUPPORTED = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF}


class WriteFailed(OSError):
    """A write that did not happen: the target is as it was and no temp file is left.

    `str(exc)` is one line naming the file and the reason, fit to show to a person.
    """

    def __init__(self, path: Path, reason: str, err: int | None = None) -> None:
        super().__init__(err, reason, str(path))
        self.path = Path(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot save {self.path}: {self.reason}"


def os_reason(exc: BaseException) -> str:
    """A short lower-case reason such as "no space left on device"."""
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    else:
        text = str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) as 0700 folders; make `path` itself 0700.

    Parents that already existed are left alone: they belong to the person, not to us.
    """
    path = Path(path)
    missing: list[Path] = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # someone else made it meanwhile; not ours to chmod
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
    if not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(path))
    os.chmod(path, 0o700)
    return path


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # platforms without directory handles (Windows)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _DIR_FSYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


#: A slice of an open file, copied by the kernel: (file descriptor, offset, length).
FileRange = tuple[int, int, int]


def _copy_range(fd_out: int, source: FileRange) -> None:
    """Append `source` to `fd_out` (at its current position) without Python-side buffers.

    copy_file_range / sendfile run in the kernel (and release the GIL), so copying the
    unchanged part of a large file costs the event loop nothing.
    """
    fd_in, offset, length = source
    end = offset + length
    while offset < end:
        try:
            copied = os.copy_file_range(fd_in, fd_out, end - offset, offset)
        except (AttributeError, OSError):
            copied = -1
        if copied <= 0:  # not supported here (or across file systems): read and write
            chunk = os.pread(fd_in, min(end - offset, 1 << 20), offset)
            if not chunk:
                raise OSError(errno.EIO, "the saved copy is shorter than expected")
            _write_all(fd_out, chunk)
            copied = len(chunk)
        offset += copied


def _write_parts(fd: int, parts: Sequence[bytes | FileRange]) -> None:
    pending: list[bytes] = []
    for part in parts:
        if isinstance(part, bytes):
            pending.append(part)
            continue
        if pending:
            _write_all(fd, b"".join(pending))
            pending.clear()
        _copy_range(fd, part)
    if pending:
        _write_all(fd, pending[0] if len(pending) == 1 else b"".join(pending))


def atomic_write(path: Path, data: bytes | Sequence[bytes | FileRange]) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file.

    `data` is bytes, or the content as a sequence of pieces: bytes, or ranges of open files
    (see `FileRange`) copied by the kernel. A range's file must not change meanwhile (the
    store only points into its own previous save, which is never rewritten in place).

    The result is 0600. Raises `WriteFailed` (an `OSError`) on any OS error, after removing
    the temp file. A symlinked `path` keeps its link: the file it points to is replaced.
    """
    parts: Sequence[bytes | FileRange] = [data] if isinstance(data, bytes) else data
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            _write_parts(fd, parts)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        tmp = None
        _fsync_dir(folder)
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, WriteFailed):
            raise WriteFailed(path, os_reason(exc), exc.errno) from exc
        raise


def write_private_text(path: Path, text: str) -> None:
    """Atomically write `text` as UTF-8 to a 0600 file (used by exports)."""
    atomic_write(path, text.encode("utf-8"))


def clean_stale_temps(folder: Path, name: str) -> int:
    """Remove `.<name>.*.tmp` files left by a write that was killed; return how many.

    Only call this while holding the writer lock, or a live writer's temp file could go.
    """
    removed = 0
    for leftover in Path(folder).glob(f".{glob.escape(name)}.*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
            removed += 1
    return removed
