"""From the single file of earlier releases to an index plus one file per entry.

Done once, by the writer, on the first open of an old file, atomically:

1. every entry's file is written into `<name>.entries/` (marked `.migrating` meanwhile) and
   flushed to disk;
2. the old file is copied to `<name>.v<schema>.bak`;
3. the index replaces the old file (`atomic_write`): this one rename is the moment the new
   layout exists. A kill before it leaves the old file untouched (the half-made folder is
   ours, marked, and is made again next time); a kill after it, the finished layout.
4. the marker goes.

The journal is left as it is: its records are the same assignments in both layouts, and the
store replays them over the new layout right after.

No Textual import here.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rebound_tui.core.storage.decode import ENTRY_FACTS
from rebound_tui.core.storage.entry_file import Answers, entry_tables
from rebound_tui.core.storage.errors import SCHEMA_VERSION
from rebound_tui.core.storage.files import (
    aside_name,
    atomic_write,
    ensure_private_dir,
    fsync_dir,
    open_own,
    refuse_odd_file,
    write_all,
)
from rebound_tui.core.storage.index import Marks, encode_marks
from rebound_tui.core.storage.journal import dumps
from rebound_tui.core.storage.tinydb_file import Tables

__all__ = [
    "MARKER",
    "CountsRule",
    "ensure_entries_folder",
    "entries_folder",
    "entry_path",
    "finish_interrupted",
    "marks_of",
    "migration_backup",
    "split_single_file",
    "write_layout",
]

MARKER = ".migrating"

#: Whether an answer counts as answered: (section id, exercise id, value) → bool.
CountsRule = Callable[[str, str, Any], bool]


@functools.lru_cache(maxsize=16)  # every save asks (a Path is immutable)
def entries_folder(index: Path) -> Path:
    return index.with_name(index.name + ".entries")


def entry_path(index: Path, entry_id: int) -> Path:
    return entries_folder(index) / f"{int(entry_id)}.json"


def migration_backup(index: Path, schema: int) -> Path:
    return index.with_name(f"{index.name}.v{schema}.bak")


def marks_of(answers: Answers, counts: CountsRule) -> str:
    """The progress marks (as stored in the index) of these answers."""
    marks: Marks = {}
    for section, exercises in answers.items():
        ids = [e for e, value in exercises.items() if counts(section, e, value)]
        if ids:
            marks[section] = ids
    return encode_marks(marks)


def split_single_file(doc: Tables, counts: CountsRule) -> tuple[Tables, dict[int, Tables]]:
    """The index's tables and each entry's tables, from a checked single-file document."""
    index: Tables = {name: table for name, table in doc.items() if name not in ("entries", "meta")}
    records: dict[str, Any] = {}
    files: dict[int, Tables] = {}
    for key, old in doc.get("entries", {}).items():
        entry_id = int(key)
        record = {name: old[name] for name in ENTRY_FACTS}
        record["created"] = old["created"]
        record["answered"] = marks_of(old["answers"], counts)
        records[str(entry_id)] = record
        files[entry_id] = entry_tables(entry_id, old["updated"], old["answers"])
    index["entries"] = records
    index["meta"] = {"1": {"schema": SCHEMA_VERSION}}
    return index, files


def write_layout(
    index_path: Path, original: bytes, schema: int, index: Tables, files: dict[int, Tables]
) -> None:
    """Write the new layout beside the old file and switch to it (see the module's steps).

    Call with the writer lock held. Raises OSError (WriteFailed) or NotOurFile; the old
    file is then as it was.
    """
    folder = entries_folder(index_path)
    refuse_odd_file(folder, folder=True)
    if folder.exists():
        if (folder / MARKER).exists():
            shutil.rmtree(folder)  # our own unfinished attempt: made again below
        elif not any(folder.iterdir()):
            folder.rmdir()  # empty: an attempt stopped before its marker, or nothing at all
        else:  # not ours to delete: keep it under another name
            os.rename(folder, aside_name(folder, "before"))
    folder.mkdir(mode=0o700)
    os.chmod(folder, 0o700)
    os.close(open_own(folder / MARKER, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
    for entry_id, tables in files.items():
        fd = open_own(folder / f"{entry_id}.json", os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        try:
            write_all(fd, dumps(tables).encode("ascii"))
        finally:
            os.close(fd)
    os.sync()  # one barrier for every entry file (fsync of each costs ~ms apiece)
    fsync_dir(folder)
    fsync_dir(index_path.parent)
    atomic_write(migration_backup(index_path, schema), original, own=True)
    atomic_write(index_path, dumps(index).encode("ascii"), own=True)  # the switch
    finish_interrupted(index_path)


def finish_interrupted(index_path: Path) -> None:
    """Remove the marker left by a migration killed after its switch (the index is new)."""
    folder = entries_folder(index_path)
    with contextlib.suppress(FileNotFoundError):
        (folder / MARKER).unlink()
        fsync_dir(folder)


def ensure_entries_folder(index_path: Path) -> Path:
    """The entries folder, made (0700) if missing; a link planted there is refused."""
    folder = entries_folder(index_path)
    if not refuse_odd_file(folder, folder=True):
        ensure_private_dir(folder)
        fsync_dir(index_path.parent)
    return folder
