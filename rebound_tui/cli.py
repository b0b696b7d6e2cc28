"""The ``rebound`` command: the workbook, plus ``list``, ``export``, ``import``, ``content``…

Every failure a person can cause ends in one line on stderr naming the file or value, and a
non-zero exit code: 1 for a problem with files or data, 2 for a bad command line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from rebound_tui import __version__
from rebound_tui.cli_across import add_commands as add_across_commands
from rebound_tui.cli_across import cmd_prep, cmd_search
from rebound_tui.cli_transfer import add_import_parser, add_remind_parser, cmd_import, cmd_remind
from rebound_tui.core.content import ContentProblems, Workbook, load_workbook
from rebound_tui.core.content_cache import cached_workbook
from rebound_tui.core.entry_names import entry_title
from rebound_tui.core.export_file import ExportExists, ExportRefused, write_export
from rebound_tui.core.formats import EXPORT_FORMATS
from rebound_tui.core.paths import user_content_dir
from rebound_tui.core.progress import answer_rule, marks_progress, progress_line
from rebound_tui.core.storage.store import (
    DatabaseDamaged,
    DatabaseTooNew,
    Entry,
    Store,
    StoreError,
    default_db_path,
    restore_backup,
    set_aside,
)
from rebound_tui.core.text import visible
from rebound_tui.progress_bar import ProgressBar


class UsageError(Exception):
    """A bad command line: reported in one line with exit code 2."""


class OneLineParser(argparse.ArgumentParser):
    """argparse, but errors are one line (no usage dump) and raise instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see: {self.prog} --help)")


def _build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", type=Path, metavar="PATH", help="database file (default: your data folder)"
    )
    common.add_argument(
        "--content", type=Path, metavar="DIR", help="another content folder of the same format"
    )
    shared = OneLineParser(add_help=False)
    shared.add_argument(
        "--db", type=Path, metavar="PATH", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    shared.add_argument(
        "--content", type=Path, metavar="DIR", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )

    parser = OneLineParser(
        prog="rebound",
        parents=[common],
        description="A private terminal workbook for the days after an interview rejection.",
    )
    parser.add_argument("--version", action="version", version=f"rebound {__version__}")
    parser.add_argument("--reduced-motion", action="store_true", help="turn off animations")
    repair = parser.add_mutually_exclusive_group()
    repair.add_argument(
        "--restore-backup",
        action="store_true",
        help="replace a damaged database with its last good backup, then open",
    )
    repair.add_argument(
        "--start-fresh",
        action="store_true",
        help="set a damaged database aside (renamed, not deleted) and start a new one",
    )
    commands = parser.add_subparsers(dest="command", parser_class=OneLineParser)

    commands.add_parser(
        "list", parents=[shared], help="list entries: id, date, progress, stage, company — role"
    )

    export = commands.add_parser(
        "export", parents=[shared], help="write an entry's summary (Markdown or JSON)"
    )
    which = export.add_mutually_exclusive_group()
    which.add_argument(
        "--entry", type=int, metavar="ID", help="the entry to export (see: rebound list)"
    )
    # The old name, still accepted.
    which.add_argument("--session", type=int, dest="entry", help=argparse.SUPPRESS)
    which.add_argument("--latest", action="store_true", help="the newest entry (the default)")
    which.add_argument("--all", action="store_true", help="every entry")
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="md",
        help="md (default), json, or html (one self-contained printable page)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="-",
        help="file to write (0600); - or nothing: stdout",
    )
    export.add_argument("--include-private", action="store_true", help="include the private vent")
    export.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (never through a link)"
    )

    add_import_parser(commands, shared)
    add_remind_parser(commands, shared)

    add_across_commands(commands, shared)

    check = commands.add_parser(
        "check-content", help="validate a content folder; prints file:line: message"
    )
    check.add_argument(
        "dir",
        nargs="?",
        type=Path,
        help="content folder (default: the built-in one with your own files over it)",
    )
    content = commands.add_parser(
        "content", help="where your own content folder is, and which files in it are used"
    )
    content.add_argument(
        "--copy",
        nargs="?",
        const=True,
        type=Path,
        metavar="DIR",
        help="copy the built-in content into your folder (or DIR) to edit; never overwrites",
    )
    return parser


