"""The way on from a damaged database, offered at the terminal before the app starts.

Nothing here touches the file unless the person chooses: quitting (or end of input, or
ctrl+c) leaves it byte-identical. The same two repairs are the CLI flags --restore-backup and
--start-fresh. No Textual import: this runs before the full-screen app.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rebound_tui.core.storage.store import DatabaseDamaged, StoreError, restore_backup, set_aside
from rebound_tui.core.text import visible

Ask = Callable[[str], str]
Say = Callable[[str], None]


def _backup_line(error: DatabaseDamaged) -> str | None:
    if error.backup is None:
        return None
    try:
        saved = datetime.fromtimestamp(error.backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        return None
    return f"  r  restore the last good backup (saved {saved}); the damaged file is kept aside"


def offer_repair(error: DatabaseDamaged, ask: Ask | None = None, say: Say = print) -> bool:
    """Ask what to do; True once a repair was made (open again), False to quit untouched."""
    ask = ask or input
    say(f"{visible(str(error.path))} is not readable ({visible(error.reason)}).")
    say("Your writing in it is untouched. What would you like to do?")
    choices = "fq"
    backup = _backup_line(error)
    if backup:
        say(backup)
        choices = "rfq"
    say("  f  start fresh; the damaged file is kept aside under a dated name")
    say("  q  quit and leave everything as it is")
    prompt = f"Choose {', '.join(choices[:-1])} or q [q]: "
    while True:
        try:
            answer = ask(prompt).strip().lower()[:1] or "q"
        except (EOFError, KeyboardInterrupt):
            say("")
            return False
        if answer in choices:
            break
        say(f"Please type {', '.join(choices[:-1])} or q.")
    try:
        if answer == "r":
            asides = ", ".join(map(str, restore_backup(error.path)))
            say(visible(f"Restored the last good backup; the damaged file is kept as {asides}."))
            return True
        if answer == "f":
            asides = ", ".join(map(str, set_aside(error.path)))
            say(visible(f"Set the damaged file aside as {asides}; starting again."))
            return True
    except StoreError as problem:
        say(f"rebound: {visible(str(problem))}")
    return False
