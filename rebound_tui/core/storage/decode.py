"""File bytes → checked TinyDB tables, or `DatabaseDamaged` with a reason a person can act on.

Three shapes are read: the index (`rebound.json`, schema 2), an entry's file (schema 2,
`meta` names its entry) and the single file of earlier releases (schema 1, or 0: plain
TinyDB without a `meta` table), which `migrate.py` turns into the first two.

No Textual import here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rebound_tui.core.nesting import MAX_NESTING, MAX_NESTING_STORED, KeptAnswer, too_deep
from rebound_tui.core.storage.errors import (
    SCHEMA_VERSION,
    DatabaseDamaged,
    DatabaseTooNew,
    EntryDamaged,
)
from rebound_tui.core.storage.index import encode_marks
from rebound_tui.core.storage.journal import dumps
from rebound_tui.core.storage.packed import PackedEntries, loose_records
from rebound_tui.core.storage.tinydb_file import Tables
from rebound_tui.core.text import visible

__all__ = [
    "ENTRY_FACTS",
    "Handed",
    "check_entry_file",
    "check_entry_record",
    "check_index",
    "check_old_entry",
    "check_single_file",
    "check_tables",
    "decode",
    "kind_of",
    "schema_of",
]

#: The facts a person gives about a rejection, and their types.
ENTRY_FACTS: dict[str, type] = {
    "company": str,
    "role": str,
    "stage": str,
    "date": str,
    "internal": bool,
}
# An entry in the index: its facts, when it was made, and which answers count (progress).
_INDEX_FIELDS: dict[str, type] = {**ENTRY_FACTS, "created": str, "answered": str}
# An entry in the single file of schema 0 and 1.
_SINGLE_FIELDS: dict[str, type] = {**ENTRY_FACTS, "created": str, "updated": str, "answers": dict}
_DEFAULTS: dict[str, Any] = {
    "company": "",
    "role": "",
    "stage": "",
    "date": "",
    "internal": False,
    "created": "",
    "updated": "",
}
_JSON_KINDS = {list: "list", str: "string", int: "number", float: "number", bool: "true/false"}


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    return _JSON_KINDS.get(type(value), "object")


class Handed:
    """A file's bytes, handed on to be decoded once: `take()` gives them and lets go, so
    they are freed as soon as they are decoded (the index of 10,000 entries is ~9 MB; its
    bytes, its text and its parsed tables need not all be alive at once)."""

    def __init__(self, data: bytes) -> None:
        self._data: bytes | None = data

    def take(self) -> bytes:
        data, self._data = self._data, None
        if data is None:
            raise RuntimeError("these bytes were taken already")
        return data


def decode(
    path: Path,
    raw: bytes | Handed,
    backup: Path | None,
    error: type = DatabaseDamaged,
) -> Tables:
    """Bytes → top-level dict of tables (TinyDB's shape checked, not Rebound's). Bytes
    `Handed` over are freed once decoded to text."""

    def damaged(reason: str) -> DatabaseDamaged:
        return error(path, reason, backup)  # type: ignore[no-any-return]

    if isinstance(raw, Handed):
        raw = raw.take()
    if not raw:
        raise damaged("empty file")
    if b"\x00" in raw:  # (checked first: the test below copies the bytes)
        if not raw.strip(b"\x00"):
            raise damaged("only zero bytes, as after a crash while saving")
        raise damaged("contains zero bytes, as after a crash while saving")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise damaged(f"not UTF-8 text: bad byte at offset {exc.start}") from None
    del raw  # the only reference left if it was handed over
    if not text or text.isspace():
        raise damaged("only blank space")
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
        raise damaged(f"not a Rebound file: it holds a JSON {kind_of(doc)}, not tables")
    return doc


def check_tables(
    path: Path, doc: Tables, backup: Path | None, error: type = DatabaseDamaged
) -> None:
    """TinyDB's shape: tables of numbered documents."""

    def damaged(reason: str) -> DatabaseDamaged:
        return error(path, reason, backup)  # type: ignore[no-any-return]

    for name, table in doc.items():
        table = loose_records(table)  # (packed records were checked as they were packed)
        if not isinstance(table, dict):
            raise damaged(f'its "{name}" table is a {kind_of(table)}, not a table')
        for key, record in table.items():
            if not (key.isascii() and key.isdigit()):
                raise damaged(f'its "{name}" table has a document numbered {key!r}')
            if not isinstance(record, dict):
                raise damaged(f'document {key} of "{name}" is a {kind_of(record)}')
            problem = _nesting_problem(name, key, record)
            if problem:
                raise damaged(problem)


def _nesting_problem(table: str, key: str, record: dict[str, Any]) -> str | None:
    """Why a document nests too deeply to be read safely, naming an answer by its section
    and exercise (what a person can find), anything else by its number."""
    if not too_deep(record, MAX_NESTING_STORED):
        return None
    where = (record.get("section"), record.get("exercise"))
    name = f'document {key} of "{table}"'
    if table == "answers" and all(isinstance(part, str) for part in where):
        around = {name: part for name, part in record.items() if name != "value"}
        if not too_deep(around, MAX_NESTING_STORED):
            return None  # only the answer is too deep: it is kept (see keep_deep_answers)
        name = f'answer "{where[0]}/{where[1]}"'
    return visible(f"{name} nests lists or objects more than {MAX_NESTING_STORED} deep")


