"""Reading a JSON export back in (``rebound import``) without overwriting anything. No Textual.

An import only ever adds entries, each with a new id. An entry whose facts and answers are
already in the database (as the same export would show them) is skipped and reported, so
importing the same file twice changes nothing. A file that is not a Rebound export, is damaged,
or comes from a newer Rebound is refused as a whole with one line naming it: nothing is added.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rebound_tui.core.content import Workbook
from rebound_tui.core.dates import parse_date
from rebound_tui.core.export import EXPORT_FORMAT, EXPORT_VERSION, to_data
from rebound_tui.core.nesting import MAX_NESTING, too_deep
from rebound_tui.core.storage.decode import ENTRY_FACTS
from rebound_tui.core.storage.store import Entry, Store

__all__ = ["ImportItem", "ImportPlan", "ImportRefused", "import_entries", "plan", "read_export"]

#: Larger than any real export (a thousand full entries are a few MB), small enough to read.
MAX_BYTES = 256 * 1024 * 1024


class ImportRefused(Exception):
    """The file cannot be imported; ``str()`` is one line naming it and why."""


@dataclass
class ImportItem:
    """One entry of an export file, as it will be stored."""

    number: int  # 1-based place in the file, for messages
    facts: dict[str, Any]
    answers: dict[str, dict[str, Any]]
    created: str | None = None
    updated: str | None = None

    @property
    def title(self) -> str:
        company, role = self.facts["company"].strip(), self.facts["role"].strip()
        return " — ".join(p for p in (company, role) if p) or f"entry {self.number} of the file"


@dataclass
class ImportPlan:
    """What an import does: entries to add, and entries skipped with the id they match."""

    new: list[ImportItem] = field(default_factory=list)
    present: list[tuple[ImportItem, int | None]] = field(default_factory=list)  # None: twice


def _read_bytes(path: Path) -> bytes:
    """The file's bytes: a regular file only (never a FIFO or device), at most MAX_BYTES."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise ImportRefused(f"cannot read {path}: {reason}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ImportRefused(f"{path} is not an ordinary file")
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportRefused(f"{path} is larger than {MAX_BYTES // 2**20} MB; not a Rebound export")
    return data


class _NotJson(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _NotJson(f"{name} is not a JSON value")


def _fail(path: Path, number: int, message: str) -> ImportRefused:
    return ImportRefused(f"{path}: entry {number}: {message}; nothing was imported")


def _item(path: Path, number: int, raw: Any) -> ImportItem:
    if not isinstance(raw, dict):
        raise _fail(path, number, "is not an object")
    facts: dict[str, Any] = {}
    for name, kind in ENTRY_FACTS.items():
        value = raw.get(name, False if kind is bool else "")
        if not isinstance(value, kind):
            raise _fail(
                path, number, f'"{name}" must be {"true/false" if kind is bool else "text"}'
            )
        facts[name] = value
    if facts["date"] and parse_date(facts["date"]) is None:
        raise _fail(path, number, f'"date" must be yyyy-mm-dd, not "{facts["date"]}"')
    answers: dict[str, dict[str, Any]] = {}
    sections = raw.get("sections", [])
    if not isinstance(sections, list):
        raise _fail(path, number, '"sections" must be a list')
    for section in sections:
        if not isinstance(section, dict) or not isinstance(section.get("id"), str):
            raise _fail(path, number, "a section has no id")
        found = section.get("answers", [])
        if not isinstance(found, list):
            raise _fail(path, number, f'section "{section["id"]}": "answers" must be a list')
        for answer in found:
            if not isinstance(answer, dict) or not isinstance(answer.get("id"), str):
                raise _fail(path, number, f'section "{section["id"]}": an answer has no id')
            if too_deep(answer.get("answer"), MAX_NESTING):
                raise _fail(path, number, f'answer "{answer["id"]}" is nested too deeply')
            if answer.get("answer") not in (None, "", [], {}):
                answers.setdefault(section["id"], {})[answer["id"]] = answer["answer"]
    times = {k: raw.get(k) for k in ("created", "updated")}
    for name, value in times.items():
        if value is not None and not isinstance(value, str):
            raise _fail(path, number, f'"{name}" must be text')
    return ImportItem(number, facts, answers, times["created"], times["updated"])


def read_export(path: Path) -> list[ImportItem]:
    """The entries of a JSON export file, checked; :class:`ImportRefused` if it is not one."""
    data = _read_bytes(path)
    try:
        doc = json.loads(data.decode("utf-8-sig"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise ImportRefused(f"{path} is not text (UTF-8); not a Rebound export") from None
    except json.JSONDecodeError as error:
        raise ImportRefused(
            f"{path} is not a Rebound export: not JSON (line {error.lineno}: {error.msg})"
        ) from None
    except _NotJson as error:
        raise ImportRefused(f"{path} is not a Rebound export: {error}") from None
    except RecursionError:
        raise ImportRefused(f"{path} is not a Rebound export: nested too deeply") from None
    except ValueError as error:  # e.g. a number too long to read
        reason = str(error).split(";")[0]
        reason = reason[:1].lower() + reason[1:]
        raise ImportRefused(f"{path} is not a Rebound export: {reason}") from None
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise ImportRefused(
            f"{path} is not a Rebound export (make one with: rebound export --format json)"
        )
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRefused(f"{path}: the export version is missing or not a number")
    if version > EXPORT_VERSION:
        raise ImportRefused(
            f"{path} is from a newer Rebound (export version {version}; this one reads up to "
            f"{EXPORT_VERSION}): update Rebound to import it"
        )
    entries = doc.get("entries")
    if not isinstance(entries, list):
        raise ImportRefused(f'{path}: "entries" is missing or not a list')
    return [_item(path, number, raw) for number, raw in enumerate(entries, 1)]


def _key(facts: dict[str, Any], answers: dict[str, dict[str, Any]]) -> str:
    return json.dumps([facts, answers], sort_keys=True, ensure_ascii=True)


def _exported(entry: Entry, workbook: Workbook, include_private: bool) -> str:
    """The key of an entry as an export of it would show it (with or without the vent)."""
    data = to_data(entry, workbook, include_private=include_private)
    facts = {name: data[name] for name in ENTRY_FACTS}
    answers = {
        s["id"]: {a["id"]: a["answer"] for a in s["answers"]}
        for s in data["sections"]
        if s["answers"]
    }
    return _key(facts, answers)


def plan(items: Iterable[ImportItem], existing: Iterable[Entry], workbook: Workbook) -> ImportPlan:
    """Which items are new and which are already among ``existing`` (same facts, answers)."""
    known: dict[str, int | None] = {}
    for entry in existing:
        for include_private in (False, True):
            known.setdefault(_exported(entry, workbook, include_private), entry.id)
    result = ImportPlan()
    for item in items:
        key = _key(item.facts, item.answers)
        if key in known:
            result.present.append((item, known[key]))
        else:
            result.new.append(item)
            known[key] = None  # the same entry twice in one file is added once
    return result


def import_entries(
    items: list[ImportItem], store: Store, tick: Callable[[int], None] | None = None
) -> list[Entry]:
    """Add each item as a new entry, oldest first (so ids grow with age); return them."""
    added = []
    for done, item in enumerate(reversed(items), 1):
        added.append(
            store.create_entry(
                **item.facts, answers=item.answers, created=item.created, updated=item.updated
            )
        )
        if tick is not None:
            tick(done)
    return added
