"""Everything written for the open entry, as the export will show it (private vent included)."""

from __future__ import annotations

from dataclasses import replace

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Markdown

from rebound_tui.core import patterns
from rebound_tui.core.export import render
from rebound_tui.core.storage.store import Entry
from rebound_tui.tui.screens.entry_screen import EntryScreen, SaveWarning
from rebound_tui.tui.widgets.key_footer import KeyFooter


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
        yield KeyFooter()

    _text_shown = ""
    _later: Entry | None = None  # the entry whose note is added from a thread

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
            self._later = entry
            return self._text_shown
        return f"{self._text_shown}\n{self._note(entry)}"

    def on_mount(self) -> None:
        self.query_one("#summary-body").focus()
        if self._later is not None:
            self._beside_the_others(self._later)

    def _note(self, entry: Entry) -> str:
        """This entry (as it is now) beside all the others, as the patterns see them."""
        found = patterns.gather(
            self.rebound.store, self.rebound.workbook, fresh=entry, feedback_words=0
        )
        return patterns.entry_note(found, entry.id) if found else ""

    @work(thread=True, exclusive=True, group="summary-patterns")
    def _beside_the_others(self, entry: Entry) -> None:
        """:meth:`_note` in a thread, for many entries: the summary is shown meanwhile."""
        note = self._note(entry)
        if note:
            self.app.call_from_thread(self._add_note, note)

    def _add_note(self, note: str) -> None:
        self.query_one("#summary", Markdown).update(f"{self._text_shown}\n{note}")
