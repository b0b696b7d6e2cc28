"""Load the workbook's sections from Markdown files.

A section is ``NN-name.md``: ``NN`` orders it, ``name`` is its id, the first ``#`` heading is its
title. Exercises are fenced blocks with the info string ``exercise`` holding TOML. The format is
documented for authors in ``content/README.md``.

This module has no Textual import: the CLI, the exporter and the tests use it directly.
"""

from __future__ import annotations

import re
import string
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
    "scale": {"min", "max", "low", "high", "compare"},
    "checklist": {"options"},
    "choice": {"options"},
    "composer": {"fields", "template"},
    "rows": {"columns"},
    "thought_record": {"steps", "traps"},
    "timed_writing": {"placeholder", "private", "minutes", "end_message"},
    "pacer": {"pattern", "phases", "rounds", "compare", "rerate", "min", "max", "low", "high"},
    "if_then": {"options", "columns"},
}
WHEN_VALUES = {"internal"}
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
class ComposerInput:
    """One blank of a composer: ``{id}`` in the template is replaced by what is typed here."""

    id: str
    label: str
    placeholder: str = ""
    source: str = ""  # another exercise in the section whose answer fills it at first


@dataclass(frozen=True)
class ThinkingTrap:
    """A common thinking trap after a rejection, and the fact from the lesson that answers it."""

    name: str
    example: str
    answer: str


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
    steps: tuple[str, ...] = ()
    traps: tuple[ThinkingTrap, ...] = ()
    minutes: int = 15
    end_message: str = ""
    pattern: tuple[int, ...] = ()
    phases: tuple[str, ...] = ()
    rounds: int = 4
    compare: str = ""
    rerate: str = ""
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
    return Path(__file__).resolve().parent.parent.parent / "content"


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
    if kind in ("scale", "pacer"):
        fields |= _scale(path, line, data)
    if kind in ("checklist", "choice", "if_then"):
        most = 8 if kind == "choice" else 12
        fields["options"] = _strings(path, line, data, "options", kind, 2, most)
    parser = _KIND_PARSERS.get(kind)
    if parser is not None:
        fields |= parser(path, line, data)
    return Exercise(**fields)


def _scale(path: Path, line: int, data: dict[str, Any]) -> dict[str, Any]:
    low, high = data.get("min", 0), data.get("max", 10)
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (low, high)):
        raise ContentError(path, line, '"min" and "max" must be whole numbers')
    if not 0 <= low < high <= 100:
        raise ContentError(path, line, f"scale needs 0 <= min < max <= 100, got {low}..{high}")
    return {
        "min": low,
        "max": high,
        "low": _as_text(path, line, data, "low", required=False),
        "high": _as_text(path, line, data, "high", required=False),
    }


def _count(number: int) -> str:
    words = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight")
    return words[number] if number < len(words) else str(number)


def _strings(
    path: Path,
    line: int,
    data: dict[str, Any],
    key: str,
    kind: str,
    least: int,
    most: int,
    *,
    unique: bool = True,
) -> tuple[str, ...]:
    """A required list of distinct, non-empty strings with ``least`` to ``most`` items."""
    items = data.get(key)
    if not isinstance(items, list) or not all(isinstance(o, str) for o in items):
        raise ContentError(path, line, f'{kind} needs "{key}", a list of strings')
    cleaned = tuple(o.strip() for o in items)
    if any(not o for o in cleaned):
        raise ContentError(path, line, f'{kind} has an empty entry in "{key}"')
    if len(cleaned) < least:
        raise ContentError(path, line, f'{kind} needs at least {_count(least)} "{key}"')
    if len(cleaned) > most:
        raise ContentError(path, line, f'{kind} takes at most {_count(most)} "{key}"')
    if unique and len(set(cleaned)) != len(cleaned):
        raise ContentError(path, line, f'{kind} has the same entry twice in "{key}"')
    return cleaned


def _whole(path: Path, line: int, data: dict[str, Any], key: str, default: int, top: int) -> int:
    value = data.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= top:
        raise ContentError(path, line, f'"{key}" must be a whole number from 1 to {top}')
    return value