def _fail(message: str, code: int = 1) -> int:
    print(f"rebound: {visible(message)}", file=sys.stderr)
    return code


def _workbook(folder: Path | None, *, cached: bool = False) -> Workbook:
    """``--content DIR`` as it is, or the built-in content with the person's own files over it
    (``cached``: kept parsed between launches, the same workbook: core/content_cache.py)."""
    load = cached_workbook if cached else load_workbook
    if folder is not None:
        return load(folder.expanduser())
    return load(None, overlay=user_content_dir())


def _db_path(args: argparse.Namespace) -> Path:
    return (args.db or default_db_path()).expanduser()


def cmd_check_content(folder: Path | None) -> int:
    from rebound_tui.core.content_folder import check_content

    lines, ok = check_content(folder.expanduser() if folder else None, user_content_dir())
    for line in lines:
        print(visible(line))
    return 0 if ok else 1


def cmd_content(copy: Path | bool | None) -> int:
    from rebound_tui.core.content_folder import copy_content, describe_content

    if copy is None:
        print(visible(describe_content(user_content_dir())))
        return 0
    target = user_content_dir() if copy is True else Path(str(copy)).expanduser()
    try:
        print(visible(copy_content(target, default_is_yours=target == user_content_dir())))
    except OSError as error:
        return _fail(f"cannot copy into {target}: {error.strerror or error}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    workbook = _workbook(args.content)
    store = Store(_db_path(args), read_only=True)
    entries = store.entries()
    if not entries:
        print(f"No entries yet in {store.path}. Run `rebound` to start one.")
        return 0
    width = max(len("stage"), *(len(visible(entry.stage)) for entry in entries))
    print(f"{'id':>4}  {'date':<10}  {'progress':<16}  {'stage':<{width}}  company — role")
    for entry in entries:
        progress = progress_line(marks_progress(workbook.sections, entry.answered, entry.internal))
        print(
            f"{entry.id:>4}  {visible(entry.date):<10}  {progress:<16}  "
            f"{visible(entry.stage) or '—':<{width}}  {visible(entry_title(entry))}"
        )
    return 0


def _choose(store: Store, args: argparse.Namespace, tick: ProgressBar) -> list[Entry]:
    if args.all:
        entries = []
        for done, found in enumerate(store.entries(), 1):
            entries.append(store.get(found.id))
            tick(done)
        if not entries:
            raise StoreError(f"no entries in {store.path} to export")
        return entries
    if args.entry is not None:
        return [store.get(args.entry)]
    latest = store.latest()
    if latest is None:
        raise StoreError(f"no entries in {store.path} to export")
    return [latest]


def cmd_export(args: argparse.Namespace) -> int:
    from rebound_tui.core.export import render

    workbook = _workbook(args.content)
    path = _db_path(args)
    if not path.exists():
        return _fail(f"there is no database at {path}; run `rebound` to write the first entry")
    store = Store(path, read_only=True)
    with ProgressBar("Reading", len(store.entries()) if args.all else 1) as bar:
        entries = _choose(store, args, bar)
    with ProgressBar("Exporting", len(entries)) as bar:
        text = render(
            entries,
            workbook,
            args.format,
            include_private=args.include_private,
            now=datetime.now(),
            tick=bar,
        )
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.output).expanduser()
    if target.is_dir() and not target.is_symlink():
        example = target / f"rebound.{args.format}"
        return _fail(f"{target} is a folder; give a file name, e.g. {example}")
    try:
        write_export(target, text, replace=args.force)
    except ExportExists:
        return _fail(f"{target} already exists; pass --force to replace it, or choose another name")
    except ExportRefused as error:
        return _fail(str(error))
    print(
        f"Wrote {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} to {target}",
        file=sys.stderr,
    )
    return 0


