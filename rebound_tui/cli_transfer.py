"""``rebound import`` and ``rebound remind``: entries in from an export, dates out to a calendar.

Problems a person can cause raise :class:`ImportRefused` or :class:`RemindRefused` (one line,
naming the file), which ``cli.main`` prints with a non-zero exit.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rebound_tui.core.content import Workbook
from rebound_tui.core.export import visible
from rebound_tui.core.importer import ImportItem, ImportPlan, import_entries, plan, read_export
from rebound_tui.core.storage.store import Store
from rebound_tui.progress_bar import ProgressBar

__all__ = ["add_import_parser", "cmd_import"]

SHOWN = 20  # entries named one per line; beyond that, a count


def add_import_parser(
    commands: argparse._SubParsersAction, shared: argparse.ArgumentParser
) -> None:  # type: ignore[type-arg]
    command = commands.add_parser(
        "import",
        parents=[shared],
        help="add the entries of a JSON export (new ids; nothing is overwritten)",
    )
    command.add_argument("file", type=Path, metavar="FILE.json", help="a rebound JSON export")
    command.add_argument(
        "--dry-run", action="store_true", help="say what would be added or skipped; change nothing"
    )


def _count(entries: int) -> str:
    return f"{entries} entr{'y' if entries == 1 else 'ies'}"


def _name(item: ImportItem) -> str:
    return visible(item.title)


def cmd_import(args: argparse.Namespace, workbook: Workbook, db_path: Path) -> int:
    source = Path(args.file).expanduser()
    items = read_export(source)
    if args.dry_run and not db_path.exists():
        result = plan(items, [], workbook)  # asking creates nothing
        _report(result, args.dry_run)
        return 0
    with Store(db_path, read_only=args.dry_run) as store:
        result = plan(items, store.entries(copy=False), workbook)
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