def _tables(path: Path, line: int, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    tables = data.get(key)
    if not isinstance(tables, list) or not tables or not all(isinstance(t, dict) for t in tables):
        raise ContentError(path, line, f"needs at least one [[{key}]] table")
    return tables


def _composer(path: Path, line: int, data: dict[str, Any]) -> dict[str, Any]:
    inputs: list[ComposerInput] = []
    allowed = {"id", "label", "placeholder", "from"}
    for table in _tables(path, line, data, "fields"):
        unknown = set(table) - allowed
        if unknown:
            raise ContentError(
                path, line, f"unknown key in [[fields]]: {', '.join(sorted(unknown))}"
            )
        field_id = _as_text(path, line, table, "id", required=True)
        if not re.fullmatch(r"[a-z][a-z0-9_]*", field_id):
            raise ContentError(
                path, line, f'field id "{field_id}" must be lowercase letters, digits, _'
            )
        if any(i.id == field_id for i in inputs):
            raise ContentError(path, line, f'duplicate field id "{field_id}"')
        inputs.append(
            ComposerInput(
                field_id,
                _as_text(path, line, table, "label", required=True),
                _as_text(path, line, table, "placeholder", required=False),
                _as_text(path, line, table, "from", required=False),
            )
        )
    template = data.get("template")
    if not isinstance(template, str) or not template.strip():
        raise ContentError(path, line, 'composer needs a "template" string')
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as error:
        raise ContentError(path, line, f"template is not valid ({error})") from None
    known = {i.id for i in inputs}
    if names - known:
        missing = ", ".join(sorted(names - known))
        raise ContentError(path, line, f"template uses {{{missing}}} but no field has that id")
    return {"fields": tuple(inputs), "template": template.strip("\n")}


def _rows(path: Path, line: int, data: dict[str, Any]) -> dict[str, Any]:
    return {"columns": _strings(path, line, data, "columns", "rows", 1, 5)}


def _if_then(path: Path, line: int, data: dict[str, Any]) -> dict[str, Any]:
    return {"columns": _strings(path, line, data, "columns", "if_then", 2, 2)}


def _thought_record(path: Path, line: int, data: dict[str, Any]) -> dict[str, Any]:
    count = len(THOUGHT_STEPS)
    steps = _strings(path, line, data, "steps", "thought_record", count, count)
    traps: list[ThinkingTrap] = []
    for table in _tables(path, line, data, "traps"):
        unknown = set(table) - {"name", "example", "answer"}
        if unknown:
            raise ContentError(
                path, line, f"unknown key in [[traps]]: {', '.join(sorted(unknown))}"
            )
        traps.append(
            ThinkingTrap(
                _as_text(path, line, table, "name", required=True),
                _as_text(path, line, table, "example", required=True),
                _as_text(path, line, table, "answer", required=True),
            )
        )
    if len({t.name for t in traps}) != len(traps):
        raise ContentError(path, line, "thought_record has two traps with the same name")
    return {"steps": steps, "traps": tuple(traps)}


def _timed_writing(path: Path, line: int, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "minutes": _whole(path, line, data, "minutes", 15, 120),
        "end_message": _as_text(path, line, data, "end_message", required=True),
    }


def _pacer(path: Path, line: int, data: dict[str, Any]) -> dict[str, Any]:
    pattern = data.get("pattern", [4, 4, 4, 4])
    if (
        not isinstance(pattern, list)
        or not 2 <= len(pattern) <= 4
        or not all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= 20 for n in pattern)
        or not any(pattern)
    ):
        raise ContentError(path, line, '"pattern" must be 2 to 4 whole seconds (0 to 20)')
    phases = _strings(path, line, data, "phases", "pacer", len(pattern), len(pattern), unique=False)
    return {
        "pattern": tuple(pattern),
        "phases": phases,
        "rounds": _whole(path, line, data, "rounds", 4, 30),
        "rerate": _as_text(path, line, data, "rerate", required=True),
    } | _compare(path, line, data)


def _compare(path: Path, line: int, data: dict[str, Any]) -> dict[str, Any]:
    """``compare``: the id of an earlier scale whose number this one is shown against."""
    compare = _as_text(path, line, data, "compare", required=False)
    if compare and not EXERCISE_ID.match(compare):
        raise ContentError(path, line, f'"compare" must be an exercise id, not {compare!r}')
    return {"compare": compare}


_KIND_PARSERS = {
    "scale": _compare,
    "composer": _composer,
    "rows": _rows,
    "if_then": _if_then,
    "thought_record": _thought_record,
    "timed_writing": _timed_writing,
    "pacer": _pacer,
}


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
