"""``rebound import`` and ``rebound remind``: entries in from an export, dates out to a calendar.

Problems a person can cause raise :class:`ImportRefused` or :class:`RemindRefused` (one line,
naming the file), which ``cli.main`` prints with a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rebound_tui.core.storage.store import Entry, Store, StoreError
from rebound_tui.core.text import visible
from rebound_tui.progress_bar import ProgressBar

if TYPE_CHECKING:  # imported when the command runs: launching the app needs none of them
    from rebound_tui.core.content import Workbook
    from rebound_tui.core.importer import ImportItem, ImportPlan
    from rebound_tui.core.reminders import Reminder, Skipped

__all__ = ["add_import_parser", "add_remind_parser", "cmd_import", "cmd_remind"]

SHOWN = 20  # entries named one per line; beyond that, a count


def add_import_parser(commands: Any, shared: argparse.ArgumentParser) -> None:
    """``rebound import`` on the subcommands of the main parser."""
    command = commands.add_parser(
        "import",
        parents=[shared],
        help="add the entries of a JSON export (new ids; nothing is overwritten)",
    )
    command.add_argument("file", type=Path, metavar="FILE.json", help="a rebound JSON export")
    command.add_argument(
        "--dry-run", action="store_true", help="say what would be added or skipped; change nothing"
    )


def _ticking(entries: Iterator[Entry], bar: ProgressBar) -> Iterator[Entry]:
    for done, entry in enumerate(entries, 1):
        yield entry
        bar(done)


def _count(entries: int) -> str:
    return f"{entries} entr{'y' if entries == 1 else 'ies'}"


def _name(item: ImportItem) -> str:
    return visible(item.title)


def cmd_import(args: argparse.Namespace, workbook: Workbook, db_path: Path) -> int:
    from rebound_tui.core.importer import import_entries, plan, read_export

    source = Path(args.file).expanduser()
    items = read_export(source)
    if args.dry_run and not db_path.exists():
        result = plan(items, [], workbook)  # asking creates nothing
        _report(result, args.dry_run)
        return 0
    with Store(db_path, read_only=args.dry_run) as store:
        summaries = store.entries()
        with ProgressBar("Comparing", len(summaries)) as bar:
            existing = (store.get(found.id) for found in summaries)
            result = plan(items, _ticking(existing, bar), workbook)
        if args.dry_run:
            _report(result, args.dry_run)
            return 0
        with ProgressBar("Importing", len(result.new)) as bar:
            added = import_entries(result.new, store, tick=bar)
    if added:
        ids = sorted(e.id for e in added)
        span = str(ids[0]) if len(ids) == 1 else f"{ids[0]} to {ids[-1]}"
        print(f"Added {_count(len(ids))} to {db_path} from {source} (id {span}).")
    else:
        print(f"Nothing to add: every entry of {source} is already in {db_path}.")
    _report(result, False)
    return 0


def _report(result: ImportPlan, dry_run: bool) -> None:
    if dry_run:
        print(
            f"Would add {_count(len(result.new))} and skip {len(result.present)} already "
            "present (dry run: nothing changed)."
        )
    mark = "would add" if dry_run else "added"
    for item in result.new[:SHOWN]:
        print(f"  + {mark}: {_name(item)}")
    for item, found in result.present[:SHOWN]:
        where = f"entry {found}" if found is not None else "earlier in the same file"
        print(f"  = skipped, already present as {where}: {_name(item)}")
    hidden = max(0, len(result.new) - SHOWN) + max(0, len(result.present) - SHOWN)
    if hidden:
        print(f"  … and {hidden} more (see: rebound list)")


def add_remind_parser(commands: Any, shared: argparse.ArgumentParser) -> None:
    """``rebound remind`` on the subcommands of the main parser."""
    command = commands.add_parser(
        "remind",
        parents=[shared],
        help="write the dates you planned (next steps, messages sent) as a calendar file (.ics)",
    )
    which = command.add_mutually_exclusive_group()
    which.add_argument("--entry", type=int, metavar="ID", help="one entry (see: rebound list)")
    which.add_argument("--all", action="store_true", help="every entry")
    command.add_argument(
        "-o",
        "--output",
        metavar="FILE.ics",
        default="-",
        help="calendar file to write (0600); - or nothing: stdout",
    )
    command.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (never through a link)"
    )


def cmd_remind(args: argparse.Namespace, workbook: Workbook, db_path: Path) -> int:
    from rebound_tui.core.export_file import ExportExists, ExportRefused, write_export
    from rebound_tui.core.reminders import Skipped, calendar, reminders

    if not db_path.exists():
        raise StoreError(f"there is no database at {db_path}; run `rebound` to write an entry")
    store = Store(db_path, read_only=True)
    if args.all:
        ids = [summary.id for summary in store.entries()]
    elif args.entry is not None:
        ids = [store.get(args.entry).id]
    else:
        latest = store.latest()
        ids = [latest.id] if latest else []
    found: list[Reminder] = []
    skipped: list[Skipped] = []
    with ProgressBar("Reading dates", len(ids)) as bar:
        for entry in _ticking((store.get(i) for i in ids), bar):
            for item in reminders(entry, workbook):
                (skipped if isinstance(item, Skipped) else found).append(item)  # type: ignore[arg-type]
    for note in skipped:
        print(f"rebound: note: {note}", file=sys.stderr)
    if not found:
        which = "these entries" if len(ids) != 1 else f"entry {ids[0]}"
        raise StoreError(
            f"no dates to put in a calendar in {which if ids else store.path} "
            '(next steps need a day in "By when", e.g. 2026-12-04)'
        )
    data = calendar(found)
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    target = Path(args.output).expanduser()
    try:
        write_export(target, data.decode("utf-8"), replace=args.force)
    except ExportExists as error:
        raise ExportRefused(
            target, f"{target} already exists; pass --force to replace it, or choose another name"
        ) from error
    events = f"{len(found)} event{'' if len(found) == 1 else 's'}"
    print(f"Wrote {events} to {target}", file=sys.stderr)
    return 0
