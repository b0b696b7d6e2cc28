"""Where the answers live: an index plus one TinyDB file per entry, journaled and locked.

Files (all 0600, in a 0700 data folder; every name is the database's name plus a suffix):

    rebound.json              the index: entries' facts and progress marks, settings, schema
    rebound.json.entries/N.json   entry N's answers (one TinyDB document per answer)
    rebound.json.journal      one JSON line per change since the last save; replayed after a crash
    rebound.json.lock         flock()ed by the one writer, holding its pid
    *.bak                     each file as this session found it, before its first save
    rebound.json.v1.bak       the single file of an earlier release, kept when migrating

A start reads the index (and the journal); opening an entry reads its one file; a save
writes the entries that changed and the index only when a fact or a progress mark changed.
Typing calls `set_answer` many times a second: it changes the open entry's tables through
TinyDB (a few dozen documents) and appends a line to the journal; the UI saves on a
debounce. A file that does not load is never written to; a damaged *entry* file costs that
entry only. No Textual import here.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rebound_tui.core.storage import migrate
from rebound_tui.core.storage.decode import ENTRY_FACTS, check_old_entry
from rebound_tui.core.storage.entry_file import (
    Entry,
    EntryFile,
    copy_json,
    entry_tables,
    is_empty,
)
from rebound_tui.core.storage.errors import (
    SCHEMA_VERSION,
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseTooNew,
    EntryDamaged,
    NotOurFile,
    SaveFailed,
    StoreError,
    UnknownEntry,
)
from rebound_tui.core.storage.facts import check_facts, now
from rebound_tui.core.storage.files import WriteFailed, read_own
from rebound_tui.core.storage.index import EntrySummary, Index, empty_index, sort_time
from rebound_tui.core.storage.journal import Journal, dumps, parse_journal
from rebound_tui.core.storage.lock import WriterLock
from rebound_tui.core.storage.migrate import CountsRule, entry_path, marks_of
from rebound_tui.core.storage.opening import (
    clean_after_crash,
    default_db_path,
    entry_ids_on_disk,
    load_entry_file,
    load_index,
    prepare_writer_folder,
    read_with_journal,
)
from rebound_tui.core.storage.recovery import restore_backup, scrub_copies, set_aside

__all__ = [
    "SCHEMA_VERSION",
    "DatabaseDamaged",
    "DatabaseLocked",
    "DatabaseTooNew",
    "Entry",
    "EntryDamaged",
    "EntrySummary",
    "NotOurFile",
    "SaveFailed",
    "Store",
    "StoreError",
    "UnknownEntry",
    "default_db_path",
    "restore_backup",
    "set_aside",
]

# Records a replay skips (the journal may hold lines for entries it cannot apply to).
_SKIPPED = (UnknownEntry, KeyError, TypeError, ValueError, AttributeError)


def counts_if_filled(section: str, exercise: str, value: Any) -> bool:
    """The progress rule when the caller gives none: any stored answer counts."""
    return not is_empty(value)


class Store:
    """The person's entries and answers. One writer per file; any number of read-only views.

    Thread-safe: the UI may call `flush()` from a worker while typing calls `set_answer()`;
    the disk writes happen outside the lock that changes take.
    """

    locked_by: int | None = None

    def __init__(
        self, path: Path, *, read_only: bool = False, counts: CountsRule | None = None
    ) -> None:
        # The real file: every name of it (a symlink, a linked folder) finds the same lock.
        self.path = Path(os.path.realpath(Path(path).expanduser().absolute()))
        self.read_only = read_only
        self.locked_by = None
        self.counts: CountsRule = counts or counts_if_filled
        self.notices: list[str] = []  # one-line things the person should hear about
        self._journal = Journal(self.path.with_name(self.path.name + ".journal"))
        self._lock = WriterLock(self.path)
        self._mu = threading.RLock()  # guards the tables, the journal and the counters
        self._flush_mu = threading.Lock()  # one save at a time
        self._changes = 0  # counts every change
        self._saved_changes = 0  # the count the last save held
        self._closed = False
        self._files: dict[int, EntryFile] = {}  # entries opened this session
        self._unsaved: set[int] = set()  # entries changed since their last save
        self._index = Index(self.path, empty_index(), on_disk=False)
        self._journal_covered = 0  # bytes of the journal replayed at the start
        if read_only:
            self._open(writer=False)
        else:
            self._open_writer()

    # ----------------------------------------------------------------- opening

    @classmethod
    def open_or_read_only(cls, path: Path, *, counts: CountsRule | None = None) -> Store:
        """The writer if possible; a read-only view (with `locked_by`) if another has it."""
        try:
            return cls(path, counts=counts)
        except DatabaseLocked as exc:
            store = cls(path, read_only=True, counts=counts)
            store.locked_by = exc.pid
            return store

    def _open_writer(self) -> None:
        self.notices += prepare_writer_folder(self.path)
        self._lock.acquire()
        try:
            clean_after_crash(self.path)
            records = self._open(writer=True)
            self._journal.open(self._journal_covered)
            if records:
                self._changes += 1  # fold the journal into the files right away
            if self.dirty:
                with contextlib.suppress(SaveFailed):
                    self.flush()  # on failure: still dirty, journal intact; later saves retry
        except BaseException:
            self._journal.close()
            self._lock.release()
            raise

    def _open(self, *, writer: bool) -> int:
        """Read the index and the journal, migrate an old single file, replay the journal.

        Returns how many journal records there were.
        """
        raw, journal = read_with_journal(self.path, self._journal.path)
        if raw is not None:
            doc, schema = load_index(self.path, raw)
            if schema < SCHEMA_VERSION:
                index, files = migrate.split_single_file(doc, self.counts)
                if writer:
                    try:
                        migrate.write_layout(self.path, raw, schema, index, files)
                    except WriteFailed as exc:
                        raise StoreError(f"cannot convert {self.path}: {exc.reason}") from exc
                    self.notices.append(
                        f"{self.path} now keeps one file per entry; the file as it was is "
                        f"kept as {migrate.migration_backup(self.path, schema)}."
                    )
                else:  # a reader converts in memory only
                    for entry_id, tables in files.items():
                        path = entry_path(self.path, entry_id)
                        self._files[entry_id] = EntryFile(path, entry_id, tables, on_disk=False)
                self._index = Index(self.path, index, on_disk=True)
            else:
                self._index = Index(self.path, doc, on_disk=True)
                if writer:
                    migrate.finish_interrupted(self.path)
                    with contextlib.suppress(OSError):
                        os.chmod(self.path, 0o600)  # it may predate us, or a umask widened it
        del raw
        records, covered, garbage = parse_journal(journal)
        self._journal_covered = covered
        damaged = False
        for record in records:
            try:
                self._apply(record)
            except EntryDamaged:
                damaged = True  # kept aside below, so nothing in it is lost
            except _SKIPPED:
                continue
        if writer and (garbage or damaged):
            aside = self._journal.keep_aside(journal)
            why = "lines that could not be read" if garbage else "changes to a damaged entry"
            kept = f"; a copy is kept as {aside}" if aside else ""
            self.notices.append(f"{self._journal.path} held {why}{kept}.")
        return len(records)

    # ----------------------------------------------------------------- entry files

    def _entry_file(self, entry_id: int) -> EntryFile:
        """The entry's file, read from disk the first time it is asked for."""
        try:
            entry_id = int(entry_id)
        except (TypeError, ValueError):
            raise UnknownEntry(f"no entry with id {entry_id} in {self.path}") from None
        found = self._files.get(entry_id)
        if found is not None:
            return found
        record = self._index.record(entry_id)
        if record is None:
            raise UnknownEntry(f"no entry with id {entry_id} in {self.path}")
        path = entry_path(self.path, entry_id)
        raw = read_own(path)
        if raw is None:  # made but never saved (the journal's "create" carried it)
            tables = entry_tables(entry_id, record["created"], {})
        else:
            tables = load_entry_file(path, raw, entry_id)
        found = EntryFile(path, entry_id, tables, on_disk=raw is not None)
        self._files[entry_id] = found
        return found

    # ----------------------------------------------------------------- changes

    def _check_writable(self) -> None:
        if self.read_only:
            who = f" (process {self.locked_by} is writing it)" if self.locked_by else ""
            raise StoreError(f"{self.path} is open read-only here{who}; changes cannot be saved")
        if self._closed:
            raise StoreError(f"{self.path} is closed; changes cannot be saved")

    def _apply(self, record: dict[str, Any]) -> None:
        """Carry out one journal record (a change just made, or one replayed)."""
        kind = record["op"]
        if kind == "setting":
            key = record["k"]
            if not isinstance(key, str):
                raise TypeError(key)
            self._index.set_setting(key, record["v"])
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
            self._index.put(entry_id, {**facts, "created": doc["created"], "answered": marks})
            path = entry_path(self.path, entry_id)
            tables = entry_tables(entry_id, doc["updated"], doc["answers"])
            on_disk = os.path.lexists(path)
            self._files[entry_id] = EntryFile(path, entry_id, tables, on_disk=on_disk)
            self._unsaved.add(entry_id)
            return
        stamp = record["t"]
        if not isinstance(stamp, str):
            raise TypeError(stamp)
        if kind == "update":
            facts = check_facts(record["facts"])
            file = self._entry_file(entry_id)
            self._index.update(entry_id, facts)
            file.touch(stamp)
        elif kind in ("set", "clear"):
            section, exercise = record["s"], record["e"]
            if not (isinstance(section, str) and isinstance(exercise, str)):
                raise TypeError(section)
            value = record.get("v") if kind == "set" else None
            file = self._entry_file(entry_id)
            file.set(section, exercise, value, stamp)
            self._mark(entry_id, section, exercise, value)
        else:
            raise ValueError(kind)
        self._unsaved.add(entry_id)

    def _mark(self, entry_id: int, section: str, exercise: str, value: Any) -> None:
        """Keep the index's progress marks in step; the index changes only if they do."""
        record = self._index.record(entry_id)
        if record is None:
            raise UnknownEntry(entry_id)
        marks = {s: list(ids) for s, ids in record["answered"].items()}
        ids = set(marks.get(section, ()))
        counts = not is_empty(value) and self.counts(section, exercise, value)
        if counts == (exercise in ids):
            return
        ids.symmetric_difference_update({exercise})
        if ids:
            marks[section] = sorted(ids)
        else:
            marks.pop(section, None)
        self._index.update(entry_id, {"answered": marks})

    def _commit(self, record: dict[str, Any]) -> None:
        """Serialise, apply what a replay would see (JSON round trip), then journal it."""
        line = dumps(record) + "\n"
        with self._mu:
            self._check_writable()
            self._apply(json.loads(line))
            self._changes += 1
            self._journal.append(line.encode("ascii"))

    def create_entry(
        self, *, company: str, role: str, stage: str, date: str, internal: bool
    ) -> Entry:
        facts = check_facts(
            {"company": company, "role": role, "stage": stage, "date": date, "internal": internal}
        )
        stamp = now()
        doc = {**facts, "created": stamp, "updated": stamp, "answers": {}}
        with self._mu:
            self._check_writable()
            used = [e.doc_id for e in self._index.entries] + entry_ids_on_disk(self.path)
            entry_id = max(used, default=0) + 1  # never the id of a file already there
            self._commit({"op": "create", "id": entry_id, "doc": doc})
            return self.get(entry_id)

    def update_entry(self, entry_id: int, **facts: Any) -> Entry:
        checked = check_facts(facts)
        with self._mu:
            self._check_writable()
            self._entry_file(entry_id)
            if checked:
                self._commit({"op": "update", "id": int(entry_id), "facts": checked, "t": now()})
            return self.get(entry_id)

    def set_answer(self, entry_id: int, section_id: str, exercise_id: str, value: Any) -> None:
        """Keep one answer (O(1) in the number of entries). None, "", [] or {} delete it."""
        with self._mu:
            self._check_writable()
            current = self._entry_file(entry_id).value(section_id, exercise_id)
            if current is None and is_empty(value):
                return
            if type(current) is type(value) and current == value:
                return  # unchanged (focus moves, repeated events): no journal line, not dirty
            record = {"op": "set", "id": int(entry_id), "s": section_id, "e": exercise_id}
            self._commit({**record, "v": value, "t": now()})

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

    def entries(self) -> list[EntrySummary]:
        """Every entry's facts and progress marks, newest first; no answers are read."""
        with self._mu:
            return self._index.summaries()

    def get(self, entry_id: int) -> Entry:
        """One entry with all its answers (a copy). Raises UnknownEntry or EntryDamaged."""
        with self._mu:
            file = self._entry_file(entry_id)
            record = self._index.record(file.entry_id)
            assert record is not None
            facts = {k: copy_json(v) for k, v in record.items()}
            answers = file.all_answers()
            return Entry(id=file.entry_id, **facts, updated=file.updated, answers=answers)

    def latest(self) -> Entry | None:
        with self._mu:
            found = max(
                self._index.entries,
                key=lambda doc: (sort_time(doc["created"]), doc.doc_id),
                default=None,
            )
            return None if found is None else self.get(found.doc_id)

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._mu:
            known, value = self._index.setting(key)
            return copy_json(value) if known else default

    # ----------------------------------------------------------------- saving

    @property
    def dirty(self) -> bool:
        """True while something changed since the last successful save."""
        return self._changes != self._saved_changes

    def flush(self) -> None:
        """Save the changed files atomically if dirty, then empty the journal.

        Raises SaveFailed. Read-only stores have nothing to save: a no-op for them.
        """
        if self.read_only:
            return
        with self._flush_mu:
            with self._mu:
                if not self.dirty or self._closed:
                    return
                changes, journal_size = self._changes, self._journal.size
                unsaved, self._unsaved = self._unsaved, set()
                work = [(self._files[i].file, self._files[i].file.payload()) for i in unsaved]
                index_changed = self._index.file.changed
                if index_changed:  # after the entries: it must never list an unsaved one
                    work.append((self._index.file, self._index.file.payload()))
                    self._index.file.changed = False
            try:
                if unsaved:
                    migrate.ensure_entries_folder(self.path)
                for file, payload in work:
                    file.save(payload)
            except (OSError, NotOurFile) as exc:
                with self._mu:
                    self._unsaved |= unsaved
                    self._index.file.changed |= index_changed
                where = getattr(exc, "path", self.path)
                reason = getattr(exc, "reason", None) or str(exc)
                raise SaveFailed(Path(where), reason) from exc
            with self._mu:
                self._saved_changes = changes
                # Only records already in the saved files may go; later ones stay (harmless
                # to replay, as every record is an assignment).
                if self._journal.size == journal_size and self._journal.reset():
                    self._journal.ok = changes == self._changes

    def erase_answers(self, entry_id: int, answers: Iterable[tuple[str, str]]) -> None:
        """Erase answers for good: from memory, the saved files, and every copy Rebound
        wrote (the entry's backup, migration backups, journals kept aside). Raises
        SaveFailed (or StoreError) when some copy could not be rewritten."""
        wanted = list(answers)
        for section, exercise in wanted:
            self.set_answer(entry_id, section, exercise, None)
        self.flush()
        with self._flush_mu:
            file = self._entry_file(entry_id)
            problems = scrub_copies(self.path, file.file.path, file.entry_id, wanted)
        if problems:
            raise SaveFailed(problems[0][0], problems[0][1])

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
                self._journal.close()
                self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "writer"
        return f"<Store {self.path} {mode}>"
