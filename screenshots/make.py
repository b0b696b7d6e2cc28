"""Regenerate screenshots/*.svg from fixed demo data: ``python screenshots/make.py``.

Every picture comes from the real app driven by Pilot, at 80x24 (the size people start with)
unless named otherwise, with the date pinned and motion off, so running it twice gives the
same files.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The demo app's Pilot helpers are test code (tests/helpers), not part of the package.
sys.path.insert(0, str(HERE.parent))

from rebound_tui.core.content import load_workbook  # noqa: E402
from tests.helpers import demo_app  # noqa: E402

SIZE = (80, 24)

#: name -> (theme, size, what to show, keys to press there)
SHOTS: dict[str, tuple[str, tuple[int, int], str, Sequence[str]]] = {
    "welcome": ("textual-dark", SIZE, "welcome", ()),
    "home": ("textual-dark", SIZE, "home", ()),
    "home-light": ("textual-light", SIZE, "home", ()),
    "section": ("textual-dark", SIZE, "frustration", ("tab", "tab")),
    "section-frustration": ("textual-dark", SIZE, "frustration", ()),
    "section-bridges": ("textual-dark", SIZE, "bridges", ()),
    "section-learning": ("textual-dark", SIZE, "learning", ()),
    "section-facts": ("textual-dark", SIZE, "facts", ()),
    "section-looking-ahead": ("textual-dark", SIZE, "looking-ahead", ()),
    "section-light": ("textual-light", SIZE, "facts", ()),
    "section-wide": ("textual-dark", (160, 48), "frustration", ()),
    "summary": ("textual-dark", SIZE, "summary", ()),
    "help": ("textual-dark", SIZE, "frustration", ("f1",)),
    # "across": home on the demo data with its history (answers in all three entries)
    "patterns": ("textual-dark", SIZE, "across", ("p",)),
    "patterns-wide": ("textual-dark", (160, 48), "across", ("p",)),
    "prep": ("textual-dark", SIZE, "across", ("b",)),
    "prep-wide": ("textual-dark", (160, 48), "across", ("b",)),
}


async def shoot(name: str, folder: Path) -> Path:
    theme, size, target, keys = SHOTS[name]
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["HOME"] = scratch  # the data path then reads ~/data/rebound.json
        history = target == "across"
        app, entry_id = demo_app.demo_app(Path(scratch), load_workbook(), history=history)
        if target == "welcome":
            app.store.set_setting("welcomed", None)
        app.store.set_setting("theme", theme)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            if target in ("welcome", "home", "across"):
                await pilot.press(*keys)
            else:
                await demo_app.visit(pilot, entry_id, target, keys)
            svg = app.export_screenshot(title="Rebound")
        app.store.close()
    path = folder / f"{name}.svg"
    path.write_text(svg, encoding="utf-8")
    return path


async def main(names: Sequence[str]) -> None:
    for name in names or SHOTS:
        print(await shoot(name, HERE))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
