"""Load the workbook's sections from Markdown files.

A section is ``NN-name.md``: ``NN`` orders it, ``name`` is its id, the first ``#`` heading is its
title. Exercises are fenced blocks with the info string ``exercise`` holding TOML. The format is
documented for authors in ``content/README.md``.

This module has no Textual import: the CLI, the exporter and the tests use it directly.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from rebound_tui.core.exercise_blocks import (
    ContentError,
    ContentProblems,
    condition,
    parse_exercise,
)
from rebound_tui.core.model import (
    THOUGHT_STEPS,
    ComposerInput,
    Exercise,
    Section,
    ThinkingTrap,
    Workbook,
    fill_template,
)
from rebound_tui.core.text import visible

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

__all__ = [
    "THOUGHT_STEPS",
    "ComposerInput",
    "ContentError",
    "ContentProblems",
    "Exercise",
    "Section",
    "ThinkingTrap",
    "Workbook",
    "content_files",
    "default_content_dir",
    "fill_template",
    "find_problems",
    "load_workbook",
    "parse_exercise",
    "parse_section",
    "read_content_file",
]

SECTION_FILE = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
MAX_BYTES = 512 * 1024
#: Lists and quotes inside a lesson nest at most this deep (a terminal has no room for more).
MAX_LESSON_NESTING = 10


def default_content_dir() -> Path:
    """The content shipped inside the wheel, or the repository's ``content/`` in a checkout."""
    # What importlib.resources.files("rebound_tui") is for a package on disk, without
    # importing importlib.resources and zipfile at every launch.
    packaged = Path(__file__).parent.parent / "content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "content"


def read_content_file(path: Path) -> str:
    """The text of one content file, or a :class:`ContentError` naming it.

    Only a regular file is read (a pipe would hang, a device never ends), the size is capped
    while reading rather than trusted from ``stat``, a byte-order mark and Windows line ends
    are accepted, and a control character (which a terminal would obey) is refused.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        raise ContentError(path, 1, f"cannot read: {error.strerror or error}") from None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise ContentError(path, 1, "not a regular file (a folder, pipe or device)")
        data = bytearray()
        while chunk := os.read(handle, 64 * 1024):
            data += chunk
            if len(data) > MAX_BYTES:
                raise ContentError(path, 1, f"file is larger than the limit of {MAX_BYTES} bytes")
    except OSError as error:
        raise ContentError(path, 1, f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(handle)
    try:
        text = bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContentError(path, 1, f"not UTF-8 text ({error.reason})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _refuse_control_characters(path, text)
    return text


def _refuse_control_characters(path: Path, text: str) -> None:
    """A content file with an escape sequence in it is a mistake (or an attack): name the line."""
    for number, line in enumerate(text.split("\n"), 1):
        shown = visible(line)
        if shown != line:
            where = next(i for i, (a, b) in enumerate(zip(line, shown, strict=False)) if a != b)
            code = ord(line[where])
            raise ContentError(
                path, number, f"control character U+{code:04X} is not allowed in content"
            )


@functools.cache
def _markdown() -> MarkdownIt:
    """The one parser, made on first use: a launch whose workbook comes from the cache
    (:mod:`rebound_tui.core.content_cache`) imports no Markdown parser (issue 13)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def parse_section(path: Path, text: str | None = None) -> Section:
    """Parse one section file. Raises :class:`ContentError` naming the file and line."""
    match = SECTION_FILE.match(path.name)
    if not match:
        raise ContentError(path, 1, "section files are named NN-name.md, e.g. 01-frustration.md")
    text = read_content_file(path) if text is None else text
    if not text.strip():
        raise ContentError(path, 1, "section file is empty")
    lines = text.split("\n")
    tokens = _markdown().parse(text)
    title = ""
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            if token.tag == "h1":
                title = tokens[index + 1].content.strip()
            break
    if not title:
        raise ContentError(path, 1, 'a section starts with a "# Title" heading')
    exercises: list[Exercise] = []
    lesson_lines = list(lines)
    heading_seen = False
    conditional: dict[int, tuple[str, str]] = {}  # first line → (condition, Markdown)
    for token in tokens:
        if token.type == "heading_open" and token.tag == "h1" and not heading_seen and token.map:
            heading_seen = True
            for number in range(token.map[0], token.map[1]):
                lesson_lines[number] = "\0"
        info = token.info.strip().split() if token.type == "fence" else []
        if info[:1] == ["when"] and token.map is not None:
            start, end = token.map
            if exercises:
                raise ContentError(path, start + 1, "a when block goes before the exercises")
            when = condition(path, start + 1, info[1] if len(info) == 2 else "")
            conditional[start] = (when or "", token.content.strip())
            for number in range(start, end):
                lesson_lines[number] = "\0"
            lesson_lines[start] = f"\0{start}"
            continue
        if token.type != "fence" or token.info.strip() != "exercise" or token.map is None:
            continue
        start, end = token.map
        if not lines[end - 1].lstrip().startswith(("```", "~~~")):
            raise ContentError(path, start + 1, "exercise block is never closed with ```")
        exercise = parse_exercise(path, start + 1, token.content)
        if any(e.id == exercise.id for e in exercises):
            raise ContentError(path, start + 1, f'duplicate exercise id "{exercise.id}"')
        exercises.append(exercise)
        for number in range(start, end):
            lesson_lines[number] = "\0"
    if not exercises:
        raise ContentError(path, 1, "section has no exercise blocks")
    deepest = max((t for t in tokens if t.type != "fence"), key=lambda t: t.level, default=None)
    if deepest is not None and deepest.level > MAX_LESSON_NESTING:
        line = deepest.map[0] + 1 if deepest.map else 1
        raise ContentError(path, line, "lesson nests lists or quotes too deeply")
    parts: list[tuple[str | None, str]] = []
    plain: list[str] = []
    for source in lesson_lines:
        if source.startswith("\0") and source[1:]:  # where a when block stood
            parts.append((None, "\n".join(plain)))
            plain = []
            parts.append(conditional[int(source[1:])])
        elif source != "\0":
            plain.append(source)
    parts.append((None, "\n".join(plain)))
    parts = [(when, re.sub(r"\n{3,}", "\n\n", text).strip()) for when, text in parts]
    parts = [(when, text) for when, text in parts if text]
    lesson = "\n\n".join(text for when, text in parts if when is None)
    if not lesson:
        raise ContentError(path, 1, "section has no lesson text")
    return Section(
        id=match.group(2),
        number=int(match.group(1)),
        title=title,
        lesson=lesson,
        exercises=tuple(exercises),
        path=path,
        parts=tuple(parts) if conditional else (),
    )


