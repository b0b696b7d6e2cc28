"""Fixed demo data for screenshots and snapshot tests: the same picture on every run.

Answers are given per exercise id *and* kind; an answer whose exercise no longer exists (or
changed kind) is skipped, so content edits never break the demo, they only thin it out.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rebound_tui.core.content import Workbook
from rebound_tui.core.storage.store import Store

#: The day the demo pictures are taken on, whatever the calendar says.
TODAY = date(2026, 11, 25)

ENTRIES: list[dict[str, Any]] = [
    {"company": "Harbour Analytics", "role": "Junior data analyst", "stage": "Phone screen",
     "date": "2026-09-14", "internal": False},
    {"company": "Larch & Co", "role": "Team lead", "stage": "Second interview",
     "date": "2026-10-30", "internal": True},
    {"company": "Northwind Trading", "role": "Product designer", "stage": "Final round",
     "date": "2026-11-20", "internal": False},
]  # fmt: skip

#: (section id, exercise id, kind) -> answer, for the newest demo entry.
ANSWERS: dict[tuple[str, str, str], Any] = {
    ("frustration", "feelings", "checklist"): ["Disappointed", "Embarrassed", "Tired"],
    ("frustration", "intensity-before", "scale"): 7,
    ("frustration", "vent", "timed_writing"): (
        "Three rounds, a take-home task, and a two-line email. I had already pictured the "
        "commute. I'm allowed to be annoyed about that."
    ),
    ("frustration", "unfair", "long_text"): (
        "They said the portfolio was the strongest they had seen, then chose someone with "
        "more years in the industry."
    ),
    ("frustration", "intensity-after", "pacer"): {"after": 4, "rounds": 2},
    ("bridges", "thank-who", "short_text"): "Amira Haddad",
    ("bridges", "thank-you-note", "composer"): {
        "fields": {
            "name": "Amira",
            "role": "product designer",
            "company": "Northwind Trading",
            "appreciated": "hearing how the team runs its design critiques",
            "me": "Sam",
        },
        "sent": "2026-11-21",
    },
    ("bridges", "people-met", "rows"): [
        ["Amira Haddad", "Design lead", "Warm, asked sharp questions"],
        ["Joel Park", "Recruiter", "Kept me posted at every step"],
    ],
    ("bridges", "stay-in-touch", "choice"): "Yes, on LinkedIn",
    ("learning", "questions-differently", "rows"): [
        ["Tell us about a failure", "A vague story", "The onboarding redesign, with numbers"],
    ],
    ("learning", "learned", "long_text"): (
        "I rushed the case study. Next time I will slow down and say my assumptions out loud."
    ),
    ("facts", "thought-record", "thought_record"): {
        "situation": "Final round, no offer, email on a Friday evening",
        "feelings": "Embarrassed, flat",
        "hot-thought": "They must have thought I was a fraud",
        "evidence-for": "I froze on the case study question",
        "evidence-against": "They took me to the final round; the recruiter said it was close",
        "balanced-thought": "One shaky answer in a long process; they saw enough to shortlist me",
        "intensity": None,
        "belief": 60,
        "rerated": None,
        "traps": ["Mind-reading"],
        "each": [  # each feeling rated at step 2 and again at the end ("Embarrassed 80 → 50")
            {"feeling": "Embarrassed", "before": 80, "after": 50},
            {"feeling": "flat", "before": 60, "after": 45},
        ],
    },
    ("looking-ahead", "shortlisted", "long_text"): (
        "Out of a big pile of applications they picked mine: the portfolio and the accessibility "
        "project did that."
    ),
    ("looking-ahead", "coping-plan", "if_then"): [
        ["snack all evening", "cook something simple and call my sister"],
    ],
    ("looking-ahead", "next-steps", "rows"): [
        ["Ask Amira for feedback", "2026-11-27", ""],
        ["Apply to two design roles", "2026-12-01", ""],
    ],
}


#: Answers for the two older demo entries (by their place in ENTRIES), given by ``history``:
#: the patterns across entries, the "before your next interview" page and search show them.
HISTORY: dict[int, dict[tuple[str, str, str], Any]] = {
    0: {
        ("frustration", "feelings", "checklist"): ["Disappointed", "Anxious", "Confused"],
        ("frustration", "intensity-before", "scale"): 8,
        ("frustration", "intensity-after", "pacer"): {"after": 6, "rounds": 4},
        ("learning", "feedback-received", "long_text"): (
            "They wanted more SQL depth and clearer examples of working with stakeholders."
        ),
        ("learning", "questions-differently", "rows"): [
            ["Why data analysis?", "I rambled", "The survey project, in two minutes"],
        ],
        ("learning", "lessons", "long_text"): "Prepare two SQL stories with real numbers.",
        ("facts", "thought-record", "thought_record"): {
            "hot-thought": "I will never get past a phone screen",
            "traps": ["Fortune-telling", "All-or-nothing"],
        },
        ("facts", "outside-control", "rows"): [
            ["Other candidates' experience", "How I told my project stories"],
        ],
        ("looking-ahead", "kind-sentences", "long_text"): "I got a call back. That is a start.",
        ("looking-ahead", "intensity-end", "scale"): 3,
    },
    1: {
        ("frustration", "feelings", "checklist"): ["Disappointed", "Angry"],
        ("frustration", "intensity-before", "scale"): 9,
        ("learning", "feedback-received", "long_text"): (
            "Strong stakeholder work; they wanted more SQL and more examples of leading people."
        ),
        ("learning", "lessons", "long_text"): "Ask what the team needs in the first 90 days.",
        ("facts", "thought-record", "thought_record"): {"traps": ["Personalising"]},
        ("facts", "outside-control", "rows"): [
            ["An internal candidate", "Examples of leading people"],
            ["Other candidates' experience", ""],
        ],
        ("looking-ahead", "coping-plan", "if_then"): [["drink alcohol", "go for a run instead"]],
        ("looking-ahead", "intensity-end", "scale"): 5,
    },
}  # fmt: skip


def fill(store: Store, workbook: Workbook, *, history: bool = False) -> int:
    """Add the demo entries to an empty store and return the id of the newest (the one with
    the most answers). ``history`` gives the older entries answers too (see HISTORY)."""
    ids = [store.create_entry(**facts).id for facts in ENTRIES]
    entry_id = ids[-1]
    answers = [(entry_id, ANSWERS)]
    if history:
        answers += [(ids[place], found) for place, found in HISTORY.items()]
    for target, given in answers:
        _answer(store, workbook, target, given)
    store.set_setting("welcomed", True)
    store.flush()
    return entry_id


def _answer(
    store: Store, workbook: Workbook, entry_id: int, given: dict[tuple[str, str, str], Any]
) -> None:
    kinds = {(s.id, e.id): e for s in workbook.sections for e in s.exercises}
    for (section_id, exercise_id, kind), value in given.items():
        exercise = kinds.get((section_id, exercise_id))
        if exercise is None or exercise.kind != kind:
            continue
        if kind in ("choice", "checklist"):
            allowed = set(exercise.options)
            wanted = value if isinstance(value, list) else [value]
            if not set(wanted) <= allowed:
                continue
        store.set_answer(entry_id, section_id, exercise_id, value)
