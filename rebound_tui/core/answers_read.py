"""Which answers the views across entries (patterns, prep) read, read the way their kinds load
them. No Textual import.

This module only knows *where* each figure comes from; *how* an answer reads (older shapes,
hand edits, odd values) is its kind's one definition (:mod:`rebound_tui.core.kinds`), so the
patterns and the prep page always agree with the field, the summary and the export.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rebound_tui.core import kinds
from rebound_tui.core.content import Exercise, Workbook
from rebound_tui.core.kinds.pacer import rating

#: Where each figure comes from: (section id, exercise id). A content folder without one of
#: them simply leaves that part of the patterns empty.
INTENSITY_START = ("frustration", "intensity-before")
INTENSITY_END = ("looking-ahead", "intensity-end")
INTENSITY_CALMER = ("frustration", "intensity-after")  # the re-rating after breathing
FEELINGS = ("frustration", "feelings")
OUTSIDE_CONTROL = ("facts", "outside-control")
THOUGHT_RECORD = ("facts", "thought-record")
FEEDBACK = ("learning", "feedback-received")
LESSONS = (("learning", "learned"), ("learning", "lessons"))
QUESTIONS = ("learning", "questions-differently")
IF_THEN = ("looking-ahead", "coping-plan")
KIND_SENTENCES = ("looking-ahead", "kind-sentences")
#: Every place the patterns' figures are read from (see entry_figures.figures_of).
FIGURES = (
    INTENSITY_START, INTENSITY_END, INTENSITY_CALMER, FEELINGS, OUTSIDE_CONTROL, THOUGHT_RECORD,
    FEEDBACK,
)  # fmt: skip

Where = tuple[str, str]


def exercise(workbook: Workbook, where: Where) -> Exercise | None:
    """The exercise at ``where`` in this content, or None when the content has none there."""
    for section in workbook.sections:
        if section.id == where[0]:
            return next((e for e in section.exercises if e.id == where[1]), None)
    return None


def answer(workbook: Workbook, answers: Mapping[str, Any], where: Where) -> Any:
    """The answer at ``where`` as its kind loads it (its canonical value), or None."""
    found = exercise(workbook, where)
    section = answers.get(where[0])
    raw = section.get(where[1]) if isinstance(section, Mapping) else None
    return None if found is None else kinds.normalise(found, raw)


def unshown(workbook: Workbook, answers: Mapping[str, Any], where: Where) -> str | None:
    """The exercise's prompt when its answer is kept in the file but cannot be shown at
    all (named as left out), else None."""
    found = exercise(workbook, where)
    section = answers.get(where[0])
    raw = section.get(where[1]) if isinstance(section, Mapping) else None
    if found is None or raw is None or not kinds.unshown(found, raw):
        return None
    return found.prompt


def number(workbook: Workbook, answers: Mapping[str, Any], where: Where) -> int | None:
    """A rating: a scale's number, or the re-rating a pacer holds."""
    return rating(answer(workbook, answers, where))


def text(workbook: Workbook, answers: Mapping[str, Any], where: Where) -> str:
    """A free-text answer, without the blank lines around it ("" when unanswered)."""
    value = answer(workbook, answers, where)
    return value.strip() if isinstance(value, str) else ""


def labels(workbook: Workbook, answers: Mapping[str, Any], where: Where) -> list[str]:
    """What is ticked: a checklist's items or a thought record's thinking traps, each once,
    tidied (runs of white space as one space), so the same item counts together."""
    value = answer(workbook, answers, where)
    if isinstance(value, Mapping):  # a thought record
        value = value.get("traps")
    seen: dict[str, None] = {}
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str) and item.strip():
            seen.setdefault(" ".join(item.split()), None)
    return list(seen)


def rows(
    workbook: Workbook, answers: Mapping[str, Any], where: Where, width: int
) -> list[list[str]]:
    """A table's rows as its kind loads them, as ``width`` trimmed strings each (a content
    folder may give the table more or fewer columns); rows left empty are left out."""
    value = answer(workbook, answers, where)
    found = []
    for row in value if isinstance(value, list) else []:
        cells = [cell.strip() for cell in row if isinstance(cell, str)]
        cells = (cells + [""] * width)[:width]
        if any(cells):
            found.append(cells)
    return found


def first_column(workbook: Workbook, answers: Mapping[str, Any], where: Where) -> list[str]:
    """A table's first column, each item once, tidied: the "not in my hands" side of the
    in-my-hands sort (an older checklist of the same id loads as one row per ticked item)."""
    seen: dict[str, None] = {}
    for (cell,) in rows(workbook, answers, where, 1):
        if cell:
            seen.setdefault(" ".join(cell.split()), None)
    return list(seen)