def _meta(doc: Tables) -> dict[str, Any] | None:
    for record in doc.get("meta", {}).values():
        if isinstance(record, dict) and "schema" in record:
            return record
    return None


def schema_of(path: Path, doc: Tables, backup: Path | None, error: type = DatabaseDamaged) -> int:
    """Schema number in `meta`; 0 for a plain TinyDB file without one. Too new: refused."""
    if "meta" not in doc:
        return 0
    if not isinstance(doc["meta"], dict):
        raise error(path, f'its "meta" table is a {kind_of(doc["meta"])}, not a table', backup)
    meta = _meta(doc)
    if meta is None:
        raise error(path, 'its "meta" table has no schema number', backup)
    schema = meta["schema"]
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 0:
        raise error(path, f"its schema number is {schema!r}", backup)
    if schema > SCHEMA_VERSION:
        raise DatabaseTooNew(path, f"schema {schema}", backup)
    return schema


def _check_fields(key: str, doc: dict[str, Any], fields: dict[str, type], fill: bool) -> str | None:
    for name, kind in fields.items():
        if name not in doc:
            if not fill:
                return f"entry {key} has no {name}"
            doc[name] = {} if kind is dict else _DEFAULTS[name]
        value = doc[name]
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            return f"entry {key}: {name} is a {kind_of(value)}"
    return None


def check_old_entry(key: str, record: dict[str, Any], *, fill: bool = False) -> str | None:
    """Why an entry in the single-file shape (also a journal's "create") is malformed."""
    problem = _check_fields(key, record, _SINGLE_FIELDS, fill=fill)
    if problem is None:
        for section, answers in record["answers"].items():
            if not isinstance(answers, dict):
                return f"entry {key}: answers for {section!r} are a {kind_of(answers)}"
    return problem


def check_single_file(path: Path, doc: Tables, schema: int, backup: Path | None) -> None:
    """An earlier release's single file; schema 0 gets its missing fields filled in."""
    for key, record in doc.get("entries", {}).items():
        problem = check_old_entry(key, record, fill=schema < 1)
        if problem:
            raise DatabaseDamaged(path, problem, backup)


def check_entry_record(key: str, record: dict[str, Any]) -> str | None:
    """Why an index record (or a journal's "create") is malformed, or None."""
    marks = record.get("answered")
    if isinstance(marks, dict):  # the first form of schema 2 (lists of ids): read it too
        lists = {s: ids for s, ids in marks.items() if isinstance(ids, list)}
        record["answered"] = encode_marks(
            {s: [i for i in ids if isinstance(i, str)] for s, ids in lists.items()}
        )
    return _check_fields(key, record, _INDEX_FIELDS, fill=False)


def check_index(path: Path, doc: Tables, backup: Path | None) -> None:
    meta = _meta(doc) or {}
    if "entry" in meta:
        raise DatabaseDamaged(path, "it is one entry's file, not the index", backup)
    entries = doc.get("entries", {})
    for key, record in loose_records(entries).items():
        problem = check_entry_record(key, record)
        if problem:
            raise DatabaseDamaged(path, problem, backup)
    if isinstance(entries, PackedEntries):
        entries.repack()  # e.g. progress marks of the first form, now text


def check_entry_file(path: Path, doc: Tables, entry_id: int, backup: Path | None) -> None:
    """An entry's file: its meta names this entry; answers are (section, exercise, value)."""
    meta = _meta(doc)
    if meta is None or meta.get("entry") != entry_id:
        raise EntryDamaged(path, f"it does not say it holds entry {entry_id}", backup)
    if not isinstance(meta.get("updated", ""), str):
        raise EntryDamaged(path, "its updated time is not text", backup)
    for key, record in doc.get("answers", {}).items():
        if not (isinstance(record.get("section"), str) and isinstance(record.get("exercise"), str)):
            raise EntryDamaged(path, f"answer {key} does not name its section and exercise", backup)
        if "value" not in record:
            raise EntryDamaged(path, f"answer {key} has no value", backup)
    keep_deep_answers(path, doc, backup)


def keep_deep_answers(path: Path, doc: Tables, backup: Path | None) -> None:
    """Hold each answer nested more than MAX_NESTING deep as a KeptAnswer (its JSON text):
    it costs that answer only, and a save writes it back as it was."""
    for record in doc.get("answers", {}).values():
        value = record["value"]
        if isinstance(value, KeptAnswer) or not too_deep(value, MAX_NESTING):
            continue
        try:
            record["value"] = KeptAnswer(dumps(value))
        except RecursionError:  # deeper than Python can write out: as if unreadable
            where = f'answer "{record["section"]}/{record["exercise"]}"'
            raise EntryDamaged(
                path, visible(f"{where} is nested too deeply to read"), backup
            ) from None
