"""The figures across entries (patterns, prep page, search), on demo data with known answers.

Pure tests: no app, no Textual; the demo's answers (core/demo.py ANSWERS and HISTORY) are
the known answers every figure below is worked out from by hand.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from rebound_tui.core import patterns, prep, search
from rebound_tui.core.content import Workbook
from rebound_tui.core.demo import fill
from rebound_tui.core.stages import STAGES, stage_step
from rebound_tui.core.storage.store import Entry, Store


@pytest.fixture
def history(store: Store, workbook: Workbook) -> list[Entry]:
    fill(store, workbook, history=True)
    return patterns.read_entries(store)


def test_intensity_start_end_and_typical_drop(history: list[Entry], workbook: Workbook) -> None:
    found = patterns.compute(history, workbook)
    # oldest first, by rejection date
    assert [p.date for p in found.points] == ["2026-09-14", "2026-10-30", "2026-11-20"]
    assert [(p.start, p.end) for p in found.points] == [(8, 3), (9, 5), (7, 4)]
    # the newest has no end rating: its re-rating after breathing (4) counts as its latest
    assert found.drops == [5, 4, 3]
    assert found.typical_drop == 4
    assert "down by 4 points" in patterns.drop_sentence(found)


def test_stage_per_entry_and_trend(history: list[Entry], workbook: Workbook) -> None:
    found = patterns.compute(history, workbook)
    assert [(p.stage, p.step) for p in found.points] == [
        ("Phone screen", 2),
        ("Second interview", 4),
        ("Final round", 5),
    ]
    assert found.stage_trend == 1
    assert "Furthest so far: Final round" in patterns.stage_sentence(found)


def test_counts_most_frequent_first(history: list[Entry], workbook: Workbook) -> None:
    found = patterns.compute(history, workbook)
    feelings = [(t.label, t.count) for t in found.feelings]
    assert feelings[0] == ("Disappointed", 3)
    assert sorted(feelings[1:]) == [
        (w, 1) for w in ("Angry", "Anxious", "Confused", "Embarrassed", "Tired")
    ]
    assert [t.label for t in found.feelings[1:]] == sorted(t.label for t in found.feelings[1:])
    assert [(t.label, t.count, t.entry_ids) for t in found.outside] == [
        ("Other candidates' experience", 2, (2, 1)),
        ("An internal candidate", 1, (2,)),
    ]
    assert {t.label: t.count for t in found.traps} == {
        "All-or-nothing": 1,
        "Fortune-telling": 1,
        "Mind-reading": 1,
        "Personalising": 1,
    }


def test_feedback_grouped_by_recurring_words(history: list[Entry], workbook: Workbook) -> None:
    found = patterns.compute(history, workbook)
    groups = {g.word: g.entries for g in found.feedback}
    # both feedback texts name SQL, examples and stakeholders ("stakeholder work" and
    # "working with stakeholders"): plural and singular count together; "more" and "they"
    # are stop words, and a word said once in one entry does not recur
    assert groups == {"example": (2, 1), "sql": (2, 1), "stakeholder": (2, 1)}
    assert "more" not in groups and "depth" not in groups


def test_words_minus_stop_words() -> None:
    text = "They didn\u2019t like my SQL, but they liked the examples."
    assert patterns.words(text) == ["sql", "liked", "example"]
    assert patterns.words("analysis process focus") == ["analysis", "process", "focus"]


def test_progress_finished_and_days(history: list[Entry], workbook: Workbook) -> None:
    found = patterns.compute(history, workbook)
    assert (found.finished, found.total, found.typical_days) == (0, 3, None)
    # A finished entry: every exercise of every section answered, last changed 6 days after
    # the rejection date.
    full = {
        s.id: {e.id: _answer_for(e.kind, e.options, e.columns) for e in s.exercises}
        for s in workbook.sections
    }
    marks = {s.id: [e.id for e in s.exercises] for s in workbook.sections}
    done = replace(
        history[0],
        answers=full,
        answered=marks,
        date="2026-11-20",
        updated="2026-11-26T09:00:00",
    )
    found = patterns.compute([done, *history[1:]], workbook)
    assert found.finished == 1
    assert found.point(done.id) is not None
    assert found.point(done.id).days_to_done == 6  # type: ignore[union-attr]
    assert patterns.progress_sentence(found) == (
        "1 of 3 entries finished. From the rejection to done took 6 days, typically."
    )


def _answer_for(kind: str, options: tuple[str, ...], columns: tuple[str, ...]) -> object:
    if kind in ("scale",):
        return 5
    if kind == "pacer":
        return {"after": 3, "rounds": 1}
    if kind == "checklist":
        return [options[0]]
    if kind == "choice":
        return options[0]
    if kind == "composer":
        return {"fields": {"name": "A"}, "sent": "2026-11-21"}
    if kind in ("rows", "if_then"):
        return [["x"] * max(1, len(columns))]
    if kind == "thought_record":
        return {"situation": "x", "hot-thought": "y", "balanced-thought": "z", "rerated": 10}
    return "something"


def test_one_entry_gets_kind_words(store: Store, workbook: Workbook) -> None:
    fill(store, workbook)
    newest = patterns.read_entries(store)[0]
    found = patterns.compute([newest], workbook)
    assert found.total == 1
    assert "first entry" in (patterns.kind_word(found) or "")
    assert "first entry" in patterns.entry_note(found, newest.id)
    assert patterns.kind_word(patterns.compute([], workbook)) is not None
    assert patterns.kind_word(patterns.compute(patterns.read_entries(store), workbook)) is None


def test_odd_shapes_are_skipped_not_fatal(entry: Entry, workbook: Workbook) -> None:
    odd = replace(
        entry,
        stage="Coffee chat",
        answers={
            "frustration": {"intensity-before": "7", "feelings": "Sad", "intensity-after": 2},
            "facts": {"thought-record": ["not", "a", "record"], "outside-control": [1, None]},
            "learning": {"feedback-received": {"text": "SQL SQL"}},
        },
    )
    found = patterns.compute([odd], workbook)
    point = found.points[0]
    # "7" reads as 7, as the scale's field, summary and export read it (the kind's one rule)
    assert (point.start, point.end, point.step) == (7, 2, None)
    assert [t.label for t in found.feelings] == ["Sad"]
    assert found.traps == []
    assert [t.label for t in found.outside] == ["1"]  # the number, as the export lists it
    assert [g.word for g in found.feedback] == ["sql"]


def test_stages_share_one_order() -> None:
    steps = [stage_step(s) for s in STAGES]
    assert None not in steps
    assert stage_step("  final   ROUND ") == 5
    assert stage_step("Coffee chat") is None


def test_prep_page_newest_first(history: list[Entry], workbook: Workbook) -> None:
    page = prep.to_markdown(prep.gather(history, workbook))
    lessons = page.index("## Lessons")
    questions = page.index("## Questions I'd answer differently")
    plans = page.index("## If-then plans")
    kind = page.index("## Kind sentences")
    assert lessons < questions < plans < kind
    # newest first within each part
    assert page.index("I rushed the case study") < page.index("first 90 days")
    assert page.index("first 90 days") < page.index("two SQL stories")
    assert page.index("Tell us about a failure") < page.index("Why data analysis?")
    assert "What I'd say now: **The onboarding redesign, with numbers**" in page
    assert "If I feel the urge to **drink alcohol**, then I will go for a run instead" in page
    assert "> I got a call back. That is a start." in page[kind:]
    assert "(Harbour Analytics — Junior data analyst, 2026-09-14)" in page


def test_prep_page_empty_and_hostile(entry: Entry, workbook: Workbook) -> None:
    assert "Nothing gathered yet" in prep.to_markdown(prep.gather([entry], workbook))
    hostile = replace(
        entry,
        company="Evil\x1b]0;pwn\x07",
        answers={"learning": {"lessons": "ok\x1b[2J"}},
    )
    page = prep.to_markdown(prep.gather([hostile], workbook))
    assert "\x1b" not in page and "\x07" not in page
    assert "ok␛\\[2J" in page  # visible, and the "[" is not Markdown


def test_search_finds_lines_with_where_they_are(history: list[Entry], workbook: Workbook) -> None:
    hits = search.search(history, workbook, "  sql ")
    assert [(h.entry_id, h.section, h.exercise_id) for h in hits] == [
        (2, "Learning", "feedback-received"),
        (1, "Learning", "feedback-received"),
        (1, "Learning", "lessons"),
    ]
    assert hits[2].line == "Prepare two SQL stories with real numbers."
    assert hits[2].start("sql") == len("Prepare two ")
    # a table row is one line, its cells joined
    (row,) = search.search(history, workbook, "onboarding")
    assert (
        row.line
        == "Tell us about a failure · A vague story · The onboarding redesign, with numbers"
    )
    assert search.search(history, workbook, "   ") == []


def test_search_private_only_when_asked(history: list[Entry], workbook: Workbook) -> None:
    assert search.search(history, workbook, "commute", include_private=False) == []
    (hit,) = search.search(history, workbook, "commute")
    assert hit.exercise_id == "vent"


def test_search_neutralises_control_characters(entry: Entry, workbook: Workbook) -> None:
    hostile = replace(entry, answers={"learning": {"lessons": "a\x1b[31mred\x9b line"}})
    (hit,) = search.search([hostile], workbook, "red")
    assert "\x1b" not in hit.line and "\x9b" not in hit.line
    assert hit.line == "a␛[31mred<U+009B> line"


def test_search_matches_only_what_the_person_wrote(entry: Entry, workbook: Workbook) -> None:
    """Not the vent's stored days, a note's sent or reread day, a rating, a tick or the
    template around a note: search reads each answer as its kind does."""
    answers = {
        "frustration": {
            "vent": {"text": "It stung on the 2nd.", "days": ["2026-11-03", "2026-11-04"]},
            "intensity-before": 7,
        },
        "bridges": {
            "thank-you-note": {
                "fields": {"appreciated": "the data walk-through"},
                "sent": "2026-11-05",
                "reread": "2026-11-09",
            }
        },
    }
    written = replace(entry, answers=answers)
    for stored in ("2026-11", "11-04", "11-09", "days", "reread", "sent", "7", "Thank you"):
        assert search.search([written], workbook, stored) == [], stored
    (vent,) = search.search([written], workbook, "on the 2nd")
    assert vent.exercise_id == "vent" and vent.line == "It stung on the 2nd."
    (note,) = search.search([written], workbook, "walk-through")
    assert note.line == "the data walk-through"


def test_search_limit(history: list[Entry], workbook: Workbook) -> None:
    index = search.SearchIndex(history, workbook)
    assert len(index.search("e", limit=2)) == 2
    assert len(index.search("e", limit=None)) > 2


def test_core_modules_do_not_import_textual() -> None:
    code = (
        "import sys; import rebound_tui.core.patterns, rebound_tui.core.prep, "
        "rebound_tui.core.search; assert 'textual' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_one_drop_is_said_plainly(history: list[Entry], workbook: Workbook) -> None:
    found = patterns.compute(history[:1], workbook)  # the newest: 7 → 4
    assert patterns.drop_sentence(found) == "Working through the entry took it down by 3 points."


def test_an_unreadable_entry_is_left_out_not_fatal(db_path, workbook: Workbook) -> None:
    store = Store(db_path)
    fill(store, workbook, history=True)
    store.close()
    entry_files = sorted(db_path.with_name(db_path.name + ".entries").glob("*.json"))
    assert len(entry_files) == 3
    entry_files[0].write_text("{ not json", encoding="utf-8")
    reader = Store(db_path, read_only=True)
    found = patterns.read_entries(reader)
    assert len(found) == 2
    assert patterns.compute(found, workbook).total == 2


def test_search_as_typed_gives_what_a_fresh_search_gives(
    history: list[Entry], workbook: Workbook
) -> None:
    """The index looks only at the answers that held the last query when the new one holds
    it (typing on); any other query looks at every answer again."""
    typed = search.SearchIndex(history, workbook)
    for query in ["z", "ze", "zeb", "s", "sq", "sql", "q", "ql", "e", "ex", "s", "sql", "xyz", "x"]:
        fresh = search.SearchIndex(history, workbook)
        assert typed.search(query) == fresh.search(query), query
    assert len(typed.search("e", limit=2)) == 2  # stopped early: not every answer looked at
    assert typed.search("ex") == search.SearchIndex(history, workbook).search("ex")
    looked_at: list[int] = []
    typed.search("onboard")
    answers = typed._answers
    typed._answers = _Spy(answers, looked_at)  # type: ignore[assignment]
    assert len(typed.search("onboarding")) == 1
    assert len(looked_at) == 1  # only the answer that held "onboard"


class _Spy(list):  # type: ignore[type-arg]
    def __init__(self, items: list[object], seen: list[int]) -> None:
        super().__init__(items)
        self.seen = seen

    def __getitem__(self, place: int) -> object:  # type: ignore[override]
        self.seen.append(place)
        return super().__getitem__(place)
