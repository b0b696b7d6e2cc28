"""How each structured exercise kind reads in the exported Markdown (and JSON keeps it raw)."""

from __future__ import annotations

import json
from typing import Any

from rebound_tui.core import kinds
from rebound_tui.core.content import Workbook
from rebound_tui.core.export import render
from rebound_tui.core.kinds import Context
from rebound_tui.core.progress import Progress, section_progress
from rebound_tui.core.storage.store import Entry

ANSWERS: dict[str, dict[str, Any]] = {
    "frustration": {
        "intensity-before": 7,
        "vent": "They never\nlet me finish.",
        "intensity-after": {"after": 4, "rounds": 2},
    },
    "bridges": {
        "thank-you-note": {
            "fields": {"name": "Priya", "role": "analyst", "company": "Northwind"},
            "sent": "2026-11-03",
        },
        "people-met": [["Sam Lee", "team lead", "kind"], ["", "", ""]],
    },
    "learning": {
        "questions-differently": [["Conflict?", "I rambled", "# One clear story"]],
    },
    "facts": {
        "thought-record": {
            "situation": "No after the final",
            "feelings": "sad",
            "intensity": 80,
            "hot-thought": "They hated me",
            "traps": ["Mind-reading"],
            "evidence-for": "",
            "evidence-against": "They invited me back\ntwice",
            "balanced-thought": "I can't know what they thought",
            "belief": 60,
            "rerated": 50,
        }
    },
    "looking-ahead": {
        "coping-plan": [["drink alcohol", "call Sam"], ["", "go for a walk"]],
        "next-steps": [["Update CV", "Fri", "\x1b[31mno"]],
    },
}


def _entry() -> Entry:
    return Entry(1, "Northwind", "Analyst", "Final", "2026-11-02", False, "", "", ANSWERS)


def test_markdown_shows_each_kind_readably(workbook: Workbook) -> None:
    text = render([_entry()], workbook, include_private=True)
    # composer: the finished note, quoted, with blanks shown, and the sent date
    assert "> Hi Priya,\n>\n> Thank you for taking the time to meet me about the analyst" in text
    assert "\\[One specific thing you appreciated\\]" in text  # reads back as typed
    assert "*Sent on 2026-11-03.*" in text
    # rows: a numbered list, empty rows dropped, headings as labels; "#" stays text
    assert "1. **Name:** Sam Lee\n   - Role: team lead\n   - Note: kind" in text
    assert "2. **Name:**" not in text
    assert "   - What I'd say now: \\# One clear story" in text  # reads back as "# One…"
    # control characters never reach a terminal
    assert "\x1b" not in text and "␛\\[31mno" in text
    # if-then
    assert "- If I feel the urge to **drink alcohol**, then I will call Sam" in text
    assert "- Then I will go for a walk" in text
    # thought record
    assert "*Feelings* (how strong: 80 / 100)\n\n> sad" in text
    assert "*Thinking traps spotted:* Mind-reading" in text
    assert "> They invited me back  \n> twice" in text  # a hard break keeps the line
    assert "(how much I believe it: 60 / 100)" in text
    assert "*Feelings re-rated:* 80 → 50 / 100" in text
    assert "Evidence for" not in text  # an empty step is left out
    # timed writing (private, included on request) and the pacer's change
    assert "> They never  \n> let me finish." in text
    assert "Breathed 2 rounds of 4-4-4-4.  \n7 → 4 / 10" in text


def test_private_timed_writing_stays_out_by_default(workbook: Workbook) -> None:
    assert "let me finish" not in render([_entry()], workbook)


def test_json_keeps_the_raw_values(workbook: Workbook) -> None:
    data = json.loads(render([_entry()], workbook, "json"))
    answers = {a["id"]: a for s in data["entries"][0]["sections"] for a in s["answers"]}
    assert answers["coping-plan"]["answer"] == ANSWERS["looking-ahead"]["coping-plan"]
    assert answers["thought-record"]["kind"] == "thought_record"
    assert answers["intensity-after"]["answer"] == {"after": 4, "rounds": 2}


def test_older_plain_values_still_export(workbook: Workbook) -> None:
    frustration = workbook.section("frustration")
    pacer = next(e for e in frustration.exercises if e.kind == "pacer")
    before = {"intensity-before": 6}
    assert kinds.to_markdown(pacer, 3, Context(before)) == "6 → 3 / 10"
    learning = workbook.section("learning")
    rows = next(e for e in learning.exercises if e.kind == "rows")
    assert kinds.to_markdown(rows, "Q1\nQ2").startswith("1. **Question:** Q1\n")


def test_a_pacer_counts_once_rerated_and_a_composer_once_filled(workbook: Workbook) -> None:
    frustration = workbook.section("frustration")
    only_pacer = {"intensity-after": {"after": None, "rounds": 3}}
    assert section_progress(frustration, only_pacer, False) is Progress.NOT_STARTED
    bridges = workbook.section("bridges")
    blank = {"thank-you-note": {"fields": {"name": " "}, "sent": None}}
    assert section_progress(bridges, blank, False) is Progress.NOT_STARTED
    sent = {"thank-you-note": {"fields": {}, "sent": "2026-11-03"}}
    assert section_progress(bridges, sent, False) is Progress.STARTED
