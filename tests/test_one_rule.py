"""One definition of each rule: every place that asks the question gets the same answer.

- An entry's date: the new-entry form, the store and an import (core/dates.py).
- A composer's blanks that fill themselves: the field on screen and the kind the preview,
  summary and export use (core/kinds/composer.py).
- How an answer reads in the views across entries (patterns, prep): as its kind loads it.
- How deep a stored value may nest: the store, the journal and an import (core/nesting.py,
  tested in test_deep_values.py).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import replace
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input

from rebound_tui.core import dates, kinds, patterns, prep
from rebound_tui.core.content import Workbook
from rebound_tui.core.importer import ImportRefused, read_export
from rebound_tui.core.kinds import Context
from rebound_tui.core.kinds.composer import Composer
from rebound_tui.core.storage.store import Entry, Store
from rebound_tui.tui.widgets.composer_field import ComposerField

#: Python's fromisoformat takes these too; Rebound's dates are yyyy-mm-dd only.
NOT_OUR_SHAPE = ["20261102", "2026-W45-1", "2026-306", " 2026-11-0"]


@pytest.mark.parametrize("text", NOT_OUR_SHAPE)
def test_the_form_the_store_and_an_import_refuse_the_same_dates(
    text: str, db_path: Path, tmp_path: Path
) -> None:
    assert dates.parse_date(text) is None
    assert dates.date_problem(text) is not None  # the new-entry form
    with Store(db_path) as store, pytest.raises(ValueError, match="yyyy-mm-dd"):
        store.create_entry(company="A", role="", stage="", date=text, internal=False)
    export = tmp_path / "one.json"
    export.write_text(
        json.dumps({"format": "rebound-export", "version": 1, "entries": [{"date": text}]})
    )
    with pytest.raises(ImportRefused, match='"date" must be yyyy-mm-dd'):
        read_export(export)


def test_a_real_date_passes_everywhere(db_path: Path) -> None:
    assert dates.parse_date(" 2026-11-02 ") == datetime.date(2026, 11, 2)
    assert dates.date_problem("2026-11-02") is None
    assert dates.parse_date("2026-02-30") is None
    with Store(db_path) as store:
        entry = store.create_entry(company="A", role="", stage="", date="2026-11-02", internal=True)
        assert entry.date == "2026-11-02"


async def test_the_composer_field_shows_what_the_kind_fills_in(workbook: Workbook) -> None:
    """The blanks on screen start from the same rule the preview and the export use: the
    source's answer (wherever in the entry it is), else the entry's fact."""
    note = next(e for s in workbook.sections for e in s.exercises if e.id == "thank-you-note")
    context = Context(
        section={},  # "thank-who" answered, but not in this section's answers
        entry={"elsewhere": {"thank-who": "Sam"}},
        facts={"company": "Acme", "role": "Analyst"},
    )
    expected = Composer().automatic(note, context)
    assert expected == {"name": "Sam", "role": "Analyst", "company": "Acme"}

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield ComposerField(note, None, context)

    app = One()
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        shown = {
            blank.id: app.query_one(f"#input-thank-you-note-{blank.id}", Input).value
            for blank in note.fields
        }
    assert {k: v for k, v in shown.items() if v} == expected


def test_the_views_across_entries_read_answers_as_their_kinds_do(
    entry: Entry, workbook: Workbook
) -> None:
    """An if-then plan stored as plain text (the older free-text coping plan) is a *plan*
    with no urge everywhere: in the export and on the prep page, never "the urge to …"."""
    plan = next(e for s in workbook.sections for e in s.exercises if e.id == "coping-plan")
    old_shape = replace(
        entry,
        answers={
            "looking-ahead": {"coping-plan": "go for a walk"},
            "frustration": {"intensity-before": "7"},
        },
    )
    exported = kinds.to_markdown(plan, "go for a walk")
    assert "go for a walk" in exported and "urge" not in exported
    page = prep.to_markdown(prep.gather([old_shape], workbook))
    assert "go for a walk" in page and "urge to **go for a walk**" not in page
    # a rating typed as "7" in a hand-edited file: the field shows 7, and so do the patterns
    scale = next(e for s in workbook.sections for e in s.exercises if e.id == "intensity-before")
    assert kinds.normalise(scale, "7") == 7
    assert patterns.compute([old_shape], workbook).points[0].start == 7
