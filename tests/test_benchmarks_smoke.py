"""benchmarks/make_db.py builds a database the store reads back (no timing here)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from rebound_tui.core.content import load_workbook
from rebound_tui.core.storage.store import Store

MAKE_DB = Path(__file__).resolve().parent.parent / "benchmarks" / "make_db.py"


def test_make_db_three_entries(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_db", MAKE_DB)
    assert spec is not None and spec.loader is not None
    make_db = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_db)
    path = make_db.make_db(tmp_path / "demo.json", 3, seed=7)
    json.loads(path.read_bytes())  # the file is plain JSON
    workbook = load_workbook()
    store = Store(path, read_only=True)
    entries = [store.get(found.id) for found in store.entries()]
    assert len(entries) == 3
    for entry in entries:
        for section in workbook.sections:
            for exercise in section.exercises_for(entry.internal):
                assert entry.answers[section.id][exercise.id] not in (None, "", [])
