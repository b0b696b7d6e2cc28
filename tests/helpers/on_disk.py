"""Reading the saved files directly, as plain JSON (not through the store)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def entry_file(db_path: Path, entry_id: int) -> Path:
    return db_path.with_name(db_path.name + ".entries") / f"{entry_id}.json"


def saved_answers(db_path: Path, entry_id: int = 1) -> dict[str, dict[str, Any]]:
    """Entry `entry_id`'s answers as its saved file holds them: section → exercise → value."""
    path = entry_file(db_path, entry_id)
    if not path.exists():
        return {}
    found: dict[str, dict[str, Any]] = {}
    for doc in json.loads(path.read_bytes())["answers"].values():
        found.setdefault(doc["section"], {})[doc["exercise"]] = doc["value"]
    return found


def all_bytes(db_path: Path) -> bytes:
    """Every file of the database (index, entries, journal, backups) concatenated."""
    folder = db_path.parent
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name.startswith(db_path.name))
    files += sorted(p for p in (folder / (db_path.name + ".entries")).glob("*") if p.is_file())
    return b"".join(p.read_bytes() for p in files)
