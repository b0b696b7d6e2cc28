"""How deep lists and objects may nest in anything Rebound reads, and the one check of it.

A value nested hundreds of levels deep is never an answer (no exercise stores more than a few
levels), but it can come from a hand-edited or hostile file; Python's recursion (copying,
JSON writing) would fail on it far from where it was read. So it is refused where it is read:
a database file, a journal line, an export being imported. No Textual import.

One answer nested too deeply costs that answer only: its entry's file loads with the answer
held as a :class:`KeptAnswer` (its JSON text, never looked into), which every kind shows as
"could not be shown; kept in the file", and which a save writes back exactly as it was. Only a
file so deep that JSON itself cannot parse it (roughly 900 levels, Python's recursion limit) is
a damaged file.
"""

from __future__ import annotations

from typing import Any

__all__ = ["MAX_NESTING", "MAX_NESTING_STORED", "KeptAnswer", "too_deep"]

#: How many levels of lists and objects one answer may hold (a thought record holds three).
MAX_NESTING = 32
#: How many a whole stored document or journal record may hold: an answer plus the few levels
#: around it (an entry of an earlier release's single file, a journal's "create"). Anything
#: Rebound accepts as an answer is therefore always read back.
MAX_NESTING_STORED = MAX_NESTING + 8


def too_deep(value: Any, limit: int = MAX_NESTING) -> bool:
    """Whether lists and objects nest more than ``limit`` levels (checked without recursion).

    A list or object is one level: ``[]`` and ``{"a": 1}`` are 1 deep, ``[[1]]`` 2.
    """
    containers = (dict, list)
    stack: list[tuple[Any, int]] = [(value, 1)] if isinstance(value, containers) else []
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, containers):  # only lists and objects add a level
                stack.append((child, depth + 1))
    return False


class KeptAnswer:
    """A stored answer nested more than :data:`MAX_NESTING` deep, as the JSON text it was
    stored as: kept to be written back unchanged, never shown (every kind loads it as a value
    that could not be shown). Equal when the text is."""

    __slots__ = ("json",)

    def __init__(self, json_text: str) -> None:
        self.json = json_text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, KeptAnswer) and other.json == self.json

    def __hash__(self) -> int:
        return hash(self.json)

    def __repr__(self) -> str:
        return f"KeptAnswer(<{len(self.json)} characters of JSON>)"
