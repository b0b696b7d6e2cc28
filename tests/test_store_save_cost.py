"""What one save costs, counted rather than timed (issue 13: a save of one changed answer
against writing that entry's file by hand), and that every shortcut writes exactly what the
long way would.

- A save serialises only the documents a change reached since the last save; the bytes are
  those of serialising every table (`dumps`), checked over random changes.
- Typing into an answer finds it by its document id, not by a query over the entry.
- A journal record of plain texts and numbers is applied as it is, without a JSON round trip,
  only when the round trip would give it back unchanged.
- The temp file of a save is made without `mkstemp`, new, never through a link.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rebound_tui.core.nesting import KeptAnswer
from rebound_tui.core.storage import entry_file as entry_file_mod
from rebound_tui.core.storage import facts, files, tinydb_file
from rebound_tui.core.storage.entry_file import EntryFile, entry_tables
from rebound_tui.core.storage.files import atomic_write, clean_stale_temps, open_temp
from rebound_tui.core.storage.journal import dumps, reads_back_as_is
from rebound_tui.core.storage.store import Store
from tests.helpers.on_disk import entry_file
from tests.test_store import FACTS

STAMP = "2026-11-26T10:00:00+00:00"

texts = st.text(max_size=12)  # any code point: lone surrogates, controls, RTL, emoji
answers = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | texts
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
ids = st.sampled_from(["s", "t", "ü"])
changes = st.lists(
    st.tuples(ids, ids, answers | st.just(KeptAnswer('[[["kept"]]]')), st.booleans()),
    min_size=1,
    max_size=25,
)


def serialised_whole(file: EntryFile) -> bytes:
    return dumps(file.file.tables).encode("ascii")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=changes, duplicate=st.booleans())
def test_a_save_writes_exactly_what_serialising_everything_writes(
    changes: list[tuple[str, str, Any, bool]], duplicate: bool
) -> None:
    """After any changes, saved at any moments, the bytes are `dumps` of every table."""
    tables = entry_tables(1, STAMP, {"s": {"s": "first", "t": ["a", "b"]}})
    if duplicate:  # a hand-edited file may hold one answer twice
        tables["answers"]["9"] = {"section": "s", "exercise": "s", "value": "again"}
    file = EntryFile(Path("/nonexistent/1.json"), 1, tables, on_disk=False)
    for section, exercise, value, save_now in changes:
        file.set(section, exercise, value, STAMP)
        if save_now:
            assert file.file.payload() == serialised_whole(file)
    assert file.file.payload() == serialised_whole(file)


def test_a_file_with_one_answer_twice_changes_as_a_query_would() -> None:
    """Both copies change (TinyDB's upsert), the first one is read, an erase takes both."""
    tables = entry_tables(1, STAMP, {"s": {"vent": "one"}})
    tables["answers"]["2"] = {"section": "s", "exercise": "vent", "value": "two"}
    file = EntryFile(Path("/nonexistent/1.json"), 1, tables, on_disk=False)
    assert file.value("s", "vent") == "one"
    file.set("s", "vent", "both", STAMP)
    assert [d["value"] for d in tables["answers"].values()] == ["both", "both"]
    file.set("s", "vent", "", STAMP)
    assert tables["answers"] == {}
    file.set("s", "vent", "back", STAMP)
    assert file.value("s", "vent") == "back" and len(tables["answers"]) == 1


def test_one_changed_answer_serialises_only_that_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The long way serialises the whole entry on every save; a save of one change
    serialises that answer and the entry's time stamp."""
    path = tmp_path / "rebound.json"
    long_answers = {"s": {f"q{n}": f"an answer of some length {n} " * 20 for n in range(40)}}
    with Store(path) as writer:
        entry = writer.create_entry(**FACTS, answers=long_answers)
    writer = Store(path)
    writer.set_answer(entry.id, "s", "q1", "first change")
    writer.flush()  # the first save keeps the backup copy
    written: list[int] = []
    real = tinydb_file.dumps

    def counting(value: Any) -> str:
        text = real(value)
        written.append(len(text))
        return text

    monkeypatch.setattr(tinydb_file, "dumps", counting)
    writer.set_answer(entry.id, "s", "q7", "typed")
    writer.flush()
    monkeypatch.undo()
    size = entry_file(path, entry.id).stat().st_size
    assert sum(written) < 300 < size / 20, (written, size)
    writer.close()
    with Store(path, read_only=True) as reader:
        assert reader.get(entry.id).answers["s"] == {
            **long_answers["s"],
            "q1": "first change",
            "q7": "typed",
        }


def test_typing_into_an_answer_runs_no_query_over_the_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "rebound.json"
    writer = Store(path)
    entry = writer.create_entry(**FACTS, answers={"s": {f"q{n}": "x" for n in range(30)}})
    writer.set_answer(entry.id, "s", "vent", "a")

    def no_query(section: str, exercise: str) -> Any:
        raise AssertionError("a query looked at every answer of the entry")

    monkeypatch.setattr(entry_file_mod, "_where", no_query)
    for text in ("ab", "abc", "abcd", ""):
        writer.set_answer(entry.id, "s", "vent", text)
    writer.set_answer(entry.id, "s", "new", "b")
    monkeypatch.undo()
    writer.close()
    with Store(path, read_only=True) as reader:
        found = reader.get(entry.id).answers["s"]
        assert "vent" not in found and found["new"] == "b" and len(found) == 31


@given(value=answers, section=texts)
def test_a_record_applied_as_it_is_is_what_its_journal_line_reads_back_as(
    value: Any, section: str
) -> None:
    record = {"op": "set", "id": 3, "s": section, "e": "x", "v": value, "t": STAMP}
    if reads_back_as_is(record):
        replayed = json.loads(dumps(record))
        assert replayed == record
        assert [type(v) for v in replayed.values()] == [type(v) for v in record.values()]


def test_records_that_would_change_in_a_round_trip_are_not_taken_as_they_are() -> None:
    for value in (1.5, [1], {"a": 1}, (1,), KeptAnswer("[1]")):
        assert not reads_back_as_is({"op": "set", "v": value})
    assert reads_back_as_is({"op": "set", "id": 2, "v": "text \udc80 \x1b", "b": True, "n": None})


def test_a_saves_temp_file_is_new_private_and_cleaned_as_a_stale_one(tmp_path: Path) -> None:
    target = tmp_path / "rebound.json"
    fd, name = open_temp(target)
    os.close(fd)
    assert Path(name).parent == tmp_path and os.stat(name).st_mode & 0o777 == 0o600
    assert clean_stale_temps(tmp_path, target.name) == 1


def test_a_link_at_the_temp_files_name_is_never_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name already taken (here by a link to another file) is left alone: `mkstemp`
    picks another."""
    target, victim = tmp_path / "rebound.json", tmp_path / "victim"
    victim.write_bytes(b"untouched")
    monkeypatch.setattr(files, "_temp_numbers", iter([7, 8]))
    os.symlink(victim, tmp_path / f".rebound.json.{os.getpid()}-7.tmp")
    atomic_write(target, b"saved", own=True)
    assert target.read_bytes() == b"saved" and victim.read_bytes() == b"untouched"
    assert os.path.islink(tmp_path / f".rebound.json.{os.getpid()}-7.tmp")


def test_time_stamps_are_this_second_made_once_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1_700_000_000.2]
    monkeypatch.setattr(facts.time, "time", lambda: clock[0])
    first = facts.now()
    assert first == dt.datetime.fromtimestamp(1_700_000_000).astimezone().isoformat(
        timespec="seconds"
    )
    clock[0] += 0.7
    assert facts.now() == first
    clock[0] += 0.2
    assert facts.now() != first


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    steps=st.lists(
        st.tuples(st.sampled_from([1, 2]), ids, st.sampled_from(["", "x", "long enough", None])),
        min_size=1,
        max_size=30,
    )
)
def test_progress_marks_follow_every_change_without_reading_the_index_each_time(
    steps: list[tuple[int, str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The marks a store keeps in its index are those of the answers it holds, for two
    entries with the same exercise ids, under a rule where a short answer does not count."""
    path = tmp_path_factory.mktemp("marks") / "rebound.json"
    writer = Store(path, counts=lambda s, e, v: isinstance(v, str) and len(v) > 3)
    for _ in range(2):
        writer.create_entry(**FACTS)
    for entry_id, exercise, value in steps:
        writer.set_answer(entry_id, "s", exercise, value)
    for summary in writer.entries():
        answers = writer.get(summary.id).answers.get("s", {})
        counted = sorted(e for e, v in answers.items() if len(v) > 3)
        assert summary.answered.get("s", []) == counted
    writer.close()
