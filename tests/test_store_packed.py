"""The index's entries held by column (`PackedEntries`) and read a chunk at a time
(`scan_index`) are the same table, and write the same bytes, as the dict TinyDB would hold:
whatever a file holds, in whatever layout, and whatever changes are made to it."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from rebound_tui.core.storage import index_scan
from rebound_tui.core.storage.errors import SCHEMA_VERSION, DatabaseDamaged
from rebound_tui.core.storage.index_scan import scan_index
from rebound_tui.core.storage.journal import dumps
from rebound_tui.core.storage.opening import load_index
from rebound_tui.core.storage.packed import PackedEntries
from rebound_tui.core.storage.store import Store


def record(n: int, **changed: Any) -> dict[str, Any]:
    doc = {
        "company": f"Company {n % 3}",
        "role": "Engineer",
        "stage": "Onsite",
        "date": f"2025-01-{1 + n % 28:02}",
        "internal": n % 2 == 0,
        "created": f"2025-01-01T10:{n % 60:02}:00+01:00",
        "answered": "facts\tvent" if n % 4 else "",
    }
    return {**doc, **changed}


#: Records a row cannot hold: kept as read, and checked as before.
ODD = {
    "3": record(3, extra="kept"),  # a field Rebound does not write
    "4": {"role": "r", **record(4)},  # another order
    "6": record(6, answered={"facts": ["vent"]}),  # progress marks of the first form
    "007": record(7),  # a key that is not written plainly
    "11,12": record(11),  # nor this
    "8": record(8, internal=1),  # a number for true/false
    "9": [1, 2],  # not a document at all
}
UNUSUAL = {  # rows, with texts a plain ASCII scan could get wrong
    "1": record(1, company="Ünïcode ☃", role=""),
    "2": record(2, created="\ud800 lone surrogate", date='quote " and \\ slash'),
    "5": record(5, stage="tab\there\nline"),
    "10": record(10, company="}{,:"),
}


def as_dict(table: PackedEntries) -> dict[str, Any]:
    return {key: table[key] for key in table}


def test_every_record_reads_back_as_it_was_given_and_writes_the_same_json() -> None:
    given = {**UNUSUAL, **ODD}
    table = PackedEntries(given.items())
    assert as_dict(table) == given
    assert len(table) == len(given)
    assert set(table.loose) == set(ODD)  # the others are rows
    assert json.loads(table.json_text()) == given
    rows_only = PackedEntries(UNUSUAL.items())
    ordered = dict(sorted(UNUSUAL.items(), key=lambda item: int(item[0])))
    assert rows_only.json_text() == dumps(ordered)  # byte for byte
    assert "11" not in table and "x" not in table and 11 not in table
    with pytest.raises(KeyError):
        table["11"]


def test_changes_keep_the_table_equal_to_a_dict_given_the_same_changes() -> None:
    rng = random.Random(13)
    table = PackedEntries()
    same: dict[str, Any] = {}
    for step in range(3000):
        key = str(rng.randrange(1, 60)) if step % 50 else rng.choice(["007", "x"])
        if key in same and rng.random() < 0.3:
            del table[key]
            del same[key]
            continue
        created = "é" * rng.randrange(0, 30)  # texts of another length in a row's place
        doc = record(step, created=created) if rng.random() < 0.8 else rng.choice([*ODD.values()])
        table[key] = doc
        same[key] = doc
    assert as_dict(table) == same
    assert json.loads(table.json_text()) == same
    table.repack()
    assert as_dict(table) == same


def test_columns_widen_for_many_texts_and_big_ids() -> None:
    """Numbers start a byte wide and widen as the texts and ids grow (past 255, 65,535 and
    4,294,967,295), and every row still reads back as it was."""
    given = {
        str(n): record(n, company=f"c{n}", role=f"r{n}", stage=f"s{n}", answered=f"a{n}")
        for n in range(1, 17_500)
    }
    given |= {str(n): record(n) for n in (70_000, 2**32 + 5, 10**17)}
    table = PackedEntries(given.items())
    assert not table.loose
    assert as_dict(table) == given
    table["3"] = record(3)  # a change in place, and a row inserted between others
    table["69999"] = record(1)
    assert table["3"] == record(3) and table["69999"] == record(1)
    assert table[str(2**32 + 5)] == record(2**32 + 5)


def test_a_change_that_moves_where_one_text_ends_is_kept() -> None:
    table = PackedEntries([("1", record(1, date="ab", created="c")), ("2", record(2))])
    table["1"] = record(1, date="a", created="bc")  # the same bytes, split elsewhere
    assert table["1"] == record(1, date="a", created="bc")
    assert table["2"] == record(2)


def test_the_same_key_twice_in_a_file_reads_as_json_reads_it() -> None:
    raw = index_bytes({}).replace(
        b'"entries":{}',
        b'"entries":{"1":'
        + json.dumps(record(1, extra=1)).encode()
        + b',"1":'
        + json.dumps(record(2)).encode()
        + b"}",
    )
    doc = scan_index(raw)
    assert doc is not None
    assert dict(doc["entries"].items()) == json.loads(raw)["entries"] == {"1": record(2)}


def test_a_record_that_comes_to_fit_is_packed_when_repacked() -> None:
    table = PackedEntries([("6", record(6, answered={"facts": ["vent"]}))])
    assert set(table.loose) == {"6"}
    table.loose["6"]["answered"] = "facts\tvent"
    table.repack()
    assert not table.loose and table["6"] == record(6, answered="facts\tvent")


def index_bytes(entries: dict[str, Any], indent: int | None = None, **more: Any) -> bytes:
    doc = {"entries": entries, "settings": {"1": {"n": 1}}, **more, "meta": {"1": {"schema": 2}}}
    separators = (",", ":") if indent is None else None
    return json.dumps(doc, indent=indent, separators=separators).encode()


@pytest.mark.parametrize("indent", [None, 2])
@pytest.mark.parametrize("chunk", [7, 64, 1 << 16])
def test_the_scan_reads_any_layout_whatever_the_chunk_size(
    monkeypatch: pytest.MonkeyPatch, indent: int | None, chunk: int
) -> None:
    """Chunk ends fall inside keys, texts, numbers and multi-byte characters."""
    monkeypatch.setattr(index_scan, "CHUNK", chunk)
    monkeypatch.setattr(index_scan, "_MARGIN", chunk // 2)
    entries = {str(n): record(n) for n in range(20, 60)} | UNUSUAL | ODD
    raw = index_bytes(entries, indent, n=1234567890)
    doc = scan_index(b"\xef\xbb\xbf" + raw)  # a BOM is read as json.loads reads it
    assert doc is not None
    assert {**doc, "entries": dict(doc["entries"].items())} == json.loads(raw)
    assert isinstance(doc["entries"], PackedEntries)
    assert doc["n"] == 1234567890  # (a number cut by a chunk's end is read whole)


@pytest.mark.parametrize("chunk", [4096, 1 << 16])
def test_a_file_rebound_wrote_is_read_column_by_column(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """Pieces of many records each go into the columns at once; what is read is the same."""
    monkeypatch.setattr(index_scan, "CHUNK", chunk)
    monkeypatch.setattr(index_scan, "_MARGIN", chunk // 2)
    entries = {str(n): record(n, company=f"Ünïcode {n % 300}") for n in range(3, 3000)}
    entries["3000"] = record(3000, extra=1)  # and one that is not a row, at the end
    for n in range(1000, 1010):  # texts holding the mark pieces end at: they do not parse
        entries[str(n)] = record(n, company="ends like a record },", role='},"1":{')
    one_by_one = []
    setitem = PackedEntries.__setitem__

    def counted(table: PackedEntries, key: str, record: Any) -> None:
        one_by_one.append(key)
        setitem(table, key, record)

    monkeypatch.setattr(PackedEntries, "__setitem__", counted)
    doc = scan_index(index_bytes(entries))
    assert doc is not None
    assert dict(doc["entries"].items()) == entries
    assert len(one_by_one) < len(entries) / 10


@pytest.mark.parametrize(
    "raw",
    [
        b'{"entries": {"1": {"company": "a"}',  # cut off
        b'{"entries": {"1": }}',
        b'{"entries": {}} {}',  # something after the end
        b"[1, 2]",
        b"   ",
        b'{"entries": {"1": "\xff"}}',  # not UTF-8
        b'{"entries": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    ],
    ids=["cut", "no-value", "extra", "list", "blank", "not-utf8", "too-deep"],
)
def test_anything_unexpected_is_left_to_the_ordinary_reading(raw: bytes) -> None:
    assert scan_index(raw) is None


def test_a_damaged_index_is_named_as_before(tmp_path: Path) -> None:
    path = tmp_path / "rebound.json"
    for raw, reason in (
        (index_bytes({"1": record(1)})[:-3], "cut off before its end"),
        (b'{"entries": {"1": record}}', "not valid JSON: Expecting value at line 1, column 19"),
        (index_bytes({"1": record(1, created=5)}), "entry 1: created is a number"),
        (index_bytes({"1": record(1), "x": record(2)}), "document numbered 'x'"),
        (index_bytes({"1": record(1), "2,3": record(2), "4": record(4)}), "numbered '2,3'"),
    ):
        with pytest.raises(DatabaseDamaged, match=reason):
            load_index(path, raw)


def test_a_store_on_a_packed_index_reads_changes_and_saves_as_before(tmp_path: Path) -> None:
    path = tmp_path / "rebound.json"
    entries = {str(n): record(n) for n in range(1, 40)} | {"50": record(50, extra=1)}
    doc = {"entries": entries, "settings": {}, "meta": {"1": {"schema": SCHEMA_VERSION}}}
    path.write_text(dumps(doc))
    with Store(path) as store:
        assert [e.id for e in store.entries()][:3] == [50, 39, 38]  # newest first (10:50)
        assert store.newest(3)[1] == store.entries()[:3]
        store.set_answer(4, "facts", "vent", "it stung")
        store.set_answer(50, "facts", "vent", "and this")
        made = store.create_entry(company="New", role="", stage="", date="", internal=False)
    saved = json.loads(path.read_text())["entries"]
    assert saved["4"]["answered"] == "facts\tvent"
    assert saved["50"] == {**record(50, extra=1), "answered": "facts\tvent"}
    assert saved[str(made.id)]["company"] == "New" and made.id == 51
    assert {k: v for k, v in saved.items() if k not in ("4", "50", "51")} == {
        k: v for k, v in entries.items() if k not in ("4", "50")
    }
    with Store(path, read_only=True) as again:
        assert again.get(4).answered == {"facts": ["vent"]}
        assert again.get(4).answers == {"facts": {"vent": "it stung"}}


def test_an_entry_with_a_field_added_by_hand_opens_and_keeps_the_field(tmp_path: Path) -> None:
    """A field Rebound does not know (added by hand, or by a later release) is not a reason
    to fail: the entry opens with its facts, and the field stays in the index as written."""
    path = tmp_path / "rebound.json"
    entries = {"1": record(1), "2": record(2, extra="kept")}
    doc = {"entries": entries, "settings": {}, "meta": {"1": {"schema": SCHEMA_VERSION}}}
    path.write_text(dumps(doc))
    with Store(path) as store:
        opened = store.get(2)
        assert (opened.id, opened.company, opened.answers) == (2, record(2)["company"], {})
        store.set_answer(2, "facts", "vent", "still here")
        assert store.get(2).answers == {"facts": {"vent": "still here"}}
    assert json.loads(path.read_text())["entries"]["2"]["extra"] == "kept"


@pytest.mark.parametrize(
    "odd",
    [None, "2025-01-01T12:00:00", "not a time", "2025-01-01T12:00:00.5+05:30"],
    ids=["offsets", "naive", "garbage", "fraction"],
)
def test_the_newest_page_orders_times_as_instants_whatever_they_hold(
    tmp_path: Path, odd: str | None
) -> None:
    """Offsets are compared as instants (10:30+02:00 is before 09:45+00:00); a time with no
    offset, or none at all, is ordered as `entries()` orders it."""
    path = tmp_path / "rebound.json"
    times = ["2025-01-01T10:30:00+02:00", "2025-01-01T09:45:00+00:00", "2025-01-01T08:00:00-05:00"]
    entries = {str(n): record(n, created=times[n % 3]) for n in range(1, 30)}
    if odd is not None:
        entries["7"] = record(7, created=odd)
    doc = {"entries": entries, "settings": {}, "meta": {"1": {"schema": SCHEMA_VERSION}}}
    path.write_text(dumps(doc))
    store = Store(path, read_only=True)
    every = store.entries()
    for limit in (1, 5, 29, 40):
        assert store.newest(limit) == (29, every[:limit])
    assert every[0].created == "2025-01-01T08:00:00-05:00"  # 13:00 UTC: the newest


def test_a_damaged_or_odd_index_reads_as_the_whole_file_decoded_would(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Bytes changed, cut or doubled at random: the scan gives what decoding the whole file
    gives (the same tables, or the same reason), whatever it meets."""
    from rebound_tui.core.storage import opening

    monkeypatch.setattr(index_scan, "CHUNK", 256)
    monkeypatch.setattr(index_scan, "_MARGIN", 128)
    entries = {str(n): record(n) for n in range(1, 30)} | {"30": record(30, company="x},")}
    good = index_bytes(entries)
    rng = random.Random(5)
    path = tmp_path / "rebound.json"

    def outcome(raw: bytes) -> object:
        try:
            doc, schema = opening._load_index(path, raw, None)
        except DatabaseDamaged as exc:
            return exc.reason
        return schema, {name: dict(table.items()) for name, table in doc.items()}

    for _ in range(400):
        raw = bytearray(good)
        for _ in range(rng.randrange(1, 4)):
            at = rng.randrange(len(raw))
            change = rng.randrange(4)
            if change == 0:
                raw[at] = rng.choice(b'{}[],:"\\ 0123456789aet\xff')
            elif change == 1:
                del raw[at:]
            elif change == 2:
                raw[at:at] = raw[at : at + rng.randrange(1, 400)]
            else:
                del raw[at : at + rng.randrange(1, 50)]
        scanned = outcome(bytes(raw))
        with monkeypatch.context() as whole:
            whole.setattr(opening, "scan_index", lambda raw: None)
            assert scanned == outcome(bytes(raw))
