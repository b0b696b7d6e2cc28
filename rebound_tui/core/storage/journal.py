"""The journal: one JSON line per change since the last save, replayed after a crash.

One journal serves the whole data folder (index and entry files). Every record is an
*assignment* (an entry, a fact, an answer or a setting), so replaying lines a save already
holds gives the same result: a crash between a save and emptying the journal is harmless.
Appends are not fsynced: the page cache survives SIGKILL, and a save follows within a second.

No Textual import here.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

from rebound_tui.core.nesting import MAX_NESTING_STORED, KeptAnswer, too_deep
from rebound_tui.core.storage.files import aside_name, open_own, refuse_odd_file, write_all

__all__ = ["Journal", "dumps", "parse_journal", "reads_back_as_is"]


#: Stands in for a KeptAnswer while its surroundings are written (random: no text holds it).
_KEPT = f"\x00kept-{secrets.token_hex(8)}-"


class _HoldsKept(Exception):
    """A value holds a KeptAnswer: written the slower way, which keeps its text."""


def _no_kept(item: object) -> str:
    if isinstance(item, KeptAnswer):
        raise _HoldsKept
    raise TypeError(f"a {type(item).__name__} cannot be written as JSON")


#: `json.dumps` with these settings builds an encoder on every call; a save writes a few
#: small values, typing a journal line several times a second.
_ENCODER = json.JSONEncoder(
    ensure_ascii=True, allow_nan=False, separators=(",", ":"), default=_no_kept
)


def dumps(value: Any) -> str:
    """Compact JSON; ensure_ascii keeps lone surrogates and odd text safe, one line each.

    A :class:`KeptAnswer` is written as the JSON text it was read as, unchanged.
    """
    try:
        return _ENCODER.encode(value)
    except _HoldsKept:
        pass
    kept: list[str] = []

    def keep(item: object) -> str:
        if not isinstance(item, KeptAnswer):
            raise TypeError(f"a {type(item).__name__} cannot be written as JSON")
        kept.append(item.json)
        return f"{_KEPT}{len(kept) - 1}"

    text = json.dumps(
        value, ensure_ascii=True, allow_nan=False, separators=(",", ":"), default=keep
    )
    for number, raw in enumerate(kept):
        text = text.replace(json.dumps(f"{_KEPT}{number}"), raw, 1)
    return text


_AS_IS = (str, int, bool, type(None))  # exact types JSON writes and reads back unchanged


def reads_back_as_is(record: dict[str, Any]) -> bool:
    """Whether ``json.loads(dumps(record))`` equals ``record`` with the same types: a flat
    record of texts, whole numbers, booleans and None (no float, list, object, KeptAnswer),
    as typing makes many times a second, needs no round trip."""
    return all(type(key) is str and type(value) in _AS_IS for key, value in record.items())


def parse_journal(raw: bytes) -> tuple[list[dict[str, Any]], int, int]:
    """Complete records, the byte length they cover (a torn last line is left out), and
    how many complete lines were garbage (not a JSON object, or one nested too deeply)."""
    end = raw.rfind(b"\n") + 1
    records: list[dict[str, Any]] = []
    garbage = 0
    for line in raw[:end].split(b"\n"):
        if not line:
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            record = None
        if isinstance(record, dict) and not too_deep(record, MAX_NESTING_STORED):
            records.append(record)
        else:
            garbage += 1  # later lines are independent assignments: keep going
    return records, end, garbage


class Journal:
    """The writer's journal file, `<name>.journal`, 0600, never opened through a link."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.ok = False  # False: appends are skipped until the next save resets it
        self.size = 0  # bytes of complete records in the file

    def open(self, keep: int) -> bool:
        """Open for appending, cutting off anything past `keep` bytes (a torn last line).

        On failure the store keeps going: changes stay in memory until a save. A link or
        odd file planted at the journal's name raises NotOurFile (nothing touched).
        """
        try:
            fd = open_own(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        except OSError:
            return False
        try:
            if os.fstat(fd).st_size != keep:
                os.ftruncate(fd, keep)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        self.size = keep
        self.ok = True
        return True

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
        self.ok = False

    def append(self, line: bytes) -> None:
        """Append one record. On failure stop journaling until the next save, so the
        journal stays a clean prefix of the changes (memory still has everything)."""
        if not self.ok or self._fd is None:
            return
        fd = self._fd
        try:
            write_all(fd, line)
        except OSError:
            self.ok = False
            with contextlib.suppress(OSError):
                os.ftruncate(fd, self.size)
            return
        self.size += len(line)

    def reset(self) -> bool:
        """Empty the journal after a save; True if that worked (journaling resumes)."""
        if self._fd is None:
            return self.open(0)
        try:
            os.ftruncate(self._fd, 0)
        except OSError:
            return False
        self.size = 0
        self.ok = True
        return True

    def keep_aside(self, raw: bytes) -> Path | None:
        """Keep a copy of a journal that held garbage as `<name>.journal.damaged-<stamp>`."""
        aside = aside_name(self.path, "damaged")
        try:
            refuse_odd_file(aside)
            fd = open_own(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        except OSError:
            return None
        try:
            write_all(fd, raw)
        except OSError:
            return None
        finally:
            os.close(fd)
        return aside