def _page(folder: Path, files: dict[str, Path], name: str, problems: list[ContentError]) -> str:
    path = files.get(name)
    if path is None:
        problems.append(ContentError(folder / name, 1, f"missing {name}"))
        return ""
    try:
        text = read_content_file(path).strip()
    except ContentError as error:
        problems.append(error)
        return ""
    if not text:
        problems.append(ContentError(path, 1, f"{name} is empty"))
    return text


def _markdown_files(folder: Path) -> dict[str, Path]:
    """The ``*.md`` names directly in a folder (README.md, the authors' guide, left out)."""
    return {
        path.name: path
        for path in sorted(folder.iterdir())
        if path.name.endswith(".md") and path.name != "README.md"
    }


def content_files(
    folder: Path, overlay: Path | None = None
) -> tuple[dict[str, Path], list[ContentError]]:
    """The files that make up the workbook: ``folder``'s, with ``overlay``'s in their place.

    A file in the overlay (the person's own content folder) replaces the file of the same
    name in ``folder``; a new section file adds a section. A missing overlay is no overlay.
    """
    if not folder.is_dir():
        return {}, [ContentError(folder, 1, "content folder does not exist")]
    try:
        files = _markdown_files(folder)
        if overlay is not None and os.path.lexists(overlay):
            if not overlay.is_dir():
                return {}, [ContentError(overlay, 1, "not a folder; your content goes in one")]
            files |= _markdown_files(overlay)
    except OSError as error:
        where = Path(error.filename) if error.filename else folder
        return {}, [ContentError(where, 1, f"cannot read: {error.strerror or error}")]
    return files, []


def find_problems(
    folder: Path, overlay: Path | None = None
) -> tuple[Workbook | None, list[ContentError]]:
    """Parse a content folder (and an overlay), collecting every problem, not just the first."""
    files, problems = content_files(folder, overlay)
    if problems:
        return None, problems
    sections: list[Section] = []
    section_files = [files[name] for name in sorted(files) if SECTION_FILE.match(name)]
    if not section_files:
        problems.append(ContentError(folder, 1, "no section files (NN-name.md) found"))
    seen_numbers: dict[int, Path] = {}
    seen_ids: dict[str, Path] = {}
    for path in section_files:
        try:
            section = parse_section(path)
        except ContentError as error:
            problems.append(error)
            continue
        if section.number in seen_numbers:
            other = seen_numbers[section.number].name
            problems.append(
                ContentError(
                    path, 1, f"section number {section.number:02d} is also used by {other}"
                )
            )
        seen_numbers[section.number] = path
        for exercise in section.exercises:
            if exercise.id in seen_ids:
                other = seen_ids[exercise.id].name
                problems.append(
                    ContentError(
                        path,
                        exercise.line,
                        f'duplicate exercise id "{exercise.id}" (also in {other})',
                    )
                )
            seen_ids[exercise.id] = path
        sections.append(section)
    welcome = _page(folder, files, "welcome.md", problems)
    support = _page(folder, files, "support.md", problems)
    if problems:
        return None, problems
    overridden = tuple(
        sorted(name for name, path in files.items() if overlay and path.parent == overlay)
    )
    return Workbook(tuple(sections), welcome, support, folder, overlay, overridden), []


def load_workbook(folder: Path | None = None, overlay: Path | None = None) -> Workbook:
    """Load and validate a content folder; raise :class:`ContentProblems` on any problem."""
    workbook, problems = find_problems(folder or default_content_dir(), overlay)
    if problems or workbook is None:
        raise ContentProblems(problems)
    return workbook
