"""Opening the views across entries (patterns, before your next interview, search) and the
exercise a search result points to. One place for the home keys, the palette and the screens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rebound_tui.tui.app import ReboundApp


def open_exercise(app: ReboundApp, entry_id: int, section_id: str, exercise_id: str) -> None:
    """Open an entry on a section with one exercise in view and focused (search)."""
    from rebound_tui.tui.screens.section import SectionScreen

    app.open_entry(entry_id, section_id)
    screen = app.screen
    if isinstance(screen, SectionScreen):
        screen.focus_exercise(exercise_id)  # applied once its exercises are there


def show_patterns(app: ReboundApp) -> None:
    from rebound_tui.tui.screens.patterns import PatternsScreen

    app.autosave()  # what was just typed counts
    app.push_screen(PatternsScreen())


def show_prep(app: ReboundApp) -> None:
    from rebound_tui.tui.screens.prep import PrepScreen

    app.autosave()
    app.push_screen(PrepScreen())


def show_search(app: ReboundApp, query: str = "") -> None:
    from rebound_tui.tui.screens.search import SearchScreen

    app.autosave()
    app.push_screen(SearchScreen(query))


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
