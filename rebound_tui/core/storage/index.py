"""The index, `rebound.json`: every entry's facts and progress marks, the settings, the
schema. Small (a few hundred bytes per entry), so a start reads only this file.

Progress marks (`answered`) name, per section, the exercises whose answer counts as
answered by the rule the store was given; they change only when an answer starts or stops
counting, so typing into a field that already counts never rewrites the index. They are kept
as one line of text per entry ("section<TAB>exercise" pairs, one per line): with 10,000
entries a list of ids per section would be a quarter of a million small objects to parse
and hold at every start; the text is split only for the entries shown.

In memory the entries table is a `PackedEntries` (columns, ~55 bytes an entry, read a chunk
at a time by `index_scan`): TinyDB sees the same documents, and the file is the same.

No Textual import here.
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from tinydb.operations import delete
from tinydb.table import Document

from rebound_tui.core.storage.errors import SCHEMA_VERSION
from rebound_tui.core.storage.packed import PackedEntries
from rebound_tui.core.storage.tinydb_file import FileTinyDB, Tables, TablesFile

__all__ = [
    "EntrySummary",
    "Index",
    "Marks",
    "decode_marks",
    "empty_index",
    "encode_marks",
    "has_mark",
    "sort_time",
]

ENTRIES = "entries"
SETTINGS = "settings"
META = "meta"
_SETTINGS_DOC = 1  # all settings live in one document of the settings table

#: section id → ids of the exercises whose answers count (sorted).
Marks = dict[str, list[str]]


def encode_marks(marks: Marks) -> str:
    """Marks as stored: "section<TAB>exercise" pairs, one a line, sorted. An id holding a
    tab or a line break cannot be marked (it is then shown as not answered)."""
    pairs = sorted(
        f"{section}\t{exercise}"
        for section, ids in marks.items()
        for exercise in ids
        if not any(c in section + exercise for c in "\t\n")
    )
    return "\n".join(pairs)


def has_mark(text: str, section: str, exercise: str) -> bool:
    """Whether marks as stored name this exercise (without decoding them all)."""
    return f"\n{section}\t{exercise}\n" in f"\n{text}\n"


def decode_marks(text: str) -> Marks:
    marks: Marks = {}
    for line in text.split("\n") if text else ():
        section, _, exercise = line.partition("\t")
        marks.setdefault(section, []).append(exercise)
    return marks


@dataclass
class EntrySummary:
    """One rejection as the index knows it: facts, creation time, progress marks."""

    id: int
    company: str
    role: str
    stage: str
    date: str
    internal: bool
    created: str
    marks: str = ""  # progress marks as stored (see encode_marks)

    @cached_property
    def answered(self) -> Marks:
        """section id → ids of the exercises whose answers count."""
        return decode_marks(self.marks)


def empty_index() -> Tables:
    return {ENTRIES: {}, SETTINGS: {}, META: {"1": {"schema": SCHEMA_VERSION}}}


def _instant(stamp: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        raise ValueError(stamp)
    return moment


def sort_time(stamp: str) -> float:
    """Seconds since the epoch for an ISO stamp, so offsets (DST, travel) sort correctly."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return float("-inf")
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.timestamp()


class Index:
    """The index's tables through TinyDB; saved by the store through `file`."""

    def __init__(self, path: Path, tables: Tables, *, on_disk: bool) -> None:
        for name in (ENTRIES, SETTINGS):
            tables.setdefault(name, {})
        if not isinstance(tables[ENTRIES], PackedEntries):  # (new, or converted)
            tables[ENTRIES] = PackedEntries(tables[ENTRIES].items())  # type: ignore[assignment]
        tables[META] = {"1": {"schema": SCHEMA_VERSION}}
        self.db = FileTinyDB(path, tables, on_disk=on_disk, storage=TablesFile)
        self.file: TablesFile = self.db.storage  # type: ignore[assignment]
        self.entries = self.db.table(ENTRIES, cache_size=0)
        self.settings = self.db.table(SETTINGS, cache_size=0)

    def record(self, entry_id: int) -> dict[str, Any] | None:
        found = self.entries.get(doc_id=entry_id)
        return found if isinstance(found, dict) else None

    def add(self, record: dict[str, Any]) -> int:
        return int(self.entries.insert(record))

    def put(self, entry_id: int, record: dict[str, Any]) -> None:
        self.entries.upsert(Document(record, doc_id=entry_id))

    def update(self, entry_id: int, fields: dict[str, Any]) -> None:
        self.entries.update(fields, doc_ids=[entry_id])

    def summaries(self) -> list[EntrySummary]:
        """All entries, newest first (by creation time, then id)."""
        found = [summary(doc.doc_id, doc) for doc in self.entries]
        found.sort(key=lambda e: (sort_time(e.created), e.id), reverse=True)
        return found

    def newest(self, limit: int) -> tuple[int, list[EntrySummary]]:
        """How many entries there are, and the newest `limit` of them as `summaries()`
        orders them: a list that shows a page needs no summary of every entry."""
        count, found = self.newest_records(limit)
        return count, [summary(entry_id, record) for entry_id, record in found]

    def newest_records(self, limit: int) -> tuple[int, list[tuple[int, dict[str, Any]]]]:
        """How many entries there are, and the newest `limit` as (id, record)."""
        docs = self.file.tables[ENTRIES]
        assert isinstance(docs, PackedEntries)
        ranked: list[tuple[Any, int, str]]
        try:  # times with offsets, compared as instants (as sort_time does, but in C)
            ranked = heapq.nlargest(
                limit, ((_instant(at), doc_id, key) for doc_id, at, key in docs.created_times())
            )
        except (TypeError, ValueError):  # a time without an offset, or not a time
            ranked = heapq.nlargest(
                limit, ((sort_time(at), doc_id, key) for doc_id, at, key in docs.created_times())
            )
        found = [key or str(doc_id) for _, doc_id, key in ranked]  # ("": a row's, its id)
        return len(docs), [(int(key), docs[key]) for key in found]

    def settings_doc(self) -> dict[str, Any]:
        """Every setting (a copy of the one settings document)."""
        doc = self.settings.get(doc_id=_SETTINGS_DOC)
        return dict(doc) if isinstance(doc, dict) else {}

    def setting(self, key: str) -> tuple[bool, Any]:
        doc = self.settings.get(doc_id=_SETTINGS_DOC)
        if isinstance(doc, dict) and key in doc:
            return True, doc[key]
        return False, None

    def set_setting(self, key: str, value: Any) -> None:
        if value is None:
            if self.setting(key)[0]:
                self.settings.update(delete(key), doc_ids=[_SETTINGS_DOC])
        elif self.settings.contains(doc_id=_SETTINGS_DOC):
            self.settings.update({key: value}, doc_ids=[_SETTINGS_DOC])
        else:
            self.settings.insert(Document({key: value}, doc_id=_SETTINGS_DOC))


def summary(entry_id: int, doc: dict[str, Any]) -> EntrySummary:
    return EntrySummary(
        id=int(entry_id),
        company=doc["company"],
        role=doc["role"],
        stage=doc["stage"],
        date=doc["date"],
        internal=doc["internal"],
        created=doc["created"],
        marks=doc["answered"],
    )
