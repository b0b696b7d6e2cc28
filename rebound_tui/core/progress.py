"""How far an entry has got through each section. Pure logic, shared by the app, CLI and export."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the kinds are imported when an answer is judged: the home screen's
    # progress comes from the store's marks and needs none of them (issue 13: launch)
    from rebound_tui.core.content import Exercise, Section


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


def answered(exercise: Exercise, answers: Mapping[str, Any]) -> bool:
    """Whether ``exercise`` is answered in its section's ``answers`` (its kind decides)."""
    from rebound_tui.core import kinds

    return kinds.is_answered(exercise, answers.get(exercise.id))


def section_progress(section: Section, answers: Mapping[str, Any], internal: bool) -> Progress:
    exercises = section.exercises_for(internal)
    done = sum(answered(e, answers) for e in exercises)
    if done == 0:
        return Progress.NOT_STARTED
    if done == len(exercises):
        return Progress.DONE
    return Progress.STARTED


def entry_progress(
    sections: tuple[Section, ...], answers: Mapping[str, Mapping[str, Any]], internal: bool
) -> list[Progress]:
    return [section_progress(s, answers.get(s.id, {}), internal) for s in sections]


def answer_rule(sections: tuple[Section, ...]) -> Callable[[str, str, Any], bool]:
    """Whether a stored answer counts, by (section id, exercise id, value): the rule the
    store keeps its progress marks with, so a list of entries needs no answers."""
    exercises = {(s.id, e.id): e for s in sections for e in s.exercises}

    def counts(section_id: str, exercise_id: str, value: Any) -> bool:
        from rebound_tui.core import kinds
        from rebound_tui.core.kinds.base import is_empty

        exercise = exercises.get((section_id, exercise_id))
        return kinds.is_answered(exercise, value) if exercise else not is_empty(value)

    return counts


def marks_progress(
    sections: tuple[Section, ...], answered: Mapping[str, Collection[str]], internal: bool
) -> list[Progress]:
    """`entry_progress` from the store's progress marks (ids of exercises that count)."""
    found = []
    for section in sections:
        ids = answered.get(section.id, ())
        exercises = section.exercises_for(internal)
        done = sum(e.id in ids for e in exercises)
        if done == 0:
            found.append(Progress.NOT_STARTED)
        elif done == len(exercises):
            found.append(Progress.DONE)
        else:
            found.append(Progress.STARTED)
    return found


def progress_line(progress: list[Progress]) -> str:
    """Compact form for `rebound list`: ``●●◐○○ 2/5 done``."""
    done = sum(p is Progress.DONE for p in progress)
    return "".join(p.symbol for p in progress) + f" {done}/{len(progress)} done"
