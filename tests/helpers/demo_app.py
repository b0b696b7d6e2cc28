"""The app on the fixed demo data, for the screenshot script and the snapshot tests.

Test code (it drives the app with Pilot), so it lives here rather than in the package.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from rebound_tui.core import dates
from rebound_tui.core.content import Workbook
from rebound_tui.core.demo import TODAY, fill
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import ReboundApp, make_app
from tests.helpers.ready import until_ready


def demo_app(folder: Path, workbook: Workbook, *, history: bool = False) -> tuple[ReboundApp, int]:
    """The app on fresh demo data in ``folder``, motion off and the date pinned; ``history``
    gives the older entries answers too (for the views across entries).

    Returns the app and the id of the entry with answers; the caller closes ``app.store``.
    """
    store = Store(folder / "data" / "rebound.json")
    entry_id = fill(store, workbook, history=history)
    app = make_app(store, workbook, export_dir=folder / "exports", reduced_motion=True)
    dates.set_today(lambda: TODAY)
    return app, entry_id


async def visit(pilot: Pilot[Any], entry_id: int, target: str, keys: Sequence[str] = ()) -> None:
    """Open an entry on a section (or "summary"), then press keys, letting each step settle.

    The entry opens on the first section first, as a person's would, so the section list
    and the kept screens are in the state they would be after clicking through.
    """
    app: ReboundApp = pilot.app  # type: ignore[assignment]
    app.open_entry(entry_id, "frustration")
    await until_ready(pilot)
    if target != "frustration":
        app.go_to(target)
        await until_ready(pilot)
    await pilot.press(*keys)
    await pilot.pause()
