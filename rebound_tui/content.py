"""Load the workbook's sections from Markdown files.

A section is ``NN-name.md``: ``NN`` orders it, ``name`` is its id, the first ``#`` heading is its
title. Exercises are fenced blocks with the info string ``exercise`` holding TOML. The format is
documented for authors in ``content/README.md``.

This module has no Textual import: the CLI, the exporter and the tests use it directly.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

SECTION_FILE = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
EXERCISE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_BYTES = 512 * 1024

#: Fields every kind accepts, then the extra fields each kind accepts.
COMMON_FIELDS = {"id", "kind", "prompt", "help", "when"}
KIND_FIELDS: dict[str, set[str]] = {
    "long_text": {"placeholder", "private"},
    "short_text": {"placeholder"},
    "scale": {"min", "max", "low", "high"},
    "checklist": {"options"},
    "choice": {"options"},
}
WHEN_VALUES = {"internal"}


class ContentError(Exception):
    """One problem in a content file, reported as ``file:line: message``."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(f"{path}:{line}: {message}")


class ContentProblems(Exception):
    """Every problem found in a content folder; ``str()`` is the first one."""

    def __init__(self, problems: list[ContentError]) -> None:
        self.problems = problems
        super().__init__(str(problems[0]) if problems else "no problems")


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
    line: int = 0

    def applies_to(self, internal: bool) -> bool:
        """Whether this exercise is shown (and counted) for an entry."""
        return self.when is None or (self.when == "internal" and internal)


@dataclass(frozen=True)
class Section:
    id: str
    number: int
    title: str
    lesson: str
    exercises: tuple[Exercise, ...]
    path: Path = field(compare=False)

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

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)


def default_content_dir() -> Path:
    """The content shipped inside the wheel, or the repository's ``content/`` in a checkout."""
    packaged = Path(str(resources.files("rebound_tui"))) / "content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "content"


