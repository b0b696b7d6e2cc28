"""Reading single answers for the views across entries (patterns, prep, search). No Textual.

Stored answers come in more than one shape (older files, hand edits, other tools): every reader
here accepts anything and returns only what it can use, never raising.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

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


def raw(answers: Mapping[str, Any], where: tuple[str, str]) -> Any:
    section = answers.get(where[0])
    return section.get(where[1]) if isinstance(section, Mapping) else None


def number(value: Any) -> int | None:
    """A whole-number rating, also from a pacer's ``{"after": n}``; None otherwise."""
    if isinstance(value, Mapping):
        value = value.get("after")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def text(value: Any) -> str:
    """Free text, also from a timed writing's ``{"text": …}``; "" otherwise."""
    if isinstance(value, Mapping):
        value = value.get("text")
    return value.strip() if isinstance(value, str) else ""


def labels(value: Any) -> list[str]:
    """Ticked items of a checklist (a lone string counts as one), each once, tidied."""
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    seen: dict[str, None] = {}
    for item in items:
        if isinstance(item, str) and item.strip():
            seen.setdefault(" ".join(item.split()), None)
    return list(seen)


def not_in_my_hands(value: Any) -> list[str]:
    """The "not in my hands" column of the in-my-hands sort (rows: that column first), also
    from the older checklist of the same id (a list of ticked strings)."""
    rows = value if isinstance(value, list) else []
    return labels([row[0] if isinstance(row, list) and row else row for row in rows])


def traps(value: Any) -> list[str]:
    return labels(value.get("traps")) if isinstance(value, Mapping) else []


def rows(value: Any, width: int) -> list[list[str]]:
    """Table rows as ``width`` strings each; a plain string is one row per line; empty rows
    are left out."""
    if isinstance(value, str):
        found: list[list[Any]] = [[line] for line in value.splitlines()]
    elif isinstance(value, list):
        found = [r if isinstance(r, list) else [r] for r in value if isinstance(r, list | str)]
    else:
        found = []
    result = []
    for row in found:
        cells = [c.strip() if isinstance(c, str) else "" for c in row]
        cells = (cells + [""] * width)[:width]
        if any(cells):
            result.append(cells)
    return result


def strings(value: Any) -> Iterator[str]:
    """Every piece of text in an answer, one line each, for search: a table row is one line
    (its cells joined with " · "), a checklist item is one line, numbers are left out."""
    if isinstance(value, str):
        yield from (" ".join(line.split()) for line in value.splitlines() if line.strip())
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, list):
                cells = [" ".join(c.split()) for c in item if isinstance(c, str) and c.strip()]
                if cells:
                    yield " · ".join(cells)
            else:
                yield from strings(item)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from strings(item)


def all_text(value: Any) -> str:
    """Every string in an answer joined by newlines, untidied: cheap, for finding which
    answers hold a word before :func:`strings` splits the ones that do."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(all_text(item) for item in value)
    if isinstance(value, Mapping):
        return "\n".join(all_text(item) for item in value.values())
    return ""
