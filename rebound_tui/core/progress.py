"""How far an entry has got through each section. Pure logic, shared by the app, CLI and export."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from rebound_tui.core.content import Exercise, Section
from rebound_tui.core.kinds import NO_CONTEXT, Context, is_answered


class Progress(Enum):
    """A section's state. Always shown as a symbol *and* a word, never by colour alone."""

    NOT_STARTED = ("○", "not started")
    STARTED = ("◐", "started")
    DONE = ("●", "done")

    @property
    def symbol(self) -> str:
        return self.value[0]

    @property
    def word(self) -> str:
        return self.value[1]


def answered(exercise: Exercise, answers: Mapping[str, Any], context: Context = NO_CONTEXT) -> bool:
    """Whether ``exercise`` is answered in its section's ``answers`` (the kind decides)."""
    return is_answered(exercise, answers.get(exercise.id), context)


def section_progress(
    section: Section,
    answers: Mapping[str, Any],
    internal: bool,
    *,
    entry_answers: Mapping[str, Mapping[str, Any]] | None = None,
    facts: Mapping[str, Any] | None = None,
) -> Progress:
    context = Context(answers, entry_answers or {section.id: answers}, facts or {})
    exercises = section.exercises_for(internal)
    done = sum(answered(e, answers, context) for e in exercises)
    if done == 0:
        return Progress.NOT_STARTED
    if done == len(exercises):
        return Progress.DONE
    return Progress.STARTED


def entry_progress(
    sections: tuple[Section, ...],
    answers: Mapping[str, Mapping[str, Any]],
    internal: bool,
    facts: Mapping[str, Any] | None = None,
) -> list[Progress]:
    """Every section's state. ``facts`` (company, role, …) decide what a composer fills in
    by itself, which does not count as the person's answer."""
    return [
        section_progress(s, answers.get(s.id, {}), internal, entry_answers=answers, facts=facts)
        for s in sections
    ]


def progress_line(progress: list[Progress]) -> str:
    """Compact form for `rebound list`: ``●●◐○○ 2/5 done``."""
    done = sum(p is Progress.DONE for p in progress)
    return "".join(p.symbol for p in progress) + f" {done}/{len(progress)} done"
