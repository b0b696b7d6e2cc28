"""TinyDB's extension point, a `Storage`, for one of Rebound's files: tables in memory,
written only when the store saves, atomically, with a last-good copy first.

TinyDB's own JSONStorage rewrites its file in place on every change (a kill mid-write
corrupts it) and serialises everything each time. Here every read and write goes through
TinyDB's tables and queries against the tables held in memory; `save()` writes them with
`atomic_write` (temp file, fsync, replace, fsync the folder). Before this session first
replaces a file that existed, the file as found is copied to `<name>.bak`. A save
serialises only the documents a change reached since the last one (the others' text is
kept), and writes the same bytes as serialising everything would.

No Textual import here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, MutableMapping
from json.encoder import encode_basestring_ascii  # what dumps writes for a text
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from rebound_tui.core.storage.files import WriteFailed, atomic_write, read_own
from rebound_tui.core.storage.journal import dumps
from rebound_tui.core.storage.packed import PackedEntries

__all__ = ["FileTinyDB", "Tables", "TablesFile", "backup_of"]

Tables = dict[str, dict[str, Any]]


class TablesFile(Storage):
    """The tables of one file, kept in memory; `changed` until they are saved."""

    def __init__(self, path: Path, tables: Tables, *, on_disk: bool) -> None:
        self.path = path
        self.tables = tables
        self.changed = False
        self._backed_up = not on_disk  # a new file has nothing to back up
        #: table → document key → `"key":{document}` as `dumps` writes it, for each
        #: document no change has reached since it was written so (see `forget`).
        self._pieces: dict[str, dict[str, str]] = {}

    def read(self) -> Tables:
        return self.tables

    def write(self, data: Tables) -> None:
        """TinyDB's way to store changed tables: any document may have changed."""
        self.tables = data
        self.changed = True
        self._pieces.clear()

    def forget(self, table: str, keys: Iterable[str]) -> None:
        """A change reached (and may have changed) these documents of `table`, and only
        these: `InPlaceTable` says which, instead of calling `write`."""
        pieces = self._pieces.get(table)
        for key in keys if pieces else ():
            pieces.pop(key, None)  # type: ignore[union-attr]

    def close(self) -> None:
        pass

    def payload(self) -> bytes:
        """The file's bytes as they would be saved now (take it under the store's lock).

        The index's `PackedEntries` writes itself: the same text `dumps` writes for it as
        a dict."""
        tables: dict[str, Any] = self.tables
        if type(tables) is not dict or any(type(name) is not str for name in tables):
            return dumps(tables).encode("ascii")  # (not as Rebound writes them)
        parts = []
        for name, table in tables.items():
            if isinstance(table, PackedEntries):
                text = table.json_text()
            elif type(table) is dict:
                text = self._table_text(name, table)
            else:
                text = dumps(table)
            parts.append(f"{encode_basestring_ascii(name)}:{text}")
        return ("{" + ",".join(parts) + "}").encode("ascii")

    def _table_text(self, name: str, table: dict[Any, Any]) -> str:
        """`dumps(table)`, from the kept text of each document no change has reached."""
        pieces = self._pieces.setdefault(name, {})
        if len(pieces) > len(table):  # some are gone
            for key in [key for key in pieces if key not in table]:
                del pieces[key]
        found = []
        for key, doc in table.items():
            piece = pieces.get(key)
            if piece is None:
                if type(key) is not str:
                    return dumps(table)  # (not as Rebound writes them: kept nowhere)
                piece = pieces[key] = f"{encode_basestring_ascii(key)}:{dumps(doc)}"
            found.append(piece)
        return "{" + ",".join(found) + "}"

    def save(self, payload: bytes) -> None:
        """Replace the file with `payload`; the first time, keep the file as found first.

        Raises WriteFailed (OSError) or NotOurFile (a link planted at the `.bak` name).
        """
        if not self._backed_up:
            found = read_own(self.path)
            if found is not None:
                try:
                    atomic_write(backup_of(self.path), found, own=True)
                except WriteFailed as exc:  # the person cares about the file, not its copy
                    raise WriteFailed(self.path, exc.reason, exc.errno) from exc
            self._backed_up = True
        atomic_write(self.path, payload, own=True)


def backup_of(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


class _ByNumber(MutableMapping[int, Any]):
    """A stored table (documents keyed by number as text) seen with int keys, in place.

    A table that hands out a fresh document on each read (the index's `PackedEntries`)
    gets the documents an update read back once it is done: TinyDB updates a document by
    changing the one it read."""

    def __init__(self, raw: MutableMapping[str, Any]) -> None:
        self.raw = raw
        self.read: dict[str, Any] = {}
        self.reached: set[str] = set()  # every document the update looked at or set

    def __getitem__(self, key: int) -> Any:
        found = self.raw[str(key)]
        self.reached.add(str(key))  # TinyDB changes a document in place
        if type(self.raw) is not dict:
            self.read[str(key)] = found
        return found

    def __setitem__(self, key: int, value: Any) -> None:
        self.read.pop(str(key), None)
        self.reached.add(str(key))
        self.raw[str(key)] = value

    def __delitem__(self, key: int) -> None:
        self.read.pop(str(key), None)
        self.reached.add(str(key))
        del self.raw[str(key)]

    def __contains__(self, key: object) -> bool:
        return str(key) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in list(self.raw))

    def __len__(self) -> int:
        return len(self.raw)

    def write_back(self) -> None:
        for key, document in self.read.items():
            self.raw[key] = document


class InPlaceTable(Table):
    """A TinyDB table whose changes cost what they change, not the table's size.

    TinyDB's own `_update_table` copies the whole table twice (to int keys and back) on
    every insert, update or remove: 10,000 entries made each progress change cost ~5 ms.
    The tables here live in memory (`TablesFile`), so the update runs on them in place.
    The method is TinyDB's (4.x, as pyproject.toml requires); tests/test_store.py times
    the paths through it on a 10,000-entry index.
    """

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        tables = self._storage.read() or {}
        raw = tables.setdefault(self.name, {})
        table = _ByNumber(raw)
        own = self._storage if isinstance(self._storage, TablesFile) else None
        try:
            updater(table)  # type: ignore[arg-type]
        finally:  # (an updater that raised may have changed some documents already)
            if own is not None:
                own.forget(self.name, table.reached)
        table.write_back()
        if own is not None:
            own.changed = True
        else:
            self._storage.write(tables)
        self.clear_cache()


class FileTinyDB(TinyDB):
    """TinyDB over a `TablesFile`, with tables changed in place."""

    table_class = InPlaceTable