def _read(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ContentError(path, 1, f"file is {size} bytes; the limit is {MAX_BYTES}")
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(path, 1, f"not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise ContentError(path, 1, f"cannot read: {error.strerror or error}") from None


def _as_text(path: Path, line: int, data: dict[str, Any], key: str, *, required: bool) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ContentError(path, line, f'"{key}" must be a string, not {type(value).__name__}')
    if required and not value.strip():
        raise ContentError(path, line, f'exercise needs a non-empty "{key}"')
    return value.strip()


def parse_exercise(path: Path, line: int, source: str) -> Exercise:
    """Turn one fenced TOML block into an :class:`Exercise`, or raise :class:`ContentError`."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(path, line, f"exercise block is not valid TOML ({error})") from None
    kind = data.get("kind")
    if not kind:
        raise ContentError(path, line, 'exercise needs a "kind"')
    if kind not in KIND_FIELDS:
        known = ", ".join(sorted(KIND_FIELDS))
        raise ContentError(path, line, f'unknown kind "{kind}" (known kinds: {known})')
    exercise_id = _as_text(path, line, data, "id", required=True)
    if not EXERCISE_ID.match(exercise_id):
        raise ContentError(
            path, line, f'id "{exercise_id}" must be lowercase letters, digits and hyphens'
        )
    unknown = set(data) - COMMON_FIELDS - KIND_FIELDS[kind]
    if unknown:
        names = ", ".join(sorted(unknown))
        raise ContentError(path, line, f'unknown field for kind "{kind}": {names}')
    when = data.get("when")
    if when is not None and when not in WHEN_VALUES:
        raise ContentError(path, line, f'"when" must be "internal", not {when!r}')
    fields: dict[str, Any] = {
        "id": exercise_id,
        "kind": kind,
        "prompt": _as_text(path, line, data, "prompt", required=True),
        "help": _as_text(path, line, data, "help", required=False),
        "placeholder": _as_text(path, line, data, "placeholder", required=False),
        "when": when,
        "line": line,
    }
    private = data.get("private", False)
    if not isinstance(private, bool):
        raise ContentError(path, line, '"private" must be true or false')
    fields["private"] = private
    if kind == "scale":
        low, high = data.get("min", 0), data.get("max", 10)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (low, high)):
            raise ContentError(path, line, '"min" and "max" must be whole numbers')
        if not 0 <= low < high <= 100:
            raise ContentError(path, line, f"scale needs 0 <= min < max <= 100, got {low}..{high}")
        fields |= {
            "min": low,
            "max": high,
            "low": _as_text(path, line, data, "low", required=False),
            "high": _as_text(path, line, data, "high", required=False),
        }
    if kind in ("checklist", "choice"):
        options = data.get("options")
        if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
            raise ContentError(path, line, f'{kind} needs "options", a list of strings')
        cleaned = tuple(o.strip() for o in options)
        if len(cleaned) < 2 or any(not o for o in cleaned):
            raise ContentError(path, line, f"{kind} needs at least two non-empty options")
        if len(set(cleaned)) != len(cleaned):
            raise ContentError(path, line, f"{kind} has the same option twice")
        fields["options"] = cleaned
    return Exercise(**fields)


_markdown = MarkdownIt("commonmark")


def parse_section(path: Path, text: str | None = None) -> Section:
    """Parse one section file. Raises :class:`ContentError` naming the file and line."""
    match = SECTION_FILE.match(path.name)
    if not match:
        raise ContentError(path, 1, "section files are named NN-name.md, e.g. 01-frustration.md")
    text = _read(path) if text is None else text
    if not text.strip():
        raise ContentError(path, 1, "section file is empty")
    lines = text.splitlines()
    tokens = _markdown.parse(text)
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
    for token in tokens:
        if token.type == "heading_open" and token.tag == "h1" and not heading_seen and token.map:
            heading_seen = True
            for number in range(token.map[0], token.map[1]):
                lesson_lines[number] = "\0"
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
    lesson = "\n".join(line for line in lesson_lines if line != "\0").strip()
    lesson = re.sub(r"\n{3,}", "\n\n", lesson)
    if not lesson:
        raise ContentError(path, 1, "section has no lesson text")
    return Section(
        id=match.group(2),
        number=int(match.group(1)),
        title=title,
        lesson=lesson,
        exercises=tuple(exercises),
        path=path,
    )


def _page(folder: Path, name: str, problems: list[ContentError]) -> str:
    path = folder / name
    if not path.is_file():
        problems.append(ContentError(path, 1, f"missing {name}"))
        return ""
    try:
        text = _read(path).strip()
    except ContentError as error:
        problems.append(error)
        return ""
    if not text:
        problems.append(ContentError(path, 1, f"{name} is empty"))
    return text


def find_problems(folder: Path) -> tuple[Workbook | None, list[ContentError]]:
    """Parse a content folder, collecting every problem instead of stopping at the first."""
    problems: list[ContentError] = []
    if not folder.is_dir():
        return None, [ContentError(folder, 1, "content folder does not exist")]
    sections: list[Section] = []
    files = sorted(p for p in folder.glob("*.md") if SECTION_FILE.match(p.name))
    if not files:
        problems.append(ContentError(folder, 1, "no section files (NN-name.md) found"))
    seen_numbers: dict[int, Path] = {}
    seen_ids: dict[str, Path] = {}
    for path in files:
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
    welcome = _page(folder, "welcome.md", problems)
    support = _page(folder, "support.md", problems)
    if problems:
        return None, problems
    return Workbook(tuple(sections), welcome, support, folder), []


def load_workbook(folder: Path | None = None) -> Workbook:
    """Load and validate a content folder; raise :class:`ContentProblems` on any problem."""
    workbook, problems = find_problems(folder or default_content_dir())
    if problems or workbook is None:
        raise ContentProblems(problems)
    return workbook
