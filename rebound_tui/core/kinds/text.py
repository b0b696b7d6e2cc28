"""Free text: ``long_text`` and ``short_text``. Value: a string (the vent builds on it).

Older or odd shapes: a number is its digits; ``{"text": …}`` (a richer timed-writing value)
is its text; a list of strings is one line each. Anything else is not shown.
"""

from __future__ import annotations

from typing import Any

from rebound_tui.core.content import Exercise
from rebound_tui.core.kinds.base import (
    Context,
    Kind,
    Loaded,
    as_text,
    literal,
    quote,
    shorten,
    text_lines,
)
from rebound_tui.core.text import visible


def load_text(raw: Any) -> Loaded[str]:
    """The text of a free-text answer, from any shape it was stored in."""
    if raw is None:
        return Loaded("")
    text = as_text(raw)
    if text is not None:
        return Loaded(text)
    if isinstance(raw, dict):
        inner = as_text(raw.get("text"))
        return Loaded(inner or "", odd=inner is None or (len(raw) > 1 and "text" not in raw))
    if isinstance(raw, list):
        parts = [as_text(item) for item in raw]
        shown = [part for part in parts if part is not None]
        return Loaded("\n".join(shown), odd=len(shown) != len(parts))
    return Loaded("", odd=True)


class LongText(Kind[str]):
    """Several lines, quoted in the export so every line stays the person's words."""

    name = "long_text"

    def load(self, exercise: Exercise, raw: Any, context: Context) -> Loaded[str]:
        return load_text(raw)

    def is_answered(self, exercise: Exercise, value: str) -> bool:
        return bool(value.strip())

    def markdown(self, exercise: Exercise, value: str, context: Context) -> str:
        return quote(value)

    def summary(self, exercise: Exercise, value: str, context: Context) -> str:
        return shorten(value)

    def lines(self, exercise: Exercise, value: str, context: Context) -> list[str]:
        return text_lines(value)


class ShortText(LongText):
    """One line; shown as it is, without a quote."""

    name = "short_text"

    def markdown(self, exercise: Exercise, value: str, context: Context) -> str:
        lines = [line.strip() for line in visible(value.strip()).splitlines() if line.strip()]
        return "  \n".join(literal(line) for line in lines)
