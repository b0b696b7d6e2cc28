"""One entry's file, `<index>.entries/<id>.json`: its answers, one TinyDB document each
(`section`, `exercise`, `value`), and when it last changed. Opening an entry reads this one
file; a change rewrites this one file.

No Textual import here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb import Query
from tinydb.table import Document

from rebound_tui.core.storage.errors import SCHEMA_VERSION
from rebound_tui.core.storage.index import Marks
from rebound_tui.core.storage.tinydb_file import FileTinyDB, Tables, TablesFile

__all__ = ["Answers", "Entry", "EntryFile", "copy_json", "is_empty"]

ANSWERS = "answers"
META = "meta"
_META_DOC = 1
_SEVERAL = 0  # no TinyDB document has id 0

#: section id → exercise id → answer
Answers = dict[str, dict[str, Any]]


@dataclass
class Entry:
    """One rejection and everything written about it (a copy; change it through Store).

    The fields of `EntrySummary` in the same order, then `updated` and the answers.
    """

    id: int
    company: str
    role: str
    stage: str
    date: str
    internal: bool
    created: str
    updated: str = ""
    answers: Answers = field(default_factory=dict)
    answered: Marks = field(default_factory=dict)


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def copy_json(value: Any) -> Any:
    """Deep copy of a JSON value (much faster than copy.deepcopy)."""
    if isinstance(value, dict):
        return {k: copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_json(v) for v in value]
    return value


def entry_tables(entry_id: int, updated: str, answers: Answers) -> Tables:
    """The tables of an entry's file holding `answers` (used by migration and new entries)."""
    rows: dict[str, Any] = {}
    for section, exercises in answers.items():
        for exercise, value in exercises.items():
            if not is_empty(value):
                rows[str(len(rows) + 1)] = {
                    "section": section,
                    "exercise": exercise,
                    "value": value,
                }
    meta = {"schema": SCHEMA_VERSION, "entry": entry_id, "updated": updated}
    return {ANSWERS: rows, META: {str(_META_DOC): meta}}


class EntryFile:
    """The answers of one entry through TinyDB; saved by the store through `file`."""

    def __init__(self, path: Path, entry_id: int, tables: Tables, *, on_disk: bool) -> None:
        self.entry_id = entry_id
        self.db = FileTinyDB(path, tables, on_disk=on_disk, storage=TablesFile)
        self.file: TablesFile = self.db.storage  # type: ignore[assignment]
        self.answers = self.db.table(ANSWERS)
        self.meta = self.db.table(META, cache_size=0)
        #: (section, exercise) → the id of its one document, or _SEVERAL (a hand-edited
        #: file may hold more than one: those go through queries, as TinyDB finds them).
        #: Built on first use; only `set` changes the answers table, and it keeps this.
        self._ids: dict[tuple[str, str], int] | None = None

    @property
    def updated(self) -> str:
        doc = self.meta.get(doc_id=_META_DOC)
        stamp = doc.get("updated", "") if isinstance(doc, dict) else ""
        return stamp if isinstance(stamp, str) else ""

    def all_answers(self) -> Answers:
        """Every answer, copied: section → exercise → value."""
        found: Answers = {}
        for doc in self.answers:
            found.setdefault(doc["section"], {})[doc["exercise"]] = copy_json(doc["value"])
        return found

    def _doc_ids(self) -> dict[tuple[str, str], int]:
        """Where each answer is: typing changes one answer many times a second, and a
        query looks at every document of the entry each time."""
        if self._ids is None:
            ids: dict[tuple[str, str], int] = {}
            for doc in self.answers:
                section, exercise = doc.get("section"), doc.get("exercise")
                if isinstance(section, str) and isinstance(exercise, str):
                    key = (section, exercise)
                    ids[key] = _SEVERAL if key in ids else doc.doc_id
            self._ids = ids
        return self._ids

    def value(self, section: str, exercise: str) -> Any:
        doc_id = self._doc_ids().get((section, exercise))
        if doc_id is None:
            return None
        if doc_id == _SEVERAL:
            doc = self.answers.get(_where(section, exercise))
        else:
            doc = self.answers.get(doc_id=doc_id)
        return doc["value"] if isinstance(doc, Document) else None

    def touch(self, stamp: str) -> None:
        """Note when the entry last changed."""
        self.meta.upsert(
            Document(
                {"schema": SCHEMA_VERSION, "entry": self.entry_id, "updated": stamp},
                doc_id=_META_DOC,
            )
        )

    def set(self, section: str, exercise: str, value: Any, stamp: str) -> None:
        """Keep one answer; an empty one (None, "", [], {}) is removed."""
        ids = self._doc_ids()
        key = (section, exercise)
        doc_id = ids.get(key)
        if doc_id == _SEVERAL:  # every one of them, as a query finds them
            where = _where(section, exercise)
            if is_empty(value):
                self.answers.remove(where)
            else:
                self.answers.upsert(
                    {"section": section, "exercise": exercise, "value": value}, where
                )
            self._ids = None
        elif is_empty(value):
            if doc_id is not None:
                self.answers.remove(doc_ids=[doc_id])
                del ids[key]
        elif doc_id is not None:
            self.answers.update({"value": value}, doc_ids=[doc_id])
        else:
            ids[key] = self.answers.insert(
                {"section": section, "exercise": exercise, "value": value}
            )
        self.touch(stamp)


_ANSWER = Query()


def _where(section: str, exercise: str) -> Any:
    return (_ANSWER.section == section) & (_ANSWER.exercise == exercise)
