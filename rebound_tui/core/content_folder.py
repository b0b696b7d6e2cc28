"""The person's own content folder: where it is, what it changes, how to start one, its check.

After ``pip install`` the built-in content sits inside the installed package, where editing
it is neither easy nor kept across updates. So Rebound also reads a folder in the user config
folder (:func:`rebound_tui.core.paths.user_content_dir`): a file there replaces the built-in
file of the same name, and a new ``NN-name.md`` adds a section. No Textual import.
"""

from __future__ import annotations

import os
from pathlib import Path

from rebound_tui.core.content import Workbook, default_content_dir, find_problems
from rebound_tui.core.paths import tidy_path, user_content_dir

CHECK_HINT = "rebound check-content"


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


def check_content(folder: Path | None, yours: Path) -> tuple[list[str], bool]:
    """The lines ``rebound check-content [DIR]`` prints, and whether the content is fine.

    Without a folder (or given your own folder) it checks what the app will really show:
    the built-in content with your files over it. Any other folder is checked on its own,
    as ``rebound --content DIR`` would use it.
    """
    if folder is None or _same_folder(folder, yours):
        base, overlay = default_content_dir(), yours
    else:
        base, overlay = folder, None
    workbook, problems = find_problems(base, overlay)
    if problems or workbook is None:
        return [str(problem) for problem in problems], False
    exercises = sum(len(s.exercises) for s in workbook.sections)
    counts = f"{len(workbook.sections)} sections, {exercises} exercises, no problems"
    if overlay is None:
        return [f"{tidy_path(base)}: {counts}"], True
    if not workbook.overridden:
        return [f"built-in content (nothing of yours in {tidy_path(overlay)}): {counts}"], True
    yours_used = ", ".join(workbook.overridden)
    return [f"built-in content with your {yours_used} from {tidy_path(overlay)}: {counts}"], True


def support_page_note(workbook: Workbook) -> str:
    """The line under the support page saying where it comes from and how to make it yours."""
    if workbook.overlay is None and not _same_folder(workbook.folder, default_content_dir()):
        return f"This page is {tidy_path(workbook.folder / 'support.md')}."  # --content DIR
    yours = tidy_path((workbook.overlay or user_content_dir()) / "support.md")
    if "support.md" in workbook.overridden:
        return f"This page is your own copy: {yours}. Edit it there."
    return f"To add services or people to call: `rebound content --copy`, then edit {yours}."


def describe_content(yours: Path) -> str:
    """What ``rebound content`` says: where your folder is and which of its files are used."""
    lines = [f"Your content folder: {tidy_path(yours)}"]
    if not yours.is_dir():
        lines.append("It does not exist yet; `rebound content --copy` starts it with a copy")
        lines.append("of the built-in files to edit (support.md holds the helplines).")
        return "\n".join(lines)
    workbook, problems = find_problems(default_content_dir(), yours)
    if problems or workbook is None:
        lines.append(f"It has {len(problems)} problem(s); the app will not start until they are")
        lines.append(f"fixed. `{CHECK_HINT}` names each one.")
    elif workbook.overridden:
        lines.append(f"Used in place of the built-in files: {', '.join(workbook.overridden)}")
    else:
        lines.append("It holds no content files yet (NN-name.md, welcome.md, support.md).")
    return "\n".join(lines)


def copy_content(target: Path, *, default_is_yours: bool) -> str:
    """Copy the built-in content files into ``target`` (created 0700), never overwriting.

    Each file is created with ``O_EXCL``: an existing file, or a link planted in its place,
    is left exactly as it is. Returns what ``rebound content --copy`` says.
    """
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    copied: list[str] = []
    kept: list[str] = []
    source = default_content_dir()
    for path in sorted(source.glob("*.md")):
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        try:
            handle = os.open(target / path.name, flags, 0o600)
        except FileExistsError:
            kept.append(path.name)
            continue
        with os.fdopen(handle, "wb") as out:
            out.write(path.read_bytes())
        copied.append(path.name)
    where = tidy_path(target)
    lines = [f"Copied {len(copied)} file(s) into {where}."]
    if kept:
        lines.append(f"Kept what was already there: {', '.join(kept)}.")
    if default_is_yours:
        lines.append("Edit them there; they replace the built-in files of the same name.")
        lines.append("Delete any you leave unchanged, so they keep following Rebound's updates.")
        lines.append(f"Check your changes with: {CHECK_HINT}")
    else:
        lines.append(f"Use it with: rebound --content {where}")
        lines.append(f"Check your changes with: {CHECK_HINT} {where}")
    return "\n".join(lines)
