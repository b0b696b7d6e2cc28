"""The parsed workbook, kept between launches: opening the app parses no Markdown or TOML.

Parsing the content (the section files' Markdown and their TOML exercise blocks), and
importing the two parsers, was a good part of what Rebound does before its first screen
(issue 13). What it gives depends only on the content files and the code that reads them,
so the workbook is kept as JSON in the person's cache folder (a 0700 folder, a 0600 file),
under a key made of the stamp (size, modification time, inode) of every file in the
content folder and in the person's own folder, and of the code that parses them.

Any difference from the key, or a cache that cannot be read or does not hold a workbook,
means the folders are parsed exactly as before (and the cache written again). Only a
workbook without problems is kept, so a problem is reported as it always was. JSON, not
pickle: reading a cache never runs code. No Textual import.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from importlib.machinery import PathFinder
from pathlib import Path
from typing import Any

import platformdirs

from rebound_tui import __version__
from rebound_tui.core.model import ComposerInput, Exercise, Section, ThinkingTrap, Workbook

#: Changes when the way a workbook is written here changes.
CACHE_FORMAT = 1
CACHE_NAME = "workbook.json"
#: The modules whose code decides what a content folder parses into (with the Python that
#: runs them, for TOML, and the Markdown parser's package), and this one, which writes and
#: reads it back: a change to either shape cannot be read as the other.
PARSING_CODE = (
    "content.py",
    "exercise_blocks.py",
    "model.py",
    "facts.py",
    "stages.py",
    "text.py",
    "content_cache.py",
)


def cache_path() -> Path:
    """On Linux ``~/.cache/rebound/workbook.json`` (``$XDG_CACHE_HOME`` is respected)."""
    return platformdirs.user_cache_path("rebound") / CACHE_NAME


def _stamp(path: str) -> list[int] | None:
    try:
        info = os.stat(path)  # content files are read through links: stamp what is read
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev]


def _folder(folder: Path | None) -> list[Any] | None:
    """Every name in a folder with its file's stamp (None: no folder there)."""
    if folder is None:
        return None
    try:
        names = sorted(os.listdir(folder))
    except OSError as error:
        return [str(folder), type(error).__name__]
    return [str(folder), [[name, _stamp(os.path.join(folder, name))] for name in names]]


def _parser_stamp() -> list[Any] | None:
    """The Markdown parser's package as installed (found, not imported: that is the point)."""
    spec = PathFinder.find_spec("markdown_it")
    origin = spec.origin if spec is not None else None
    return None if origin is None else [origin, _stamp(origin)]


def cache_key(folder: Path, overlay: Path | None) -> list[Any]:
    """What a cached workbook must have been made from to be used."""
    code = Path(__file__).parent
    return [
        CACHE_FORMAT,
        __version__,
        sys.version,  # tomllib
        _parser_stamp(),
        [[name, _stamp(str(code / name))] for name in PARSING_CODE],
        _folder(folder),
        _folder(overlay),
    ]


# ----------------------------------------------------------------- the workbook as JSON


def _to_json(workbook: Workbook) -> dict[str, Any]:
    def exercise(found: Exercise) -> dict[str, Any]:
        fields = {name: getattr(found, name) for name in found.__dataclass_fields__}
        fields["fields"] = [vars(blank) for blank in found.fields]
        fields["traps"] = [vars(trap) for trap in found.traps]
        return fields

    return {
        "sections": [
            {
                "id": s.id,
                "number": s.number,
                "title": s.title,
                "lesson": s.lesson,
                "exercises": [exercise(e) for e in s.exercises],
                "path": str(s.path),
                "parts": s.parts,
            }
            for s in workbook.sections
        ],
        "welcome": workbook.welcome,
        "support": workbook.support,
        "folder": str(workbook.folder),
        "overlay": None if workbook.overlay is None else str(workbook.overlay),
        "overridden": workbook.overridden,
    }


def _exercise(data: dict[str, Any]) -> Exercise:
    fields: dict[str, Any] = {n: tuple(v) if isinstance(v, list) else v for n, v in data.items()}
    fields["fields"] = tuple(ComposerInput(**blank) for blank in data["fields"])
    fields["traps"] = tuple(ThinkingTrap(**trap) for trap in data["traps"])
    return Exercise(**fields)


def _from_json(data: dict[str, Any]) -> Workbook:
    sections = tuple(
        Section(
            id=s["id"],
            number=s["number"],
            title=s["title"],
            lesson=s["lesson"],
            exercises=tuple(_exercise(e) for e in s["exercises"]),
            path=Path(s["path"]),
            parts=tuple((when, text) for when, text in s["parts"]),
        )
        for s in data["sections"]
    )
    overlay = data["overlay"]
    return Workbook(
        sections=sections,
        welcome=data["welcome"],
        support=data["support"],
        folder=Path(data["folder"]),
        overlay=None if overlay is None else Path(overlay),
        overridden=tuple(data["overridden"]),
    )


# ----------------------------------------------------------------- reading and writing


def _read(path: Path, key: list[Any]) -> Workbook | None:
    from rebound_tui.core.storage.files import read_own

    try:
        raw = read_own(path)  # only a plain file (a pipe there would never end), no link
        if raw is None:
            return None
        kept = json.loads(raw)
        if kept["key"] != key:
            return None
        return _from_json(kept["workbook"])
    except Exception:
        return None


def _write(path: Path, key: list[Any], workbook: Workbook) -> None:
    from rebound_tui.core.storage.errors import NotOurFile
    from rebound_tui.core.storage.files import atomic_write, ensure_private_dir

    data = json.dumps({"key": key, "workbook": _to_json(workbook)}, ensure_ascii=False)
    # No cache (no folder for it, a link in its place) is a slower launch, nothing more.
    with contextlib.suppress(OSError, NotOurFile):
        ensure_private_dir(path.parent)
        atomic_write(path, data.encode("utf-8"), own=True)


def cached_workbook(folder: Path | None = None, overlay: Path | None = None) -> Workbook:
    """:func:`~rebound_tui.core.content.load_workbook` ``(folder, overlay)``, from the cache
    when nothing it was made from has changed. Raises ``ContentProblems`` as that does."""
    from rebound_tui.core.content import default_content_dir

    folder = folder or default_content_dir()
    key = cache_key(folder, overlay)
    path = cache_path()
    workbook = _read(path, key)
    if workbook is None:
        from rebound_tui.core.content import load_workbook

        workbook = load_workbook(folder, overlay)
        _write(path, key, workbook)
    return workbook
