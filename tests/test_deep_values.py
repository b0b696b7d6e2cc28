"""A value nested hundreds of levels deep (a hand-edited or hostile file) never crashes a
path a person can reach, and costs only itself.

An *answer* nested too deeply is kept in its file exactly as it was and shown as a marker; the
rest of its entry opens, and the export, the prep page and search name what they leave out.
Anything else nested too deeply (a journal line, a setting) is refused where it is read, with
one line naming the file and where; a file so deep that JSON cannot parse it at all is a
damaged file.

900 levels is the depth that crashed the store's copy of the answers (RecursionError) in
`list`, `export` and the app before the bound; 300 slipped through. Until the answer was
kept, the whole entry was refused as a damaged file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rebound_tui.core.kinds import ODD_NOTE
from rebound_tui.core.nesting import MAX_NESTING, MAX_NESTING_STORED, KeptAnswer, too_deep
from rebound_tui.core.storage.store import EntryDamaged, Store, StoreError
from rebound_tui.tui.app import make_app
from rebound_tui.tui.screens.welcome import WELCOMED
from tests.helpers.on_disk import entry_file
from tests.helpers.ready import until_ready

DEPTH = 900


def _deep(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = [value]
    return value


def _two_entries(db_path: Path) -> None:
    """Entry 1 with a lesson and a vent; entry 2 with a lesson. Saved, journal empty."""
    with Store(db_path) as store:
        store.set_setting(WELCOMED, True)
        for company in ("Deep Co", "Other Co"):
            entry = store.create_entry(
                company=company, role="", stage="", date="2026-11-02", internal=False
            )
            store.set_answer(entry.id, "learning", "lessons", f"lesson at {company}")
        store.set_answer(1, "vent", "vent", "kept words")


def _plant(db_path: Path, entry_id: int, value: Any) -> bytes:
    """Hand-edit one answer of an entry's file to ``value``; returns the file's bytes."""
    path = entry_file(db_path, entry_id)
    doc = json.loads(path.read_bytes())
    for answer in doc["answers"].values():
        if answer["exercise"] == "lessons":
            answer["value"] = value
    raw = json.dumps(doc).encode()
    path.write_bytes(raw)
    return raw


def _run(db_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rebound_tui", *args, "--db", str(db_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=60,
    )


def test_the_bound_counts_levels_without_recursion() -> None:
    assert not too_deep(_deep(MAX_NESTING), MAX_NESTING)
    assert too_deep(_deep(MAX_NESTING + 1), MAX_NESTING)
    assert too_deep({"a": [1, {"b": _deep(100_000)}]})  # far past Python's recursion limit
    assert not too_deep("text") and not too_deep([]) and not too_deep({})


def test_the_cli_shows_the_rest_and_names_what_it_leaves_out(db_path: Path) -> None:
    _two_entries(db_path)
    raw = _plant(db_path, 1, _deep(DEPTH))
    listed = _run(db_path, "list")
    assert listed.returncode == 0, listed.stderr
    assert "Deep Co" in listed.stdout and "Other Co" in listed.stdout
    exported = _run(db_path, "export", "--entry", "1")
    assert exported.returncode == 0 and "Traceback" not in exported.stderr, exported.stderr
    assert "Deep Co" in exported.stdout and ODD_NOTE in exported.stdout
    as_json = _run(db_path, "export", "--entry", "1", "--format", "json", "--include-private")
    assert as_json.returncode == 0, as_json.stderr
    (entry,) = json.loads(as_json.stdout)["entries"]
    learning = next(s for s in entry["sections"] if s["id"] == "learning")
    (lessons,) = [a for a in learning["answers"] if a["id"] == "lessons"]
    assert lessons["not_shown"] == ODD_NOTE
    assert entry["company"] == "Deep Co"  # the rest of the entry is there
    reminded = _run(db_path, "remind", "--entry", "1", "-o", str(db_path.parent / "r.ics"))
    assert "Traceback" not in reminded.stderr, reminded.stderr
    for command in (["prep"], ["search", "lesson"]):  # the views across entries say so
        done = _run(db_path, *command)
        assert done.returncode == 1 and "Traceback" not in done.stderr, command
        assert "lesson at Other Co" in done.stdout  # the other entry is still there
        (said,) = [line for line in done.stderr.splitlines() if "left out" in line]
        assert "Deep Co" in said and "could not be shown; it is kept in the file" in said
    assert "## Left out" in _run(db_path, "prep").stdout
    assert entry_file(db_path, 1).read_bytes() == raw  # the file is left as it was


def test_a_file_too_deep_for_json_is_a_damaged_file_and_costs_that_entry(
    db_path: Path,
) -> None:
    """Past what Python's JSON reader can parse (about 900 levels), the file cannot be read."""
    _two_entries(db_path)
    path = entry_file(db_path, 1)
    doc = json.loads(path.read_bytes())
    for answer in doc["answers"].values():
        answer["value"] = "@"
    deep = "[" * 100_000 + "]" * 100_000
    raw = json.dumps(doc).replace('"@"', deep, 1).encode()
    path.write_bytes(raw)
    done = _run(db_path, "export", "--entry", "1")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert str(path) in line and "nested too deeply" in line
    assert _run(db_path, "export", "--entry", "2").returncode == 0
    assert path.read_bytes() == raw


