"""The patterns cache (`<index>.patterns`): each entry's figures kept beside the index, so the
patterns screen reads one file. Whatever happens to the entry files, the patterns it gives are
the ones read from every entry (`patterns.compute`), and it never trusts or writes what it
should not.
"""

from __future__ import annotations

import json
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from rebound_tui.core import patterns
from rebound_tui.core.content import Workbook
from rebound_tui.core.demo import fill
from rebound_tui.core.patterns_cache import cache_path
from rebound_tui.core.storage.store import Store

START = ("frustration", "intensity-before")


@pytest.fixture
def saved(db_path: Path, workbook: Workbook) -> Path:
    """The demo history, saved and closed: the next store is a new session."""
    with Store(db_path) as store:
        fill(store, workbook, history=True)
    return db_path


def _from_every_file(db: Path, workbook: Workbook) -> patterns.Patterns:
    with Store(db, read_only=True) as reader:
        return patterns.compute(patterns.read_entries(reader), workbook)


def _gather_counting_reads(
    store: Store, workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> tuple[patterns.Patterns, list[int]]:
    reads: list[int] = []
    real_get = store.get

    def counting_get(entry_id: int, *, keep: bool = True) -> object:
        reads.append(entry_id)
        return real_get(entry_id, keep=keep)

    monkeypatch.setattr(store, "get", counting_get)
    found = patterns.gather(store, workbook)
    monkeypatch.undo()
    assert found is not None
    return found, reads


def test_once_made_the_cache_is_read_instead_of_the_entries(
    saved: Path, workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _from_every_file(saved, workbook)
    with Store(saved) as store:
        first, reads = _gather_counting_reads(store, workbook, monkeypatch)
        assert first == expected and sorted(reads) == [1, 2, 3]
        cache = cache_path(saved)
        assert stat.S_IMODE(cache.stat().st_mode) == 0o600
        again, reads = _gather_counting_reads(store, workbook, monkeypatch)
        assert again == expected and reads == []
    with Store(saved) as store:  # a new session trusts it too
        assert _gather_counting_reads(store, workbook, monkeypatch) == (expected, [])
        assert patterns.gather(store, workbook, most_reads=0) == expected


def test_an_entry_saved_since_is_read_again(
    saved: Path, workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(saved) as store:
        patterns.gather(store, workbook)
    with Store(saved) as store:
        store.set_answer(2, *START, 3)
    with Store(saved) as store:
        found, reads = _gather_counting_reads(store, workbook, monkeypatch)
        assert reads == [2]
        assert found == _from_every_file(saved, workbook)
        assert found.point(2).start == 3  # type: ignore[union-attr]


def test_answers_changed_this_session_count_before_they_are_saved(
    saved: Path, workbook: Workbook
) -> None:
    with Store(saved) as store:
        patterns.gather(store, workbook)
        store.set_answer(1, *START, 0)  # journaled, not written to the entry's file yet
        assert store.dirty
        found = patterns.gather(store, workbook)
        assert found is not None and found.point(1).start == 0  # type: ignore[union-attr]
        assert patterns.gather(store, workbook, most_reads=0) is not None  # memory, no file


def test_a_hand_edited_or_restored_entry_file_is_read_again(
    saved: Path, workbook: Workbook
) -> None:
    with Store(saved) as store:
        patterns.gather(store, workbook)
    entry_file = saved.with_name(saved.name + ".entries") / "3.json"
    text = entry_file.read_text(encoding="utf-8")
    doc = json.loads(text)
    for row in doc["answers"].values():
        if (row["section"], row["exercise"]) == START:
            row["value"] = 2
    entry_file.write_text(json.dumps(doc), encoding="utf-8")  # the same file, rewritten
    with Store(saved) as store:
        found = patterns.gather(store, workbook)
    assert found == _from_every_file(saved, workbook)
    assert found is not None and found.point(3).start == 2  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "cache_text",
    ["{ not json", "[]", '{"meta": {"1": {"made_by": "other content"}}, "figures": {}}'],
)
def test_a_damaged_or_foreign_cache_is_made_again(
    saved: Path, workbook: Workbook, cache_text: str
) -> None:
    cache = cache_path(saved)
    cache.write_text(cache_text, encoding="utf-8")
    with Store(saved) as store:
        assert patterns.gather(store, workbook) == _from_every_file(saved, workbook)
    assert json.loads(cache.read_text(encoding="utf-8"))["figures"].keys() == {"1", "2", "3"}


def test_figures_that_do_not_match_their_entry_file_are_not_trusted(
    saved: Path, workbook: Workbook
) -> None:
    with Store(saved) as store:
        patterns.gather(store, workbook)
    cache = cache_path(saved)
    doc = json.loads(cache.read_text(encoding="utf-8"))
    doc["figures"]["1"]["start"] = 10  # figures no entry file says
    doc["figures"]["1"]["stamp"][1] += 1  # made from another file
    doc["figures"]["2"]["start"] = "ten"  # not a rating at all
    cache.write_text(json.dumps(doc), encoding="utf-8")
    with Store(saved) as store:
        assert patterns.gather(store, workbook) == _from_every_file(saved, workbook)


def test_a_link_in_place_of_the_cache_is_never_followed(
    saved: Path, workbook: Workbook, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("keep me", encoding="utf-8")
    cache_path(saved).symlink_to(elsewhere)
    with Store(saved) as store:
        assert patterns.gather(store, workbook) == _from_every_file(saved, workbook)
    assert elsewhere.read_text(encoding="utf-8") == "keep me"
    assert cache_path(saved).is_symlink()


def test_a_reader_never_writes_the_cache(saved: Path, workbook: Workbook) -> None:
    with Store(saved, read_only=True) as reader:
        assert patterns.gather(reader, workbook) == _from_every_file(saved, workbook)
        assert patterns.gather(reader, workbook, most_reads=2) is None  # three files to read
    assert not cache_path(saved).exists()


def test_an_unreadable_entry_is_left_out_and_named(saved: Path, workbook: Workbook) -> None:
    with Store(saved) as store:
        patterns.gather(store, workbook)
    entry_file = saved.with_name(saved.name + ".entries") / "1.json"
    entry_file.write_text("{ not json", encoding="utf-8")
    left_out: list[str] = []
    with Store(saved) as store:
        found = patterns.gather(store, workbook, left_out=left_out)
    assert found is not None and found.total == 2
    assert len(left_out) == 1 and "1.json" in left_out[0]


def test_figures_kept_for_other_content_are_not_used(saved: Path, workbook: Workbook) -> None:
    """A content folder that reads a figure from another exercise (here: the start rating
    is a checklist now) gets its own figures, not those kept for the built-in content."""
    with Store(saved) as store:
        patterns.gather(store, workbook)
    sections = tuple(
        replace(
            s,
            exercises=tuple(
                replace(e, kind="checklist", options=("a",)) if (s.id, e.id) == START else e
                for e in s.exercises
            ),
        )
        for s in workbook.sections
    )
    other = replace(workbook, sections=sections)
    with Store(saved) as store:
        found = patterns.gather(store, other)
    assert found == _from_every_file(saved, other)
    assert found is not None and {p.start for p in found.points} == {None}
