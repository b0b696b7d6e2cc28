"""Where the answers live: a TinyDB file kept in memory, saved atomically, journaled, locked.

Files next to the database (all 0600, in a 0700 data folder):

    rebound.json           the TinyDB JSON document: tables ``entries``, ``settings``, ``meta``
    rebound.json.journal   one JSON line per change since the last save; replayed after a crash
    rebound.json.bak       the file as it was when this session first saved (last good copy)
    rebound.json.lock      flock()ed by the one writer, holding its pid

Why this shape:

- TinyDB's own JSONStorage rewrites its file in place on every change (a kill mid-save
  corrupts it) and serialises the whole database each time. Here TinyDB works on an
  in-memory dict (`_MemoryStorage`) and only `Store.flush()` writes, via `atomic_write`.
- Typing calls `set_answer` many times a second, so it mutates the cached document directly
  (O(1); `Table.update` would rebuild the table) and appends one line to the journal
  (no fsync: the page cache survives SIGKILL). The UI flushes on a debounce.
- Every change is an *assignment* (entry, fact, answer or setting), so replaying a journal
  over a file that already holds some of its lines gives the same result: a crash between
  the save and the journal truncation is harmless.
- A file that does not parse is never written to; the person is told which file and why.

No Textual import here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from rebound_tui.core.storage.files import (
    FileRange,
    WriteFailed,
    atomic_write,
    clean_stale_temps,
    ensure_private_dir,
    os_reason,
)

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "SCHEMA_VERSION",
    "DatabaseDamaged",
    "DatabaseLocked",
    "DatabaseTooNew",
    "Entry",
    "SaveFailed",
    "Store",
    "StoreError",
    "UnknownEntry",
    "default_db_path",
    "restore_backup",
    "set_aside",
]

SCHEMA_VERSION = 1

ENTRIES = "entries"
SETTINGS = "settings"
META = "meta"
_SETTINGS_DOC = "1"  # all settings live in one document of the settings table

# The facts a person gives about a rejection, and their types.
_FACTS: dict[str, type] = {
    "company": str,
    "role": str,
    "stage": str,
    "date": str,
    "internal": bool,
}
_ENTRY_FIELDS: dict[str, type] = {**_FACTS, "created": str, "updated": str, "answers": dict}
_ENTRY_DEFAULTS: dict[str, Any] = {
    "company": "",
    "role": "",
    "stage": "",
    "date": "",
    "internal": False,
    "created": "",
    "updated": "",
}

_JSON_KINDS = {list: "list", str: "string", int: "number", float: "number", bool: "true/false"}


# --------------------------------------------------------------------------- errors


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


class DatabaseLocked(StoreError):
    """Another process is the writer."""

    def __init__(self, path: Path, pid: int | None) -> None:
        self.path = Path(path)
        self.pid = pid
        who = f" (process {pid})" if pid is not None else ""
        super().__init__(f"{self.path} is open in another Rebound{who}")


class SaveFailed(StoreError):
    """flush() could not write. Memory and journal still hold everything; dirty stays True."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(
            f"cannot save {self.path}: {reason}; your changes are kept and will be saved "
            "once the disk allows it"
        )


class UnknownEntry(StoreError, KeyError):
    """No entry with that id."""


# --------------------------------------------------------------------------- data


@dataclass
class Entry:
    """One rejection and everything written about it (a copy; change it through Store)."""

    id: int
    company: str
    role: str
    stage: str
    date: str
    internal: bool
    created: str
    updated: str
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)


