"""Choosing from the content's options: ``checklist`` (any number) and ``choice`` (one).

Checklist value: the ticked options as a list of strings, in the order stored. A single
string (one older choice) is a list of one. Choice value: the option's text, or "".
Items that are not text (objects, lists) are not shown.
"""

from __future__ import annotations

from typing import Any

from rebound_tui.core.content import Exercise
from rebound_tui.core.kinds.base import Context, Kind, Loaded, as_text, md_line, shorten
from rebound_tui.core.kinds.text import load_text


class Checklist(Kind[list[str]]):
    name = "checklist"

    def load(self, exercise: Exercise, raw: Any, context: Context) -> Loaded[list[str]]:
        if raw is None:
            return Loaded([])
        items = raw if isinstance(raw, list) else [raw]
        texts = [as_text(item) for item in items]
        shown = [t.strip() for t in texts if t is not None and t.strip()]
        return Loaded(shown, odd=any(t is None for t in texts))

    def is_answered(self, exercise: Exercise, value: list[str]) -> bool:
        return bool(value)

    def markdown(self, exercise: Exercise, value: list[str], context: Context) -> str:
        return "\n".join(f"- {md_line(item)}" for item in value)

    def summary(self, exercise: Exercise, value: list[str], context: Context) -> str:
        return shorten(", ".join(value))

    def lines(self, exercise: Exercise, value: list[str], context: Context) -> list[str]:
        return [" ".join(item.split()) for item in value]


class Choice(Kind[str]):
    name = "choice"

    def load(self, exercise: Exercise, raw: Any, context: Context) -> Loaded[str]:
        loaded = load_text(raw)
        return Loaded(loaded.value.strip(), loaded.odd)

    def is_answered(self, exercise: Exercise, value: str) -> bool:
        return bool(value)

    def markdown(self, exercise: Exercise, value: str, context: Context) -> str:
        return md_line(value)

    def summary(self, exercise: Exercise, value: str, context: Context) -> str:
        return shorten(value)

    def lines(self, exercise: Exercise, value: str, context: Context) -> list[str]:
        return [" ".join(value.split())] if value else []
