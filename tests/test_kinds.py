"""The one answer model per exercise kind: older and odd stored shapes, is-answered, export.

The first tests go through the public paths (``render``, ``section_progress``, the CLI) so they
also ran against the code before the kinds existed, where each of them failed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rebound_tui.core import kinds
from rebound_tui.core.content import Exercise, Workbook
from rebound_tui.core.export import render
from rebound_tui.core.kinds import Context
from rebound_tui.core.nesting import MAX_NESTING
from rebound_tui.core.progress import Progress, section_progress
from rebound_tui.core.storage.store import Entry, Store
from rebound_tui.core.text import visible
from rebound_tui.tui.app import make_app
from tests.helpers.ready import until_ready


def _entry(answers: dict[str, dict[str, Any]], company: str = "Northwind") -> Entry:
    return Entry(1, company, "Analyst", "Final round", "2026-11-02", False, "", "", answers)


def _exercise(workbook: Workbook, exercise_id: str) -> Exercise:
    for section in workbook.sections:
        for exercise in section.exercises:
            if exercise.id == exercise_id:
                return exercise
    raise AssertionError(exercise_id)


# ---------------------------------------------------------------- breaks that went unnoticed


def test_an_if_then_stored_as_plain_text_exports_as_plans_like_the_field_loads_it(
    workbook: Workbook,
) -> None:
    """The field loads an older plain-text coping plan as plans with no urge; the export used
    to make each line an urge ("If I feel the urge to go for a walk, then I will —")."""
    text = render([_entry({"looking-ahead": {"coping-plan": "go for a walk\ncall Sam"}})], workbook)
    assert "- Then I will go for a walk\n- Then I will call Sam" in text
    assert "urge to **go for a walk**" not in text
    plan = _exercise(workbook, "coping-plan")
    assert kinds.normalise(plan, "go for a walk") == [["", "go for a walk"]]


def test_a_scale_answered_zero_counts_and_is_exported(workbook: Workbook) -> None:
    answers = {"intensity-before": 0}
    frustration = workbook.section("frustration")
    assert section_progress(frustration, answers, False) is Progress.STARTED
    text = render([_entry({"frustration": answers})], workbook)
    assert "**How strong is this feeling right now?**\n\n0 / 10 (calm)" in text


def test_a_checklist_exports_as_a_list_not_as_python(workbook: Workbook) -> None:
    text = render([_entry({"frustration": {"feelings": ["Disappointed", "Tired"]}})], workbook)
    assert "\n- Disappointed\n- Tired\n" in text
    assert "[" not in text.split("## 1.")[1].split("## 2.")[0]


# ---------------------------------------------------------------- the export as a document


def test_intensity_reads_start_to_end(workbook: Workbook) -> None:
    answers = {"frustration": {"intensity-before": 7}, "looking-ahead": {"intensity-end": 4}}
    text = render([_entry(answers)], workbook)
    assert "**How strong is this feeling now?**\n\n7 → 4 / 10" in text


def test_no_status_lines_and_the_left_out_vent_is_named_at_the_top(workbook: Workbook) -> None:
    answers = {"frustration": {"vent": "all of it", "intensity-before": 3}}
    text = render([_entry(answers)], workbook)
    head, _, _ = text.partition("## 1.")
    assert "private writing (the vent) is left out" in head
    assert "done*" not in text and "started*" not in text and "not started*" not in text
    assert "all of it" not in text
    with_vent = render([_entry(answers)], workbook, include_private=True)
    assert "left out" not in with_vent and "> all of it" in with_vent
    nothing_private = render([_entry({"frustration": {"intensity-before": 3}})], workbook)
    assert "left out" not in nothing_private


def test_an_untouched_composer_is_not_an_answer(workbook: Workbook) -> None:
    note = _exercise(workbook, "thank-you-note")
    assert not kinds.is_answered(note, {"fields": {}, "sent": None})
    assert not kinds.is_answered(note, {"fields": {"name": "  "}, "sent": None})
    assert not kinds.is_answered(note, {"fields": {"not-a-blank": "x"}, "sent": None})
    assert kinds.is_answered(note, {"fields": {"me": "Alex"}, "sent": None})
    assert kinds.is_answered(note, {"fields": {}, "sent": "2026-11-03"})
    # What fills a blank by itself is shown, never stored as if the person wrote it.
    context = Context({"thank-who": "Priya"})
    assert kinds.kind_of(note).typed(note, {"name": "Priya", "me": "Alex"}, context) == {  # type: ignore[attr-defined]
        "me": "Alex"
    }
    assert "Hi Priya," in kinds.to_markdown(note, {"fields": {"me": "Alex"}, "sent": None}, context)


async def test_a_composer_opened_but_never_touched_stays_unanswered(
    db_path: Path, workbook: Workbook, tmp_path: Path
) -> None:
    store = Store(db_path)
    store.create_entry(company="Acme", role="", stage="", date="2026-11-02", internal=False)
    store.set_answer(1, "bridges", "thank-who", "Priya")
    store.flush()
    app = make_app(store, workbook, export_dir=tmp_path / "x", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(1, "bridges")
        await until_ready(pilot)
        await pilot.pause(0.3)
        await pilot.press("ctrl+q")
    entry = store.get(1)
    store.close()
    assert not kinds.is_answered(
        _exercise(workbook, "thank-you-note"), entry.answers["bridges"].get("thank-you-note")
    )
    assert "Thank you for taking the time" not in render([entry], workbook)


def test_the_json_export_holds_the_finished_note(workbook: Workbook) -> None:
    note = {"fields": {"name": "Priya", "me": "Alex"}, "sent": None}
    data = json.loads(render([_entry({"bridges": {"thank-you-note": note}})], workbook, "json"))
    answers = {a["id"]: a for s in data["entries"][0]["sections"] for a in s["answers"]}
    assert answers["thank-you-note"]["answer"] == note  # as stored: an import stores it again
    text = answers["thank-you-note"]["text"]
    assert text.startswith("Hi Priya,\n\nThank you") and text.endswith("Alex")


def test_paragraphs_and_line_breaks_survive_in_the_markdown(workbook: Workbook) -> None:
    letter = "Dear me,\n\nYou did well.\nReally.\n\nLove,\nme"
    text = render([_entry({"looking-ahead": {"kind-sentences": letter}})], workbook)
    assert "> Dear me,\n>\n> You did well.  \n> Really.\n>\n> Love,  \n> me" in text


# ---------------------------------------------------------------- odd stored values


ODD: dict[str, list[Any]] = {
    "feelings": [[{"a": 1}, ["x"], "Tired", 3], {"x": 1}, 7, "Sad"],
    "thought-record": [
        {"traps": 5},
        {"traps": None, "situation": "ok"},
        {"traps": [{"n": 1}, "Mind-reading"], "intensity": "80", "belief": 1e300},
        "a plain string",
    ],
    "intensity-before": [10**4000, "7", 7.0, True, -1, float("nan"), [7]],
    "people-met": [[[{"x": [1]}, "Sam"]], [["a", "b", "c", "d", "e"]], 12, {"rows": 1}],
    "thank-you-note": [{"fields": ["x"], "sent": 3}, "text", {"fields": {"name": {}}}],
    "intensity-after": [{"after": "x", "rounds": -5}, "4", {"rounds": 10**4000}],
    "vent": [{"text": "kept"}, ["a", {"b": 1}], 12.5, {"other": 1}],
}


def _deep(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = [value]
    return value


def test_odd_stored_values_load_without_raising_and_say_what_is_not_shown(
    workbook: Workbook,
) -> None:
    for exercise_id, values in ODD.items():
        exercise = _exercise(workbook, exercise_id)
        for raw in [*values, _deep(900), {"k": _deep(900)}, "lone \udc80 surrogate"]:
            loaded = kinds.load(exercise, raw)
            assert kinds.normalise(exercise, loaded.value) == loaded.value, (exercise_id, raw)
            markdown = kinds.to_markdown(exercise, raw)
            markdown.encode("utf-8")  # never a lone surrogate
            json.dumps(kinds.to_data(exercise, raw), allow_nan=False)
            kinds.summary(exercise, raw).encode("utf-8")
            if isinstance(raw, list) and raw and raw[0] == _deep(899):
                assert loaded.odd and kinds.ODD_NOTE in markdown


def test_a_checklist_holding_objects_keeps_the_text_and_marks_the_rest(
    workbook: Workbook,
) -> None:
    feelings = _exercise(workbook, "feelings")
    loaded = kinds.load(feelings, [{"a": 1}, "Tired", ["x"]])
    assert loaded.value == ["Tired"] and loaded.odd
    assert kinds.to_markdown(feelings, [{"a": 1}, "Tired"]) == (f"- Tired\n\n*{kinds.ODD_NOTE}*")
    record = _exercise(workbook, "thought-record")
    assert kinds.normalise(record, {"traps": 5})["traps"] == []
    assert kinds.normalise(record, {"traps": None})["traps"] == []


def test_list_and_export_survive_odd_values_on_a_real_utf8_terminal(
    db_path: Path, workbook: Workbook
) -> None:
    with Store(db_path) as store:
        entry = store.create_entry(
            company="Bad \udc80 Co", role="", stage="", date="2026-11-02", internal=False
        )
        for exercise_id, values in ODD.items():
            exercise = _exercise(workbook, exercise_id)
            section = next(s for s in workbook.sections if exercise in s.exercises)
            store.set_answer(entry.id, section.id, exercise_id, values[0])
        store.set_answer(entry.id, "learning", "lessons", "a \ud800 lone surrogate")
        # (a value nested too deeply to store is refused where it is read: test_deep_values)
        store.set_answer(entry.id, "learning", "done-differently", _deep(MAX_NESTING))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for command in (["list"], ["export"], ["export", "--format", "json"]):
        done = subprocess.run(
            [sys.executable, "-m", "rebound_tui", *command, "--db", str(db_path)],
            capture_output=True,
            env=env,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        assert b"Traceback" not in done.stderr
    out = done.stdout.decode()
    assert "Bad \\udc80 Co" in out  # JSON keeps the exact value, escaped


# ---------------------------------------------------------------- properties


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None)
@given(raw=JSON, hostile=st.text())
def test_every_kind_loads_anything_and_shows_nothing_raw(
    workbook: Workbook, raw: Any, hostile: str
) -> None:
    for section in workbook.sections:
        for exercise in section.exercises:
            for value in (raw, hostile, {"fields": {"name": hostile}, "text": hostile}):
                loaded = kinds.load(exercise, value)
                again = kinds.load(exercise, loaded.value)
                assert again.value == loaded.value and not again.odd
                shown = kinds.to_markdown(exercise, value) + kinds.summary(exercise, value)
                assert shown == visible(shown)  # no control character, no lone surrogate
                json.dumps(kinds.to_data(exercise, value), allow_nan=False)


def test_a_number_kept_as_text_is_read_only_when_int_reads_it() -> None:
    """``"²"`` is a digit to ``str.isdigit`` but not a number to ``int`` (found by the test
    above: a scale answer of "²" raised ValueError instead of loading as an odd value)."""
    from rebound_tui.core.kinds.base import as_int

    assert [as_int(t) for t in (" 7 ", "-3", "٣", "²", "--5", "-", "")] == [
        7,
        -3,
        3,
        None,
        None,
        None,
        None,
    ]