def test_an_import_of_it_is_refused_by_name(db_path: Path, tmp_path: Path) -> None:
    export = tmp_path / "all.json"
    _two_entries(db_path)
    assert _run(db_path, "export", "--all", "--format", "json", "-o", str(export)).returncode == 0
    doc = json.loads(export.read_text())
    learning = next(s for s in doc["entries"][0]["sections"] if s["id"] == "learning")
    learning["answers"][0]["answer"] = _deep(DEPTH)
    export.write_text(json.dumps(doc))
    target = tmp_path / "other" / "rebound.json"
    done = _run(target, "import", str(export))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert str(export) in done.stderr and "nested too deeply" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_store_refuses_to_write_what_it_could_not_read_back(db_path: Path) -> None:
    with Store(db_path) as store:
        entry = store.create_entry(company="A", role="", stage="", date="", internal=False)
        store.set_answer(entry.id, "learning", "lessons", _deep(MAX_NESTING))  # accepted
        with pytest.raises(StoreError, match="too deeply"):
            store.set_answer(entry.id, "learning", "lessons", _deep(DEPTH))
        assert store.get(entry.id).answers["learning"]["lessons"] == _deep(MAX_NESTING)
    with Store(db_path) as store:  # what was accepted reads back
        assert store.get(1).answers["learning"]["lessons"] == _deep(MAX_NESTING)


def test_a_deep_journal_line_is_kept_aside_and_the_rest_replayed(db_path: Path) -> None:
    _two_entries(db_path)
    journal = db_path.with_name(db_path.name + ".journal")
    deep = {"op": "set", "id": 1, "s": "learning", "e": "lessons", "v": _deep(DEPTH), "t": "x"}
    fine = {"op": "set", "id": 2, "s": "learning", "e": "lessons", "v": "newer", "t": "x"}
    journal.write_text(json.dumps(deep) + "\n" + json.dumps(fine) + "\n")
    with Store(db_path) as store:
        assert store.get(1).answers["learning"]["lessons"] == "lesson at Deep Co"
        assert store.get(2).answers["learning"]["lessons"] == "newer"
        said = " ".join(store.notices)
    assert "could not be read" in said and "a copy is kept as" in said
    kept = [p for p in db_path.parent.iterdir() if ".journal.damaged-" in p.name]
    assert len(kept) == 1 and b"[[[[" in kept[0].read_bytes()


