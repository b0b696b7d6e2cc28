"""What a session holds in memory: the index and the entry files opened so far, changed only
by applying journal records (a change just made, or one replayed after a crash).

No Textual import here.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rebound_tui.core.storage import migrate
from rebound_tui.core.storage.decode import ENTRY_FACTS, Handed, check_old_entry
from rebound_tui.core.storage.entry_file import EntryFile, entry_tables, is_empty
from rebound_tui.core.storage.errors import (
    SCHEMA_VERSION,
    DatabaseDamaged,
    EntryDamaged,
    StoreError,
    UnknownEntry,
)
from rebound_tui.core.storage.facts import check_facts
from rebound_tui.core.storage.files import WriteFailed, os_reason, read_own
from rebound_tui.core.storage.home_page import NEWEST, NewestPage, read_page, write_page
from rebound_tui.core.storage.index import (
    EntrySummary,
    Index,
    decode_marks,
    empty_index,
    encode_marks,
    has_mark,
    summary,
)
from rebound_tui.core.storage.migrate import CountsRule, entry_path, marks_of
from rebound_tui.core.storage.opening import entry_ids_on_disk, load_entry_file, load_index

Saving = tuple[Callable[[bytes], None], bytes]  # (what writes a file, what it writes)

__all__ = ["LoadedData"]

# Records a replay skips (the journal may hold lines for entries it cannot apply to).
_SKIPPED = (UnknownEntry, KeyError, TypeError, ValueError, AttributeError)


class LoadedData:
    """The index and the opened entries; `unsaved` names the entries changed since saved."""

    def __init__(self, path: Path, counts: CountsRule) -> None:
        self.path = path
        #: (entry, section, exercise) → whether the index marks that answer, as `_mark`
        #: last saw or made it (only `_mark` and a "create" change marks).
        self._marked: dict[tuple[int, str, str], bool] = {}
        self.counts = counts
        self._index: Index | None = Index(path, empty_index(), on_disk=False)
        #: The newest page the writer opened from (home_page.py) while the index is not read.
        self.page: NewestPage | None = None
        self.page_in_step = False  # the page on disk was made from the index on disk
        self.files: dict[int, EntryFile] = {}  # entries opened this session
        self.unsaved: set[int] = set()
        self.changed: set[int] = set()  # entries changed this session (saved or not)
        self._last_id: int | None = None

    @property
    def counts(self) -> CountsRule:
        return self._counts

    @counts.setter
    def counts(self, rule: CountsRule) -> None:
        self._counts = rule
        self._marked.clear()

    def load(self, raw: Handed, *, writer: bool) -> list[str]:
        """Take in the index as read (converting a single file of an earlier release: on
        disk for the writer, in memory for a reader). Returns notices for the person.

        The bytes are freed once decoded; a conversion keeps the file as it is on disk
        (the writer holds the lock: it is the file just read)."""
        notices = []
        doc, schema = load_index(self.path, raw)
        if schema < SCHEMA_VERSION:
            index, files = migrate.split_single_file(doc, self.counts)
            if writer:
                original = self._as_on_disk()
                try:
                    migrate.write_layout(self.path, original, schema, index, files)
                except WriteFailed as exc:
                    raise StoreError(f"cannot convert {self.path}: {exc.reason}") from exc
                notices.append(
                    f"{self.path} now keeps one file per entry; the file as it was is "
                    f"kept as {migrate.migration_backup(self.path, schema)}."
                )
            else:  # a reader converts in memory only
                for entry_id, tables in files.items():
                    path = entry_path(self.path, entry_id)
                    self.files[entry_id] = EntryFile(path, entry_id, tables, on_disk=False)
            doc = index
        elif writer:
            self._writer_steps()
        self._index = Index(self.path, doc, on_disk=True)
        if writer:
            self.page_in_step = read_page(self.path) is not None
        return notices

    @property
    def index(self) -> Index:
        """The index, read the first time it is needed after opening from the page."""
        if self._index is None:
            self._index = self._read_index()
            self.page = None
        return self._index

    def open_from_page(self, page: NewestPage) -> None:
        """The writer's start from the newest page: the index is read when first needed
        (the writer's own steps on the index file are done now, as `load` does them)."""
        self._writer_steps()
        self._index, self.page, self.page_in_step = None, page, True

    def _writer_steps(self) -> None:
        migrate.finish_interrupted(self.path)
        with contextlib.suppress(OSError):  # it may predate us, or a umask widened it
            if stat.S_IMODE(os.stat(self.path).st_mode) != 0o600:  # (a chmod changes the
                os.chmod(self.path, 0o600)  # file's change time: the page's stamp)

    def _read_index(self) -> Index:
        try:
            raw = read_own(self.path)
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {os_reason(exc)}") from exc
        if raw is None:
            raise DatabaseDamaged(self.path, "it was removed while Rebound had it open")
        doc, schema = load_index(self.path, Handed(raw))
        if schema < SCHEMA_VERSION:  # (the writer's lock keeps only Rebound from it)
            raise DatabaseDamaged(self.path, "an older file was put in its place meanwhile")
        return Index(self.path, doc, on_disk=True)

    def newest(self, limit: int) -> tuple[int, list[EntrySummary]]:
        page = self.page
        if self._index is None and page is not None and limit <= NEWEST:
            return page.count, [summary(i, record) for i, record in page.newest[:limit]]
        return self.index.newest(limit)

    def setting(self, key: str) -> tuple[bool, Any]:
        page = self.page
        if self._index is None and page is not None:
            return key in page.settings, page.settings.get(key)
        return self.index.setting(key)

    def page_now(self) -> Saving:
        """The newest page of the index in memory, to write once the index is saved."""
        index = self.index
        page = NewestPage(*index.newest_records(NEWEST), index.settings_doc())
        self.page_in_step = True
        return (lambda _: write_page(self.path, page)), b""

    def _as_on_disk(self) -> bytes:
        """The index file's bytes, read again (kept as the backup of a conversion)."""
        try:
            original = read_own(self.path)
        except OSError as exc:
            raise StoreError(f"cannot convert {self.path}: {os_reason(exc)}") from exc
        if original is None:
            raise StoreError(f"cannot convert {self.path}: it is gone")
        return original

    def next_id(self) -> int:
        """A new entry's id: past every id in the index and every entry file on disk (a
        file the index does not list, e.g. after restoring an older index, is never
        overwritten)."""
        if self._last_id is None:
            ids = [int(key) for key in self.index.file.tables.get("entries", {})]
            self._last_id = max([*ids, *entry_ids_on_disk(self.path)], default=0)
        self._last_id += 1
        return self._last_id

    def take_unsaved(self) -> tuple[list[Saving], set[int], bool]:
        """What a save must write now (entries first, then the index if it changed, and its
        newest page), the entries it covers, and whether the index is in it. Call under the
        store's lock."""
        unsaved, self.unsaved = self.unsaved, set()
        work: list[Saving] = [
            (self.files[i].file.save, self.files[i].file.payload()) for i in sorted(unsaved)
        ]
        index = self._index  # (not read yet: unchanged)
        index_changed = index is not None and index.file.changed
        if index is not None and index_changed:  # after the entries: never an unsaved one
            work.append((index.file.save, index.file.payload()))
            index.file.changed = False
            work.append(self.page_now())
        return work, unsaved, index_changed

    def put_back(self, unsaved: set[int], index_changed: bool) -> None:
        """After a failed save: those files still need writing."""
        self.unsaved |= unsaved
        if index_changed:
            self.index.file.changed = True
            self.page_in_step = False

    def entry_file(self, entry_id: int, *, keep: bool = True) -> EntryFile:
        """The entry's file, read from disk the first time it is asked for (and kept in
        memory, unless ``keep`` is False: a look at an entry that is not being edited)."""
        try:
            entry_id = int(entry_id)
        except (TypeError, ValueError):
            raise UnknownEntry(f"no entry with id {entry_id} in {self.path}") from None
        found = self.files.get(entry_id)
        if found is not None:
            return found
        record = self.index.record(entry_id)
        if record is None:
            raise UnknownEntry(f"no entry with id {entry_id} in {self.path}")
        path = entry_path(self.path, entry_id)
        raw = read_own(path)
        if raw is None:  # made but never saved (the journal's "create" carried it)
            tables = entry_tables(entry_id, record["created"], {})
        else:
            tables = load_entry_file(path, raw, entry_id)
        found = EntryFile(path, entry_id, tables, on_disk=raw is not None)
        if keep:
            self.files[entry_id] = found
        return found

    # ----------------------------------------------------------------- changes

    def replay(self, records: list[dict[str, Any]]) -> bool:
        """Carry out a journal's records; True if some were for an entry whose file is
        damaged (the journal is then kept aside, so nothing in it is lost)."""
        damaged = False
        for record in records:
            try:
                self.apply(record)
            except EntryDamaged:
                damaged = True
            except _SKIPPED:
                continue
        return damaged

    def apply(self, record: dict[str, Any]) -> None:
        """Carry out one journal record (a change just made, or one replayed)."""
        kind = record["op"]
        if kind == "setting":
            key = record["k"]
            if not isinstance(key, str):
                raise TypeError(key)
            self.index.set_setting(key, record["v"])
            return
        entry_id = record["id"]
        if isinstance(entry_id, bool) or not isinstance(entry_id, int) or entry_id < 1:
            raise TypeError(entry_id)
        if kind == "create":
            doc = record["doc"]
            if not isinstance(doc, dict) or check_old_entry(str(entry_id), doc):
                raise TypeError(doc)
            facts = check_facts({name: doc[name] for name in ENTRY_FACTS})
            marks = marks_of(doc["answers"], self.counts)
            self.index.put(entry_id, {**facts, "created": doc["created"], "answered": marks})
            self._marked.clear()
            path = entry_path(self.path, entry_id)
            tables = entry_tables(entry_id, doc["updated"], doc["answers"])
            on_disk = os.path.lexists(path)
            self.files[entry_id] = EntryFile(path, entry_id, tables, on_disk=on_disk)
            self.unsaved.add(entry_id)
            self.changed.add(entry_id)
            return
        stamp = record["t"]
        if not isinstance(stamp, str):
            raise TypeError(stamp)
        if kind in ("set", "clear"):
            section, exercise = record["s"], record["e"]
            if not (isinstance(section, str) and isinstance(exercise, str)):
                raise TypeError(section)
            value = record.get("v") if kind == "set" else None
            file = self.entry_file(entry_id)
            file.set(section, exercise, value, stamp)
            self._mark(entry_id, section, exercise, value)
        else:
            raise ValueError(kind)
        self.unsaved.add(entry_id)
        self.changed.add(entry_id)

    def _mark(self, entry_id: int, section: str, exercise: str, value: Any) -> None:
        """Keep the index's progress marks in step; the index changes only if they do."""
        counts = bool(not is_empty(value) and self.counts(section, exercise, value))
        key = (entry_id, section, exercise)
        if self._marked.get(key) is counts:
            return  # the common case while typing: the index is not even read
        record = self.index.record(entry_id)
        if record is None:
            raise UnknownEntry(entry_id)
        if any(c in section + exercise for c in "\t\n"):
            return  # cannot be marked (see encode_marks)
        self._marked[key] = counts
        if counts == has_mark(record["answered"], section, exercise):
            return
        marks = decode_marks(record["answered"])
        ids = set(marks.get(section, ()))
        ids.symmetric_difference_update({exercise})
        if ids:
            marks[section] = sorted(ids)
        else:
            marks.pop(section, None)
        self.index.update(entry_id, {"answered": encode_marks(marks)})
