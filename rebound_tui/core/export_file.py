"""Writing a file the person named (exports, reminders): never through a link, never over
something without asking. No Textual import.

- A symbolic link at the name is refused, even when replacing is allowed: writing would change
  the file it points to, which may be anything (``~/.bashrc``, another program's data).
- Anything else that is not an ordinary file (a folder, a FIFO, a device) is refused.
- An existing ordinary file is replaced only when the caller says so (``--force`` in the CLI,
  a question in the app); otherwise :class:`ExportExists` is raised and nothing is touched.
- The text goes to a private (0600) temp file in the same folder, is fsynced, then takes the
  name in one step: ``os.link`` for a new file (it fails rather than replace something that
  appeared meanwhile), ``os.replace`` for a replacement (which swaps the name itself, so a link
  planted in between is replaced, never followed). A crash leaves the old file or the new one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["ExportExists", "ExportRefused", "write_export"]


class ExportRefused(OSError):
    """The file was not written; ``str()`` is one line naming it and why."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ExportExists(ExportRefused):
    """An ordinary file already has that name and replacing it was not allowed."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, f"{path} already exists")


def _reason(error: OSError) -> str:
    text = error.strerror or str(error) or type(error).__name__
    return text[:1].lower() + text[1:]


def _check_target(path: Path, replace: bool) -> None:
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise ExportRefused(path, f"cannot write {path}: {_reason(error)}") from error
    if stat.S_ISLNK(found.st_mode):
        raise ExportRefused(
            path,
            f"{path} is a symbolic link; Rebound does not write through links "
            "(nothing was written; choose another name)",
        )
    if stat.S_ISDIR(found.st_mode):
        raise ExportRefused(path, f"{path} is a folder; give a file name")
    if not stat.S_ISREG(found.st_mode):
        raise ExportRefused(path, f"{path} is not an ordinary file; choose another name")
    if not replace:
        raise ExportExists(path)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _take_new_name(tmp: str, path: Path) -> None:
    """Give ``tmp`` the name ``path`` only if nothing has that name (a link included)."""
    try:
        os.link(tmp, path, follow_symlinks=False)
    except FileExistsError:
        _check_target(path, replace=False)  # say what is there now
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links: claim the name exclusively, then swap it in.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        os.close(fd)
        os.replace(tmp, path)
    else:
        os.unlink(tmp)


def write_export(path: Path, text: str, *, replace: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path`` as a 0600 file, by the rules above.

    Raises :class:`ExportExists` when ``path`` is an ordinary file and ``replace`` is false,
    :class:`ExportRefused` for a link or anything else that cannot or must not be written.
    """
    path = Path(path)
    _check_target(path, replace)
    data = text.encode("utf-8")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if replace:
            _check_target(path, replace=True)  # a link planted since the first look
            os.replace(tmp, path)
        else:
            _take_new_name(tmp, path)
        tmp = None
        _fsync_dir(path.parent)
    except ExportRefused:
        raise
    except FileExistsError as error:
        raise ExportExists(path) from error
    except OSError as error:
        raise ExportRefused(path, f"cannot write {path}: {_reason(error)}") from error
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
