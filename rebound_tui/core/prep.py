""" "Before your next interview": what every entry taught, gathered on one page. No Textual.

Four parts, each newest first (by rejection date): lessons, questions I'd answer differently
(with what I'd say now), if-then plans, and kind sentences. Every piece of the person's text
is passed through :func:`visible`, so the page is safe to print to a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rebound_tui.core import answers_read as read
from rebound_tui.core.content import Workbook
from rebound_tui.core.entry_names import entry_title
from rebound_tui.core.formats import PREP_FORMATS
from rebound_tui.core.kinds.base import UNSHOWN, md_line, quote

if TYPE_CHECKING:
    from rebound_tui.core.storage.store import Entry

TITLE = "Before your next interview"
FORMATS = PREP_FORMATS


@dataclass(frozen=True)
class Item:
    entry_id: int
    source: str  # "Company — Role, 2026-11-20"
    text: str  # Markdown, the person's words already made visible


@dataclass(frozen=True)
class Prep:
    lessons: list[Item]
    questions: list[Item]
    plans: list[Item]
    kind: list[Item]
    #: Answers this page would read that cannot be shown (each kept in its file), one line each.
    left_out: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.lessons or self.questions or self.plans or self.kind)


def _source(entry: Entry) -> str:
    title = entry_title(entry)
    return f"{title}, {entry.date}" if entry.date else title


def gather(entries: Sequence[Entry], workbook: Workbook) -> Prep:
    """Everything learned across ``entries``, each answer read as its kind reads it."""
    newest = sorted(entries, key=lambda e: (e.date or "9999", e.id), reverse=True)
    lessons: list[Item] = []
    questions: list[Item] = []
    plans: list[Item] = []
    kind: list[Item] = []
    left_out: list[str] = []
    for entry in newest:
        answers, source = entry.answers, _source(entry)
        for where in (*read.LESSONS, read.QUESTIONS, read.IF_THEN, read.KIND_SENTENCES):
            prompt = read.unshown(workbook, answers, where)
            if prompt is not None:
                left_out.append(f"{source}: “{' '.join(prompt.split())}” {UNSHOWN}")
        for where in read.LESSONS:
            text = read.text(workbook, answers, where)
            if text:
                lessons.append(Item(entry.id, source, quote(text)))
        for question, said, now in read.rows(workbook, answers, read.QUESTIONS, 3):
            parts = [f"**{md_line(question, 'A question')}**"]
            if said:
                parts.append(f"  \n  What I said: {md_line(said)}")
            if now:
                parts.append(f"  \n  What I'd say now: **{md_line(now)}**")
            questions.append(Item(entry.id, source, "".join(parts)))
        for urge, plan in read.rows(workbook, answers, read.IF_THEN, 2):
            if urge and plan:
                line = f"If I feel the urge to **{md_line(urge)}**, then I will {md_line(plan)}"
            else:
                line = f"If I feel the urge to **{md_line(urge)}**" if urge else md_line(plan)
            plans.append(Item(entry.id, source, line))
        text = read.text(workbook, answers, read.KIND_SENTENCES)
        if text:
            kind.append(Item(entry.id, source, quote(text)))
    return Prep(lessons, questions, plans, kind, left_out)


_PARTS = (
    ("lessons", "Lessons", "The lessons you wrote down will show up here."),
    (
        "questions",
        "Questions I'd answer differently",
        "Questions you'd answer differently will show up here.",
    ),
    ("plans", "If-then plans", "Your if-then plans will show up here."),
    ("kind", "Kind sentences", "The kind sentences you wrote to yourself will show up here."),
)


def to_markdown(prep: Prep) -> str:
    lines = [f"# {TITLE}", ""]
    if prep.empty:
        lines += [
            "Nothing gathered yet. As you write lessons, questions you'd answer differently, "
            "if-then plans and kind sentences in your entries, they collect here, newest first, "
            "ready to read before the next interview.",
            "",
        ]
        return "\n".join(lines + _left_out(prep))
    lines += ["Everything you learned, gathered from all your entries, newest first.", ""]
    for name, heading, empty in _PARTS:
        items: list[Item] = getattr(prep, name)
        lines += [f"## {heading}", ""]
        if not items:
            lines += [f"*{empty}*", ""]
        for item in items:
            source = f"*({md_line(item.source)})*"
            if item.text.startswith(">"):
                lines += [f"{item.text}  \n> {source}", ""]
            else:
                lines.append(f"- {item.text}  \n  {source}")
        if items and not items[-1].text.startswith(">"):
            lines.append("")
    return "\n".join(lines + _left_out(prep)).rstrip() + "\n"


def _left_out(prep: Prep) -> list[str]:
    if not prep.left_out:
        return []
    return ["## Left out", ""] + [f"- *{md_line(line)}*" for line in prep.left_out] + [""]
