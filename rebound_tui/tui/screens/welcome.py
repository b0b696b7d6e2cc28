"""Shown once, on the first run: what Rebound is, where the data stays, how to move around.

At 80x24 all of it is in view without scrolling: the text uses the width, the title and the
list sit close to what they belong to, and the Begin button shares the bottom line with the
keys. Smaller terminals scroll the text (the scrollbar shows there is more); Begin stays put.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button

from rebound_tui.tui.widgets.key_footer import KeyFooter
from rebound_tui.tui.widgets.save_warning import SaveWarning

if TYPE_CHECKING:  # Markdown (and its parser) is imported when this screen is shown: a
    # launch of someone already welcomed needs neither (issue 13)
    from textual.widgets import Markdown

    from rebound_tui.tui.app import ReboundApp

WELCOMED = "welcomed"


class WelcomeScreen(Screen[None]):
    BINDINGS = [Binding("enter", "begin", "Begin", priority=True, show=False)]

    @property
    def rebound(self) -> ReboundApp:
        return cast("ReboundApp", self.app)

    def compose(self) -> ComposeResult:
        from textual.widgets import Markdown

        yield SaveWarning()  # a second window's read-only banner
        with VerticalScroll(id="welcome-page"):
            yield Markdown(self.rebound.workbook.welcome, id="welcome")
        # Never below the fold: the way in, on the line of the keys.
        with Horizontal(id="welcome-bar"):
            yield Button("Begin ⏎", variant="primary", id="begin", compact=True)
            yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#welcome-page").focus()

    def on_markdown_table_of_contents_updated(self, event: Markdown.TableOfContentsUpdated) -> None:
        """A line that introduces a list ("Getting around") sits right above it."""
        if event.markdown.id != "welcome":
            return
        blocks = list(event.markdown.children)
        for block, after in itertools.pairwise(blocks):
            is_list = any(cls.__name__ == "MarkdownList" for cls in type(after).__mro__)
            block.set_class(is_list, "-lead-in")

    @on(Button.Pressed, "#begin")
    def action_begin(self) -> None:
        if not self.rebound.store.read_only:
            self.rebound.store.set_setting(WELCOMED, True)
            self.rebound.save_now()
        self.dismiss(None)
