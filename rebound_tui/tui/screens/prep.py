""" "Before your next interview": lessons, questions, plans and kind words from all entries."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown

from rebound_tui.core import patterns as across
from rebound_tui.core import prep

if TYPE_CHECKING:
    from rebound_tui.core.content import Workbook
    from rebound_tui.core.storage.store import Entry
    from rebound_tui.tui.app import ReboundApp

#: Said under the page: how to take it along.
TAKE_ALONG = (
    "\n*To take it along (a phone, a printout): `rebound prep --format html -o prep.html` "
    "in a terminal.*\n"
)


class PrepScreen(Screen[None]):
    DEFAULT_CSS = """
    PrepScreen #prep-body { padding: 0 2; }
    """

    BINDINGS = [Binding("escape,q", "close", "Back"), Binding("h", "close", "Home", show=False)]

    @property
    def rebound(self) -> ReboundApp:
        return cast("ReboundApp", self.app)

    def compose(self) -> ComposeResult:
        store = self.rebound.store
        quick = len(store.entries()) <= across.READ_AT_ONCE
        waiting = "*Reading your entries…*"
        text = self._page(self.rebound.read_entries(), self.rebound.workbook) if quick else waiting
        self.reading = not quick
        yield Header()
        with VerticalScroll(id="prep-body"):
            yield Markdown(text, id="prep")
        yield Footer(compact=True)

    @staticmethod
    def _page(entries: list[Entry], workbook: Workbook) -> str:
        return prep.to_markdown(prep.gather(entries, workbook)) + TAKE_ALONG

    def on_mount(self) -> None:
        self.query_one("#prep-body").focus()
        if self.reading:
            self._read()

    @work(thread=True, exclusive=True, group="prep")
    def _read(self) -> None:
        """Many entries are read in a thread (a file each); the page says so meanwhile."""
        text = self._page(self.rebound.read_entries(), self.rebound.workbook)
        self.app.call_from_thread(self._done, text)

    def _done(self, text: str) -> None:
        self.reading = False
        self.query_one("#prep", Markdown).update(text)

    def action_close(self) -> None:
        self.dismiss(None)
