"""Turn an entry and its answers into a Markdown or JSON summary. No Textual import.

The Markdown is meant to read well as plain text and to render cleanly: the entry's facts, then
each section's title with its answered questions. Free text is quoted (``> ``) so a line the person
wrote that starts with ``#`` or ``-`` stays their words instead of becoming a heading or a list.
Control characters are shown as visible symbols, so printing an export can never send escape
sequences to a terminal.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rebound_tui.core.content import Exercise, Section, Workbook
from rebound_tui.core.export_html import markdown_page
from rebound_tui.core.export_kinds import KIND_FORMATS, quote
from rebound_tui.core.progress import answer_counts, entry_progress
from rebound_tui.core.text import visible

if TYPE_CHECKING:
    from rebound_tui.core.storage.store import Entry, EntrySummary

FORMATS = ("md", "json", "html")
#: What a JSON export says it is; ``rebound import`` reads versions up to this one.
EXPORT_FORMAT = "rebound-export"
EXPORT_VERSION = 1
__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "FORMATS",
    "entry_title",
    "format_answer",
    "quote",
    "render",
    "to_json",
]


def entry_title(entry: Entry | EntrySummary) -> str:
    parts = [p for p in (entry.company.strip(), entry.role.strip()) if p]
    return " — ".join(parts) if parts else f"Entry {entry.id}"


def _exercises(
    section: Section, entry: Entry, include_private: bool
) -> Iterable[tuple[Exercise, Any]]:
    answers = entry.answers.get(section.id, {})
    for exercise in section.exercises_for(entry.internal):
        if exercise.private and not include_private:
            continue
        value = answers.get(exercise.id)
        if answer_counts(exercise, value):
            yield exercise, value


def format_answer(exercise: Exercise, value: Any, answers: Mapping[str, Any] | None = None) -> str:
    """One answer as Markdown that also reads well as plain text.

    ``answers`` (the section's other answers) lets a pacer show the change from its ``compare``.
    """
    formatter = KIND_FORMATS.get(exercise.kind)
    if formatter is not None:
        return formatter(exercise, value, answers or {})
    if exercise.kind == "scale":
        label = ""
        if value == exercise.min and exercise.low:
            label = f" ({exercise.low})"
        elif value == exercise.max and exercise.high:
            label = f" ({exercise.high})"
        return f"{value} / {exercise.max}{label}"
    if exercise.kind == "checklist" and isinstance(value, list):
        return "\n".join(f"- {visible(str(item))}" for item in value)
    if exercise.kind == "long_text":
        return quote(str(value))
    return visible(str(value).strip())


def to_markdown(
    entry: Entry, workbook: Workbook, *, include_private: bool = False, now: datetime | None = None
) -> str:
    progress = entry_progress(workbook.sections, entry.answers, entry.internal)
    lines = [
        f"# Rebound: {visible(entry_title(entry))}",
        "",
        f"- **Company:** {visible(entry.company) or '—'}",
        f"- **Role:** {visible(entry.role) or '—'}",
        f"- **Stage reached:** {visible(entry.stage) or '—'}",
        f"- **Date:** {visible(entry.date) or '—'}",
        f"- **Application:** {'internal' if entry.internal else 'external'}",
    ]
    if now is not None:
        lines.append(f"- **Exported:** {now:%Y-%m-%d %H:%M}")
    lines.append("")
    for number, (section, state) in enumerate(zip(workbook.sections, progress, strict=True), 1):
        lines += [f"## {number}. {section.title}", "", f"*{state.symbol} {state.word}*", ""]
        answered = list(_exercises(section, entry, include_private))
        if not answered:
            lines += ["Nothing written here yet.", ""]
        section_answers = entry.answers.get(section.id, {})
        for exercise, value in answered:
            text = format_answer(exercise, value, section_answers)
            lines += [f"**{visible(exercise.prompt)}**", "", text, ""]
    return "\n".join(lines).rstrip() + "\n"


def to_data(entry: Entry, workbook: Workbook, *, include_private: bool = False) -> dict[str, Any]:
    progress = entry_progress(workbook.sections, entry.answers, entry.internal)
    return {
        "id": entry.id,
        "company": entry.company,
        "role": entry.role,
        "stage": entry.stage,
        "date": entry.date,
        "internal": entry.internal,
        "created": entry.created,
        "updated": entry.updated,
        "sections": [
            {
                "id": section.id,
                "title": section.title,
                "progress": state.word,
                "answers": [
                    {"id": e.id, "kind": e.kind, "prompt": e.prompt, "answer": value}
                    for e, value in _exercises(section, entry, include_private)
                ],
            }
            for section, state in zip(workbook.sections, progress, strict=True)
        ],
    }


def _each(entries: list[Entry], tick: Callable[[int], None] | None) -> Iterator[Entry]:
    """The entries, calling ``tick(done)`` after each (a progress bar on a long export)."""
    for done, entry in enumerate(entries, 1):
        yield entry
        if tick is not None:
            tick(done)


def to_json(
    entries: list[Entry],
    workbook: Workbook,
    *,
    include_private: bool = False,
    tick: Callable[[int], None] | None = None,
) -> str:
    """JSON with ids; ``ensure_ascii`` keeps every control character escaped."""
    data = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "entries": [
            to_data(e, workbook, include_private=include_private) for e in _each(entries, tick)
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=True) + "\n"


def render(
    entries: list[Entry],
    workbook: Workbook,
    fmt: str = "md",
    *,
    include_private: bool = False,
    now: datetime | None = None,
    tick: Callable[[int], None] | None = None,
) -> str:
    """Render one or more entries in ``fmt`` ("md", "json" or "html").

    ``now`` adds an "Exported" line to Markdown (and HTML); the app's summary screen leaves it
    out. HTML is the same Markdown made into one printable page (see ``export_html``).
    ``tick(done)`` is called after each entry.
    """
    if fmt == "json":
        return to_json(entries, workbook, include_private=include_private, tick=tick)
    if fmt not in ("md", "html"):
        raise ValueError(f'unknown format "{fmt}" (use {", ".join(FORMATS)})')
    parts = [
        to_markdown(e, workbook, include_private=include_private, now=now)
        for e in _each(entries, tick)
    ]
    markdown = "\n---\n\n".join(parts)
    if fmt == "html":
        title = entry_title(entries[0]) if len(entries) == 1 else f"{len(entries)} entries"
        return markdown_page(markdown, f"Rebound: {visible(title)}")
    return markdown
