"""A seven-column thought record (after Greenberger & Padesky).

Value: a dict with one string per text step (``TEXT_KEYS``), a number 0-100 or None for each
of ``NUMBER_KEYS`` and ``traps``, the names of the ticked thinking traps. Older shapes: an
empty record takes the answers of the older, separate exercises with the same ids
(``situation``, ``hot-thought``, …) from its section. Traps stored as a number, ``null`` or a
list holding objects keep only their names; numbers out of 0-100 are not shown.
"""

from __future__ import annotations

from typing import Any

from rebound_tui.core.content import THOUGHT_STEPS, Exercise
from rebound_tui.core.kinds.base import Context, Kind, Loaded, is_empty, md_line, one_line, quote
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


def empty_record() -> Record:
    return {key: "" for key in TEXT_KEYS} | {key: None for key in NUMBER_KEYS} | {"traps": []}


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
        elif raw is not None:
            odd = True
        if not any(record[key].strip() for key in TEXT_KEYS):
            for key in TEXT_KEYS:  # before this kind existed, each step was its own exercise
                older = context.section.get(key)
                if isinstance(older, str) and older.strip():
                    record[key] = older
        return Loaded(record, odd=odd)

    def is_answered(self, exercise: Exercise, value: Record) -> bool:
        return any(not is_empty(value[key]) for key in (*TEXT_KEYS, *NUMBER_KEYS, "traps"))

    def markdown(self, exercise: Exercise, value: Record, context: Context) -> str:
        parts = []
        for key, label in LABELS.items():
            text = value[key].strip()
            note = ""
            if key == "feelings" and value["intensity"] is not None:
                note = f" (how strong: {value['intensity']} / 100)"
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
        return "\n\n".join(parts)

    def summary(self, exercise: Exercise, value: Record, context: Context) -> str:
        hot = value["hot-thought"].strip() or value["situation"].strip()
        done = sum(bool(value[key].strip()) for key in TEXT_KEYS)
        return f"{done} of {len(TEXT_KEYS)} steps" + (f": {one_line(hot)}" if hot else "")
