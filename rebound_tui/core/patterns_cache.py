"""Each entry's figures for the patterns, kept beside the index in ``<index>.patterns``, so the
patterns screen reads one file instead of every entry's. No Textual import.

A cache only. Everything in it comes from the entry files through
:func:`rebound_tui.core.entry_figures.figures_of`, and an entry's figures are used only
while its file is the very file they were made from (same stamp: inode, size, modification
time; a save replaces the file) and while the content and the code that read them are the
same (``made_by``). Anything else (no cache yet, one that cannot be read, an entry changed
in this session, a restored backup, a hand edit) is read from the entry's file again, and
the writer keeps what it read for next time. Only the writer writes it: atomically, 0600,
never through a link. It holds nothing that is not in the entry files, so one that cannot
be read is simply made again.

Its shape is TinyDB's, like the other files::

    {"meta": {"1": {"made_by": "…"}},
     "figures": {"<entry id>": {"stamp": [inode, size, mtime_ns], "start": 7, …}}}
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rebound_tui.core import answers_read, entry_figures, kinds, stopwords
from rebound_tui.core.content import Workbook
from rebound_tui.core.entry_figures import EntryFigures, figures_of
from rebound_tui.core.storage.errors import NotOurFile, StoreError
from rebound_tui.core.storage.files import Stamp, atomic_write, read_own

if TYPE_CHECKING:
    from rebound_tui.core.storage.entry_file import Entry
    from rebound_tui.core.storage.index import EntrySummary
    from rebound_tui.core.storage.store import Store

#: Raise when the cache's shape changes (the code's own changes are noticed without it).
VERSION = 1

Kept = dict[int, tuple[Stamp, EntryFigures]]


def cache_path(index: Path) -> Path:
    return index.with_name(index.name + ".patterns")


@cache
def _code() -> str:
    """The source of what turns answers into figures: other code reads them anew."""
    digest = hashlib.sha256(str(VERSION).encode())
    modules = (answers_read, entry_figures, stopwords)
    files = [Path(m.__file__) for m in modules if m.__file__]
    if kinds.__file__:
        files += sorted(Path(kinds.__file__).parent.glob("*.py"))
    for file in files:
        try:
            digest.update(file.read_bytes())
        except OSError:
            digest.update(file.name.encode())
    return digest.hexdigest()


def made_by(workbook: Workbook) -> str:
    """What the figures depend on beside the answers: the exercises they are read from in
    this content, and the code reading them."""
    digest = hashlib.sha256(_code().encode())
    digest.update(entry_figures.where_they_come_from(workbook).encode())
    return digest.hexdigest()[:32]


def collect(
    store: Store,
    workbook: Workbook,
    *,
    left_out: list[str] | None = None,
    fresh: Entry | None = None,
    most_reads: int | None = None,
) -> list[tuple[EntrySummary | Entry, EntryFigures]] | None:
    """Every entry's facts (the index's) and figures: from the cache where its file is
    unchanged, else from the entry itself. ``fresh``: an entry as it is now, newer than
    stored. An entry whose file cannot be read is left out, its reason added to
    ``left_out``. None, with nothing read, when more than ``most_reads`` entries would have
    to be read from their files."""
    key = made_by(workbook)
    path = cache_path(store.path)
    kept = _load(path, key)
    summaries = store.entries()
    stamps = {s.id: store.file_stamp(s.id) for s in summaries}  # before reading any file
    if most_reads is not None and _file_reads(stamps, kept) > most_reads:
        return None
    found: list[tuple[EntrySummary | Entry, EntryFigures]] = []
    keep: Kept = {}
    for summary in summaries:
        if fresh is not None and summary.id == fresh.id:
            found.append((summary, figures_of(fresh.answers, fresh.updated, workbook)))
            if summary.id in kept:
                keep[summary.id] = kept[summary.id]
            continue
        stamp = stamps[summary.id]  # taken before reading: a newer file is a miss next time
        hit = kept.get(summary.id)
        if hit is not None and (stamp is None or hit[0] == stamp):
            keep[summary.id] = hit  # an entry changed this session keeps its old record
            if stamp is not None:
                found.append((summary, hit[1]))
                continue
        try:
            entry = store.get(summary.id, keep=False)
        except StoreError as error:
            if left_out is not None:
                left_out.append(str(error))
            continue
        figures = figures_of(entry.answers, entry.updated, workbook)
        found.append((summary, figures))
        if stamp is not None:
            keep[summary.id] = (stamp, figures)
    if store.writable and keep != kept:
        _save(path, key, keep)
    return found


def _file_reads(stamps: dict[int, Stamp | None], kept: Kept) -> int:
    """How many entries' files must be read (an entry changed this session is in memory)."""
    return sum(
        1
        for i, stamp in stamps.items()
        if stamp is not None and (i not in kept or kept[i][0] != stamp)
    )


def _load(path: Path, key: str) -> Kept:
    """The figures kept for this content and code ({} when there are none to trust)."""
    try:
        raw = read_own(path)
        doc = json.loads(raw) if raw is not None else None
    except (OSError, NotOurFile, ValueError):
        return {}
    if not isinstance(doc, dict) or _made_by(doc) != key:
        return {}
    table = doc.get("figures")
    kept: Kept = {}
    for name, record in table.items() if isinstance(table, dict) else ():
        stamp = record.get("stamp") if isinstance(record, dict) else None
        figures = EntryFigures.from_json(record)
        if name.isdigit() and _is_stamp(stamp) and figures is not None:
            kept[int(name)] = (tuple(stamp), figures)  # type: ignore[arg-type]
    return kept


def _made_by(doc: dict[str, Any]) -> Any:
    meta = doc.get("meta")
    first = meta.get("1") if isinstance(meta, dict) else None
    return first.get("made_by") if isinstance(first, dict) else None


def _is_stamp(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 3
        and all(isinstance(n, int) and not isinstance(n, bool) for n in value)
    )


def _save(path: Path, key: str, kept: Kept) -> None:
    """Keep the figures for next time; a cache that cannot be written is only slower."""
    table = {
        str(entry_id): {"stamp": list(stamp), **figures.to_json()}
        for entry_id, (stamp, figures) in sorted(kept.items())
    }
    doc = {"meta": {"1": {"made_by": key}}, "figures": table}
    data = json.dumps(doc, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    with contextlib.suppress(OSError, NotOurFile):
        atomic_write(path, data, own=True)
