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

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, MutableMapping
from itertools import accumulate, chain
from json.encoder import encode_basestring_ascii  # what json.dumps(ensure_ascii) writes
from operator import itemgetter, methodcaller
from typing import Any

from rebound_tui.core.storage.journal import dumps

__all__ = ["FIELDS", "PackedEntries", "loose_records"]

#: An index record's fields, in the order Rebound writes them.
FIELDS = ("company", "role", "stage", "date", "internal", "created", "answered")
_MAX_OFFSET = 2**32 - 1  # the own texts' offsets are unsigned 32-bit numbers
Row = tuple[str, str, str, str, bool, str, str]  # a record's values, in FIELDS' order
_VALUES = itemgetter(*FIELDS)
_PLAIN_KEY = re.compile(r"0|[1-9][0-9]{0,17}")  # (what _doc_id takes)
_UTF8 = methodcaller("encode", "utf-8", "surrogatepass")


def _doc_id(key: object) -> int | None:
    """The number a key writes, if it writes it plainly ("12", not "012" or "+12")."""
    if type(key) is not str or not (0 < len(key) <= 18 and key.isascii() and key.isdigit()):
        return None
    if key[0] == "0" and key != "0":
        return None
    return int(key)


def _row_of(record: object) -> Row | None:
    """A record's values if it is one row: exactly the fields, in order, of their types."""
    if type(record) is not dict or tuple(record) != FIELDS:
        return None
    row = tuple(record.values())
    company, role, stage, date, internal, created, answered = row
    if (
        type(internal) is bool
        and type(company) is str
        and type(role) is str
        and type(stage) is str
        and type(date) is str
        and type(created) is str
        and type(answered) is str
    ):
        return row
    return None


def _largest(column: array[int]) -> int:
    return (1 << (8 * column.itemsize)) - 1


def _widened(column: array[int], number: int) -> array[int]:
    """The column as unsigned numbers just wide enough to hold `number` too (most tables
    need one byte a number: a few dozen shared texts; two for ids up to 65,535)."""
    for typecode in "BHIQ":
        if number <= _largest(array(typecode)):
            return column if typecode == column.typecode else array(typecode, column)
    raise OverflowError(number)


def _columns(records: dict[str, Any], after: int) -> tuple[list[int], list[Any]] | None:
    """The ids and the columns of values of records that are all rows, their ids plain,
    ascending and past `after`; None otherwise."""
    keys, found = list(records), list(records.values())
    if not keys or not all(map(_PLAIN_KEY.fullmatch, keys)):
        return None
    ids = list(map(int, keys))
    if ids[0] <= after or not all(map(int.__lt__, ids, ids[1:])):
        return None
    if not all(type(record) is dict for record in found):
        return None
    if not all(map(FIELDS.__eq__, map(tuple, found))):
        return None
    columns = list(zip(*map(_VALUES, found), strict=True))
    for n, column in enumerate(columns):
        if set(map(type, column)) != ({bool} if n == 4 else {str}):
            return None
    return ids, columns