def test_a_deep_setting_in_the_index_is_one_line(db_path: Path) -> None:
    _two_entries(db_path)
    doc = json.loads(db_path.read_bytes())
    doc.setdefault("settings", {})["99"] = {"key": "odd", "value": _deep(DEPTH)}
    raw = json.dumps(doc).encode()
    db_path.write_bytes(raw)
    done = _run(db_path, "list")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f'document 99 of "settings" nests lists or objects more than {MAX_NESTING_STORED}' in (
        done.stderr
    )
    assert db_path.read_bytes() == raw


def test_the_store_keeps_a_deep_answer_and_writes_it_back_unchanged(db_path: Path) -> None:
    _two_entries(db_path)
    _plant(db_path, 1, {"rows": _deep(DEPTH)})
    with Store(db_path) as store:
        answers = store.get(1).answers
        assert isinstance(answers["learning"]["lessons"], KeptAnswer)
        assert answers["vent"]["vent"] == "kept words"
        store.set_answer(1, "vent", "vent", "changed words")  # the file is written again
    with Store(db_path) as store:
        assert store.get(1).answers["vent"]["vent"] == "changed words"
    doc = json.loads(entry_file(db_path, 1).read_bytes())
    (kept,) = [a["value"] for a in doc["answers"].values() if a["exercise"] == "lessons"]
    assert kept == {"rows": _deep(DEPTH)}  # as it was, until the person writes a new answer
    with Store(db_path) as store:
        store.set_answer(1, "learning", "lessons", "a new lesson")
        assert store.get(1).answers["learning"]["lessons"] == "a new lesson"


def test_deep_parts_beside_an_answer_still_damage_the_entry_only(db_path: Path) -> None:
    _two_entries(db_path)
    path = entry_file(db_path, 1)
    doc = json.loads(path.read_bytes())
    next(iter(doc["answers"].values()))["extra"] = _deep(DEPTH)
    path.write_text(json.dumps(doc))
    with Store(db_path) as store:
        with pytest.raises(EntryDamaged, match='answer "learning/lessons"'):
            store.get(1)
        assert store.get(2).answers["learning"]["lessons"] == "lesson at Other Co"


async def test_the_entry_opens_with_a_marker_where_the_answer_was(
    db_path: Path, workbook: Any
) -> None:
    from textual.widgets import TextArea

    _two_entries(db_path)
    raw = _plant(db_path, 1, _deep(DEPTH))
    store = Store(db_path)
    app = make_app(store, workbook)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.open_entry(1, "learning")
            await until_ready(pilot)
            assert app.entry_id == 1 and not app._notifications
            field = app.screen.query_one("#field-lessons")
            shown = " ".join(str(s.render()) for s in field.query("Static"))
            assert ODD_NOTE in shown
            assert app.screen.query_one("#input-lessons", TextArea).text == ""
            await pilot.pause(1.3)  # a timed save: nothing changed, nothing written
            assert entry_file(db_path, 1).read_bytes() == raw
    finally:
        store.close()
    assert entry_file(db_path, 1).read_bytes() == raw


async def test_the_views_across_entries_name_the_answer_left_out(
    db_path: Path, workbook: Any
) -> None:
    from textual.widgets import Label, Markdown

    from rebound_tui.tui.screens.prep import PrepScreen
    from rebound_tui.tui.screens.search import SearchScreen

    _two_entries(db_path)
    _plant(db_path, 1, _deep(DEPTH))
    store = Store(db_path)
    app = make_app(store, workbook)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(PrepScreen())
            await pilot.pause()
            page = app.screen.query_one("#prep", Markdown).source
            assert "Left out" in page and "Deep Co" in page and "lesson at Other Co" in page
            app.pop_screen()
            app.push_screen(SearchScreen())
            await pilot.pause()
            said = str(app.screen.query_one("#search-count", Label).render())
            assert "1 line of answers. Enter opens one. 1 answer not shown." in said
            assert not app._notifications  # no entry is left out: both were read
    finally:
        store.close()
