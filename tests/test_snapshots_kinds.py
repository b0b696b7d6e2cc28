"""One snapshot per structured exercise kind, at 80x24 with reduced motion and fixed data."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from rebound_tui.core.content import Workbook
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import ReboundApp, make_app
from rebound_tui.tui.widgets.pacer_field import PacerField
from rebound_tui.tui.widgets.thought_record_field import ThoughtRecordField
from rebound_tui.tui.widgets.timed_writing_field import TimedWritingField
from tests.helpers.ready import until_ready

Snap = Callable[..., bool]

DEMO: dict[str, dict[str, Any]] = {
    "frustration": {
        "intensity-before": 7,
        "vent": "I prepared for weeks.\nThey barely asked about my projects.",
        "intensity-after": {"after": 4, "rounds": 1},
    },
    "bridges": {
        "thank-who": "Priya",
        "thank-you-note": {
            "fields": {
                "name": "Priya",
                "role": "data analyst",
                "company": "Northwind",
                "appreciated": "hearing about the new platform",
                "closing": "I'd be glad to stay in touch.",
                "me": "Sam",
            },
            "sent": "2026-11-03",
        },
    },
    "learning": {
        "questions-differently": [
            ["Tell me about a conflict", "I rambled", "One clear story"],
            ["Why us?", "Salary", "The product and team"],
        ],
    },
    "facts": {
        "thought-record": {
            "situation": "A 'no' email after the final round",
            "feelings": "sad, embarrassed",
            "hot-thought": "They hated me",
            "traps": ["Mind-reading"],
            "each": [  # each feeling its own rating, as the record stores them now
                {"feeling": "sad", "before": 80, "after": 50},
                {"feeling": "embarrassed", "before": 70, "after": None},
            ],
        }
    },
    "looking-ahead": {
        "coping-plan": [["drink alcohol", "call Sam and walk"], ["go shopping", "wait a day"]],
    },
}


def _app(tmp_path: Path, workbook: Workbook) -> ReboundApp:
    store = Store(tmp_path / "data" / "rebound.json")
    entry = store.create_entry(
        company="Northwind", role="Analyst", stage="Final", date="2026-11-02", internal=False
    )
    for section, answers in DEMO.items():
        for exercise, value in answers.items():
            store.set_answer(entry.id, section, exercise, value)
    store.flush()
    return make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)


def _at(
    section: str, focus: str, then: Callable[[ReboundApp], None] | None = None
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        app: ReboundApp = pilot.app  # type: ignore[assignment]
        app.open_entry(1, section)
        await until_ready(pilot)
        if then is not None:
            then(app)
            await pilot.pause()
        target = app.screen.query_one(focus)
        target.focus()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        # Put the field at the top, whatever scrolling the focus did: the same picture however
        # fast or slow the machine is (a race here once made this snapshot flaky).
        app.screen.query_one("#body").scroll_to_widget(target, animate=False, top=True)
        await pilot.pause()

    return run_before


def _thought_step_3(app: ReboundApp) -> None:
    app.screen.query_one(ThoughtRecordField).show_step(2)


def _thought_last_step(app: ReboundApp) -> None:
    app.screen.query_one(ThoughtRecordField).show_step(6)


def _paused_timer(app: ReboundApp) -> None:
    field = app.screen.query_one(TimedWritingField)
    field.toggle()
    field.tick(154)
    field.toggle()


def _paused_pacer(app: ReboundApp) -> None:
    field = app.screen.query_one(PacerField)
    field.toggle()
    field.tick(5)
    field.toggle()


CASES = {
    "composer": _at("bridges", "#field-thank-you-note .copy"),
    "rows": _at("learning", "#field-questions-differently Row:last-of-type Input"),
    "if_then": _at("looking-ahead", "#field-coping-plan Row Input"),
    "thought_record": _at("facts", "#input-thought-record-traps", _thought_step_3),
    # The last step: each feeling with its number from step 2 and the new one ("sad: 80 → 50").
    "thought_record_rerate": _at("facts", "#field-thought-record .step-title", _thought_last_step),
    "timed_writing": _at("frustration", "#field-vent .timer-button", _paused_timer),
    "pacer": _at("frustration", "#input-intensity-after", _paused_pacer),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_kind_snapshot(snap_compare: Snap, tmp_path: Path, workbook: Workbook, kind: str) -> None:
    app = _app(tmp_path, workbook)
    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=CASES[kind])
    finally:
        app.store.close()
