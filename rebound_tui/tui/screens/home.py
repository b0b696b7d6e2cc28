"""The first screen: start a new entry or reopen a past one."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from rebound_tui.core import dates
from rebound_tui.core.entry_names import entry_title
from rebound_tui.core.paths import tidy_path
from rebound_tui.core.progress import marks_progress, progress_line
from rebound_tui.core.storage.errors import StoreError
from rebound_tui.core.storage.home_page import NEWEST
from rebound_tui.tui import across, screen_catalog
from rebound_tui.tui.textual_compat import KeptScreen
from rebound_tui.tui.textual_compat.lists import SteadyOptionList
from rebound_tui.tui.widgets.key_footer import KeyFooter
from rebound_tui.tui.widgets.save_warning import SaveWarning

if TYPE_CHECKING:
    from rebound_tui.tui.app import ReboundApp
    from rebound_tui.tui.screens.new_entry import EntryFacts


class HomeScreen(KeptScreen):
    """Home: start a new entry or reopen one. Kept under the entry's screens; coming back
    restyles it only if something that styles it changed meanwhile (:class:`KeptScreen`)."""

    # The list has the focus from the first frame: focused after it (from on_mount), its
    # scroll area (the first thing that takes focus) lost it first, which restyled the whole
    # screen and drew the list again (issue 13).
    AUTO_FOCUS = "#entries"
    BINDINGS = [
        Binding("n", "new_entry", "New entry"),
        Binding("p", "patterns", "Patterns", tooltip="Patterns across all entries"),
        Binding("b", "prep", "Before", tooltip="Before your next interview"),
        Binding("slash", "search", "Search", tooltip="Search every answer"),
        Binding("enter", "open_entry", "Open", show=False),
    ]

    @property
    def rebound(self) -> ReboundApp:
        return cast("ReboundApp", self.app)

    def compose(self) -> ComposeResult:
        # The list is built here, so the first frame shows it: filled after the first
        # layout, it cost another layout and paint before anything useful was on screen.
        count, options = self._options()
        self._built = True
        yield Header()
        yield SaveWarning()  # also the one-line read-only banner of a second window
        with VerticalScroll(id="home"):
            yield Static(
                "A private workbook for the days after a “no”. Everything stays on this "
                f"computer, in {tidy_path(self.rebound.store.path)}.",
                id="tagline",
                markup=False,
            )
            yield Label(self._title(count), id="entries-title")
            yield SteadyOptionList(*options, id="entries")
        yield KeyFooter()

    #: How many entries the list shows before "Show older entries" (a list of thousands is slow
    #: to lay out and nobody scrolls it; the palette still finds any entry by name): the
    #: newest page the store keeps beside the index, so a start need not read it whole.
    PAGE = NEWEST
    _limit = PAGE
    _opened: str | None = None  # the entry opened from here, highlighted on the way back
    _built = False  # the list was built in compose and not shown yet

    def on_mount(self) -> None:
        listing = self.query_one("#entries", OptionList)
        listing.highlighted = 1 if self._has_entries else 0
        listing.focus()

    def on_screen_resume(self) -> None:
        """Sent on the first show too: the list is built once per visit."""
        if self._built:  # the first show: compose has just built it
            self._built = False
            return
        self.refresh_entries()

    _has_entries = False

    def _title(self, count: int) -> str:
        return f"Your entries ({count})" if count else "No entries yet"

    def _options(self) -> tuple[int, list[Option]]:
        """How many entries there are, and the list's lines: new entry, the newest page of
        entries, and "show older" when there are more."""
        # The index only (no answers are read), and only the entries the list shows.
        count, shown = self.rebound.store.newest(self._limit)
        self._has_entries = count > 0
        sections = self.rebound.workbook.sections
        options = [Option(Text("+ Start a new entry   (n)", style="bold"), id="new")]
        for entry in shown:
            progress = marks_progress(sections, entry.answered, entry.internal)
            line = Text()
            line.append(f"{entry.date}  ", style="dim")
            line.append(entry_title(entry))
            line.append(f"  · {entry.stage}" if entry.stage else "", style="dim")
            line.append(f"\n   {progress_line(progress)}", style="dim")
            options.append(Option(line, id=str(entry.id)))
        if count > len(shown):
            more = f"Show older entries ({count - len(shown)} more)"
            options.append(Option(Text(more, style="italic"), id="older"))
        return count, options

    def refresh_entries(self) -> None:
        count, options = self._options()
        listing = self.query_one("#entries", OptionList)
        # Coming back keeps the place: the entry just worked on, or what was highlighted.
        before = self._opened or (
            listing.highlighted_option.id if listing.highlighted_option else None
        )
        self._opened = None
        listing.clear_options()
        listing.add_options(options)
        self.query_one("#entries-title", Label).update(self._title(count))
        ids = [option.id for option in options]
        listing.highlighted = ids.index(before) if before in ids else (1 if count else 0)
        listing.focus()

    @on(OptionList.OptionSelected, "#entries")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "new":
            self.action_new_entry()
        elif event.option.id == "older":
            self._limit += self.PAGE
            highlighted = event.option_index
            self.refresh_entries()
            self.query_one("#entries", OptionList).highlighted = highlighted
        elif event.option.id:
            self._opened = event.option.id
            self.rebound.open_entry(int(event.option.id))

    def action_open_entry(self) -> None:
        listing = self.query_one("#entries", OptionList)
        if listing.highlighted is not None:
            listing.action_select()

    def action_patterns(self) -> None:
        across.show_patterns(self.rebound)

    def action_prep(self) -> None:
        across.show_prep(self.rebound)

    def action_search(self) -> None:
        across.show_search(self.rebound)

    def action_new_entry(self) -> None:
        if self.rebound.store.read_only:
            self.notify(
                "This window is read-only; new entries cannot be saved.", severity="warning"
            )
            return
        self.app.push_screen(screen_catalog.new_entry(dates.today()), self._created)

    def _created(self, facts: EntryFacts | None) -> None:
        if facts is None:
            return
        try:
            entry = self.rebound.store.create_entry(
                company=facts.company,
                role=facts.role,
                stage=facts.stage,
                date=facts.date,
                internal=facts.internal,
            )
        except StoreError as error:  # e.g. the index, read only now, was damaged meanwhile
            self.rebound.tell_store_error(error)
            return
        self.rebound.save_now()
        self._opened = str(entry.id)
        self.rebound.open_entry(entry.id)
