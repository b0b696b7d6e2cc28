"""A rescue file: where typed text goes when Rebound must end now and cannot save it.

A SIGTERM or a closed terminal cannot wait for the person to answer "stay, write it to a
file, or lose it?". When the disk of the data folder is full (neither the save nor the
journal works), the text that would be lost is written instead to a new 0600 file in the
first folder that takes it: the data folder itself (a little space may have come back), then
``$XDG_RUNTIME_DIR`` (a private in-memory folder on most Linux systems), the temp folder
(``$TMPDIR``), the home folder. The caller says where it went in one line. No Textual import.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from rebound_tui.core.storage.files import fsync_dir, open_own, os_reason, write_all

__all__ = ["RescueFailed", "rescue_places", "write_rescue"]


class RescueFailed(OSError):
    """No folder took the rescue file; ``str()`` names each folder tried and why."""


def rescue_places(db_path: Path, environ: Mapping[str, str] | None = None) -> list[Path]:
    """Folders to try, in order, each once: the data folder, $XDG_RUNTIME_DIR, the temp
    folder, home."""
    env = os.environ if environ is None else environ
    found = [Path(db_path).parent]
    if env.get("XDG_RUNTIME_DIR"):
        found.append(Path(env["XDG_RUNTIME_DIR"]))
    found.append(Path(env.get("TMPDIR") or tempfile.gettempdir()))
    with contextlib.suppress(RuntimeError, KeyError):
        found.append(Path.home())
    unique: list[Path] = []
    for folder in found:
        if folder.is_absolute() and folder not in unique:
            unique.append(folder)
    return unique


def write_rescue(text: str, places: list[Path], now: datetime) -> Path:
    """Write ``text`` to a new file ``rebound-unsaved-<time>.md`` in the first of ``places``
    that takes it whole (created exclusively, never through a link, 0600, fsynced).

    Raises :class:`RescueFailed` when none does; a partly written file is removed.
    """
    data = text.encode("utf-8", "surrogatepass")
    problems = []
    for folder in places:
        try:
            return _write_new(folder, data, now)
        except OSError as error:
            problems.append(f"{folder}: {os_reason(error)}")
    raise RescueFailed("could not be written anywhere (" + "; ".join(problems) + ")")


def _write_new(folder: Path, data: bytes, now: datetime) -> Path:
    stamp = f"{now:%Y%m%d-%H%M%S}"
    for n in range(1, 100):
        path = folder / f"rebound-unsaved-{stamp}{'' if n == 1 else f'-{n}'}.md"
        try:
            fd = open_own(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        except FileExistsError:
            continue
        try:
            write_all(fd, data)
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(path)
            raise
        os.close(fd)
        with contextlib.suppress(OSError):
            fsync_dir(folder)
        return path
    raise FileExistsError(f"too many rescue files in {folder}")
