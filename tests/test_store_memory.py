"""Opening a big index costs memory in proportion to what it holds once, not three copies of
it (issue 13: peak memory at 10,000 entries). The index of 10,000 entries is ~9 MB of JSON,
most of it progress marks that many entries share; its bytes, its text and its parsed tables
used to be alive at once (3.5x the file at the peak), and every entry kept its own copy of
the same marks (1.5x the file for good); then the bytes and the text (2x), and a dict per
entry (0.45x). Now the text is decoded a chunk at a time and each entry is packed into
columns as it is parsed (`index_scan`, `PackedEntries`)."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from rebound_tui.core.storage.decode import Handed, decode
from rebound_tui.core.storage.errors import SCHEMA_VERSION, DatabaseDamaged
from rebound_tui.core.storage.index import encode_marks
from rebound_tui.core.storage.store import Store

#: Progress marks of a finished entry: ~30 answered exercises, as the demo databases have.
MARKS = encode_marks({f"section-{s}": [f"exercise-number-{e}" for e in range(6)] for s in range(5)})
STAGES = ("Application", "Phone screen", "Onsite", "Final round")


def write_index(path: Path, entries: int) -> int:
    """An index of `entries` finished entries, as Rebound writes it; returns its size."""
    records = {
        str(n): {
            "company": f"Company {n % 7}",
            "role": f"Role {n % 5}",
            "stage": STAGES[n % 4],
            "date": f"2025-{1 + n % 12:02}-{1 + n % 28:02}",
            "internal": n % 3 == 0,
            "created": f"2025-{1 + n % 12:02}-{1 + n % 28:02}T{n % 24:02}:{n % 60:02}:00+00:00",
            "answered": MARKS if n % 10 else "",
        }
        for n in range(1, entries + 1)
    }
    doc = {"entries": records, "settings": {}, "meta": {"1": {"schema": SCHEMA_VERSION}}}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(json.dumps(doc, separators=(",", ":")).encode("ascii"))
    return path.stat().st_size


def test_opening_a_big_index_never_holds_its_bytes_text_and_tables_at_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "rebound.json"
    size = write_index(path, 4000)
    tracemalloc.start()
    try:
        store = Store(path, read_only=True)
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(store.entries()) == 4000
    # The bytes and a chunk of their text at the peak (1.13x here; the whole text and then
    # a dict per entry: 2.0x); the packed entries hold ~55 bytes an entry and each shared
    # text once (0.06x; a dict each: 0.44x).
    assert peak < 1.25 * size, f"peak {peak / size:.2f}x the file"
    assert held < 0.09 * size, f"holds {held / size:.2f}x the file"


def test_entries_share_one_copy_of_equal_marks_and_facts(tmp_path: Path) -> None:
    path = tmp_path / "rebound.json"
    write_index(path, 50)
    store = Store(path, read_only=True)
    first, second, fifth = (store._data.index.record(n) for n in (1, 2, 5))
    assert first is not None and second is not None and fifth is not None
    assert first["answered"] == second["answered"] == MARKS
    assert first["answered"] is second["answered"]
    assert fifth["stage"] is first["stage"]
    assert store.get(1).answered == store.get(2).answered  # the marks read as before


def test_handed_bytes_are_let_go_once_decoded_and_damage_is_still_named(
    tmp_path: Path,
) -> None:
    handed = Handed(b'{"entries": {}}')
    assert decode(tmp_path / "x.json", handed, None) == {"entries": {}}
    with pytest.raises(RuntimeError):
        handed.take()  # let go: nothing holds the bytes after decoding
    bad = tmp_path / "bad.json"
    for raw, reason in (
        (b"\x00\x00", "only zero bytes"),
        (b'{"a": 1}\x00', "contains zero bytes"),
        (b"  \n ", "only blank space"),
        (b"", "empty file"),
    ):
        with pytest.raises(DatabaseDamaged, match=reason):
            decode(bad, Handed(raw), None)


def test_the_newest_page_is_the_start_of_every_entry_newest_first(tmp_path: Path) -> None:
    path = tmp_path / "rebound.json"
    write_index(path, 300)  # created times repeat: ties are broken by id, as entries() does
    store = Store(path, read_only=True)
    every = store.entries()
    for limit in (0, 1, 100, 300, 400):
        count, page = store.newest(limit)
        assert count == 300
        assert [e.id for e in page] == [e.id for e in every[:limit]]
        assert page == every[:limit]
