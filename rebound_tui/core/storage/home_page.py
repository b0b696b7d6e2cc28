"""The newest page, ``rebound.json.home``: what the home screen shows first, kept beside the
index so that a start need not read every entry's record (issue 13: launch at 10,000
entries, where reading the index was most of what Rebound did before its first frame).

It holds how many entries there are, the newest :data:`NEWEST` of them (their index
records, newest first) and the settings, as the index had them when it was saved, with the
stamp of the index file it was made from (inode, size, modification and change time:
:func:`~rebound_tui.core.storage.files.stamp_and_change_time`) and a checksum of itself.
It is written after every save of the index, and when the writer finds it missing or out
of step. It is trusted only while the index is that very file (a save replaces the index:
a new inode; an edit, or a copy over it, changes its change time), by the writer, whose
lock keeps others from saving, with an empty journal (a replay would change what it says),
and when it is whole. Anything else (missing, a link, damaged, made from another index,
another format) and the index is read whole, as before. It holds nothing that is not in
the index: deleting it is safe. 0600, as every file Rebound writes.

No Textual import here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rebound_tui.core.storage.decode import check_entry_record
from rebound_tui.core.storage.errors import SCHEMA_VERSION, NotOurFile
from rebound_tui.core.storage.files import atomic_write, read_own, stamp_and_change_time
from rebound_tui.core.storage.journal import dumps

__all__ = ["NEWEST", "NewestPage", "page_path", "read_page", "write_page"]

#: How many of the newest entries the page holds (the home list's first page).
NEWEST = 100
_FORMAT = 1


def page_path(index: Path) -> Path:
    return index.with_name(index.name + ".home")


@dataclass(frozen=True)
class NewestPage:
    """The index as home first needs it: the count, the newest records, the settings."""

    count: int
    newest: list[tuple[int, dict[str, Any]]]  # (id, index record), newest first
    settings: dict[str, Any]


def _checksum(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=16).hexdigest()


def page_bytes(made_from: tuple[int, ...], page: NewestPage) -> bytes:
    """The file: a line naming its format and the index it was made from, then the page."""
    body = dumps(
        {
            "count": page.count,
            "newest": [list(pair) for pair in page.newest],
            "settings": page.settings,
        }
    ).encode("ascii")
    head = {"rebound_home": _FORMAT, "schema": SCHEMA_VERSION, "index": list(made_from)}
    return dumps({**head, "checksum": _checksum(body)}).encode("ascii") + b"\n" + body


def write_page(index: Path, page: NewestPage) -> None:
    """Write the page for the index as it is on disk now (just saved). A page that cannot
    be written (a full disk, a link planted at its name) is left out: the next start then
    reads the index whole, and a page out of step is never trusted."""
    made_from = stamp_and_change_time(index)
    if made_from is None:
        return
    with contextlib.suppress(OSError, NotOurFile):
        atomic_write(page_path(index), page_bytes(made_from, page), own=True)


def read_page(index: Path) -> NewestPage | None:
    """The page, if it is whole and made from the index file as it is now; else None."""
    try:
        raw = read_own(page_path(index))
    except (OSError, NotOurFile):
        return None
    if not raw:
        return None
    head_line, _, body = raw.partition(b"\n")
    try:
        head = json.loads(head_line)
        if not (
            isinstance(head, dict)
            and head.get("rebound_home") == _FORMAT
            and head.get("schema") == SCHEMA_VERSION
            and head.get("checksum") == _checksum(body)
            and head.get("index") == list(stamp_and_change_time(index) or ())
        ):
            return None
        return _page(json.loads(body))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def _page(doc: Any) -> NewestPage | None:
    count, newest, settings = doc["count"], doc["newest"], doc["settings"]
    if type(count) is not int or not isinstance(newest, list) or not isinstance(settings, dict):
        return None
    pairs: list[tuple[int, dict[str, Any]]] = []
    for entry_id, record in newest:
        if type(entry_id) is not int or not isinstance(record, dict):
            return None
        if check_entry_record(str(entry_id), record) is not None:
            return None
        pairs.append((entry_id, record))
    if not len(pairs) <= count or (len(pairs) < NEWEST and len(pairs) != count):
        return None
    return NewestPage(count, pairs, settings)
