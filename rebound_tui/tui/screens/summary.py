"""Everything written for the open entry, as the export will show it (private vent included)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Markdown

from rebound_tui.core import patterns
from rebound_tui.core.export import render
from rebound_tui.core.patterns import read_entries
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

    _text_shown = ""
    _later: tuple[int, dict[str, dict[str, Any]]] | None = None  # a note to add from a thread

    def _text(self) -> str:
        entry = self.rebound.entry
        if entry is None:
            return "No entry open."
        entry = replace(entry, answers=self.rebound.answers())
        text = render([entry], self.rebound.workbook, "md", include_private=True)
        self._text_shown = (
            text + "\n\n*Press **e** to export this summary (the private vent is left out).*\n"
        )
        if len(self.rebound.store.entries()) > patterns.READ_AT_ONCE:
            self._later = (entry.id, entry.answers)
            return self._text_shown
        return f"{self._text_shown}\n{self._note(entry.id, entry.answers)}"

    def on_mount(self) -> None:
        self.query_one("#summary-body").focus()
        if self._later is not None:
            self._beside_the_others(*self._later)

    def _note(self, entry_id: int, answers: dict[str, dict[str, Any]]) -> str:
        """This entry beside all the others (every entry's file is read)."""
        entries = [
            replace(e, answers=answers) if e.id == entry_id else e
            for e in read_entries(self.rebound.store)
        ]
        return patterns.entry_note(
            patterns.compute(entries, self.rebound.workbook, feedback_words=0), entry_id
        )

    @work(thread=True, exclusive=True, group="summary-patterns")
    def _beside_the_others(self, entry_id: int, answers: dict[str, dict[str, Any]]) -> None:
        """:meth:`_note` in a thread, for many entries: the summary is shown meanwhile."""
        note = self._note(entry_id, answers)
        if note:
            self.app.call_from_thread(self._add_note, note)

    def _add_note(self, note: str) -> None:
        self.query_one("#summary", Markdown).update(f"{self._text_shown}\n{note}")
