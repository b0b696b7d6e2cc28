""" "Before your next interview": lessons, questions, plans and kind words from all entries."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown

from rebound_tui.core import prep
from rebound_tui.core.patterns import read_entries

if TYPE_CHECKING:
    from rebound_tui.tui.app import ReboundApp

#: Said under the page: how to take it along.
TAKE_ALONG = (
    "\n*To take it along (a phone, a printout): `rebound prep -o prep.md` in a terminal.*\n"
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
        page = prep.gather(read_entries(self.rebound.store))
        yield Header()
        with VerticalScroll(id="prep-body"):
            yield Markdown(prep.to_markdown(page) + TAKE_ALONG, id="prep")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#prep-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
