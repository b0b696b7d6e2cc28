"""Crash-safe, private file writing, shared by the store and the exporters.

A kill at any instant leaves the old file or the new one, whole: data goes to a temp file
in the same folder, is fsynced, then `os.replace`d over the target, and the folder is
fsynced so the rename itself survives a power cut. Temp files are made new (`O_EXCL`, never
through a link) with mode 0600, so they (and therefore every file written here) are 0600
whatever the umask.

No Textual import here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import glob
import itertools
import os
import stat
import tempfile
from pathlib import Path

from rebound_tui.core.storage.errors import NotOurFile

__all__ = [
    "Stamp",
    "WriteFailed",
    "atomic_write",
    "clean_stale_temps",
    "ensure_private_dir",
    "fsync_dir",
    "open_own",
    "open_temp",
    "os_reason",
    "read_own",
    "refuse_odd_file",
    "stamp",
    "stamp_and_change_time",
    "write_all",
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


def aside_name(path: Path, label: str, stamp: str | None = None) -> Path:
    """A free name beside `path` for keeping it aside: `<name>.<label>-<stamp>[-n]`.

    The one rule for every copy Rebound keeps instead of deleting (damaged files, a folder
    that is not ours); `-2`, `-3`... when two are kept within the same second.
    """
    stamp = stamp or dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 2
    while os.path.lexists(aside):
        aside = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
        n += 1
    return aside


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
    if not path.is_symlink():  # a link the person made (e.g. to a synced folder) is theirs
        os.chmod(path, 0o700)
    return path


def write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in `folder` survive a power cut."""
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


def refuse_odd_file(path: Path, *, folder: bool = False) -> bool:
    """Raise NotOurFile if `path` is a link (or not a plain file/folder); missing is fine.
    Returns whether it is there.

    For Rebound's own files (journal, lock, backups, entry files): a link planted there
    must never make us write, truncate or chmod whatever it points to.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise NotOurFile(path, f"not readable ({os_reason(exc)})") from exc
    if stat.S_ISLNK(mode):
        raise NotOurFile(path, "a symbolic link")
    expected = stat.S_ISDIR(mode) if folder else stat.S_ISREG(mode)
    if not expected:
        raise NotOurFile(path, "not a plain folder" if folder else "not a plain file")
    return True


def open_own(path: Path, flags: int, mode: int = 0o600) -> int:
    """`os.open` for one of Rebound's own files: never through a link, only a plain file.

    A file that exists with wider permissions is tightened to `mode` (through the
    descriptor, so a swapped-in link cannot redirect the chmod).
    """
    try:
        fd = os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotOurFile(path, "a symbolic link") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotOurFile(path, "not a plain file")
        if stat.S_IMODE(info.st_mode) & ~mode:
            os.fchmod(fd, mode)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


#: (inode, size, modification time in ns) of a plain file.
Stamp = tuple[int, int, int]


def _plain_file(path: Path) -> os.stat_result | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def stamp(path: Path) -> Stamp | None:
    """What tells this version of a file from any other: Rebound replaces a file to change
    it (a new inode), and a hand edit changes its time or size. None when there is no plain
    file at ``path`` (a link is not followed)."""
    info = _plain_file(path)
    return None if info is None else (info.st_ino, info.st_size, info.st_mtime_ns)


def stamp_and_change_time(path: Path) -> tuple[int, int, int, int] | None:
    """`stamp` and the file's change time, which no program can set back: this also tells
    a file overwritten in place with its modification time put back (``cp -p`` over it)."""
    info = _plain_file(path)
    if info is None:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def read_own(path: Path) -> bytes | None:
    """The bytes of one of Rebound's own files (None if missing), never through a link."""
    try:
        fd = open_own(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


_temp_numbers = itertools.count(1)


def open_temp(path: Path) -> tuple[int, str]:
    """A new, empty 0600 temp file beside `path` for writing: `.<name>.<pid>-<n>.tmp`
    (what `clean_stale_temps` removes), or a random name from `mkstemp` if that is taken.

    Made with `O_EXCL | O_NOFOLLOW`, so nothing already there (a link) is ever opened;
    `mkstemp` does the same but costs a sizeable part of a small save in Python."""
    name = os.path.join(path.parent, f".{path.name}.{os.getpid()}-{next(_temp_numbers)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        return os.open(name, flags, 0o600), name
    except FileExistsError:
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)


def atomic_write(path: Path, data: bytes, *, own: bool = False) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file.

    Order: write a temp file in the same folder, fsync it, `os.replace` it over `path`,
    fsync the folder (so the rename itself survives a power cut).

    The result is 0600. Raises `WriteFailed` (an `OSError`) on any OS error, after removing
    the temp file. With `own` (Rebound's own files) a link or odd file at `path` is refused
    with `NotOurFile`; otherwise a symlinked `path` keeps its link and the file it points
    to is replaced.
    """
    path = Path(path)
    if own:
        refuse_odd_file(path)
    elif path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent
    tmp: str | None = None
    try:
        fd, tmp = open_temp(path)
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        tmp = None
        fsync_dir(folder)
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
