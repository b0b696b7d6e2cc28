"""A seven-column thought record (after Greenberger & Padesky).

Value: a dict with one string per text step (``TEXT_KEYS``), a number 0-100 or None for each
of ``NUMBER_KEYS``, ``traps``, the names of the ticked thinking traps, and ``each``: one
``{"feeling", "before", "after"}`` per feeling named in step 2 (as the published form rates
and re-rates each feeling). A record from before ``each`` existed keeps its one number for all
the feelings (``intensity`` and ``rerated``) and shows it as it did. Older shapes: an
empty record takes the answers of the older, separate exercises with the same ids
(``situation``, ``hot-thought``, …) from its section. Traps stored as a number, ``null`` or a
list holding objects keep only their names; numbers out of 0-100 are not shown.
"""

from __future__ import annotations

import re
from typing import Any

from rebound_tui.core.content import THOUGHT_STEPS, Exercise
from rebound_tui.core.kinds.base import (
    Context,
    Kind,
    Loaded,
    is_empty,
    md_line,
    one_line,
    quote,
    text_lines,
)
from rebound_tui.core.kinds.scale import change, load_scale
from rebound_tui.core.kinds.text import load_text

#: Every step but the last (the re-rating) holds text.
TEXT_KEYS = THOUGHT_STEPS[:-1]
NUMBER_KEYS = ("intensity", "belief", "rerated")

#: Short names of the columns, for the export.
LABELS = {
    "situation": "Situation",
    "feelings": "Feelings",
    "hot-thought": "Hot thought",
    "evidence-for": "Evidence for",
    "evidence-against": "Evidence against",
    "balanced-thought": "Balanced thought",
}

Record = dict[str, Any]

#: How many feelings get their own rating (the rest of a long list is still kept as text).
MOST_FEELINGS = 6
_BETWEEN_FEELINGS = re.compile(r"[,;\n]+")


def empty_record() -> Record:
    record: Record = {key: "" for key in TEXT_KEYS} | {key: None for key in NUMBER_KEYS}
    return record | {"traps": [], "each": []}


def feeling_names(text: str) -> list[str]:
    """The feelings named in step 2 ("sad, embarrassed"), each once, in order."""
    names: list[str] = []
    for part in _BETWEEN_FEELINGS.split(text):
        name = " ".join(part.split())
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names[:MOST_FEELINGS]


def rate_each(each: list[dict[str, Any]], names: list[str]) -> list[dict[str, Any]]:
    """One rating per named feeling, keeping the numbers of feelings named before."""
    kept = {item["feeling"].casefold(): item for item in each}
    empty = {"before": None, "after": None}
    return [{**kept.get(name.casefold(), empty), "feeling": name} for name in names]


def one_number(record: Record) -> bool:
    """A record from before each feeling had its own rating: one number for them all."""
    numbers = record["intensity"] is not None or record["rerated"] is not None
    return numbers and not record["each"]


def _load_each(raw: Any) -> Loaded[list[dict[str, Any]]]:
    items = raw if isinstance(raw, list) else []
    each: list[dict[str, Any]] = []
    odd = raw is not None and not isinstance(raw, list)
    for item in items:
        name = item.get("feeling") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name.strip():
            odd = True
            continue
        rated: dict[str, Any] = {"feeling": " ".join(name.split())}
        for key in ("before", "after"):
            number = load_scale(item.get(key), 0, 100)
            rated[key], odd = number.value, odd or number.odd
        each.append(rated)
    return Loaded(each, odd=odd)


def _each_line(each: list[dict[str, Any]], key: str) -> str:
    shown = [(item["feeling"], item[key]) for item in each if item[key] is not None]
    return ", ".join(f"{md_line(name)} {number}" for name, number in shown)


def _each_change(each: list[dict[str, Any]]) -> str:
    changes = [
        f"{md_line(item['feeling'])} {change(item['before'], item['after'])}"
        for item in each
        if item["after"] is not None
    ]
    return ", ".join(changes)


class ThoughtRecord(Kind[Record]):
    name = "thought_record"

    def load(self, exercise: Exercise, raw: Any, context: Context) -> Loaded[Record]:
        record = empty_record()
        odd = False
        if isinstance(raw, dict):
            for key in TEXT_KEYS:
                text = load_text(raw.get(key))
                record[key], odd = text.value, odd or text.odd
            for key in NUMBER_KEYS:
                number = load_scale(raw.get(key), 0, 100)
                record[key], odd = number.value, odd or number.odd
            traps = raw.get("traps")
            items = traps if isinstance(traps, list) else [] if traps is None else [traps]
            names = [item if isinstance(item, str) else None for item in items]
            record["traps"] = [n.strip() for n in names if n and n.strip()]
            odd = odd or any(n is None for n in names) or not isinstance(traps, list | None)
            each = _load_each(raw.get("each"))
            record["each"], odd = each.value, odd or each.odd
        elif raw is not None:
            odd = True
        if not any(record[key].strip() for key in TEXT_KEYS):
            for key in TEXT_KEYS:  # before this kind existed, each step was its own exercise
                older = context.section.get(key)
                if isinstance(older, str) and older.strip():
                    record[key] = older
        return Loaded(record, odd=odd)

    def is_answered(self, exercise: Exercise, value: Record) -> bool:
        rated = any(i["before"] is not None or i["after"] is not None for i in value["each"])
        keys = (*TEXT_KEYS, *NUMBER_KEYS, "traps")
        return rated or any(not is_empty(value[key]) for key in keys)

    def markdown(self, exercise: Exercise, value: Record, context: Context) -> str:
        parts = []
        for key, label in LABELS.items():
            text = value[key].strip()
            note = ""
            if key == "feelings" and value["intensity"] is not None:
                note = f" (how strong: {value['intensity']} / 100)"
            if key == "feelings" and _each_line(value["each"], "before"):
                note = f" (how strong, 0 to 100: {_each_line(value['each'], 'before')})"
            if key == "balanced-thought" and value["belief"] is not None:
                note = f" (how much I believe it: {value['belief']} / 100)"
            if text:
                parts.append(f"*{label}*{note}\n\n{quote(text)}")
            if key == "hot-thought" and value["traps"]:
                traps = ", ".join(md_line(t) for t in value["traps"])
                parts.append(f"*Thinking traps spotted:* {traps}")
        if value["rerated"] is not None:
            parts.append(
                f"*Feelings re-rated:* {change(value['intensity'], value['rerated'])} / 100"
            )
        if _each_change(value["each"]):
            parts.append(f"*Feelings re-rated (0 to 100):* {_each_change(value['each'])}")
        return "\n\n".join(parts)

    def lines(self, exercise: Exercise, value: Record, context: Context) -> list[str]:
        """Every step's text, then the thinking traps ticked (the ratings are numbers)."""
        found = [line for key in TEXT_KEYS for line in text_lines(value[key])]
        return found + [" ".join(trap.split()) for trap in value["traps"]]

    def summary(self, exercise: Exercise, value: Record, context: Context) -> str:
        hot = value["hot-thought"].strip() or value["situation"].strip()
        done = sum(bool(value[key].strip()) for key in TEXT_KEYS)
        return f"{done} of {len(TEXT_KEYS)} steps" + (f": {one_line(hot)}" if hot else "")
