"""Opening the views across entries (patterns, before your next interview, search) and the
exercise a search result points to. One place for the home keys, the palette and the screens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text

from rebound_tui.tui import screen_catalog

if TYPE_CHECKING:
    from rebound_tui.core.search import Hit
    from rebound_tui.tui.app import ReboundApp
    from rebound_tui.tui.screens.section import SectionScreen

#: Starts each search result, so each reads as one item without colour (search, palette).
RESULT_MARK = "▸ "
INDENT = "  "


def result_text(hit: Hit, query: str) -> Text:
    """One search result, the same on the search screen and in the palette: where it is
    (▸ date, entry; then section · exercise), then the matching line in quotes with the
    match underlined and reversed."""
    text = Text()
    text.append(RESULT_MARK, style="bold")
    text.append(f"{hit.date}  {hit.entry}", style="bold")
    text.append(f"\n{INDENT}{hit.section} · {hit.exercise}", style="dim")
    text.append(f"\n{INDENT}“")
    line = Text(hit.line)
    start = hit.start(query)
    if start >= 0:
        line.stylize("bold underline reverse", start, start + len(query.strip()))
    text.append_text(line)
    text.append("”")
    return text


def open_exercise(app: ReboundApp, entry_id: int, section_id: str, exercise_id: str) -> None:
    """Open an entry on a section with one exercise in view and focused (search)."""
    app.open_entry(entry_id, section_id)
    screen = app.screen
    if screen_catalog.is_section(screen):
        # applied once its exercises are there
        cast("SectionScreen", screen).focus_exercise(exercise_id)


def show_patterns(app: ReboundApp) -> None:
    app.autosave()  # what was just typed counts
    app.push_screen(screen_catalog.patterns())


def show_prep(app: ReboundApp) -> None:
    app.autosave()
    app.push_screen(screen_catalog.prep())


def show_search(app: ReboundApp, query: str = "") -> None:
    app.autosave()
    app.push_screen(screen_catalog.search(query))