def cmd_across(args: argparse.Namespace) -> int:
    workbook = _workbook(args.content)
    path = _db_path(args)
    if not path.exists():
        return _fail(f"there is no database at {path}; run `rebound` to write the first entry")
    store = Store(path, read_only=True)
    if args.command == "search":
        if not args.text.strip():
            return _fail("give some text to search for, e.g. rebound search feedback", 2)
        return cmd_search(args, store, workbook)
    code, message = cmd_prep(args, store, workbook)
    return _fail(message, code) if message else code


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _no_terminal() -> str | None:
    """Why the workbook cannot run here, if it cannot: it reads keys from standard input
    and draws on standard error, so both must be a terminal."""
    missing = [
        name
        for name, stream in (("input", sys.__stdin__), ("error", sys.__stderr__))
        if stream is None or not stream.isatty()
    ]
    if not missing:
        return None
    return (
        f"the workbook needs a terminal, and standard {' and '.join(missing)} "
        f"{'is' if len(missing) == 1 else 'are'} not one; "
        "`rebound list`, `rebound export` and `rebound check-content` work without one"
    )


def _open_for_app(path: Path, workbook: Workbook) -> Store | None:
    """The writer (or a read-only view); for a damaged file at a terminal, offer the way on.

    None means the person chose to quit; the file is then untouched.
    """
    counts = answer_rule(workbook.sections)
    try:
        return Store.open_or_read_only(path, counts=counts)
    except DatabaseTooNew:
        raise
    except DatabaseDamaged as error:
        if not _interactive():
            raise
        from rebound_tui.repair import offer_repair

        if not offer_repair(error):
            return None
    return Store.open_or_read_only(path, counts=counts)


def cmd_app(args: argparse.Namespace) -> int:
    problem = _no_terminal()
    if problem:
        return _fail(problem)
    path = _db_path(args)
    workbook = _workbook(args.content, cached=True)
    if args.restore_backup:
        asides = restore_backup(path)
        kept = f"; the damaged files are kept as {', '.join(map(str, asides))}" if asides else ""
        print(visible(f"Restored the last good backup of {path}{kept}."))
    elif args.start_fresh:
        asides = set_aside(path)
        print(visible(f"Set aside {', '.join(map(str, asides))}; starting again."))
    store = _open_for_app(path, workbook)
    if store is None:
        return 1
    from rebound_tui.tui.app import make_app

    app = make_app(store, workbook, reduced_motion=args.reduced_motion)
    try:
        app.run_in_terminal()
    finally:
        # Whatever happened (quit, closed terminal, a bug), write what was typed.
        saved = app.save_now()
        lost = not saved and store.at_risk  # not in the files, not in the journal
        try:
            store.close()
        except StoreError as error:
            saved = False
            if not lost:  # the journal has it all: say where it waits
                print(f"rebound: {visible(str(error))}", file=sys.stderr)
    if lost:  # said in one line: the person's choice, or the rescue file written now
        app.say_unsaved()
        return 1
    if app.return_code not in (0, None) or not app.left_on_purpose:
        where = "saved in" if saved else "kept in the journal next to"
        print(
            f"rebound: stopped after an unexpected error; what you typed is {where} {path}.",
            file=sys.stderr,
        )
        return 1
    return 0


def _import(args: argparse.Namespace) -> int:
    from rebound_tui.core.importer import ImportRefused

    try:
        return cmd_import(args, _workbook(args.content), _db_path(args))
    except ImportRefused as error:
        return _fail(str(error))


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _build_parser().parse_args(argv)
        if args.command == "check-content":
            return cmd_check_content(args.dir)
        if args.command == "content":
            return cmd_content(args.copy)
        if args.command == "list":
            return cmd_list(args)
        if args.command == "export":
            return cmd_export(args)
        if args.command in ("prep", "search"):
            return cmd_across(args)
        if args.command == "import":
            return _import(args)
        if args.command == "remind":
            return cmd_remind(args, _workbook(args.content), _db_path(args))
        return cmd_app(args)
    except UsageError as error:
        return _fail(str(error), 2)
    except ContentProblems as problems:
        for problem in problems.problems[1:]:
            print(visible(str(problem)), file=sys.stderr)
        return _fail(str(problems))
    except (StoreError, ExportRefused) as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
