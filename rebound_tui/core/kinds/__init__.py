"""The one definition of every exercise kind's answer. No Textual import.

Each kind (one module each) says what it stores, how older or odd stored shapes load, when it
counts as answered, how it reads in Markdown and JSON, and its one-line summary. The widgets,
progress, the summary screen and the export all ask here, so they cannot drift apart.

A stored value nested deeper than :data:`MAX_DEPTH` is not looked into at all; like any part
that cannot be shown, it stays in the file and the answer says so (:data:`ODD_NOTE`).
"""

from __future__ import annotations

from typing import Any

from rebound_tui.core.content import Exercise
from rebound_tui.core.kinds.base import (
    MARKER,
    MAX_DEPTH,
    NO_CONTEXT,
    ODD_NOTE,
    Context,
    Kind,
    Loaded,
    quote,
)
from rebound_tui.core.kinds.composer import Composer
from rebound_tui.core.kinds.options import Checklist, Choice
from rebound_tui.core.kinds.pacer import Pacer
from rebound_tui.core.kinds.rows import IfThen, Rows
from rebound_tui.core.kinds.scale import Scale
from rebound_tui.core.kinds.text import LongText, ShortText
from rebound_tui.core.kinds.thought_record import ThoughtRecord
from rebound_tui.core.kinds.timed_writing import TimedWriting
from rebound_tui.core.nesting import too_deep

__all__ = [
    "KINDS",
    "MARKER",
    "NO_CONTEXT",
    "ODD_NOTE",
    "Context",
    "Kind",
    "Loaded",
    "finished_text",
    "is_answered",
    "kind_of",
    "lines",
    "load",
    "normalise",
    "quote",
    "read_lines",
    "summary",
    "to_data",
    "to_markdown",
    "unshown",
]

KINDS: dict[str, Kind[Any]] = {
    kind.name: kind
    for kind in (
        LongText(),
        ShortText(),
        TimedWriting(),
        Scale(),
        Checklist(),
        Choice(),
        Composer(),
        Rows(),
        IfThen(),
        ThoughtRecord(),
        Pacer(),
    )
}


def kind_of(exercise: Exercise) -> Kind[Any]:
    """The kind of an exercise (the content loader only accepts known kinds)."""
    return KINDS[exercise.kind]


def load(exercise: Exercise, raw: Any, context: Context = NO_CONTEXT) -> Loaded[Any]:
    """The canonical value of whatever is stored for ``exercise``, and whether part of it
    could not be shown."""
    kind = kind_of(exercise)
    if too_deep(raw, MAX_DEPTH):
        return Loaded(kind.load(exercise, None, context).value, odd=True)
    return kind.load(exercise, raw, context)


def unshown(exercise: Exercise, raw: Any) -> bool:
    """Whether nothing of a stored answer can be shown (it is kept in the file as it was):
    what the views across entries name as left out."""
    loaded = load(exercise, raw)
    return loaded.odd and not kind_of(exercise).is_answered(exercise, loaded.value)


def normalise(exercise: Exercise, raw: Any, context: Context = NO_CONTEXT) -> Any:
    """Just the canonical value: what a field shows and stores."""
    return load(exercise, raw, context).value


def is_answered(exercise: Exercise, raw: Any) -> bool:
    """Whether the stored value answers the exercise. A value kept but not shown counts.

    It depends on the stored value alone (never on other answers), so the store can keep
    progress marks per answer with this very rule (:func:`rebound_tui.core.progress.answer_rule`).
    """
    loaded = load(exercise, raw)
    return loaded.odd or kind_of(exercise).is_answered(exercise, loaded.value)


def to_markdown(exercise: Exercise, raw: Any, context: Context = NO_CONTEXT) -> str:
    """The answer as Markdown that also reads well as plain text (no control characters)."""
    loaded = load(exercise, raw, context)
    kind = kind_of(exercise)
    text = ""
    if kind.is_answered(exercise, loaded.value):
        text = kind.markdown(exercise, loaded.value, context)
    if loaded.odd:
        text = f"{text}\n\n*{ODD_NOTE}*".strip()
    return text


def to_data(exercise: Exercise, raw: Any, context: Context = NO_CONTEXT) -> Any:
    """The answer for the JSON export: the canonical value (a composer adds its ``text``)."""
    loaded = load(exercise, raw, context)
    return kind_of(exercise).data(exercise, loaded.value, context)


def finished_text(exercise: Exercise, raw: Any, context: Context = NO_CONTEXT) -> str | None:
    """The finished text an answer makes (a composer's note), else None."""
    return kind_of(exercise).finished(exercise, load(exercise, raw, context).value, context)


def lines(exercise: Exercise, raw: Any, context: Context = NO_CONTEXT) -> list[str]:
    """What the person wrote or picked in an answer, one tidied line each (for search):
    never the numbers, the days or the template text the app keeps beside them."""
    return read_lines(exercise, raw, context)[0]


def read_lines(
    exercise: Exercise, raw: Any, context: Context = NO_CONTEXT
) -> tuple[list[str], bool]:
    """:func:`lines`, and whether the answer is :func:`unshown`, from one load (search reads
    every answer of every entry this way)."""
    loaded = load(exercise, raw, context)
    kind = kind_of(exercise)
    if not kind.is_answered(exercise, loaded.value):
        return [], loaded.odd
    return kind.lines(exercise, loaded.value, context), False


def summary(exercise: Exercise, raw: Any, context: Context = NO_CONTEXT) -> str:
    """The answer on one short line (lists, palettes, the patterns page)."""
    loaded = load(exercise, raw, context)
    kind = kind_of(exercise)
    if not kind.is_answered(exercise, loaded.value):
        return MARKER if loaded.odd else "—"
    return kind.summary(exercise, loaded.value, context)
