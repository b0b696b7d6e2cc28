"""Everything written for the open entry, as the export will show it (private vent included)."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Markdown

from rebound_tui.core import patterns
from rebound_tui.core.export import render
from rebound_tui.core.patterns import read_entries
from rebound_tui.tui.screens.entry_screen import EntryScreen, SaveWarning


class SummaryScreen(EntryScreen):
    current = "summary"

    def compose(self) -> ComposeResult:
        yield Header()
        yield SaveWarning()
        with Horizontal(id="main"):
            yield self.make_nav()
            with VerticalScroll(id="summary-body"):
                yield Markdown(self._text(), id="summary")
        yield Footer(compact=True, show_command_palette=False)

    def _text(self) -> str:
        entry = self.rebound.entry
        if entry is None:
            return "No entry open."
        entry = replace(entry, answers=self.rebound.answers())
        text = render([entry], self.rebound.workbook, "md", include_private=True)
        text += "\n\n*Press **e** to export this summary (the private vent is left out).*\n\n"
        others = [e for e in read_entries(self.rebound.store) if e.id != entry.id]
        found = patterns.compute([entry, *others], self.rebound.workbook, feedback_words=0)
        return text + patterns.entry_note(found, entry.id)

    def on_mount(self) -> None:
        self.query_one("#summary-body").focus()