class _MemoryStorage(Storage):
    """TinyDB storage that never touches disk: `Store.flush()` persists `data` atomically."""

    def __init__(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data

    def read(self) -> dict[str, dict[str, Any]]:
        return self.data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data


def default_db_path() -> Path:
    """The database in the per-user data folder (e.g. ~/.local/share/rebound/rebound.json)."""
    return platformdirs.user_data_path("rebound") / "rebound.json"


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _sort_time(stamp: str) -> float:
    """Seconds since the epoch for an ISO stamp, so offsets (DST, travel) sort correctly."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return float("-inf")
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.timestamp()


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _copy_json(value: Any) -> Any:
    """Deep copy of a JSON value (much faster than copy.deepcopy)."""
    if isinstance(value, dict):
        return {k: _copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_json(v) for v in value]
    return value


def _dumps(value: Any) -> str:
    # ensure_ascii: lone surrogates and any other odd text survive, and every line is ASCII.
    return json.dumps(value, ensure_ascii=True, allow_nan=False, separators=(",", ":"))


# Entries are encoded one by one (see Store._payload); same output as _dumps.
_encode_part = json.JSONEncoder(ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode
# Stands for the entries table in the one-call encoding of the rest of the file.
_ENTRIES_SLOT = "\x00rebound:entries\x00"
_ENTRIES_SLOT_JSON = _encode_part(_ENTRIES_SLOT).encode("ascii")


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return _JSON_KINDS.get(type(value), "object")


def _check_date(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise TypeError(f"date must be an ISO yyyy-mm-dd string, not {type(value).__name__}")
    if value:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"date must be yyyy-mm-dd, not {value!r}") from None
    return value


def _check_facts(facts: dict[str, Any]) -> dict[str, Any]:
    checked: dict[str, Any] = {}
    for name, value in facts.items():
        if name not in _FACTS:
            raise TypeError(f"unknown entry fact {name!r} (known: {', '.join(_FACTS)})")
        if name == "date":
            value = _check_date(value)
        elif not isinstance(value, _FACTS[name]):
            raise TypeError(f"{name} must be {_FACTS[name].__name__}, not {type(value).__name__}")
        checked[name] = value
    return checked


# --------------------------------------------------------------------------- parsing


class _Handed:
    """File bytes handed to the parser, which lets go of them once decoded to text.

    Otherwise the bytes, the text and the parsed data all live at once while a large file
    loads: the peak memory of a start would be the file size higher than it need be.
    """

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data


_PLAIN_DECODER = json.JSONDecoder()
_ENTRIES_HEAD = '{"' + ENTRIES + '":{'


def _share_keys(value: Any, depth: int = 3) -> Any:
    """The value with its dict keys (fields, section and exercise ids) interned.

    `json.loads` shares repeated keys across the whole file; scanning entry by entry does
    not, which would cost ~3.5 KB per entry of duplicate key strings.
    """
    if depth and type(value) is dict:
        return {sys.intern(k): _share_keys(v, depth - 1) for k, v in value.items()}
    return value


def _scan_entries(text: str) -> tuple[dict[str, Any], dict[str, tuple[int, int, bool]]] | None:
    """Parse a file in the layout `flush` writes, noting where each entry lies in it.

    Same result as `json.loads(text)` (the same C scanner decodes every value), plus each
    entry's place (offset, length, whether a comma leads), so the session's first save can
    copy unchanged entries from the file as opened instead of encoding them all again.
    Returns None for anything else (other layouts, non-ASCII text, duplicate keys, errors):
    the caller then parses with `json.loads` and its error reporting.
    """
    if not text.startswith(_ENTRIES_HEAD) or not text.isascii():
        return None
    scan = _PLAIN_DECODER.raw_decode
    entries: dict[str, Any] = {}
    places: dict[str, tuple[int, int, bool]] = {}
    pos = len(_ENTRIES_HEAD)
    try:
        if text[pos] != "}":
            while True:
                start = pos
                comma = bool(entries)
                if comma:
                    if text[pos] != ",":
                        return None
                    pos += 1
                key, pos = scan(text, pos)
                if not isinstance(key, str) or key in entries or text[pos] != ":":
                    return None
                value, pos = scan(text, pos + 1)
                entries[key] = _share_keys(value)
                places[key] = (start, pos - start, comma)
                if text[pos] == "}":
                    break
        pos += 1
        if text[pos] == "}":  # nothing but the entries
            rest: dict[str, Any] = {}
            tail, end = text, pos + 1
        elif text[pos] == ",":  # the other tables: small, parsed as one object
            tail = "{" + text[pos + 1 :]
            rest, end = scan(tail)
            if not isinstance(rest, dict) or ENTRIES in rest:
                return None
        else:
            return None
        if tail[end:].strip():
            return None
    except (ValueError, IndexError, RecursionError):
        return None
    return {ENTRIES: entries, **rest}, places


def _decode(
    path: Path,
    raw: bytes | _Handed,
    backup: Path | None,
    places: dict[str, tuple[int, int, bool]] | None = None,
) -> dict[str, Any]:
    """Bytes → top-level dict, or DatabaseDamaged with a reason a person can act on.

    With `places`, a file in flush's own layout is parsed by `_scan_entries` and `places`
    is filled with where its entries lie.
    """

    def damaged(reason: str) -> DatabaseDamaged:
        return DatabaseDamaged(path, reason, backup)

    handed = raw if isinstance(raw, _Handed) else None
    if isinstance(raw, _Handed):
        raw = raw.data

    if not raw:
        raise damaged("empty file")
    if not raw.strip(b"\x00"):
        raise damaged("only zero bytes, as after a crash while saving")
    if b"\x00" in raw:
        raise damaged("contains zero bytes, as after a crash while saving")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise damaged(f"not UTF-8 text: bad byte at offset {exc.start}") from None
    if handed is not None:
        handed.data = raw = b""  # the text has it all now
    bom = text.startswith("\ufeff")  # 3 bytes, 1 character: offsets would be off
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise damaged("only blank space")
    if places is not None and not bom:
        scanned = _scan_entries(text)
        if scanned is not None:
            places.update(scanned[1])
            return scanned[0]
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        body = text.rstrip()
        starts_well = body.lstrip().startswith(("{", "["))
        if starts_well and (not body.endswith(("}", "]")) or exc.pos >= len(body)):
            raise damaged("cut off before its end") from None
        raise damaged(
            f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise damaged("nested too deeply to be a Rebound file") from None
    if not isinstance(doc, dict):
        raise damaged(f"not a Rebound file: it holds a JSON {_kind(doc)}, not tables")
    return doc


def _schema_of(doc: dict[str, Any], damaged: Callable[[str], DatabaseDamaged]) -> int:
    """Schema number in `meta`; 0 for a plain TinyDB file without one."""
    meta = doc.get(META)
    if meta is None:
        return 0
    if not isinstance(meta, dict):
        raise damaged(f'its "{META}" table is a {_kind(meta)}, not a table')
    for record in meta.values():
        if isinstance(record, dict) and "schema" in record:
            schema = record["schema"]
            if isinstance(schema, bool) or not isinstance(schema, int) or schema < 0:
                raise damaged(f"its schema number is {schema!r}")
            return schema
    raise damaged(f'its "{META}" table has no schema number')


def _check_entry(key: str, doc: dict[str, Any], *, fill: bool) -> str | None:
    """Why an entry document is malformed, or None. `fill` adds missing fields (migration)."""
    for name, kind in _ENTRY_FIELDS.items():
        if name not in doc:
            if not fill:
                return f"entry {key} has no {name}"
            doc[name] = {} if kind is dict else _ENTRY_DEFAULTS[name]
        value = doc[name]
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            return f"entry {key}: {name} is a {_kind(value)}"
    for section, answers in doc["answers"].items():
        if not isinstance(answers, dict):
            return f"entry {key}: answers for {section!r} are a {_kind(answers)}"
    return None


def _check_shape(
    doc: dict[str, Any], damaged: Callable[[str], DatabaseDamaged], schema: int
) -> None:
    """TinyDB shape (tables of numbered documents) and Rebound's own tables."""
    for name, table in doc.items():
        if not isinstance(table, dict):
            raise damaged(f'its "{name}" table is a {_kind(table)}, not a table')
        for key, record in table.items():
            if not (key.isascii() and key.isdigit()):
                raise damaged(f'its "{name}" table has a document numbered {key!r}')
            if not isinstance(record, dict):
                raise damaged(f'document {key} of "{name}" is a {_kind(record)}')
    for key, record in doc.get(ENTRIES, {}).items():
        problem = _check_entry(key, record, fill=schema < SCHEMA_VERSION)
        if problem:
            raise damaged(problem)


def _parse(
    path: Path,
    raw: bytes | _Handed,
    backup: Path | None,
    places: dict[str, tuple[int, int, bool]] | None = None,
) -> tuple[dict[str, Any], int]:
    """Validated (and, for an old schema, migrated in memory) data plus the file's schema.

    `places` (see `_decode`) is only filled for a file of the current schema, whose entries
    are not changed by loading.
    """

    def damaged(reason: str) -> DatabaseDamaged:
        return DatabaseDamaged(path, reason, backup)

    doc = _decode(path, raw, backup, places)
    schema = _schema_of(doc, damaged)
    if schema > SCHEMA_VERSION:
        raise DatabaseTooNew(path, f"schema {schema}", backup)
    _check_shape(doc, damaged, schema)
    if schema < SCHEMA_VERSION:
        _migrate(doc)
        if places:
            places.clear()
    return doc, schema


def _migrate(doc: dict[str, Any]) -> None:
    """Schema 0 (plain TinyDB, no meta) → 1. Entry fields were filled in by _check_shape."""
    doc.setdefault(ENTRIES, {})
    doc.setdefault(SETTINGS, {})
    doc[META] = {"1": {"schema": SCHEMA_VERSION}}


def _empty_db() -> dict[str, Any]:
    return {ENTRIES: {}, SETTINGS: {}, META: {"1": {"schema": SCHEMA_VERSION}}}


def _journal_lines(raw: bytes) -> tuple[list[dict[str, Any]], int]:
    """Complete journal records and the byte length they cover (a torn last line is dropped)."""
    end = raw.rfind(b"\n") + 1
    ops: list[dict[str, Any]] = []
    for line in raw[:end].split(b"\n"):
        if not line:
            continue
        try:
            op = json.loads(line)
        except (ValueError, RecursionError):
            continue  # damaged line: skip it; later lines are independent assignments
        if isinstance(op, dict):
            ops.append(op)
    return ops, end


# --------------------------------------------------------------------------- lock


class _WriterLock:
    """Exclusive lock on `<name>.lock`, holding the writer's pid; freed when the process dies."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = _sibling(db_path, ".lock")
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
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreError(f"cannot open {self.db_path} for writing: {os_reason(exc)}") from exc
        try:
            with contextlib.suppress(OSError):
                os.fchmod(fd, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise DatabaseLocked(self.db_path, self._read_pid(fd)) from None
                raise StoreError(f"cannot lock {self.path}: {os_reason(exc)}") from exc
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    @staticmethod
    def _read_pid(fd: int) -> int | None:
        try:
            text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None

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


# --------------------------------------------------------------------------- store


class Store:
    """The person's entries and answers. One writer per file; any number of read-only views.

    Thread-safe: the UI may call `flush()` from a worker while typing calls `set_answer()`;
    the disk write happens outside the lock that mutations take.
    """

    locked_by: int | None = None

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = Path(path).expanduser().absolute()
        self.read_only = read_only
        self.locked_by = None
        self._journal_path = _sibling(self.path, ".journal")
        self._backup_path = _sibling(self.path, ".bak")
        self._mu = threading.RLock()  # guards the data, the journal fd and the counters
        self._flush_mu = threading.Lock()  # one flush at a time
        self._gen = 0  # bumped by every change
        self._saved_gen = 0  # _gen of the data last saved
        self._closed = False
        self._lock = _WriterLock(self.path)
        self._journal_fd: int | None = None
        self._journal_ok = False
        self._journal_size = 0  # bytes of complete records in the journal
        # Written just before this session's first save: (target, the file as opened).
        self._first_save_backups: list[tuple[Path, FileRange | bytes]] = []
        self._opened_fd: int | None = None  # the file as opened (source of those backups)
        # Save only what changed: our last save stays open, and every entry's place in it
        # (offset, length, whether a comma leads) is known, so an unchanged entry is copied
        # from it by the kernel instead of being serialised again. `_touched` holds the ids
        # of entries changed since the payload of the last save was taken.
        self._saved_fd: int | None = None
        self._saved_stat: os.stat_result | None = None
        self._saved_at: dict[str, tuple[int, int, bool]] = {}
        self._touched: set[str] = set()
        if read_only:
            self._open_reader()
        else:
            self._open_writer()

    # ----------------------------------------------------------------- opening

    @classmethod
    def open_or_read_only(cls, path: Path) -> Store:
        """The writer if possible; a read-only view (with `locked_by`) if another has it."""
        try:
            return cls(path)
        except DatabaseLocked as exc:
            store = cls(path, read_only=True)
            store.locked_by = exc.pid
            return store

    def _existing_backup(self) -> Path | None:
        return self._backup_path if self._backup_path.is_file() else None

    def _read_files(self, keep_fd: bool = False) -> tuple[bytes | None, bytes]:
        """Database bytes (None if missing) and journal bytes, taken as one consistent pair.

        A reader races the writer: if the file was replaced while we read the journal, the
        journal may already have been truncated, so read both again. With `keep_fd`, a
        descriptor of the file read is kept in `_opened_fd` (for the first save's backup).
        """
        raw: bytes | None = None
        journal = b""
        for _attempt in range(10):
            if self._opened_fd is not None:
                os.close(self._opened_fd)
                self._opened_fd = None
            try:
                handle = open(self.path, "rb")  # noqa: SIM115 - kept open across the journal read
            except FileNotFoundError:
                handle = None
            except OSError as exc:
                raise StoreError(f"cannot read {self.path}: {os_reason(exc)}") from exc
            try:
                before = os.fstat(handle.fileno()) if handle else None
                raw = handle.read() if handle else None
                try:
                    journal = self._journal_path.read_bytes()
                except OSError:
                    journal = b""
                try:
                    after: os.stat_result | None = os.stat(self.path)
                except FileNotFoundError:
                    after = None
            except OSError as exc:
                raise StoreError(f"cannot read {self.path}: {os_reason(exc)}") from exc
            finally:
                if handle:
                    if keep_fd:
                        with contextlib.suppress(OSError):
                            self._opened_fd = os.dup(handle.fileno())
                    handle.close()
            if _same_file(before, after):
                break
        return raw, journal

    def _load(self, raw: _Handed | None, journal: bytes) -> tuple[int, int]:
        """Parse + replay. Returns (schema, journal bytes replayed)."""
        # The writer notes where entries lie in the file as opened (see _scan_entries).
        places: dict[str, tuple[int, int, bool]] | None = None
        if not self.read_only and self._opened_fd is not None:
            places = {}
        if raw is None:
            data, schema = _empty_db(), SCHEMA_VERSION
        else:
            data, schema = _parse(self.path, raw, self._existing_backup(), places)
        if places and self._opened_fd is not None:
            with contextlib.suppress(OSError):
                fd = os.dup(self._opened_fd)
                self._saved_stat = os.fstat(fd)
                self._saved_fd, self._saved_at = fd, places
        data.setdefault(ENTRIES, {})
        data.setdefault(SETTINGS, {})
        self._db = TinyDB(data, storage=_MemoryStorage)
        self._storage: _MemoryStorage = self._db.storage  # type: ignore[assignment]
        ops, covered = _journal_lines(journal)
        for op in ops:
            self._apply(op, replay=True)
        return schema, covered

    def _open_reader(self) -> None:
        raw, journal = self._read_files()
        handed = None if raw is None else _Handed(raw)
        del raw
        self._load(handed, journal)

    def _open_writer(self) -> None:
        folder = self.path.parent
        try:
            if not folder.is_dir() or folder == default_db_path().parent:
                ensure_private_dir(folder)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {self.path}: {os_reason(exc)}") from exc
        self._lock.acquire()
        try:
            clean_stale_temps(folder, self.path.name)
            raw, journal = self._read_files(keep_fd=True)
            size = None if raw is None else len(raw)
            handed = None if raw is None else _Handed(raw)
            del raw
            schema, covered = self._load(handed, journal)
            if size is not None:
                with contextlib.suppress(OSError):
                    os.chmod(self.path, 0o600)
                # Written just before this session's first save (see flush()). The bytes are
                # not kept: the descriptor of the file as read is (it is never rewritten in
                # place, so it keeps these bytes whatever later saves do).
                source = self._opened_source(size)
                self._first_save_backups.append((self._backup_path, source))
                if schema < SCHEMA_VERSION:
                    target = _sibling(self.path, f".v{schema}.bak")
                    self._first_save_backups.append((target, source))
                    self._gen += 1
            if covered or journal:
                self._gen += 1  # fold the journal into the file right away
            self._journal_ok = self._open_journal(covered)
            if self.dirty:
                with contextlib.suppress(SaveFailed):
                    self.flush()  # on failure: still dirty, journal intact; later flushes retry
        except BaseException:
            self._close_journal()
            self._close_saved()
            self._lock.release()
            raise

    def _opened_source(self, size: int) -> FileRange | bytes:
        """The file as opened: a range of the kept descriptor, or (no descriptor, which
        only a failed dup() causes) its bytes read again: we hold the lock, so it is as read.
        """
        fd = self._opened_fd
        if fd is not None:
            with contextlib.suppress(OSError):
                if os.fstat(fd).st_size == size:
                    return (fd, 0, size)
        return self.path.read_bytes()

    def _close_saved(self) -> None:
        for name in ("_opened_fd", "_saved_fd"):
            fd = getattr(self, name)
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
                setattr(self, name, None)
        self._saved_at = {}

    # ----------------------------------------------------------------- journal

    def _open_journal(self, keep: int) -> bool:
        """Open the journal for appending, cutting off a torn last line past `keep` bytes.

        On failure the store keeps going: changes stay in memory until a save.
        """
        try:
            fd = os.open(
                self._journal_path,
                os.O_WRONLY | os.O_CREAT | os.O_APPEND,
                0o600,
            )
        except OSError:
            return False
        try:
            os.chmod(self._journal_path, 0o600)  # it may predate us, or the umask widened it
            if os.fstat(fd).st_size != keep:
                os.ftruncate(fd, keep)
        except OSError:
            os.close(fd)
            return False
        self._journal_fd = fd
        self._journal_size = keep
        return True

    def _close_journal(self) -> None:
        if self._journal_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._journal_fd)
            self._journal_fd = None
        self._journal_ok = False

    def _append(self, line: bytes) -> None:
        """Append one record. On failure stop journaling until the next save, so the
        journal stays a clean prefix of the changes (memory still has everything)."""
        if not self._journal_ok or self._journal_fd is None:
            return
        fd = self._journal_fd
        try:
            view = memoryview(line)
            while view:
                view = view[os.write(fd, view) :]
        except OSError:
            self._journal_ok = False
            with contextlib.suppress(OSError):
                os.ftruncate(fd, self._journal_size)
            return
        self._journal_size += len(line)

    def _reset_journal(self) -> bool:
        """Empty the journal after a save; True if that worked."""
        if self._journal_fd is None:
            return self._open_journal(0)
        try:
            os.ftruncate(self._journal_fd, 0)
        except OSError:
            return False
        self._journal_size = 0
        return True

    # ----------------------------------------------------------------- changes

    def _entries(self) -> dict[str, dict[str, Any]]:
        return self._storage.data[ENTRIES]

    def _doc(self, entry_id: int) -> dict[str, Any]:
        try:
            return self._entries()[str(int(entry_id))]
        except (KeyError, TypeError, ValueError):
            raise UnknownEntry(f"no entry with id {entry_id} in {self.path}") from None

    def _check_writable(self) -> None:
        if self.read_only:
            who = f" (process {self.locked_by} is writing it)" if self.locked_by else ""
            raise StoreError(f"{self.path} is open read-only here{who}; changes cannot be saved")
        if self._closed:
            raise StoreError(f"{self.path} is closed; changes cannot be saved")

    def _apply(self, op: dict[str, Any], *, replay: bool = False) -> None:
        """Carry out one journal record. Replay skips records it cannot apply."""
        try:
            self._apply_op(op)
        except (UnknownEntry, KeyError, TypeError, ValueError, AttributeError):
            if not replay:
                raise

    def _apply_op(self, op: dict[str, Any]) -> None:
        kind = op["op"]
        if kind == "setting":
            key, value = op["k"], op["v"]
            if not isinstance(key, str):
                raise TypeError(key)
            settings = self._storage.data.setdefault(SETTINGS, {}).setdefault(_SETTINGS_DOC, {})
            if value is None:
                settings.pop(key, None)
            else:
                settings[key] = value
            return
        entry_id = op["id"]
        if isinstance(entry_id, bool) or not isinstance(entry_id, int) or entry_id < 1:
            raise TypeError(entry_id)
        self._touched.add(str(entry_id))
        if kind == "create":
            doc = op["doc"]
            if not isinstance(doc, dict) or _check_entry(str(entry_id), doc, fill=False):
                raise TypeError(doc)
            entries = self._entries()
            if str(entry_id) in entries:
                entries[str(entry_id)] = doc
            else:  # a Document insert keeps the id and resets TinyDB's next-id cache
                self._db.table(ENTRIES).insert(Document(doc, doc_id=entry_id))
            return
        doc = self._doc(entry_id)
        stamp = op["t"]
        if not isinstance(stamp, str):
            raise TypeError(stamp)
        if kind == "update":
            doc.update(_check_facts(op["facts"]))
        elif kind in ("set", "clear"):
            section, exercise = op["s"], op["e"]
            if not (isinstance(section, str) and isinstance(exercise, str)):
                raise TypeError(section)
            value = op.get("v") if kind == "set" else None
            answers = doc["answers"]
            if _is_empty(value):
                current = answers.get(section)
                if current is not None:
                    current.pop(exercise, None)
                    if not current:
                        del answers[section]
            else:
                answers.setdefault(section, {})[exercise] = value
        else:
            raise ValueError(kind)
        doc["updated"] = stamp

    def _commit(self, op: dict[str, Any]) -> None:
        """Serialise, apply what a replay would see (JSON round trip), then journal it."""
        line = _dumps(op) + "\n"
        with self._mu:
            self._check_writable()
            self._apply(json.loads(line))
            self._gen += 1
            self._append(line.encode("ascii"))

    def create_entry(
        self,
        *,
        company: str,
        role: str,
        stage: str,
        date: str,
        internal: bool,
        answers: dict[str, dict[str, Any]] | None = None,
        created: str | None = None,
        updated: str | None = None,
    ) -> Entry:
        """A new entry. ``answers`` and the times are for an imported one (``rebound import``)."""
        facts = _check_facts(
            {"company": company, "role": role, "stage": stage, "date": date, "internal": internal}
        )
        stamp = _now()
        doc = {
            **facts,
            "created": created or stamp,
            "updated": updated or created or stamp,
            "answers": _copy_json(answers or {}),
        }
        with self._mu:
            self._check_writable()
            entry_id = self._db.table(ENTRIES).insert(doc)
            self._touched.add(str(entry_id))
            self._gen += 1
            self._append((_dumps({"op": "create", "id": entry_id, "doc": doc}) + "\n").encode())
            return self._to_entry(str(entry_id), self._entries()[str(entry_id)])

    def update_entry(self, entry_id: int, **facts: Any) -> Entry:
        checked = _check_facts(facts)
        with self._mu:
            self._check_writable()
            self._doc(entry_id)
            if checked:
                self._commit({"op": "update", "id": int(entry_id), "facts": checked, "t": _now()})
            return self.get(entry_id)

    def set_answer(self, entry_id: int, section_id: str, exercise_id: str, value: Any) -> None:
        """Keep one answer (O(1) in the size of the database). None, "", [] or {} delete it."""
        with self._mu:
            self._check_writable()
            doc = self._doc(entry_id)
            current = doc["answers"].get(section_id, {}).get(exercise_id)
            if current is None and _is_empty(value):
                return
            if type(current) is type(value) and current == value:
                return  # unchanged (focus moves, repeated events): no journal line, not dirty
            self._commit(
                {
                    "op": "set",
                    "id": int(entry_id),
                    "s": section_id,
                    "e": exercise_id,
                    "v": value,
                    "t": _now(),
                }
            )

    def clear_answer(self, entry_id: int, section_id: str, exercise_id: str) -> None:
        self.set_answer(entry_id, section_id, exercise_id, None)

    def set_setting(self, key: str, value: Any) -> None:
        """Remember a preference; None forgets it."""
        if not isinstance(key, str):
            raise TypeError("setting keys are strings")
        with self._mu:
            self._check_writable()
            current = self.get_setting(key)
            if type(current) is type(value) and current == value:
                return
            self._commit({"op": "setting", "k": key, "v": value})

    # ----------------------------------------------------------------- reading

    @staticmethod
    def _to_entry(key: str, doc: dict[str, Any], *, copy: bool = True) -> Entry:
        return Entry(
            id=int(key),
            company=doc["company"],
            role=doc["role"],
            stage=doc["stage"],
            date=doc["date"],
            internal=doc["internal"],
            created=doc["created"],
            updated=doc["updated"],
            answers=_copy_json(doc["answers"]) if copy else doc["answers"],
        )

    def entries(self, *, copy: bool = True) -> list[Entry]:
        """All entries, newest first (by creation time, then id).

        `copy=False` skips copying the answers, most of the cost with many entries (the
        home screen's list only counts them): the entries then share the store's own
        answers, so only read them, on the thread that changes the store (the UI thread),
        and do not keep them.
        """
        with self._mu:
            found = [self._to_entry(k, d, copy=copy) for k, d in self._entries().items()]
        found.sort(key=lambda e: (_sort_time(e.created), e.id), reverse=True)
        return found

    def get(self, entry_id: int) -> Entry:
        with self._mu:
            doc = self._doc(entry_id)
            return self._to_entry(str(int(entry_id)), doc)

    def latest(self) -> Entry | None:
        with self._mu:
            items = self._entries().items()
            if not items:
                return None
            key, doc = max(items, key=lambda kv: (_sort_time(kv[1]["created"]), int(kv[0])))
            return self._to_entry(key, doc)

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._mu:
            settings = self._storage.data.get(SETTINGS, {}).get(_SETTINGS_DOC, {})
            return _copy_json(settings[key]) if key in settings else default

    # ----------------------------------------------------------------- saving

    @property
    def dirty(self) -> bool:
        """True while something changed since the last successful save."""
        return self._gen != self._saved_gen

    def refresh_backup(self) -> None:
        """Make the last-good backup a copy of the file as saved now, then save if needed.

        For erasing on purpose ("let it go"): otherwise the backup, the file as this session
        found it, would keep what the person chose to let go of. Raises SaveFailed.
        """
        self._check_writable()
        self.flush()
        with self._flush_mu:
            try:
                atomic_write(self._backup_path, self.path.read_bytes())
            except (OSError, WriteFailed) as exc:
                reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or exc
                raise SaveFailed(self._backup_path, str(reason)) from exc

    def flush(self) -> None:
        """Save atomically if dirty, then empty the journal. Raises SaveFailed.

        Read-only stores have nothing to save, so this is a no-op for them.
        """
        if self.read_only:
            return
        with self._flush_mu:
            with self._mu:
                if not self.dirty or self._closed:
                    return
                gen = self._gen
                journal_size = self._journal_size
                touched, self._touched = self._touched, set()
                parts, places, size = self._payload(touched)
            try:
                for target, source in self._first_save_backups:
                    atomic_write(target, [source])
                atomic_write(self.path, parts)
            except WriteFailed as exc:
                with self._mu:
                    self._touched |= touched
                raise SaveFailed(self.path, exc.reason) from exc
            saved_fd = self._open_saved(size)
            with self._mu:
                self._first_save_backups = []
                if self._opened_fd is not None:
                    with contextlib.suppress(OSError):
                        os.close(self._opened_fd)
                    self._opened_fd = None
                if self._saved_fd is not None:
                    with contextlib.suppress(OSError):
                        os.close(self._saved_fd)
                self._saved_fd = saved_fd
                self._saved_at = places if saved_fd is not None else {}
                self._saved_gen = gen
                # Only records already in the saved file may go; later ones stay (harmless
                # to replay, as every record is an assignment).
                if (
                    self._journal_size == journal_size
                    and self._reset_journal()
                    and gen == self._gen
                ):
                    self._journal_ok = True  # journal again matches memory minus the file

    def _payload(
        self, touched: set[str]
    ) -> tuple[list[bytes | FileRange], dict[str, tuple[int, int, bool]], int]:
        """The file's content as pieces, its entries' places in it, and its size.

        Same bytes as `_dumps(data)`. Entries not in `touched` that sit in the last save are
        ranges of it (adjacent ones merged into one range); only the rest is serialised.
        Call with `_mu` held; the pieces stay valid after it is released (bytes are
        immutable and the last save is never rewritten in place).
        """
        parts: list[bytes | FileRange] = []
        places: dict[str, tuple[int, int, bool]] = {}
        saved_fd, saved_at = self._saved_fd, self._saved_at
        if saved_fd is not None:
            try:
                unchanged = _same_file(os.fstat(saved_fd), self._saved_stat)
            except OSError:
                unchanged = False
            if not unchanged:  # changed in place behind our back: trust only memory
                saved_fd, saved_at = None, {}
        pos = 0

        def add(piece: bytes) -> None:
            nonlocal pos
            parts.append(piece)
            pos += len(piece)

        data = self._storage.data
        entries = data.get(ENTRIES)
        # Everything but the entries in one call (small), the entries spliced into its slot.
        frame = _dumps({k: _ENTRIES_SLOT if k == ENTRIES else v for k, v in data.items()})
        pieces = frame.encode("ascii").split(_ENTRIES_SLOT_JSON)
        if not isinstance(entries, dict) or len(pieces) != 2:  # cannot happen; be safe
            whole = _dumps(data).encode("ascii")
            return [whole], {}, len(whole)
        add(pieces[0] + b"{")
        for index, (key, doc) in enumerate(entries.items()):
            comma = index > 0
            place = saved_at.get(key)
            if (
                saved_fd is not None
                and place is not None
                and place[2] == comma
                and key not in touched
            ):
                offset, length, _ = place
                last = parts[-1]
                if isinstance(last, tuple) and last[1] + last[2] == offset:
                    parts[-1] = (saved_fd, last[1], last[2] + length)
                else:
                    parts.append((saved_fd, offset, length))
                places[key] = (pos, length, comma)
                pos += length
                continue
            # ',"key":{...}' (no comma first): one item, so a later save can copy it whole
            item = (
                (b"," if comma else b"")
                + _encode_part(key).encode("ascii")
                + b":"
                + _encode_part(doc).encode("ascii")
            )
            places[key] = (pos, len(item), comma)
            add(item)
        add(b"}" + pieces[1])
        return parts, places, pos

    def _open_saved(self, size: int) -> int | None:
        """A descriptor of the file just saved, if it is what we wrote (else None)."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return None
        try:
            stat = os.fstat(fd)
            if stat.st_size == size:
                self._saved_stat = stat
                return fd
        except OSError:
            pass
        os.close(fd)
        return None

    def close(self) -> None:
        """Save (raising SaveFailed if that fails) and give up the lock either way.

        To offer a retry on a full disk, call flush() first; after close() the journal is
        what remains of unsaved changes.
        """
        if self._closed:
            return
        try:
            self.flush()
        finally:
            with self._mu:
                self._closed = True
                self._close_journal()
                self._close_saved()
                self._lock.release()

    def _abandon(self) -> None:
        """Let go of files without saving, as a crash would (for tests)."""
        with self._mu:
            self._closed = True
            self._close_journal()
            self._close_saved()
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "writer"
        return f"<Store {self.path} {mode}>"


def _same_file(a: os.stat_result | None, b: os.stat_result | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.st_ino, a.st_dev, a.st_size, a.st_mtime_ns) == (
        b.st_ino,
        b.st_dev,
        b.st_size,
        b.st_mtime_ns,
    )


# --------------------------------------------------------------------------- recovery


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def _free_name(path: Path, suffix: str) -> Path:
    candidate = _sibling(path, suffix)
    n = 2
    while candidate.exists():
        candidate = _sibling(path, f"{suffix}-{n}")
        n += 1
    return candidate


def _set_aside_unlocked(path: Path, stamp: str) -> Path:
    aside = _free_name(path, f".damaged-{stamp}")
    try:
        os.rename(path, aside)
    except OSError as exc:
        raise StoreError(f"cannot set {path} aside: {os_reason(exc)}") from exc
    return aside


def set_aside(path: Path) -> Path:
    """Rename the file to `<name>.damaged-YYYYmmdd-HHMMSS` so the next open starts fresh.

    Its journal goes aside with it (kept, not replayed into the fresh start).
    """
    path = Path(path).expanduser().absolute()
    if not path.exists():
        raise StoreError(f"there is no {path} to set aside")
    lock = _WriterLock(path)
    lock.acquire()
    try:
        stamp = _stamp()
        aside = _set_aside_unlocked(path, stamp)
        journal = _sibling(path, ".journal")
        with contextlib.suppress(OSError):
            if journal.stat().st_size:
                os.rename(journal, _free_name(journal, f".damaged-{stamp}"))
        return aside
    finally:
        lock.release()


def restore_backup(path: Path) -> Path | None:
    """Put `<name>.bak` back in place, setting the current file aside first.

    Returns where the current file went (None if there was none). A journal is kept and
    replayed over the backup at the next open, recovering the most recent writing it holds.
    """
    path = Path(path).expanduser().absolute()
    backup = _sibling(path, ".bak")
    try:
        raw = backup.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"there is no backup of {path} to restore ({backup} is missing)") from None
    except OSError as exc:
        raise StoreError(f"cannot read {backup}: {os_reason(exc)}") from exc
    try:
        _parse(backup, raw, None)
    except DatabaseDamaged as exc:
        raise StoreError(f"the backup {backup} is not readable either ({exc.reason})") from None
    lock = _WriterLock(path)
    lock.acquire()
    try:
        aside = _set_aside_unlocked(path, _stamp()) if path.exists() else None
        try:
            atomic_write(path, raw)
        except WriteFailed as exc:
            raise StoreError(str(exc)) from exc
        return aside
    finally:
        lock.release()
