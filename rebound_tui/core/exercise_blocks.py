"""One exercise block: the TOML inside a fenced ``exercise`` block → :class:`Exercise`.

Each kind names the fields it accepts and how they are checked; a problem is a
:class:`ContentError` naming the file and the block's line. No Textual import.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

from rebound_tui.core.facts import CONDITIONS
from rebound_tui.core.model import THOUGHT_STEPS, ComposerInput, Exercise, ThinkingTrap

#: Arrays and inline tables inside an exercise block nest at most this deep.
MAX_NESTING = 8
EXERCISE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: Fields every kind accepts, then the extra fields each kind accepts.
COMMON_FIELDS = {"id", "kind", "prompt", "help", "when"}
KIND_FIELDS: dict[str, set[str]] = {
    "long_text": {"placeholder", "private"},
    "short_text": {"placeholder"},
    "scale": {"min", "max", "low", "high", "support_from", "compare"},
    "checklist": {"options", "support_options"},
    "choice": {"options"},
    "composer": {"fields", "template", "cool_off_from", "cool_off_ratings"},
    "rows": {"columns", "ticks"},
    "thought_record": {"steps", "traps"},
    "timed_writing": {"placeholder", "private", "minutes", "end_message"},
    "pacer": {
        "pattern",
        "phases",
        "rounds",
        "compare",
        "rerate",
        "min",
        "max",
        "low",
        "high",
        "support_from",
    },
    "if_then": {"options", "columns"},
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


def _nesting(source: str) -> int:
    """How deep ``[`` and ``{`` nest in a TOML text, outside strings and comments.

    Checked before parsing: the standard library's parser recurses once per level, so a
    hostile block thousands of levels deep would end in a ``RecursionError``.
    """
    depth = deepest = 0
    index, end = 0, len(source)
    while index < end:
        char = source[index]
        if char == "#":
            index = source.find("\n", index)
            index = end if index < 0 else index
        elif source.startswith(('"""', "'''"), index):
            close = source.find(source[index : index + 3], index + 3)
            index = end if close < 0 else close + 3
            continue
        elif char in "\"'":
            index += 1
            while index < end and source[index] not in (char, "\n"):
                index += 2 if char == '"' and source[index] == "\\" else 1
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
        index += 1
    return deepest


def _as_text(path: Path, line: int, data: dict[str, Any], key: str, *, required: bool) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ContentError(path, line, f'"{key}" must be a string, not {type(value).__name__}')
    if required and not value.strip():
        raise ContentError(path, line, f'exercise needs a non-empty "{key}"')
    return value.strip()


def parse_exercise(path: Path, line: int, source: str) -> Exercise:
    """Turn one fenced TOML block into an :class:`Exercise`, or raise :class:`ContentError`."""
    import tomllib  # here: a launch whose workbook is cached parses no TOML (issue 13)

    if _nesting(source) > MAX_NESTING:
        raise ContentError(path, line, f"exercise block nests more than {MAX_NESTING} deep")
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(path, line, f"exercise block is not valid TOML ({error})") from None
    except RecursionError:  # a backstop: _nesting should have refused it already
        raise ContentError(path, line, "exercise block nests too deeply") from None
    kind = data.get("kind")
    if not kind:
        raise ContentError(path, line, 'exercise needs a "kind"')
    if not isinstance(kind, str) or kind not in KIND_FIELDS:
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
    if when is not None and (not isinstance(when, str) or when not in WHEN_VALUES):
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
    fields |= _support(path, line, data, fields)
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


def _support(path: Path, line: int, data: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """Which answers bring up the gentle pointer to the support page (F2)."""
    found: dict[str, Any] = {}
    if "support_options" in data:
        chosen = _strings(path, line, data, "support_options", fields["kind"], 1, 12)
        strange = [o for o in chosen if o not in fields["options"]]
        if strange:
            raise ContentError(path, line, f'"support_options" names no option: {strange[0]!r}')
        found["support_options"] = chosen
    if "support_from" in data:
        value = data["support_from"]
        if not isinstance(value, int) or isinstance(value, bool):
            raise ContentError(path, line, '"support_from" must be a whole number')
        if not fields["min"] <= value <= fields["max"]:
            raise ContentError(path, line, '"support_from" must lie on the scale (min to max)')
        found["support_from"] = value
    return found


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


def condition(path: Path, line: int, when: object) -> str | None:
    """A ``when`` of a lesson block or a trap: one of the conditions, or none."""
    if when is None:
        return None
    if not isinstance(when, str) or when not in CONDITIONS:
        known = ", ".join(f'"{c}"' for c in CONDITIONS)
        raise ContentError(path, line, f"when must be one of {known}, not {when!r}")
    return when


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
    return {"fields": tuple(inputs), "template": template.strip("\n")} | _cool_off(path, line, data)


def _cool_off(path: Path, line: int, data: dict[str, Any]) -> dict[str, Any]:
    if "cool_off_from" not in data and "cool_off_ratings" not in data:
        return {}
    value = data.get("cool_off_from")
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        raise ContentError(path, line, '"cool_off_from" must be a whole number from 0 to 100')
    ratings = _strings(path, line, data, "cool_off_ratings", "composer", 1, 8)
    strange = [r for r in ratings if not EXERCISE_ID.match(r)]
    if strange:
        raise ContentError(
            path, line, f'"cool_off_ratings" must be exercise ids, not {strange[0]!r}'
        )
    return {"cool_off_from": value, "cool_off_ratings": ratings}


def _rows(path: Path, line: int, data: dict[str, Any]) -> dict[str, Any]:
    columns = _strings(path, line, data, "columns", "rows", 1, 5)
    ticks: tuple[str, ...] = ()
    if "ticks" in data:
        ticks = _strings(path, line, data, "ticks", "rows", 1, len(columns))
        strangers = [t for t in ticks if t not in columns]
        if strangers:
            raise ContentError(path, line, f'"ticks" names "{strangers[0]}", which is not a column')
        if set(ticks) == set(columns):
            raise ContentError(path, line, 'rows need at least one column that is not in "ticks"')
    return {"columns": columns, "ticks": ticks}


def _if_then(path: Path, line: int, data: dict[str, Any]) -> dict[str, Any]:
    return {"columns": _strings(path, line, data, "columns", "if_then", 2, 2)}


def _thought_record(path: Path, line: int, data: dict[str, Any]) -> dict[str, Any]:
    count = len(THOUGHT_STEPS)
    steps = _strings(path, line, data, "steps", "thought_record", count, count)
    traps: list[ThinkingTrap] = []
    for table in _tables(path, line, data, "traps"):
        unknown = set(table) - {"name", "example", "question", "when"}
        if unknown:
            raise ContentError(
                path, line, f"unknown key in [[traps]]: {', '.join(sorted(unknown))}"
            )
        traps.append(
            ThinkingTrap(
                _as_text(path, line, table, "name", required=True),
                _as_text(path, line, table, "example", required=True),
                _as_text(path, line, table, "question", required=True),
                condition(path, line, table.get("when")),
            )
        )
    if len({(t.name, t.when) for t in traps}) != len(traps):
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
