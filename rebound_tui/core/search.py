"""Search every answer of every entry. No Textual import.

The index is built once (one line of text per row, item or line of an answer) and each query
is a plain, case-insensitive scan of it, fast enough to run on every keystroke. Lines come
out with control characters made visible, so results are safe to print to a terminal.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rebound_tui.core.content import Exercise, Section, Workbook
from rebound_tui.core.export import entry_title
from rebound_tui.core.text import visible

if TYPE_CHECKING:
    from rebound_tui.core.storage.store import Entry

#: How many results a search returns unless told otherwise.
LIMIT = 200


@dataclass(frozen=True)
class Hit:
    """One matching line: where it is, and the line itself (control characters visible)."""

    entry_id: int
    entry: str  # "Company — Role"
    date: str
    section_id: str
    section: str  # the section's short title
    exercise_id: str
    exercise: str  # the exercise's prompt
    line: str

    def start(self, query: str) -> int:
        """Where ``query`` starts in :attr:`line` (-1 when it is not there)."""
        return self.line.lower().find(query.strip().lower())


class SearchIndex:
    """Every answer of ``entries``, newest entry first, in the content's order.

    Building it only gathers each answer's text and folds its case; lines are split, and
    made visible, only for the answers a query finds, so it opens fast on many entries.
    """

    def __init__(
        self, entries: Sequence[Entry], workbook: Workbook, *, include_private: bool = True
    ) -> None:
        #: (entry, section, exercise, the answer's value, its text folded for matching)
        self._answers: list[tuple[Entry, Section, Exercise, Any, str]] = []
        self._lines = 0
        newest = sorted(entries, key=lambda e: (e.date or "9999", e.id), reverse=True)
        for entry in newest:
            for section in workbook.sections:
                answers = entry.answers.get(section.id)
                if not isinstance(answers, dict):
                    continue
                for exercise in section.exercises_for(entry.internal):
                    if exercise.private and not include_private:
                        continue
                    value = answers.get(exercise.id)
                    if value is None or isinstance(value, bool | int | float):
                        continue
                    text = all_text(value)
                    if text.strip():
                        self._answers.append((entry, section, exercise, value, text.casefold()))
                        self._lines += text.count("\n") + 1

    def __len__(self) -> int:
        """About how many lines of answers there are (for the hint under the search box)."""
        return self._lines

    def search(self, query: str, limit: int | None = LIMIT) -> list[Hit]:
        """Lines holding ``query`` (ignoring case and the spaces around it), at most ``limit``."""
        needle = query.strip().casefold()
        if not needle:
            return []
        found: list[Hit] = []
        for entry, section, exercise, value, folded in self._answers:
            if needle not in folded:
                continue
            for line in strings(value):
                if needle in line.casefold():
                    found.append(_hit(entry, section, exercise, line))
                    if limit is not None and len(found) >= limit:
                        return found
        return found


def _hit(entry: Entry, section: Section, exercise: Exercise, line: str) -> Hit:
    return Hit(
        entry.id,
        visible(entry_title(entry)),
        visible(entry.date),
        section.id,
        section.short_title,
        exercise.id,
        " ".join(visible(exercise.prompt).split()),
        visible(line),
    )


def search(
    entries: Sequence[Entry], workbook: Workbook, query: str, *, include_private: bool = True
) -> list[Hit]:
    """Every matching line (no limit): for the command line."""
    return SearchIndex(entries, workbook, include_private=include_private).search(query, None)


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
