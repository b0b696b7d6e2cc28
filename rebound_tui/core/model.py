"""What the workbook is made of: sections, their exercises, and the free pages.

Plain frozen dataclasses with no behaviour beyond a few questions they answer about themselves;
:mod:`rebound_tui.core.content` builds them from the content folder. No Textual import.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from rebound_tui.core.facts import holds

#: The seven columns of a thought record, in order; ``steps`` in the content words each one.
THOUGHT_STEPS = (
    "situation",
    "feelings",
    "hot-thought",
    "evidence-for",
    "evidence-against",
    "balanced-thought",
    "rerate",
)


@dataclass(frozen=True)
class ComposerInput:
    """One blank of a composer: ``{id}`` in the template is replaced by what is typed here."""

    id: str
    label: str
    placeholder: str = ""
    source: str = ""  # another exercise in the section whose answer fills it at first


@dataclass(frozen=True)
class ThinkingTrap:
    """A common thinking trap after a rejection, and a question that helps the person answer
    it in their own words (rather than a ready-made answer)."""

    name: str
    example: str
    question: str
    when: str | None = None  # shown only when this condition holds for the entry


@dataclass(frozen=True)
class Exercise:
    id: str
    kind: str
    prompt: str
    help: str = ""
    placeholder: str = ""
    private: bool = False
    when: str | None = None
    min: int = 0
    max: int = 10
    low: str = ""
    high: str = ""
    options: tuple[str, ...] = ()
    fields: tuple[ComposerInput, ...] = ()
    template: str = ""
    columns: tuple[str, ...] = ()
    ticks: tuple[str, ...] = ()  # rows: the columns that are a tick (done or not), not text
    steps: tuple[str, ...] = ()
    traps: tuple[ThinkingTrap, ...] = ()
    minutes: int = 15
    end_message: str = ""
    pattern: tuple[int, ...] = ()
    phases: tuple[str, ...] = ()
    rounds: int = 4
    compare: str = ""
    rerate: str = ""
    #: Checklist options, or the lowest scale value, that bring up the pointer to F2.
    support_options: tuple[str, ...] = ()
    support_from: int | None = None
    #: A composer's note to read the message again tomorrow, from this rating on, looking at
    #: these rating exercises (the latest first).
    cool_off_from: int | None = None
    cool_off_ratings: tuple[str, ...] = ()
    line: int = 0

    def applies_to(self, internal: bool) -> bool:
        """Whether this exercise is shown (and counted) for an entry."""
        return self.when is None or (self.when == "internal" and internal)

    def for_facts(self, *, stage: str, internal: bool) -> Exercise:
        """This exercise as an entry with these facts sees it (only the traps that fit)."""
        traps = tuple(t for t in self.traps if holds(t.when, stage=stage, internal=internal))
        return self if traps == self.traps else replace(self, traps=traps)


@dataclass(frozen=True)
class Section:
    id: str
    number: int
    title: str
    lesson: str
    exercises: tuple[Exercise, ...]
    path: Path = field(compare=False)
    #: The lesson in order, each part with the condition it is shown under (None: always).
    parts: tuple[tuple[str | None, str], ...] = ()

    def lesson_for(self, *, stage: str, internal: bool) -> str:
        """The lesson as an entry with these facts reads it (``lesson`` is the unconditional
        text, for readers who know no entry)."""
        if not self.parts:
            return self.lesson
        shown = [text for when, text in self.parts if holds(when, stage=stage, internal=internal)]
        return "\n\n".join(shown)

    @property
    def short_title(self) -> str:
        """The sidebar name, derived from the file name: ``looking-ahead`` → ``Looking ahead``."""
        return self.id.replace("-", " ").capitalize()

    def exercises_for(self, internal: bool) -> tuple[Exercise, ...]:
        return tuple(e for e in self.exercises if e.applies_to(internal))


@dataclass(frozen=True)
class Workbook:
    """Everything the app shows: the sections in order plus the free pages."""

    sections: tuple[Section, ...]
    welcome: str
    support: str
    folder: Path
    #: The person's own content folder, whose files replace the bundled ones of the same name.
    overlay: Path | None = None
    #: The names of the files taken from ``overlay``.
    overridden: tuple[str, ...] = ()

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)


def fill_template(exercise: Exercise, values: dict[str, str], *, blanks: bool = True) -> str:
    """A composer's finished text: each ``{id}`` replaced by what was typed.

    An empty field shows as ``[its label]`` so the person sees what is still missing
    (or as nothing when ``blanks`` is false).
    """
    filled = {
        i.id: (values.get(i.id) or "").strip() or (f"[{i.label}]" if blanks else "")
        for i in exercise.fields
    }
    return exercise.template.format_map(filled)
