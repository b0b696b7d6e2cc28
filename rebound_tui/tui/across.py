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

#: Starts each search result in the palette, so each reads as one item without colour.
RESULT_MARK = "▸ "


def result_where(hit: Hit) -> Text:
    """Where a search result is: date and entry (bold), then section · exercise (dim). The
    same on the search screen (its first line) and in the palette."""
    where = Text(f"{hit.date}  {hit.entry}", style="bold")
    where.append(f" · {hit.section} · {hit.exercise}", style="dim")
    return where


def result_text(hit: Hit, query: str) -> Text:
    """One search result in the palette: ▸ where it is, then the matching line in quotes,
    the match underlined and reversed (the palette wraps what does not fit)."""
    text = Text(RESULT_MARK, style="bold")
    text.append_text(result_where(hit))
    text.append("\n  “")
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


def tell_left_out(app: ReboundApp, left_out: list[str]) -> None:
    """Say that entries whose files cannot be read are left out of a view across entries (a
    count never drops one silently). Safe from a worker thread."""
    if not left_out:
        return
    one = len(left_out) == 1
    app.notify(
        f"{len(left_out)} {'entry is' if one else 'entries are'} left out here: "
        f"{'its file' if one else 'their files'} cannot be read. Open "
        f"{'it' if one else 'them'} from home to see why.",
        severity="warning",
        timeout=15,
        markup=False,
    )
