"""Search every answer of every entry (`/` on home); Enter opens the exercise, focused."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Label

from rebound_tui.core import patterns as across
from rebound_tui.core.search import Hit, SearchIndex
from rebound_tui.tui import across as views
from rebound_tui.tui.widgets.key_footer import KeyFooter
from rebound_tui.tui.widgets.result_list import GUTTER, ResultList

if TYPE_CHECKING:
    from rebound_tui.tui.app import ReboundApp

#: Results listed per keystroke (a longer list is slower to lay out and nobody reads it).
SHOWN = 25


def result_lines(hit: Hit, query: str, width: int) -> tuple[Text, Text]:
    """Where (entry · section · exercise), then the line with the match underlined; when the
    match would be past ``width``, the line starts a little before it ("…")."""
    where = views.result_where(hit)  # the same as the palette's
    line, start = hit.line, hit.start(query)
    if start + len(query.strip()) > width - 2:
        cut = max(1, start - width // 3)
        line, start = "…" + line[cut:], start - cut + 1
    found = Text("  " + line)
    if start >= 0:
        found.stylize("bold underline reverse", start + 2, start + 2 + len(query.strip()))
    return where, found


class SearchScreen(Screen[None]):
    DEFAULT_CSS = """
    SearchScreen #search-pane { padding: 0 1; }
    SearchScreen #search-results { height: 1fr; }
    SearchScreen #search-count { color: $text-muted; width: 1fr; }
    """

    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("down", "to_results", "Results", show=False),  # the list's own ↓ comes first
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self.hits: list[Hit] = []

    @property
    def rebound(self) -> ReboundApp:
        return cast("ReboundApp", self.app)

    index: SearchIndex | None = None  # None while the entries are being read
    _said = ""  # what the line above the results says now

    def compose(self) -> ComposeResult:
        store = self.rebound.store
        if len(store.entries()) <= across.READ_AT_ONCE:
            self.index = SearchIndex(self.rebound.read_entries(), self.rebound.workbook)
        yield Header()
        with Vertical(id="search-pane"):
            yield Input(
                self.initial,
                placeholder="Search every answer of every entry",
                id="search-input",
                select_on_focus=False,  # back from the results (↑), typing goes on
            )
            yield Label("", id="search-count", markup=False)
            yield ResultList(id="search-results")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = "Search"
        self._show(self.initial)
        self.query_one("#search-input", Input).focus()
        if self.index is None:
            self._read()

    @work(thread=True, exclusive=True, group="search-index")
    def _read(self) -> None:
        """Many entries are read in a thread (a file each); typing goes on meanwhile."""
        index = SearchIndex(self.rebound.read_entries(), self.rebound.workbook)
        self.app.call_from_thread(self._ready, index)

    def _ready(self, index: SearchIndex) -> None:
        self.index = index
        self._show(self.query_one("#search-input", Input).value)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, query: str) -> None:
        if self.index is None:
            self._said = "Reading your entries…"
            self.query_one("#search-count", Label).update(self._said)
            return
        self.hits = self.index.search(query, limit=SHOWN + 1)
        results = self.query_one("#search-results", ResultList)
        width = results.scrollable_content_region.width - len(GUTTER)
        results.set_results([result_lines(hit, query, width) for hit in self.hits[:SHOWN]])
        if not query.strip():
            lines = f"{len(self.index)} line{'s' if len(self.index) != 1 else ''}"
            said = f"Type to search {lines} of answers. Enter opens one."
            unshown = len(self.index.left_out)
            if unshown:  # kept in their files, never searched: say so
                said += f" {unshown} answer{'s' if unshown > 1 else ''} not shown."
        elif not self.hits:
            said = f"Nothing found for “{query.strip()}”."
        else:
            more = f"the first {SHOWN}" if len(self.hits) > SHOWN else str(len(self.hits))
            said = f"{more} found · ↓ to the results, Enter opens the exercise"
        if said != self._said:  # the same words need no new layout of the screen
            self._said = said
            self.query_one("#search-count", Label).update(said)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        results = self.query_one("#search-results", ResultList)
        if results.highlighted is not None and self.hits:
            self._open(self.hits[results.highlighted])

    @on(ResultList.Selected, "#search-results")
    def _selected(self, event: ResultList.Selected) -> None:
        self._open(self.hits[event.index])

    @on(ResultList.LeftAtTop, "#search-results")
    def _back_to_the_box(self) -> None:
        self.query_one("#search-input", Input).focus()

    def action_to_results(self) -> None:
        if self.hits:
            self.query_one("#search-results", ResultList).focus()

    def _open(self, hit: Hit) -> None:
        views.open_exercise(self.rebound, hit.entry_id, hit.section_id, hit.exercise_id)

    def action_close(self) -> None:
        self.dismiss(None)
