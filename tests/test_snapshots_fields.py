"""The insides of the exercise widgets at the other sizes: 60x20 (tables as cards, the scale
wrapped, the buttons stacked) and 160x48 (everything side by side). 80x24 is in
test_snapshots_kinds.py."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rebound_tui.core.content import Workbook
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import ReboundApp, make_app
from tests.test_snapshots_kinds import DEMO, _at, _thought_step_3

Snap = Callable[..., bool]

ANSWERS: dict[str, dict[str, Any]] = copy.deepcopy(DEMO)
ANSWERS["frustration"]["intensity-before"] = 10
ANSWERS["learning"]["questions-differently"][0] = [
    "Tell me about a time you led a migration of the legacy reporting stack",
    "I talked about the dashboard rewrite but rambled about tooling",
    "The Kafka migration: the plan, the risk I took, what I'd do again",
]
ANSWERS["looking-ahead"]["next-steps"] = [
    ["Email Dana Whitfield to ask for feedback on the take-home", "Friday", "yes"],
    ["Update my CV with the Kafka project", "next week", ""],
]


def _app(tmp_path: Path, workbook: Workbook) -> ReboundApp:
    store = Store(tmp_path / "data" / "rebound.json")
    entry = store.create_entry(
        company="Northwind", role="Analyst", stage="Final", date="2026-11-02", internal=False
    )
    for section, answers in ANSWERS.items():
        for exercise, value in answers.items():
            store.set_answer(entry.id, section, exercise, value)
    store.flush()
    return make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)


CASES = {
    "rows": _at("learning", "#field-questions-differently Row:last-of-type Input"),
    "next_steps": _at("looking-ahead", "#field-next-steps TickCell"),
    "if_then": _at("looking-ahead", "#field-coping-plan Row Input"),
    "thought_record": _at("facts", "#field-thought-record LabelledTick", _thought_step_3),
    "composer": _at("bridges", "#field-thank-you-note .copy"),
    "scale": _at("frustration", "#input-intensity-before"),
}
SIZES = {"60x20": (60, 20), "160x48": (160, 48)}


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("case", list(CASES))
def test_field_snapshot(
    snap_compare: Snap, tmp_path: Path, workbook: Workbook, case: str, size: str
) -> None:
    app = _app(tmp_path, workbook)
    try:
        assert snap_compare(app, terminal_size=SIZES[size], run_before=CASES[case])
    finally:
        app.store.close()
