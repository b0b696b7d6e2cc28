"""`rebound prep` and `rebound search`: the views across entries, for the terminal.

Both read the database without taking it over (they work while the app is open) and print
only visible characters: the person's text passes through the one neutralising rule.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rebound_tui.core.formats import PREP_FORMATS
from rebound_tui.core.text import visible

if TYPE_CHECKING:  # imported when the command runs: launching the app needs none of them
    from rebound_tui.core.content import Workbook
    from rebound_tui.core.search import Hit
    from rebound_tui.core.storage.store import Store


def add_commands(commands: Any, shared: argparse.ArgumentParser) -> None:
    """Add `prep` and `search` to the subcommands (``parser.add_subparsers()``)."""
    page = commands.add_parser(
        "prep",
        parents=[shared],
        help="before your next interview: lessons, answers, plans and kind words of all entries",
    )
    page.add_argument(
        "--format",
        choices=PREP_FORMATS,
        default="md",
        help="md (default) or html (one self-contained printable page)",
    )
    page.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (never through a link)"
    )
    page.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="-",
        help="file to write (0600); - or nothing: stdout",
    )
    find = commands.add_parser(
        "search", parents=[shared], help="find a line in every answer of every entry"
    )
    find.add_argument("text", help="what to look for (case does not matter)")
    find.add_argument("--include-private", action="store_true", help="search the private vent too")


def cmd_prep(args: argparse.Namespace, store: Store, workbook: Workbook) -> tuple[int, str]:
    """The page in the chosen format, to stdout or a private file (never through a link, and
    replacing a file only with --force). Returns (exit code, message for a failure)."""
    from rebound_tui.core import prep
    from rebound_tui.core.export_file import ExportExists, ExportRefused, write_export
    from rebound_tui.core.export_html import markdown_page
    from rebound_tui.core.patterns import read_entries

    left_out: list[str] = []
    page = prep.gather(read_entries(store, left_out), workbook)
    left_out += page.left_out
    text = prep.to_markdown(page)
    if args.format == "html":
        text = markdown_page(text, prep.TITLE)
    if args.output == "-":
        sys.stdout.write(text)
        return _say_left_out(left_out), ""
    target = Path(args.output).expanduser()
    if target.is_dir() and not target.is_symlink():
        return 1, f"{target} is a folder; give a file name, e.g. {target / f'prep.{args.format}'}"
    try:
        write_export(target, text, replace=args.force)
    except ExportExists:
        return 1, f"{target} already exists; pass --force to replace it, or choose another name"
    except ExportRefused as error:
        return 1, str(error)
    print(f"Wrote the page to {target}", file=sys.stderr)
    return _say_left_out(left_out), ""


def hit_lines(hit: Hit) -> str:
    return f"{hit.date}  {hit.entry} · {hit.section} · {hit.exercise}\n    {hit.line}\n"


def cmd_search(args: argparse.Namespace, store: Store, workbook: Workbook) -> int:
    """Every matching line with where it is; exit 1 when nothing matched (like grep)."""
    from rebound_tui.core.patterns import read_entries
    from rebound_tui.core.search import search

    left_out: list[str] = []
    entries = read_entries(store, left_out)
    hits = search(
        entries, workbook, args.text, include_private=args.include_private, left_out=left_out
    )
    for hit in hits:
        sys.stdout.write(hit_lines(hit))
    found = f"{len(hits)} line{'' if len(hits) == 1 else 's'} found"
    nothing = "Nothing found." + (
        ""
        if args.include_private
        else " (The private vent is searched only with --include-private.)"
    )
    print(found if hits else nothing, file=sys.stderr)
    return 1 if _say_left_out(left_out) or not hits else 0


def _say_left_out(left_out: list[str]) -> int:
    """One line on standard error per entry that could not be read or answer that cannot be
    shown; 1 if there was any (what was printed is then not the whole of it), else 0."""
    for reason in left_out:
        print(f"rebound: left out: {visible(reason)}", file=sys.stderr)
    return 1 if left_out else 0
