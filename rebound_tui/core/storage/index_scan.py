"""Reading the index a piece at a time: its entries packed as they are parsed.

`json.loads` of the whole index holds the file's text (9 MB at 10,000 entries) and a dict
for every entry at once, before any of it can be packed (issue 13: peak memory). Here the
text is decoded a chunk at a time and each entry is parsed on its own and packed at once
(`PackedEntries`), so at the peak there are the file's bytes, a chunk of text and the packed
table. Everything else in the file (settings, meta, any other table) is parsed whole.

Only a well-formed file is read this way: anything unexpected (bad UTF-8, a JSON error, a
file that is not an object) gives None, and the caller reads the file the ordinary way,
which says what is wrong in the words it always has.

No Textual import here.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable
from typing import Any

from rebound_tui.core.storage.packed import PackedEntries
from rebound_tui.core.storage.tinydb_file import Tables

__all__ = ["CHUNK", "scan_index"]

CHUNK = 1 << 16  # bytes of the file decoded to text at a time
_MARGIN = 1 << 13  # text kept ahead of a record read the quick way
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's white space
_DECODER = json.JSONDecoder()
# One value at a place → (value, end), what raw_decode calls (typeshed lacks the attribute).
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]
_KEY = re.compile(r'[ \t\n\r]*"([0-9]+)"[ \t\n\r]*:[ \t\n\r]*(?=\{)')
_NEXT = re.compile(r"[ \t\n\r]*([,}])")


class _Unexpected(Exception):
    """The file is not a well-formed index: read it the ordinary way."""


class _Text:
    """The file's text, decoded as the scan reaches it; `pos` is the place in `buf`."""

    def __init__(self, raw: bytes) -> None:
        self._raw = raw
        self._done = 0  # bytes decoded so far
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self.buf = ""
        self.pos = 0
        self.more()
        if self.buf.startswith("\ufeff"):
            self.pos = 1

    def more(self) -> bool:
        """Decode the next chunk (at least as much as is held: a long value grows the
        buffer geometrically, not a chunk at a time); False at the end of the file."""
        if self._done >= len(self._raw):
            return False
        size = max(CHUNK, len(self.buf) - self.pos)
        chunk = self._raw[self._done : self._done + size]
        self._done += len(chunk)
        text = self._utf8.decode(chunk, final=self._done >= len(self._raw))
        self.buf = self.buf[self.pos :] + text
        self.pos = 0
        return True

    def char(self) -> str:
        """The next character that is not white space ("" at the end), not taken."""
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf) or not self.more():
                return self.buf[self.pos : self.pos + 1]

    def take(self, expected: str) -> str:
        """The next character, taken; it must be one of `expected`."""
        found = self.char()
        if not found or found not in expected:
            raise _Unexpected(found)
        self.pos += 1
        return found

    def value(self) -> Any:
        """The next JSON value. One that reaches the end of the text decoded so far may go
        on in the next chunk (a number), so it is parsed again with more text."""
        self.char()
        while True:
            try:
                found, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if self.more():
                    continue
                raise _Unexpected("not JSON") from None
            if end < len(self.buf) or not self.more():
                self.pos = end
                return found

    def key(self) -> str:
        if self.char() != '"':
            raise _Unexpected("a key")
        found = self.value()
        assert isinstance(found, str)
        return found

    def at_end(self) -> bool:
        return self.char() == ""


def _members(text: _Text, table: dict[str, Any] | PackedEntries, pack: bool) -> None:
    """An object's members into `table`: "entries" record by record, anything else whole."""
    text.take("{")
    if text.char() == "}":
        text.take("}")
        return
    while True:
        if not pack and _records(text, table):
            return
        key = text.key()
        text.take(":")
        if pack and key == "entries" and text.char() == "{":
            entries = PackedEntries()
            _members(text, entries, pack=False)
            table[key] = entries
        else:
            table[key] = text.value()
        if text.take(",}") == "}":
            return


def _records(text: _Text, table: dict[str, Any] | PackedEntries) -> bool:
    """Members as Rebound writes them (`"12":{...}`, then "," or "}") for as long as they
    come that way: True at the table's end; False to go on member by member.

    A packed table takes the records up to the last `},"` of the text at hand in one
    `json.loads`. That mark ends a record, or is past the table's end, inside a text, or
    in an object inside a record: then the piece does not parse (a text left open, a brace
    too many or too few), and the mark before it is tried; after three, one by one."""
    buf, pos, scan = text.buf, text.pos, _SCAN
    packing = isinstance(table, PackedEntries)
    search_end, failures = len(buf), 0  # marks at or past search_end ended no good piece
    while True:
        if len(buf) - pos < _MARGIN:  # decode more first: a record cut short costs more
            text.pos = pos
            if text.more():
                buf, pos = text.buf, text.pos
                search_end, failures = len(buf), 0
        cut = buf.rfind('},"', pos, search_end) if packing and failures < 3 else -1
        if cut > pos and buf.startswith('"', pos):
            try:
                piece = json.loads(f"{{{buf[pos : cut + 1]}}}")
            except (ValueError, RecursionError):  # past the table's end, or in a text
                search_end, failures = cut, failures + 1
                continue
            table.take_read(piece)  # type: ignore[union-attr]
            pos = cut + 2
            continue
        head = _KEY.match(buf, pos)
        if head is None:
            break
        try:
            record, end = scan(buf, head.end())
        except (StopIteration, ValueError):  # e.g. cut by the chunk's end
            break
        tail = _NEXT.match(buf, end)
        if tail is None:
            break
        table[head[1]] = record
        pos = tail.end()
        if tail[1] == "}":
            text.pos = pos
            return True
    text.pos = pos
    return False


def scan_index(raw: bytes) -> Tables | None:
    """The top-level tables of an index (or of any Rebound file) with the "entries" table
    packed, or None if the bytes are not well-formed JSON holding an object."""
    try:
        text = _Text(raw)
        doc: dict[str, Any] = {}
        if text.char() != "{":
            return None
        _members(text, doc, pack=True)
        return doc if text.at_end() else None
    except (_Unexpected, RecursionError, ValueError, TypeError, LookupError, OverflowError):
        return None  # (ValueError: bad UTF-8 too; the others: a shape not foreseen here)
