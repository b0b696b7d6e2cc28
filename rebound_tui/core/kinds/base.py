"""What every exercise kind defines, and the small helpers they share. No Textual import.

A kind turns whatever is stored for an exercise (the shape written today, an older shape, or
an odd value a hand-edited file holds) into one canonical value with :meth:`Kind.load`; every
other question (is it answered, how it reads in Markdown, what JSON holds, its one-line
summary) is asked of that canonical value. Parts that cannot be shown are never guessed at:
the loaded value leaves them out and says so (``odd``), and the stored value stays in the file
until the person writes a new answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from rebound_tui.core.content import Exercise
from rebound_tui.core.text import visible

V = TypeVar("V")

#: Shown where a stored value (or part of one) cannot be shown.
MARKER = "⟨not shown: kept in the file as it was⟩"
#: Said under an answer, in the summary, the export and the field, when part of it is odd.
ODD_NOTE = "Part of this answer could not be shown; it is kept in the file as it was."
#: Said of an answer that the views across entries leave out because nothing of it can be shown.
UNSHOWN = "could not be shown; it is kept in the file as it was"
#: How deep a stored value may nest before it is treated as one that cannot be shown.
MAX_DEPTH = 8
#: Longest one-line summary, in characters.
SUMMARY_WIDTH = 60


@dataclass(frozen=True)
class Context:
    """What an answer may depend on besides itself: its section's other answers (a pacer's
    "before"), every answer of the entry (a scale compared across sections) and the entry's
    facts (a composer's company and role)."""

    section: Mapping[str, Any] = field(default_factory=dict)
    entry: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    facts: Mapping[str, Any] = field(default_factory=dict)

    def answer(self, exercise_id: str) -> Any:
        """The raw answer of another exercise: in this section first, then in any section."""
        if exercise_id in self.section:
            return self.section[exercise_id]
        for answers in self.entry.values():
            if isinstance(answers, Mapping) and exercise_id in answers:
                return answers[exercise_id]
        return None


NO_CONTEXT = Context()


def entry_facts(entry: Any) -> dict[str, Any]:
    """The facts of an entry (anything with company, role, stage, date and internal)."""
    return {
        name: getattr(entry, name, None)
        for name in ("company", "role", "stage", "date", "internal")
    }


@dataclass(frozen=True)
class Loaded(Generic[V]):
    """A kind's canonical value, and whether part of what was stored could not be shown."""

    value: V
    odd: bool = False


class Kind(Generic[V]):
    """One exercise kind. Subclasses set ``name`` and implement the five methods."""

    name: ClassVar[str] = ""

    def load(self, exercise: Exercise, raw: Any, context: Context) -> Loaded[V]:
        raise NotImplementedError

    def is_answered(self, exercise: Exercise, value: V) -> bool:
        raise NotImplementedError

    def markdown(self, exercise: Exercise, value: V, context: Context) -> str:
        raise NotImplementedError

    def data(self, exercise: Exercise, value: V, context: Context) -> Any:
        """The value for the JSON export (plain JSON types): what is stored, so an import
        stores it again unchanged."""
        return value

    def finished(self, exercise: Exercise, value: V, context: Context) -> str | None:
        """The finished text the answer makes, where it makes one (a composer's note)."""
        return None

    def summary(self, exercise: Exercise, value: V, context: Context) -> str:
        raise NotImplementedError

    def lines(self, exercise: Exercise, value: V, context: Context) -> list[str]:
        """What the person wrote or picked, one tidied line each, for search: no numbers,
        dates or template text (a kind that holds no words keeps this default)."""
        return []


# --------------------------------------------------------------------------- helpers


def is_number(value: Any) -> bool:
    """An int (not a bool) or a finite float."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and math.isfinite(value)


def as_int(value: Any) -> int | None:
    """A whole number from an int, a whole float or a string of digits; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and len(value) < 20:
        text = value.strip()
        digits = text[1:] if text.startswith("-") else text
        if digits.isdecimal():  # what int() reads; "²" is a digit, "--5" is not a number
            return int(text)
    return None


def as_text(value: Any) -> str | None:
    """Text from a string or a number that can be written out; None for anything else."""
    if isinstance(value, str):
        return value
    if is_number(value):
        try:
            return str(value)
        except ValueError:  # an int too long to write out (Python's 4,300-digit limit)
            return None
    return None


def is_empty(value: Any) -> bool:
    """Nothing stored: None, blank text, an empty list or object."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list | dict) and not value


#: Characters that start Markdown inline syntax anywhere: emphasis, code, links, raw HTML,
#: strike-through, tables.
_INLINE = re.compile(r"([\\`*_\[\]<>~|])")
#: What starts a block at the beginning of a line: a heading, quote, list item, rule or a
#: setext underline; an ordered list's "1." or "1)".
_BLOCK = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")


def literal(text: str) -> str:
    """A person's words as Markdown that reads back as exactly those characters.

    What someone typed is text, never markup: their ``*really*`` or ``# not a heading`` must
    not turn bold or big in the Markdown export, the HTML page or the prep page. Only the
    characters that would start syntax are escaped, so the Markdown file stays readable.
    """
    escaped = _INLINE.sub(r"\\\1", visible(text))
    return "\n".join(_BLOCK.sub(_escape_block, line) for line in escaped.split("\n"))


def _escape_block(match: re.Match[str]) -> str:
    indent, mark, digits, dot = match.groups()
    return f"{indent}\\{mark}" if mark else f"{indent}{digits}\\{dot}"


def md_line(text: str, empty: str = "—") -> str:
    """A person's text on one line of Markdown (see :func:`literal`); ``empty`` if blank."""
    line = one_line(text, empty="")
    return literal(line) if line else empty


def quote(text: str) -> str:
    """Free text as a Markdown quote that keeps every paragraph and line break.

    Each line but a paragraph's last ends in two spaces (a hard break), so Markdown viewers
    keep "All the best," and "Alex" on their own lines; blank lines stay paragraph breaks.
    Control characters are made visible and Markdown syntax is escaped (:func:`literal`).
    """
    lines = [literal(line.rstrip()) for line in visible(text.strip("\n")).splitlines()] or [""]
    out = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not line:
            out.append(">")
        elif following:
            out.append(f"> {line}  ")
        else:
            out.append(f"> {line}")
    return "\n".join(out)


def one_line(text: str, empty: str = "—") -> str:
    """Text on one line (runs of white space become one space), made visible; ``empty``
    (by default "—") if there is none."""
    return " ".join(visible(text).split()) or empty


def text_lines(text: str) -> list[str]:
    """Free text as its non-blank lines, each with runs of white space as one space."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def shorten(text: str, width: int = SUMMARY_WIDTH) -> str:
    """One line of at most ``width`` characters, cut with "…"."""
    line = one_line(text)
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"
