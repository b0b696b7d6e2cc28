"""The index's entries table held by column: ~55 bytes an entry instead of a dict each.

TinyDB keeps a table as a dict of documents (id as text → dict); for the index that is
~440 bytes per entry (the dict, its key, its own creation time), 4 MB at 10,000 entries
that every start parses and holds (issue 13: peak memory). `PackedEntries` is the same
table as TinyDB sees it — a mapping of id text → document, a fresh dict on each read — but
an entry written the way Rebound writes it (exactly the index fields, in their order, with
their types) is kept as one row of columns: texts many entries share (company, role,
stage, progress marks) once each and a number per row; the date and creation time as
UTF-8 bytes one after another. Anything else (an extra field, a field of another type, a
key that is not a plain number) is kept as it was read, as a dict, and checked as before.

On disk nothing changes: `json_text()` writes exactly what `dumps` writes for the dict.

No Textual import here.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, MutableMapping
from json.encoder import encode_basestring_ascii  # what json.dumps(ensure_ascii) writes
from typing import Any

from rebound_tui.core.storage.journal import dumps

__all__ = ["FIELDS", "PackedEntries", "loose_records"]

#: An index record's fields, in the order Rebound writes them.
FIELDS = ("company", "role", "stage", "date", "internal", "created", "answered")
_MAX_OFFSET = 2**32 - 1  # the own texts' offsets are unsigned 32-bit numbers


def _doc_id(key: object) -> int | None:
    """The number a key writes, if it writes it plainly ("12", not "012" or "+12")."""
    if type(key) is not str or not (0 < len(key) <= 18 and key.isascii() and key.isdigit()):
        return None
    if key[0] == "0" and key != "0":
        return None
    return int(key)


def _fits(record: object) -> bool:
    """Whether a record is one row: exactly the fields, in order, of their types."""
    if not isinstance(record, dict) or tuple(record) != FIELDS:
        return False
    company, role, stage, date, internal, created, answered = record.values()
    return (
        type(internal) is bool
        and type(company) is str
        and type(role) is str
        and type(stage) is str
        and type(date) is str
        and type(created) is str
        and type(answered) is str
    )


def _largest(column: array[int]) -> int:
    return (1 << (8 * column.itemsize)) - 1


def _widened(column: array[int], number: int) -> array[int]:
    """The column as unsigned numbers just wide enough to hold `number` too (most tables
    need one byte a number: a few dozen shared texts; two for ids up to 65,535)."""
    for typecode in "BHIQ":
        if number <= _largest(array(typecode)):
            return column if typecode == column.typecode else array(typecode, column)
    raise OverflowError(number)


class _OwnTexts:
    """One text per row, as UTF-8 bytes one after another (for texts rows seldom share)."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.ends = array("I")

    def __getitem__(self, row: int) -> str:
        start = self.ends[row - 1] if row else 0
        return self.data[start : self.ends[row]].decode("utf-8", "surrogatepass")

    def append(self, text: bytes) -> None:
        self.data += text
        self.ends.append(len(self.data))

    def insert(self, row: int, text: bytes) -> None:
        start = self.ends[row - 1] if row else 0
        self.data[start:start] = text
        self.ends.insert(row, start + len(text))
        self._shift(row + 1, len(text))

    def replace(self, row: int, text: bytes) -> None:
        start = self.ends[row - 1] if row else 0
        end = self.ends[row]
        if self.data[start:end] != text:
            self.data[start:end] = text
            self._shift(row, len(text) - (end - start))

    def remove(self, row: int) -> None:
        start = self.ends[row - 1] if row else 0
        end = self.ends[row]
        del self.data[start:end]
        del self.ends[row]
        self._shift(row, start - end)

    def _shift(self, first: int, by: int) -> None:
        ends = self.ends
        for row in range(first, len(ends)):
            ends[row] += by


