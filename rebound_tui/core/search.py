"""Search every answer of every entry. No Textual import.

The index is built once (one line of text per row, item or line of an answer, as the answer's
kind reads it) and each query is a plain, case-insensitive scan of it, fast enough to run on
every keystroke. Lines come out with control characters made visible, so results are safe to
print to a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rebound_tui.core import kinds
from rebound_tui.core.content import Exercise, Section, Workbook
from rebound_tui.core.entry_names import entry_title
from rebound_tui.core.kinds.base import UNSHOWN, Context, entry_facts
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

    Each answer is read as its kind reads it (:func:`rebound_tui.core.kinds.lines`): only
    what the person wrote or picked is searched, never a number, a stored day or the
    template text the app keeps beside it.
    """

    def __init__(
        self, entries: Sequence[Entry], workbook: Workbook, *, include_private: bool = True
    ) -> None:
        #: (entry, section, exercise, the answer's lines, its text folded for matching)
        self._answers: list[tuple[Entry, Section, Exercise, list[str], str]] = []
        self._lines = 0
        #: Answers that cannot be shown (each kept in its file), one line each.
        self.left_out: list[str] = []
        #: The last search that looked at every answer, and which answers held it: a query
        #: holding that one (typing on) needs to look only at those.
        self._narrowed: tuple[str, list[int]] | None = None
        newest = sorted(entries, key=lambda e: (e.date or "9999", e.id), reverse=True)
        for entry in newest:
            for section in workbook.sections:
                answers = entry.answers.get(section.id)
                if not isinstance(answers, dict):
                    continue
                context = Context(answers, entry.answers, entry_facts(entry))
                for exercise in section.exercises_for(entry.internal):
                    if exercise.private and not include_private:
                        continue
                    value = answers.get(exercise.id)
                    if value is None or isinstance(value, bool | int | float):
                        continue
                    found, unshown = kinds.read_lines(exercise, value, context)
                    if unshown:
                        self.left_out.append(_unshown(entry, section, exercise))
                        continue
                    if found:
                        folded = "\n".join(found).casefold()
                        self._answers.append((entry, section, exercise, found, folded))
                        self._lines += len(found)

    def __len__(self) -> int:
        """How many lines of answers there are (for the hint under the search box)."""
        return self._lines

    def search(self, query: str, limit: int | None = LIMIT) -> list[Hit]:
        """Lines holding ``query`` (ignoring case and the spaces around it), at most ``limit``."""
        needle = query.strip().casefold()
        if not needle:
            return []
        last = self._narrowed
        looked_at = last[1] if last is not None and last[0] in needle else range(len(self._answers))
        found: list[Hit] = []
        holding: list[int] = []
        for place in looked_at:
            entry, section, exercise, lines, folded = self._answers[place]
            if needle not in folded:
                continue
            holding.append(place)
            for line in lines:
                if needle in line.casefold():
                    found.append(_hit(entry, section, exercise, line))
                    if limit is not None and len(found) >= limit:
                        return found  # not every answer looked at: nothing to narrow to
        self._narrowed = (needle, holding)
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


def _unshown(entry: Entry, section: Section, exercise: Exercise) -> str:
    prompt = " ".join(visible(exercise.prompt).split())
    where = f"{visible(entry_title(entry))} · {section.short_title} · “{prompt}”"
    return f"{where} {UNSHOWN}"


def search(
    entries: Sequence[Entry],
    workbook: Workbook,
    query: str,
    *,
    include_private: bool = True,
    left_out: list[str] | None = None,
) -> list[Hit]:
    """Every matching line (no limit): for the command line. Answers that cannot be shown
    are named in ``left_out``."""
    index = SearchIndex(entries, workbook, include_private=include_private)
    if left_out is not None:
        left_out += index.left_out
    return index.search(query, None)
