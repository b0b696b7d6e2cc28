"""What the store tells the person when something stops it: one line, naming the file.

No Textual import here.
"""

from __future__ import annotations

import shlex
from pathlib import Path

#: The newest layout this Rebound writes and reads (2: an index plus one file per entry).
SCHEMA_VERSION = 2


class StoreError(Exception):
    """Anything the store wants to tell the person; `str(e)` is one line naming the file."""

    def __str__(self) -> str:  # KeyError (see UnknownEntry) would otherwise quote it
        return str(self.args[0]) if self.args else ""


class DatabaseDamaged(StoreError):
    """The file would not load. It has not been touched."""

    #: What became of it, what the repair sets aside, and what a restore brings back.
    _UNTOUCHED = "your writing is untouched"
    _ASIDE = "to set this file aside and begin again"
    _LAST_GOOD = "the last good copy"

    def __init__(self, path: Path, reason: str, backup: Path | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.backup = backup
        super().__init__(self.message())

    @property
    def database(self) -> Path:
        """The database the repair commands are given (an entry file's index)."""
        return self.path

    def _command(self, flag: str) -> str:
        """``rebound FLAG``, naming the database unless it is the default one."""
        from rebound_tui.core.storage.opening import default_db_path  # (it imports this module)

        database = self.database
        if database.absolute() == default_db_path().absolute():
            return f'"rebound {flag}"'
        return f'"rebound {flag} --db {shlex.quote(str(database))}"'

    def advice(self, *, in_app: bool = False) -> str:
        """The way on. ``in_app``: said inside the running app, which holds the writer lock
        the repair commands need, so the person quits first."""
        restore, fresh = self._command("--restore-backup"), self._command("--start-fresh")
        if self.backup is not None:
            steps = f"run {restore} to go back to {self._LAST_GOOD}, or {fresh} {self._ASIDE}."
        else:
            steps = f"run {fresh} {self._ASIDE}."
        if in_app:
            return f"To repair it, quit Rebound (ctrl+q), then {steps}"
        return steps[:1].upper() + steps[1:]

    def message(self, *, in_app: bool = False) -> str:
        """One line naming the file, what is wrong, and the way on."""
        return (
            f"{self.path} is not readable ({self.reason}); {self._UNTOUCHED}. "
            f"{self.advice(in_app=in_app)}"
        )


class DatabaseTooNew(DatabaseDamaged):
    """The file was written by a newer Rebound. It has not been touched."""

    def message(self, *, in_app: bool = False) -> str:
        return (
            f"{self.path} was saved by a newer Rebound ({self.reason}; this one reads up to "
            f"schema {SCHEMA_VERSION}); your writing is untouched. "
            "Update Rebound to open it."
        )


class EntryDamaged(DatabaseDamaged):
    """One entry's file would not load: that entry only; the others open as usual."""

    _UNTOUCHED = "it is untouched and your other entries open as usual"
    _ASIDE = "to set this one file aside"
    _LAST_GOOD = "its last good copy"

    @property
    def database(self) -> Path:
        folder = self.path.parent  # <index>.entries/<id>.json
        if folder.name.endswith(".entries"):
            return folder.with_name(folder.name.removesuffix(".entries"))
        return self.path


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
