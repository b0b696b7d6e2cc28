"""Markdown for the exercise kinds with structured answers. No Textual import.

Every formatter takes the exercise, its value and the section's other answers, and returns
Markdown that also reads well as plain text: free text quoted with ``> ``, and every piece of
the person's text passed through :func:`visible` so no control character reaches a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from rebound_tui.core.content import Exercise, fill_template
from rebound_tui.core.text import visible
from rebound_tui.core.ticks import TICKED, tick_word

#: Short names of the thought record's columns, for the export.
THOUGHT_LABELS = {
    "situation": "Situation",
    "feelings": "Feelings",
    "hot-thought": "Hot thought",
    "evidence-for": "Evidence for",
    "evidence-against": "Evidence against",
    "balanced-thought": "Balanced thought",
}


def quote(text: str) -> str:
    lines = visible(text.strip("\n")).splitlines() or [""]
    return "\n".join(f"> {line}".rstrip() for line in lines)


def _one_line(text: Any) -> str:
    return " ".join(visible(str(text)).split()) or "—"


def _number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def composer(exercise: Exercise, value: Any, answers: Mapping[str, Any]) -> str:
    saved = value if isinstance(value, dict) else {}
    raw = saved.get("fields")
    fields: dict[str, Any] = raw if isinstance(raw, dict) else {}
    text = fill_template(exercise, {k: str(v) for k, v in fields.items()})
    sent = saved.get("sent")
    status = f"*Sent on {_one_line(sent)}.*" if sent else "*Not sent yet.*"
    return f"{quote(text)}\n\n{status}"


def _rows(value: Any) -> list[list[str]]:
    if isinstance(value, str):
        return [[line] for line in value.splitlines() if line.strip()]
    rows = value if isinstance(value, list) else []
    return [
        [str(c) for c in row] if isinstance(row, list) else [str(row)]
        for row in rows
        if isinstance(row, list | str)
    ]


def _tick(cell: str) -> str:
    """A tick column's cell: "yes" or "not yet", and any words typed there before it was a
    tick, so they are never lost."""
    typed = cell.strip()
    return tick_word(cell) + (f" ({_one_line(typed)})" if typed and typed != TICKED else "")


def rows(exercise: Exercise, value: Any, answers: Mapping[str, Any]) -> str:
    columns = exercise.columns
    lines = []
    for number, row in enumerate(_rows(value), 1):
        cells = (row + [""] * len(columns))[: len(columns)]
        if not any(c.strip() for c in cells):
            continue
        shown = [
            _tick(cell) if name in exercise.ticks else _one_line(cell)
            for name, cell in zip(columns, cells, strict=True)
        ]
        lines.append(f"{number}. **{visible(columns[0])}:** {shown[0]}")
        rest = zip(columns[1:], shown[1:], strict=True)
        lines += [f"   - {visible(name)}: {text}" for name, text in rest]
    return "\n".join(lines)


def if_then(exercise: Exercise, value: Any, answers: Mapping[str, Any]) -> str:
    if_words, then_words = exercise.columns
    lines = []
    for row in _rows(value):
        urge, plan = [*row, "", ""][:2]
        if urge.strip():
            lines.append(
                f"- {visible(if_words)} **{_one_line(urge)}**, {visible(then_words)} "
                f"{_one_line(plan)}"
            )
        elif plan.strip():
            lines.append(f"- {visible(then_words[:1].upper() + then_words[1:])} {_one_line(plan)}")
    return "\n".join(lines)


def thought_record(exercise: Exercise, value: Any, answers: Mapping[str, Any]) -> str:
    record = value if isinstance(value, dict) else {}
    parts = []
    for key, label in THOUGHT_LABELS.items():
        text = str(record.get(key) or "").strip()
        note = ""
        if key == "feelings" and _number(record.get("intensity")):
            note = f" (how strong: {record['intensity']} / 100)"
        if key == "balanced-thought" and _number(record.get("belief")):
            note = f" (how much I believe it: {record['belief']} / 100)"
        if text:
            parts.append(f"*{label}*{note}\n\n{quote(text)}")
        if key == "hot-thought" and record.get("traps"):
            traps = ", ".join(_one_line(t) for t in record["traps"])
            parts.append(f"*Thinking traps spotted:* {traps}")
    before, after = record.get("intensity"), record.get("rerated")
    if _number(after):
        change = f"{before} → {after}" if _number(before) else str(after)
        parts.append(f"*Feelings re-rated:* {change} / 100")
    return "\n\n".join(parts)


def timed_writing(exercise: Exercise, value: Any, answers: Mapping[str, Any]) -> str:
    text = value.get("text", "") if isinstance(value, dict) else value
    return quote(str(text))


def pacer(exercise: Exercise, value: Any, answers: Mapping[str, Any]) -> str:
    saved = value if isinstance(value, dict) else {"after": value}
    after, rounds = saved.get("after"), saved.get("rounds")
    lines = []
    if isinstance(rounds, int) and _number(rounds) and rounds > 0:
        pattern = "-".join(str(n) for n in exercise.pattern)
        lines.append(f"Breathed {rounds} round{'s' if rounds != 1 else ''} of {pattern}.")
    before = answers.get(exercise.compare) if exercise.compare else None
    if _number(after):
        change = f"{before} → {after}" if _number(before) else str(after)
        lines.append(f"{change} / {exercise.max}")
    return "  \n".join(lines)


KIND_FORMATS: dict[str, Callable[[Exercise, Any, Mapping[str, Any]], str]] = {
    "composer": composer,
    "rows": rows,
    "if_then": if_then,
    "thought_record": thought_record,
    "timed_writing": timed_writing,
    "pacer": pacer,
}
