"""Opening a section does no work for answers nobody changed (issue 13: a section's first
visit). Every input reports the value it is filled with as it mounts; each report used to
become an answer posted to the section (recorded, composers refreshed, progress redrawn),
~55 of them over the first visits of a filled-in entry and ~11 more on every round of
returns. What the person sees and what is stored stay the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rebound_tui.core.content import load_workbook
from rebound_tui.tui.app import ReboundApp
from tests.helpers.demo_app import demo_app
from tests.helpers.ready import until_ready

SECTIONS = ("frustration", "bridges", "learning", "facts", "looking-ahead")


def answers_but_composers(app: ReboundApp, entry_id: int, composers: set[str]) -> dict[str, Any]:
    answers = app.store.get(entry_id).answers
    return {s: {e: v for e, v in a.items() if e not in composers} for s, a in answers.items()}


async def test_opening_and_returning_to_sections_posts_no_unchanged_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = load_workbook()
    app, entry_id = demo_app(tmp_path, workbook)
    # A composer rewrites what it stores as it fills blanks from the entry (the company, a
    # name), so opening one may still post: that is a change, not the same value again.
    composers = {e.id for s in workbook.sections for e in s.exercises if e.kind == "composer"}
    posted: list[tuple[str, str]] = []
    real = ReboundApp.record_answer

    def record(self: ReboundApp, section: str, exercise: str, value: Any) -> None:
        posted.append((section, exercise))
        real(self, section, exercise, value)

    monkeypatch.setattr(ReboundApp, "record_answer", record)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            before = answers_but_composers(app, entry_id, composers)
            app.open_entry(entry_id, SECTIONS[0])
            await until_ready(pilot)
            for _round in range(2):  # first visits, then returns to the kept screens
                for section in SECTIONS:
                    app.go_to(section)
                    await until_ready(pilot)
            assert [p for p in posted if p[1] not in composers] == [], posted
            assert len(posted) <= 2 * len(composers)
            assert app.save_now()
            assert answers_but_composers(app, entry_id, composers) == before  # all kept as was
            # A real change is still posted (and stored) at once.
            app.go_to("learning")
            await until_ready(pilot)
            field = app.screen.query_one("#field-lessons")
            box = next(w for w in field.query("*") if w.focusable)
            box.focus()
            await pilot.press("end", "!")
            await pilot.pause()
            assert posted[-1] == ("learning", "lessons")
    finally:
        app.store.close()
