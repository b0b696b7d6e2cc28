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

    def value(self, section: str, exercise: str) -> Any:
        doc = self.answers.get(_where(section, exercise))
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
        where = _where(section, exercise)
        if is_empty(value):
            self.answers.remove(where)
        else:
            self.answers.upsert({"section": section, "exercise": exercise, "value": value}, where)
        self.touch(stamp)


_ANSWER = Query()


def _where(section: str, exercise: str) -> Any:
    return (_ANSWER.section == section) & (_ANSWER.exercise == exercise)
