"""Turn an entry and its answers into a Markdown or JSON summary. No Textual import.

The Markdown is meant to read well as plain text and to render cleanly: the entry's facts, then
each section's title with its answered questions. Free text is quoted (``> ``) so a line the person
wrote that starts with ``#`` or ``-`` stays their words instead of becoming a heading or a list.
Control characters are shown as visible symbols, so printing an export can never send escape
sequences to a terminal.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rebound_tui.core import kinds
from rebound_tui.core.content import Exercise, Section, Workbook
from rebound_tui.core.entry_names import entry_title
from rebound_tui.core.export_html import markdown_page
from rebound_tui.core.formats import EXPORT_FORMATS
from rebound_tui.core.kinds.base import Context, entry_facts, md_line
from rebound_tui.core.progress import entry_progress
from rebound_tui.core.text import visible

if TYPE_CHECKING:
    from rebound_tui.core.storage.store import Entry

FORMATS = EXPORT_FORMATS
#: What a JSON export says it is; ``rebound import`` reads versions up to this one.
EXPORT_FORMAT = "rebound-export"
EXPORT_VERSION = 1
__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "FORMATS",
    "entry_title",
    "render",
    "to_json",
]

#: Said at the top of an export that leaves the private writing out.
PRIVATE_LEFT_OUT = "*Your private writing (the vent) is left out of this export.*"


def _context(entry: Entry, section: Section) -> Context:
    return Context(entry.answers.get(section.id, {}), entry.answers, entry_facts(entry))


def _exercises(
    section: Section, entry: Entry, include_private: bool
) -> Iterable[tuple[Exercise, Any, Context]]:
    """The section's answered exercises, with what each answer is read with."""
    context = _context(entry, section)
    for exercise in section.exercises_for(entry.internal):
        if exercise.private and not include_private:
            continue
        value = context.section.get(exercise.id)
        if kinds.is_answered(exercise, value):
            yield exercise, value, context


def _private_left_out(entry: Entry, workbook: Workbook) -> bool:
    """Whether the entry holds private writing that an export without it leaves out."""
    for section in workbook.sections:
        context = _context(entry, section)
        for exercise in section.exercises_for(entry.internal):
            value = context.section.get(exercise.id)
            if exercise.private and kinds.is_answered(exercise, value):
                return True
    return False


def to_markdown(
    entry: Entry, workbook: Workbook, *, include_private: bool = False, now: datetime | None = None
) -> str:
    lines = [
        f"# Rebound: {md_line(entry_title(entry))}",
        "",
        f"- **Company:** {md_line(entry.company)}",
        f"- **Role:** {md_line(entry.role)}",
        f"- **Stage reached:** {md_line(entry.stage)}",
        f"- **Date:** {md_line(entry.date)}",
        f"- **Application:** {'internal' if entry.internal else 'external'}",
    ]
    if now is not None:
        lines.append(f"- **Exported:** {now:%Y-%m-%d %H:%M}")
    lines.append("")
    if not include_private and _private_left_out(entry, workbook):
        lines += [PRIVATE_LEFT_OUT, ""]
    for number, section in enumerate(workbook.sections, 1):
        lines += [f"## {number}. {visible(section.title)}", ""]
        answered = list(_exercises(section, entry, include_private))
        if not answered:
            lines += ["Nothing written here yet.", ""]
        for exercise, value, context in answered:
            text = kinds.to_markdown(exercise, value, context)
            lines += [f"**{visible(exercise.prompt)}**", "", text, ""]
    return "\n".join(lines).rstrip() + "\n"


def _answer_data(exercise: Exercise, value: Any, context: Context) -> dict[str, Any]:
    data = {
        "id": exercise.id,
        "kind": exercise.kind,
        "prompt": exercise.prompt,
        "answer": kinds.to_data(exercise, value, context),
    }
    finished = kinds.finished_text(exercise, value, context)
    if finished is not None:
        data["text"] = finished
    if kinds.load(exercise, value, context).odd:
        data["not_shown"] = kinds.ODD_NOTE
    return data


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
        "private_left_out": not include_private and _private_left_out(entry, workbook),
        "sections": [
            {
                "id": section.id,
                "title": section.title,
                "progress": state.word,
                "answers": [
                    _answer_data(e, value, context)
                    for e, value, context in _exercises(section, entry, include_private)
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