class _OwnTexts:
    """Texts one after another, as UTF-8 in one bytearray: text i ends at `ends[i]`."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.ends = array("I")

    def __getitem__(self, i: int) -> str:
        start = self.ends[i - 1] if i else 0
        return self.data[start : self.ends[i]].decode("utf-8", "surrogatepass")

    def splice(self, i: int, count: int, texts: tuple[bytes, ...]) -> None:
        """Put `texts` in place of the `count` texts from text i on."""
        ends = self.ends
        start = ends[i - 1] if i else 0
        stop = ends[i + count - 1] if count else start
        if i == len(ends):  # at the end (as a file is read)
            data = self.data
            for text in texts:
                data += text
                ends.append(len(data))
            return
        new = b"".join(texts)
        if self.data[start:stop] != new:
            self.data[start:stop] = new
            shift = len(new) - (stop - start)
            for later in range(i + count, len(ends)):
                ends[later] += shift
        new_ends = array("I")
        for text in texts:
            start += len(text)
            new_ends.append(start)
        ends[i : i + count] = new_ends


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

    _NUMBERS = 5  # per row: company, role, stage, answered (shared texts' numbers), internal
    _OWN = 2  # per row: date, created

    def __init__(self, records: Iterable[tuple[str, Any]] = ()) -> None:
        self._ids = array("B")  # the rows' ids, ascending
        self._codes = _Codes()
        self._numbers = array("B")
        self._own = _OwnTexts()
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

    def _put(self, doc_id: int, values: Row) -> bool:
        """Keep a record's values as its id's row (new, or changed in place); False if its
        texts would not fit the offsets."""
        company, role, stage, date, internal, created, answered = values
        own = (date.encode("utf-8", "surrogatepass"), created.encode("utf-8", "surrogatepass"))
        if len(self._own.data) + len(own[0]) + len(own[1]) > _MAX_OFFSET:
            return False
        codes = self._codes
        numbers = (codes[company], codes[role], codes[stage], codes[answered], internal)
        if len(codes.texts) >> (8 * self._numbers.itemsize):  # too many for the width
            self._numbers = _widened(self._numbers, len(codes.texts))
        if doc_id >> (8 * self._ids.itemsize):
            self._ids = _widened(self._ids, doc_id)
        ids = self._ids
        if not ids or doc_id > ids[-1]:  # (as a file is read: ids come in order)
            ids.append(doc_id)
            self._numbers.extend(numbers)
            self._own.splice(len(self._own.ends), 0, own)
            return True
        row = bisect_left(ids, doc_id)
        count = 1 if ids[row] == doc_id else 0  # 1: a change, in place
        if not count:
            ids.insert(row, doc_id)
        first = row * self._NUMBERS
        width = self._numbers.typecode
        self._numbers[first : first + count * self._NUMBERS] = array(width, numbers)
        self._own.splice(row * self._OWN, count * self._OWN, own)
        return True

    def _remove(self, row: int) -> None:
        del self._ids[row]
        first = row * self._NUMBERS
        del self._numbers[first : first + self._NUMBERS]
        self._own.splice(row * self._OWN, self._OWN, ())

    def _record(self, row: int) -> dict[str, Any]:
        texts, numbers, own = self._codes.texts, self._numbers, self._own
        first = row * self._NUMBERS
        return {
            "company": texts[numbers[first]],
            "role": texts[numbers[first + 1]],
            "stage": texts[numbers[first + 2]],
            "date": own[row * self._OWN],
            "internal": bool(numbers[first + 4]),
            "created": own[row * self._OWN + 1],
            "answered": texts[numbers[first + 3]],
        }

    # ----------------------------------------------------------------- the mapping

    def __getitem__(self, key: str) -> Any:
        row = self._row(key)
        return self.loose[key] if row is None else self._record(row)

    def take_read(self, records: dict[str, Any]) -> None:
        """Records read from a file, in its order: as `self[key] = record` each, but when
        all of them are rows with ids past the last (a file Rebound wrote), column by
        column, without a Python step per record (issue 13: launch at 10,000 entries)."""
        after = self._ids[-1] if self._ids else -1
        found = _columns(records, after) if self.loose.keys().isdisjoint(records) else None
        if found is None or not self._append_columns(*found):
            for key, record in records.items():
                self[key] = record

    def _append_columns(self, ids: list[int], columns: list[tuple[Any, ...]]) -> bool:
        company, role, stage, date, internal, created, answered = columns
        own = list(map(_UTF8, chain.from_iterable(zip(date, created, strict=True))))
        data, ends = self._own.data, self._own.ends
        if len(data) + sum(map(len, own)) > _MAX_OFFSET:
            return False
        codes = self._codes
        shared = [
            list(map(codes.__getitem__, column)) for column in (company, role, stage, answered)
        ]
        if len(codes.texts) >> (8 * self._numbers.itemsize):
            self._numbers = _widened(self._numbers, len(codes.texts))
        if ids[-1] >> (8 * self._ids.itemsize):
            self._ids = _widened(self._ids, ids[-1])
        self._ids.extend(ids)
        self._numbers.extend(chain.from_iterable(zip(*shared, internal, strict=True)))
        ends.extend(accumulate(map(len, own), initial=len(data)))
        del ends[len(ends) - len(own) - 1]  # (the start, given as accumulate's initial)
        data += b"".join(own)
        return True

    def __setitem__(self, key: str, record: Any) -> None:
        doc_id = _doc_id(key)
        values = _row_of(record)
        if doc_id is not None and values is not None and self._put(doc_id, values):
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
            if _row_of(record) is not None:
                self[key] = record

    def created_times(self) -> Iterator[tuple[int, str, str]]:
        """(id, creation time, key) of every record, without building the records."""
        data, ends = self._own.data, self._own.ends
        spans = zip(self._ids, ends[0::2], ends[1::2], strict=True)  # (date's end: created's)
        if data.isascii():  # (then a byte's place is a character's)
            text = data.decode("ascii")
            for doc_id, start, end in spans:
                yield doc_id, text[start:end], ""
        else:
            for doc_id, start, end in spans:
                yield doc_id, data[start:end].decode("utf-8", "surrogatepass"), ""
        for key, record in self.loose.items():
            yield int(key), record["created"], key

    def json_text(self) -> str:
        """The table as `dumps` writes it as a dict, byte for byte."""
        texts = [encode_basestring_ascii(text) for text in self._codes.texts]
        numbers, own, text = self._numbers, self._own, encode_basestring_ascii
        parts = []
        for row, doc_id in enumerate(self._ids):
            first = row * self._NUMBERS
            company, role, stage, answered, internal = numbers[first : first + self._NUMBERS]
            parts.append(
                f'"{doc_id}":{{"company":{texts[company]},"role":{texts[role]},'
                f'"stage":{texts[stage]},"date":{text(own[row * self._OWN])},'
                f'"internal":{"true" if internal else "false"},'
                f'"created":{text(own[row * self._OWN + 1])},"answered":{texts[answered]}}}'
            )
        parts += [f"{text(key)}:{dumps(record)}" for key, record in self.loose.items()]
        return "{" + ",".join(parts) + "}"


def loose_records(table: Any) -> Any:
    """The records of a table that checks must look at: a packed table's rows were checked
    as they were packed (their fields and types are the index's), so only its loose ones."""
    return table.loose if isinstance(table, PackedEntries) else table
