"""The ways on from a damaged file (restore the last good copy, or set it aside and start
again) and erasing answers from every copy Rebound wrote ("let it go").

No Textual import here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rebound_tui.core.storage.errors import DatabaseDamaged, StoreError
from rebound_tui.core.storage.files import (
    WriteFailed,
    aside_name,
    atomic_write,
    os_reason,
    read_own,
)
from rebound_tui.core.storage.journal import dumps
from rebound_tui.core.storage.lock import WriterLock
from rebound_tui.core.storage.migrate import entries_folder
from rebound_tui.core.storage.opening import (
    entry_ids_on_disk,
    good_backup,
    load_entry_file,
    load_index,
)
from rebound_tui.core.storage.tinydb_file import backup_of

__all__ = ["restore_backup", "scrub_copies", "set_aside"]


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def _put_aside(path: Path, stamp: str) -> Path:
    """Rename `path` to `<name>.damaged-<stamp>` (never over an existing name)."""
    aside = aside_name(path, "damaged", stamp)
    try:
        os.rename(path, aside)
    except OSError as exc:
        raise StoreError(f"cannot set {path} aside: {os_reason(exc)}") from exc
    return aside


def _index_problem(path: Path) -> DatabaseDamaged | None:
    raw = read_own(path)
    if raw is None:
        return None
    try:
        load_index(path, raw)
    except DatabaseDamaged as exc:
        return exc
    return None


def _damaged_entries(path: Path) -> list[tuple[int, Path]]:
    found = []
    for entry_id in sorted(entry_ids_on_disk(path)):
        file = entries_folder(path) / f"{entry_id}.json"
        raw = read_own(file)
        if raw is None:
            continue
        try:
            load_entry_file(file, raw, entry_id)
        except DatabaseDamaged:
            found.append((entry_id, file))
    return found


def _real(path: Path) -> Path:
    return Path(os.path.realpath(Path(path).expanduser().absolute()))


def set_aside(path: Path) -> list[Path]:
    """Start again where something is damaged: rename it `<name>.damaged-YYYYmmdd-HHMMSS`.

    Damaged entry files (the index being fine) go aside one by one: those entries stay,
    without answers. Otherwise the index, its journal and its entries folder all go aside
    (kept, never replayed) and the next open starts with an empty workbook.
    """
    path = _real(path)
    if not os.path.lexists(path):
        raise StoreError(f"there is no {path} to set aside")
    with WriterLock(path):
        stamp = _stamp()
        damaged = [] if _index_problem(path) else _damaged_entries(path)
        if damaged:
            return [_put_aside(file, stamp) for _, file in damaged]
        asides = [_put_aside(path, stamp)]
        journal = path.with_name(path.name + ".journal")
        with contextlib.suppress(OSError):
            if journal.stat().st_size:
                asides.append(_put_aside(journal, stamp))
        if entries_folder(path).is_dir():
            asides.append(_put_aside(entries_folder(path), stamp))
        return asides


def restore_backup(path: Path) -> list[Path]:
    """Put the last good copies back where files are damaged, setting those aside first.

    The index comes back from `<name>.bak` when it is damaged (or missing); a damaged
    entry file from its own `.bak`. Returns where the damaged files went. A journal is
    kept and replayed at the next open, recovering the most recent writing it holds.
    """
    path = _real(path)
    with WriterLock(path):
        problem = _index_problem(path)
        targets: list[tuple[Path, int | None]]
        if problem is not None or not os.path.lexists(path):
            targets = [(path, None)]
        else:
            targets = [(file, entry_id) for entry_id, file in _damaged_entries(path)]
            if not targets:
                raise StoreError(f"nothing to restore: {path} and its entries all open")
        stamp = _stamp()
        asides = []
        for target, entry_id in targets:
            backup = backup_of(target)
            raw = read_own(backup)
            if raw is None:
                raise StoreError(f"there is no backup of {target} to restore ({backup} is missing)")
            if good_backup(target, entry_id) is None:
                raise StoreError(f"the backup {backup} is not readable either")
            if os.path.lexists(target):
                asides.append(_put_aside(target, stamp))
            try:
                atomic_write(target, raw, own=True)
            except WriteFailed as exc:
                raise StoreError(str(exc)) from exc
        return asides


# --------------------------------------------------------------------------- erasing


def _drop_answers(doc: Any, entry_id: int, keys: Sequence[tuple[str, str]]) -> bool:
    """Remove the answers from a single-file document (earlier releases); True if any."""
    entries = doc.get("entries") if isinstance(doc, dict) else None
    entry = entries.get(str(entry_id)) if isinstance(entries, dict) else None
    answers = entry.get("answers") if isinstance(entry, dict) else None
    if not isinstance(answers, dict):
        return False
    changed = False
    for section, exercise in keys:
        found = answers.get(section)
        if isinstance(found, dict) and exercise in found:
            del found[exercise]
            changed = True
    return changed


def _scrub_journal(raw: bytes, entry_id: int, keys: Sequence[tuple[str, str]]) -> bytes:
    kept = []
    for line in raw.split(b"\n"):
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            record = None
        if isinstance(record, dict) and record.get("id") == entry_id:
            if (record.get("s"), record.get("e")) in keys:
                continue
            if record.get("op") == "create" and _drop_answers(
                {"entries": {str(entry_id): record.get("doc")}}, entry_id, keys
            ):
                line = dumps(record).encode("ascii")
        kept.append(line)
    return b"\n".join(kept)


def scrub_copies(
    path: Path, entry_file: Path, entry_id: int, keys: Sequence[tuple[str, str]]
) -> list[tuple[Path, str]]:
    """After answers were erased and saved: rewrite every other copy Rebound keeps so it
    no longer holds them. Returns the copies that could not be rewritten, with why."""
    problems: list[tuple[Path, str]] = []
    keys = [tuple(k) for k in keys]  # type: ignore[misc]
    copies: list[tuple[Path, bytes]] = []
    entry_bak = backup_of(entry_file)
    if os.path.lexists(entry_bak):
        current = read_own(entry_file)
        if current is not None:
            copies.append((entry_bak, current))
    folder = path.parent
    for name in sorted(os.listdir(folder)):
        copy = folder / name
        if not name.startswith(path.name + "."):
            continue
        rest = name[len(path.name) :]
        try:
            if rest == ".bak" or (rest.startswith(".v") and rest.endswith(".bak")):
                raw = read_own(copy) or b""
                doc = json.loads(raw) if raw else None
                if _drop_answers(doc, entry_id, keys):
                    copies.append((copy, dumps(doc).encode("ascii")))
            elif rest.startswith(".journal.damaged-"):
                raw = read_own(copy) or b""
                scrubbed = _scrub_journal(raw, entry_id, keys)
                if scrubbed != raw:
                    copies.append((copy, scrubbed))
        except (ValueError, RecursionError, OSError, StoreError):
            continue  # not a copy we can read: nothing of ours to rewrite in it
    for copy, data in copies:
        try:
            atomic_write(copy, data, own=True)
        except (OSError, StoreError) as exc:
            problems.append((copy, getattr(exc, "reason", None) or str(exc)))
    return problems
