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

from rebound_tui.core.nesting import MAX_NESTING, MAX_NESTING_STORED, too_deep
from rebound_tui.core.storage import migrate
from rebound_tui.core.storage.data import LoadedData
from rebound_tui.core.storage.decode import ENTRY_FACTS, Handed
from rebound_tui.core.storage.entry_file import Entry, copy_json, is_empty
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
from rebound_tui.core.storage.files import Stamp, read_own, refuse_odd_file, stamp
from rebound_tui.core.storage.home_page import read_page
from rebound_tui.core.storage.index import EntrySummary, decode_marks
from rebound_tui.core.storage.journal import Journal, dumps, parse_journal, reads_back_as_is
from rebound_tui.core.storage.lock import WriterLock
from rebound_tui.core.storage.migrate import CountsRule
from rebound_tui.core.storage.opening import (
    clean_after_crash,
    default_db_path,
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
        self.notices: list[str] = []  # one-line things the person should hear about
        self._journal = Journal(self.path.with_name(self.path.name + ".journal"))
        self._lock = WriterLock(self.path)
        self._mu = threading.RLock()  # guards the tables, the journal and the counters
        self._flush_mu = threading.Lock()  # one save at a time
        self._changes = 0  # counts every change
        self._saved_changes = 0  # the count the last save held
        self._closed = False
        self._data = LoadedData(self.path, counts or counts_if_filled)
        self._journal_covered = 0  # bytes of the journal replayed at the start
        if read_only:
            self._open(writer=False)
        else:
            self._open_writer()

    # ----------------------------------------------------------------- opening

    @property
    def counts(self) -> CountsRule:
        """The rule that says which answers count towards progress (kept in the index)."""
        return self._data.counts

    @counts.setter
    def counts(self, rule: CountsRule) -> None:
        self._data.counts = rule

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
        """Read the index (the writer: its newest page, if in step and the journal empty) and
        the journal, migrate an old single file, replay the journal; how many records."""
        refuse_odd_file(migrate.entries_folder(self.path), folder=True)
        page = read_page(self.path) if writer else None  # (the lock keeps the index as it is)
        if page is not None and not read_own(self._journal.path):
            self._data.open_from_page(page)  # the index is read when first needed
            return 0
        raw, journal = read_with_journal(self.path, self._journal.path)
        if raw is not None:  # handed over: freed as soon as it is decoded
            handed, raw = Handed(raw), None
            self.notices += self._data.load(handed, writer=writer)
        records, covered, garbage = parse_journal(journal)
        self._journal_covered = covered
        damaged = self._data.replay(records)  # (a damaged entry's: kept aside below)
        if writer and (garbage or damaged):
            aside = self._journal.keep_aside(journal)
            why = "lines that could not be read" if garbage else "changes to a damaged entry"
            kept = f"; a copy is kept as {aside}" if aside else ""
            self.notices.append(f"{self._journal.path} held {why}{kept}.")
        return len(records)

    # ----------------------------------------------------------------- changes

    def _check_writable(self) -> None:
        if self.read_only:
            who = f" (process {self.locked_by} is writing it)" if self.locked_by else ""
            raise StoreError(f"{self.path} is open read-only here{who}; changes cannot be saved")
        if self._closed:
            raise StoreError(f"{self.path} is closed; changes cannot be saved")

    def _commit(self, record: dict[str, Any]) -> None:
        """Serialise, apply what a replay would see (JSON round trip), then journal it."""
        if too_deep(record, MAX_NESTING_STORED):  # it could not be read back
            raise StoreError("not saved: the change nests lists or objects too deeply to read back")
        line = dumps(record) + "\n"
        with self._mu:
            self._check_writable()
            self._data.apply(record if reads_back_as_is(record) else json.loads(line))
            self._changes += 1
            self._journal.append(line.encode("ascii"))

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
        facts = check_facts(
            {"company": company, "role": role, "stage": stage, "date": date, "internal": internal}
        )
        stamp = now()
        doc = {
            **facts,
            "created": created or stamp,
            "updated": updated or created or stamp,
            "answers": copy_json(answers or {}),
        }
        with self._mu:
            self._check_writable()
            entry_id = self._data.next_id()
            self._commit({"op": "create", "id": entry_id, "doc": doc})
            return self.get(entry_id)

    def set_answer(self, entry_id: int, section_id: str, exercise_id: str, value: Any) -> None:
        """Keep one answer (O(1) in the number of entries). None, "", [] or {} delete it."""
        with self._mu:
            self._check_writable()
            current = self._data.entry_file(entry_id).value(section_id, exercise_id)
            if current is None and is_empty(value):
                return
            if type(current) is type(value) and current == value:
                return  # unchanged (focus moves, repeated events): no journal line, not dirty
            if too_deep(value, MAX_NESTING):  # it would read back as an answer not shown
                raise StoreError("not saved: the answer nests lists or objects too deeply")
            record = {"op": "set", "id": int(entry_id), "s": section_id, "e": exercise_id}
            self._commit({**record, "v": value, "t": now()})

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
            return self._data.index.summaries()

    def newest(self, limit: int) -> tuple[int, list[EntrySummary]]:
        """How many entries there are, and the newest `limit` of them (as `entries()`)."""
        with self._mu:
            return self._data.newest(limit)

    def read_index(self) -> None:
        """Read the index now if the start did not (it opened from the newest page)."""
        with self._mu:
            self._data.index  # noqa: B018

    def get(self, entry_id: int, *, keep: bool = True) -> Entry:
        """One entry with all its answers (a copy). Raises UnknownEntry or EntryDamaged.
        ``keep=False``: an entry not in memory yet is not kept there once read."""
        with self._mu:
            file = self._data.entry_file(entry_id, keep=keep)
            record = self._data.index.record(file.entry_id)
            assert record is not None
            return Entry(
                id=file.entry_id,
                # By name: a field added by hand or by a later release stays in the index.
                **{name: record[name] for name in (*ENTRY_FACTS, "created")},
                updated=file.updated,
                answers=file.all_answers(),
                answered=decode_marks(record["answered"]),
            )

    def file_stamp(self, entry_id: int) -> Stamp | None:
        """The stamp of the entry's file as saved now (see files.stamp), or None when its
        answers may be ahead of the file in memory (changed this session) or it has none."""
        if int(entry_id) in self._data.changed:  # a set's membership: atomic under the GIL
            return None
        return stamp(migrate.entry_path(self.path, entry_id))

    @property
    def writable(self) -> bool:  # the writer, until closed
        return not self.read_only and not self._closed

    def latest(self) -> Entry | None:
        """The newest entry (as `newest` orders them), or None."""
        with self._mu:
            found = self._data.index.newest_records(1)[1]
            return self.get(found[0][0]) if found else None

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._mu:
            known, value = self._data.setting(key)
            return copy_json(value) if known else default

    # ----------------------------------------------------------------- saving

    @property
    def dirty(self) -> bool:
        """True while something changed since the last successful save."""
        return self._changes != self._saved_changes

    @property
    def at_risk(self) -> bool:
        """True while some change is only in memory: not saved, and not in the journal
        either (its append failed, e.g. on a full disk, and stays off until a save)."""
        with self._mu:
            return self.dirty and not self._journal.ok

    def unsaved_entries(self) -> list[int]:
        """The ids of the entries changed since the last successful save."""
        with self._mu:
            return sorted(self._data.unsaved)

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
                work, unsaved, index_changed = self._data.take_unsaved()
            try:
                if unsaved:
                    migrate.ensure_entries_folder(self.path)
                for save, payload in work:
                    save(payload)
            except (OSError, NotOurFile) as exc:
                with self._mu:
                    self._data.put_back(unsaved, index_changed)
                    journal = self._journal.path if self._journal.ok else None
                where = getattr(exc, "path", self.path)
                reason = getattr(exc, "reason", None) or str(exc)
                raise SaveFailed(Path(where), reason, journal) from exc
            with self._mu:
                self._saved_changes = changes
                # Only records already in the saved files may go; later ones stay (harmless
                # to replay, as every record is an assignment).
                if self._journal.size == journal_size and self._journal.reset():
                    self._journal.ok = changes == self._changes

    def erase_answers(self, entry_id: int, answers: Iterable[tuple[str, str]]) -> None:
        """Erase answers for good: from memory, the saved files, and every copy Rebound
        wrote (the entry's backup, migration backups, journals kept aside). Raises
        SaveFailed when the save fails, StoreError when some copy could not be rewritten."""
        wanted = list(answers)
        for section, exercise in wanted:
            self.set_answer(entry_id, section, exercise, None)
        self.flush()
        with self._flush_mu:
            file = self._data.entry_file(entry_id)
            problems = scrub_copies(self.path, file.file.path, file.entry_id, wanted)
        if problems:  # the answers are erased from the saved files; this copy still has them
            copy, reason = problems[0]
            raise StoreError(f"cannot rewrite {copy}: {reason}")

    def close(self) -> None:
        """Save (raising SaveFailed if that fails) and give up the lock either way.

        To offer a retry on a full disk, call flush() first; after close() the journal is
        what remains of unsaved changes.
        """
        if self._closed:
            return
        try:
            self.flush()
            if self.writable and not self._data.page_in_step:  # e.g. made before pages
                with self._mu:
                    save = self._data.page_now()[0]
                save(b"")
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
