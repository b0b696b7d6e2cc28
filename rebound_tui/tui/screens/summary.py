"""Everything written for the open entry, as the export will show it (private vent included)."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Markdown

from rebound_tui.core.export import render
from rebound_tui.tui.screens.entry_screen import EntryScreen, SaveWarning


class SummaryScreen(EntryScreen):
    current = "summary"
    shows_private = True  # the summary shows the vent, which ctrl+l erases

    def compose(self) -> ComposeResult:
        yield Header()
        yield SaveWarning()
        yield self.make_bar()
        with Horizontal(id="main"):
            yield self.make_nav()
            with VerticalScroll(id="summary-body", classes="page-body"):
                yield Markdown(self._text(), id="summary")
        yield Footer(compact=True)

    def _text(self) -> str:
        entry = self.rebound.entry
        if entry is None:
            return "No entry open."
        entry = replace(entry, answers=self.rebound.answers())
        text = render([entry], self.rebound.workbook, "md", include_private=True)
        return text + "\n\n*Press **e** to export this summary (the private vent is left out).*"

    def on_mount(self) -> None:
        self.query_one("#summary-body").focus()
