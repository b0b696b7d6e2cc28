"""One entry's share of the patterns: the few figures the patterns screen reads from its
answers. No Textual import.

:func:`figures_of` is the one rule that turns an entry's answers into them: the patterns
computed from entries read just now and those kept in the patterns cache
(:mod:`rebound_tui.core.patterns_cache`) both come from it, so they cannot differ.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rebound_tui.core import answers_read as read
from rebound_tui.core.content import Workbook
from rebound_tui.core.stopwords import STOP_WORDS

_APOSTROPHE = "\u2019"  # the curly apostrophe, as typed by phones and word processors
_WORD = re.compile(rf"[^\W\d_]+(?:['{_APOSTROPHE}][^\W\d_]+)*")


@dataclass(frozen=True)
class EntryFigures:
    """What one entry adds to the patterns (from its answers; its facts are in the index)."""

    start: int | None = None  # intensity at the start of the entry, 0-10
    end: int | None = None  # the latest intensity rating in the entry
    feelings: tuple[str, ...] = ()
    traps: tuple[str, ...] = ()
    outside: tuple[str, ...] = ()  # "not in my hands" reasons
    words: tuple[str, ...] = ()  # the feedback's words as counted, each time it says one
    updated: str = ""  # when the entry last changed (for the time to done)

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "feelings": list(self.feelings),
            "traps": list(self.traps),
            "outside": list(self.outside),
            "words": " ".join(self.words),  # a word never holds a space
            "updated": self.updated,
        }

    @classmethod
    def from_json(cls, doc: Any) -> EntryFigures | None:
        """Figures as kept in the cache, or None when ``doc`` is not their shape."""
        if not isinstance(doc, dict):
            return None
        start, end, updated = doc.get("start"), doc.get("end"), doc.get("updated")
        lists = [doc.get(name) for name in ("feelings", "traps", "outside")]
        words = doc.get("words")
        if not (_rating(start) and _rating(end) and isinstance(updated, str)):
            return None
        if not all(isinstance(x, list) and set(map(type, x)) <= _STR for x in lists):
            return None
        if not isinstance(words, str):
            return None
        feelings, traps, outside = (tuple(x) for x in lists)  # type: ignore[arg-type]
        return cls(start, end, feelings, traps, outside, tuple(words.split()), updated)


_STR = {str}


def _rating(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def figures_of(answers: Mapping[str, Any], updated: str, workbook: Workbook) -> EntryFigures:
    """An entry's figures from its answers (read the way their kinds load them)."""
    end = read.number(workbook, answers, read.INTENSITY_END)
    if end is None:
        end = read.number(workbook, answers, read.INTENSITY_CALMER)
    return EntryFigures(
        start=read.number(workbook, answers, read.INTENSITY_START),
        end=end,
        feelings=tuple(read.labels(workbook, answers, read.FEELINGS)),
        traps=tuple(read.labels(workbook, answers, read.THOUGHT_RECORD)),
        outside=tuple(read.first_column(workbook, answers, read.OUTSIDE_CONTROL)),
        words=tuple(words(read.text(workbook, answers, read.FEEDBACK))),
        updated=updated,
    )


def where_they_come_from(workbook: Workbook) -> str:
    """The exercises the figures are read from, as this content defines them: figures kept
    for other content (or none of them) are not these content's figures."""
    found = [read.exercise(workbook, where) for where in read.FIGURES]
    return repr(found)


def words(text: str) -> list[str]:
    """The words of ``text`` worth counting: lower case, singular, no stop words or short words."""
    return [w for w in (_worth(w) for w in _found_words(text)) if w]


def _found_words(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace(_APOSTROPHE, "'"))


def _worth(word: str) -> str:
    """``word`` as counted ("" when it is not worth counting)."""
    return "" if len(word) < 3 or word in STOP_WORDS else _singular(word)


def _singular(word: str) -> str:
    """A plain plural counts with its singular ("examples" with "example"): no dictionary,
    only the common case, so "analysis", "process" and "focus" stay as they are."""
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")):
        return word[:-1]
    return word
