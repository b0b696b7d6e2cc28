"""Reading the files at a start, checking them (with the way on when one is damaged), and
getting the data folder ready for a writer.

No Textual import here.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

import platformdirs

from rebound_tui.core.storage.decode import (
    Handed,
    check_entry_file,
    check_index,
    check_single_file,
    check_tables,
    decode,
    schema_of,
)
from rebound_tui.core.storage.errors import (
    SCHEMA_VERSION,
    DatabaseDamaged,
    EntryDamaged,
    NotOurFile,
    StoreError,
)
from rebound_tui.core.storage.files import (
    clean_stale_temps,
    ensure_private_dir,
    os_reason,
    read_own,
)
from rebound_tui.core.storage.index_scan import scan_index
from rebound_tui.core.storage.migrate import entries_folder
from rebound_tui.core.storage.packed import PackedEntries
from rebound_tui.core.storage.tinydb_file import Tables, backup_of

__all__ = [
    "clean_after_crash",
    "default_db_path",
    "entry_ids_on_disk",
    "good_backup",
    "load_entry_file",
    "load_index",
    "prepare_writer_folder",
    "read_with_journal",
]


def default_db_path() -> Path:
    """The index in the per-user data folder (e.g. ~/.local/share/rebound/rebound.json)."""
    return platformdirs.user_data_path("rebound") / "rebound.json"


def _same_file(a: os.stat_result | None, b: os.stat_result | None) -> bool:
    if a is None or b is None:
        return a is b
    keys = ("st_ino", "st_dev", "st_size", "st_mtime_ns")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def read_with_journal(path: Path, journal: Path) -> tuple[bytes | None, bytes]:
    """A file's bytes (None if missing) and the journal's, taken as one consistent pair.

    A reader races the writer: if the file was replaced while we read the journal, the
    journal may already have been emptied, so read both again.
    """
    raw: bytes | None = None
    logged = b""
    for _attempt in range(10):
        try:
            before = _stat(path)
            raw = read_own(path)
            logged = read_own(journal) or b""
            after = _stat(path)
        except StoreError:
            raise
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {os_reason(exc)}") from exc
        if _same_file(before, after):
            break
    return raw, logged


def load_index(path: Path, raw: bytes | Handed) -> tuple[Tables, int]:
    """The index's tables (or an old single file's, checked) and the schema they have.
    Bytes `Handed` over are freed as soon as they are decoded."""
    try:
        return _load_index(path, raw, None)
    except DatabaseDamaged as exc:
        backup = good_backup(path)
        if backup is None:
            raise
        raise type(exc)(exc.path, exc.reason, backup) from None


def _load_index(path: Path, raw: bytes | Handed, backup: Path | None) -> tuple[Tables, int]:
    """Read a piece at a time with the entries packed as they are parsed (`scan_index`);
    a file that does not read that way is decoded whole, which names what is wrong."""
    if isinstance(raw, Handed):
        raw = raw.take()
    doc = scan_index(raw) if raw and b"\x00" not in raw else None
    handed, raw = Handed(raw), b""  # (the only reference left if it was handed over)
    if doc is None:
        doc = decode(path, handed, backup)
    del handed
    schema = schema_of(path, doc, backup)
    check_tables(path, doc, backup)
    if schema < SCHEMA_VERSION:
        entries = doc.get("entries")
        if isinstance(entries, PackedEntries):  # an old file's entries, as read
            doc["entries"] = dict(entries.items())
        check_single_file(path, doc, schema, backup)
    else:
        check_index(path, doc, backup)
    return doc, schema


def load_entry_file(path: Path, raw: bytes, entry_id: int) -> Tables:
    try:
        return _load_entry(path, raw, entry_id, None)
    except DatabaseDamaged as exc:
        backup = good_backup(path, entry_id)
        if backup is None:
            raise
        raise type(exc)(exc.path, exc.reason, backup) from None


def _load_entry(path: Path, raw: bytes, entry_id: int, backup: Path | None) -> Tables:
    tables = decode(path, raw, backup, EntryDamaged)
    schema_of(path, tables, backup, EntryDamaged)
    check_tables(path, tables, backup, EntryDamaged)
    check_entry_file(path, tables, entry_id, backup)
    return tables


def good_backup(path: Path, entry_id: int | None = None) -> Path | None:
    """`<path>.bak` if it exists and loads (a garbage one is never offered), else None."""
    backup = backup_of(path)
    try:
        raw = read_own(backup)
        if raw is None:
            return None
        if entry_id is None:
            _load_index(backup, raw, None)
        else:
            _load_entry(backup, raw, entry_id, None)
    except (StoreError, OSError):
        return None
    return backup


def prepare_writer_folder(path: Path) -> list[str]:
    """Make the data folder (0700) if it is ours; refuse a file with several names.

    Returns notices for the person (e.g. a folder other users can change).
    """
    folder = path.parent
    notices: list[str] = []
    try:
        if not folder.is_dir() or folder == default_db_path().parent:
            ensure_private_dir(folder)
    except OSError as exc:
        raise StoreError(f"cannot create the folder for {path}: {os_reason(exc)}") from exc
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(os.stat(folder).st_mode)
        if mode & 0o022:
            notices.append(
                f"{folder} can be changed by other users (mode {mode:o}); "
                f'"chmod 700 {folder}" keeps your writing yours.'
            )
    info = _stat(path)
    if info is not None and info.st_nlink > 1:
        raise StoreError(
            f"{path} has {info.st_nlink} names (hard links); saving replaces the file, which "
            "would split them apart. Keep one name (remove the others) and start again."
        )
    return notices


def clean_after_crash(path: Path) -> None:
    """Remove temp files left by a killed save. Only while holding the writer lock."""
    clean_stale_temps(path.parent, path.name)
    folder = entries_folder(path)
    with contextlib.suppress(OSError, NotOurFile):
        if folder.is_dir() and not folder.is_symlink():
            # (the names ".*.tmp" matches, found without a pattern match per entry file:
            # the folder holds thousands, and this runs at every start)
            for name in os.listdir(folder):
                if name[:1] == "." and name.endswith(".tmp") and len(name) > 4:
                    with contextlib.suppress(FileNotFoundError):
                        (folder / name).unlink()


def entry_ids_on_disk(path: Path) -> list[int]:
    """Ids of the entry files in the folder (for new ids that never reuse a file)."""
    try:
        names = os.listdir(entries_folder(path))
    except OSError:
        return []
    return [int(n[:-5]) for n in names if n.endswith(".json") and n[:-5].isdigit()]