class _Codes(dict[str, int]):
    """Shared text → its number; a text not seen before gets the next one."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []  # number → text

    def __missing__(self, text: str) -> int:
        code = self[text] = len(self.texts)
        self.texts.append(text)
        return code


class PackedEntries(MutableMapping[str, Any]):
    """The entries table: id text → record, most records kept as rows of columns."""

    def __init__(self, records: Iterable[tuple[str, Any]] = ()) -> None:
        self._ids = array("B")  # the rows' ids, ascending
        self._codes = _Codes()
        # Per row: a shared text's number (company, role, stage, answered), internal as
        # 0 or 1, and the row's own date and creation time.
        self._shared = [array("B") for _ in range(4)]
        self._internal = bytearray()
        self._date = _OwnTexts()
        self._created = _OwnTexts()
        self.loose: dict[str, Any] = {}  # records that are not rows, as read
        for key, record in records:
            self[key] = record

    # ----------------------------------------------------------------- rows

    def _row(self, key: object) -> int | None:
        doc_id = _doc_id(key)
        if doc_id is None:
            return None
        row = bisect_left(self._ids, doc_id)
        return row if row < len(self._ids) and self._ids[row] == doc_id else None

    def _put(self, doc_id: int, record: dict[str, Any]) -> bool:
        """Keep a record that fits as its id's row (new, or changed in place); False if
        its texts would not fit the columns' offsets."""
        company, role, stage, date, internal, created, answered = record.values()
        date = date.encode("utf-8", "surrogatepass")
        created = created.encode("utf-8", "surrogatepass")
        if len(self._created.data) + len(created) > _MAX_OFFSET:
            return False
        if len(self._date.data) + len(date) > _MAX_OFFSET:
            return False
        codes = self._codes
        numbers = [codes[text] for text in (company, role, stage, answered)]
        if len(codes.texts) > _largest(self._shared[0]):  # a number each row can hold
            self._shared = [_widened(column, len(codes.texts)) for column in self._shared]
        if doc_id > _largest(self._ids):
            self._ids = _widened(self._ids, doc_id)
        ids = self._ids
        shared = zip(self._shared, numbers, strict=True)
        if not ids or doc_id > ids[-1]:  # (as a file is read: ids come in order)
            for column, number in shared:
                column.append(number)
            ids.append(doc_id)
            self._internal.append(internal)
            self._date.append(date)
            self._created.append(created)
            return True
        row = bisect_left(ids, doc_id)
        if ids[row] == doc_id:  # a change (e.g. its progress marks): in place
            for column, number in shared:
                column[row] = number
            self._internal[row] = internal
            self._date.replace(row, date)
            self._created.replace(row, created)
            return True
        for column, number in shared:
            column.insert(row, number)
        ids.insert(row, doc_id)
        self._internal.insert(row, internal)
        self._date.insert(row, date)
        self._created.insert(row, created)
        return True

    def _remove(self, row: int) -> None:
        del self._ids[row]
        for column in self._shared:
            del column[row]
        del self._internal[row]
        self._date.remove(row)
        self._created.remove(row)

    def _record(self, row: int) -> dict[str, Any]:
        texts = self._codes.texts
        company, role, stage, answered = (texts[column[row]] for column in self._shared)
        return {
            "company": company,
            "role": role,
            "stage": stage,
            "date": self._date[row],
            "internal": bool(self._internal[row]),
            "created": self._created[row],
            "answered": answered,
        }

    # ----------------------------------------------------------------- the mapping

    def __getitem__(self, key: str) -> Any:
        row = self._row(key)
        return self.loose[key] if row is None else self._record(row)

    def __setitem__(self, key: str, record: Any) -> None:
        doc_id = _doc_id(key)
        if doc_id is not None and _fits(record) and self._put(doc_id, record):
            if self.loose:
                self.loose.pop(key, None)
            return
        row = self._row(key)
        if row is not None:
            self._remove(row)
        self.loose[key] = record

    def __delitem__(self, key: str) -> None:
        row = self._row(key)
        if row is None:
            del self.loose[key]
        else:
            self._remove(row)

    def __contains__(self, key: object) -> bool:
        return self._row(key) is not None or key in self.loose

    def __iter__(self) -> Iterator[str]:
        for doc_id in self._ids:
            yield str(doc_id)
        yield from self.loose

    def __len__(self) -> int:
        return len(self._ids) + len(self.loose)

    # ----------------------------------------------------------------- the index's own uses

    def repack(self) -> None:
        """Take in as rows the loose records that now fit (e.g. once checked and updated)."""
        for key, record in list(self.loose.items()):
            if _fits(record):
                self[key] = record

    def max_id(self) -> int:
        """The highest id of any record (0 for none)."""
        loose = [int(key) for key in self.loose]
        return max([self._ids[-1] if self._ids else 0, *loose])

    def created_times(self) -> Iterator[tuple[str, str]]:
        """(key, creation time) of every record, without building the records."""
        created = self._created
        for row, doc_id in enumerate(self._ids):
            yield str(doc_id), created[row]
        for key, record in self.loose.items():
            yield key, record["created"]

    def json_text(self) -> str:
        """The table as `dumps` writes it as a dict, byte for byte."""
        texts = [encode_basestring_ascii(text) for text in self._codes.texts]
        company, role, stage, answered = self._shared
        internal = self._internal
        parts = [
            f'"{doc_id}":{{"company":{texts[company[row]]},"role":{texts[role[row]]},'
            f'"stage":{texts[stage[row]]},"date":{encode_basestring_ascii(self._date[row])},'
            f'"internal":{"true" if internal[row] else "false"},'
            f'"created":{encode_basestring_ascii(self._created[row])},'
            f'"answered":{texts[answered[row]]}}}'
            for row, doc_id in enumerate(self._ids)
        ]
        parts += [
            f"{encode_basestring_ascii(key)}:{dumps(record)}" for key, record in self.loose.items()
        ]
        return "{" + ",".join(parts) + "}"


def loose_records(table: Any) -> Any:
    """The records of a table that checks must look at: a packed table's rows were checked
    as they were packed (their fields and types are the index's), so only its loose ones."""
    return table.loose if isinstance(table, PackedEntries) else table
