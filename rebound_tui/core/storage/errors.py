"""What the store tells the person when something stops it: one line, naming the file.

No Textual import here.
"""

from __future__ import annotations

from pathlib import Path

#: The newest layout this Rebound writes and reads (2: an index plus one file per entry).
SCHEMA_VERSION = 2


class StoreError(Exception):
    """Anything the store wants to tell the person; `str(e)` is one line naming the file."""

    def __str__(self) -> str:  # KeyError (see UnknownEntry) would otherwise quote it
        return str(self.args[0]) if self.args else ""


class DatabaseDamaged(StoreError):
    """The file would not load. It has not been touched."""

    def __init__(self, path: Path, reason: str, backup: Path | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.backup = backup
        super().__init__(self._message())

    def _message(self) -> str:
        if self.backup is not None:
            advice = (
                'Run "rebound --restore-backup" to go back to the last good copy, '
                'or "rebound --start-fresh" to set this file aside and begin again.'
            )
        else:
            advice = 'Run "rebound --start-fresh" to set this file aside and begin again.'
        return f"{self.path} is not readable ({self.reason}); your writing is untouched. {advice}"


class DatabaseTooNew(DatabaseDamaged):
    """The file was written by a newer Rebound. It has not been touched."""

    def _message(self) -> str:
        return (
            f"{self.path} was saved by a newer Rebound ({self.reason}; this one reads up to "
            f"schema {SCHEMA_VERSION}); your writing is untouched. "
            "Update Rebound to open it."
        )


class EntryDamaged(DatabaseDamaged):
    """One entry's file would not load: that entry only; the others open as usual."""

    def _message(self) -> str:
        if self.backup is not None:
            advice = (
                'Run "rebound --restore-backup" to go back to its last good copy, '
                'or "rebound --start-fresh" to set this one file aside.'
            )
        else:
            advice = 'Run "rebound --start-fresh" to set this one file aside.'
        return (
            f"{self.path} is not readable ({self.reason}); it is untouched and your other "
            f"entries open as usual. {advice}"
        )


class DatabaseLocked(StoreError):
    """Another process is the writer."""

    def __init__(self, path: Path, pid: int | None) -> None:
        self.path = Path(path)
        self.pid = pid
        who = f" (process {pid})" if pid is not None else ""
        super().__init__(f"{self.path} is open in another Rebound{who}")


class SaveFailed(StoreError):
    """flush() could not write; dirty stays True and memory holds everything.

    ``journal`` is the journal when it holds every change (a restart replays it), or None
    when it could not be written either: those changes are then only in this process's
    memory, and the message says so.
    """

    def __init__(self, path: Path, reason: str, journal: Path | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.journal = journal
        if journal is not None:
            kept = f"your changes are safe in the journal {journal} until a save works"
        else:
            kept = (
                "the journal cannot be written either, so changes since the last save are only "
                "in memory and are lost if Rebound stops before a save works"
            )
        super().__init__(f"cannot save {self.path}: {reason}; {kept}")


class UnknownEntry(StoreError, KeyError):
    """No entry with that id."""


class NotOurFile(StoreError):
    """A link (or other odd thing) sits where Rebound keeps one of its own files.

    Nothing was read, written or chmodded through it.
    """

    def __init__(self, path: Path, what: str) -> None:
        self.path = Path(path)
        super().__init__(
            f"{self.path} is {what}, not a file Rebound made; nothing was changed. "
            "Move it away and start Rebound again."
        )
