"""Patterns across all entries: pictures first, words second (figures from core/patterns.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from rebound_tui.core import patterns as figures
from rebound_tui.core.patterns import Patterns
from rebound_tui.tui.across import tell_left_out
from rebound_tui.tui.widgets import pattern_charts as charts
from rebound_tui.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from rebound_tui.tui.app import ReboundApp

#: Entries drawn one per row (the newest); the one-line pictures above them show them all.
ROWS_NARROW, ROWS_WIDE = 6, 16
TALLY_ROWS = 6
#: Entries linked under each recurring feedback word, newest first (a list of every entry for
#: every word was tens of thousands of options at 10,000 entries, minutes to lay out).
LINKS_PER_WORD = 10
#: Up to this many entries, the figures are gathered as the screen opens when the patterns
#: cache holds nearly all of them (~0.1 s at 1,000); more, or more files to read, in a thread.
CACHED_AT_ONCE = 2000


class PatternsScreen(Screen[None]):
    """Across all entries: intensity, stages, what was ticked, feedback words, progress."""

    SCOPED_CSS = False  # the wide layout is chosen by a class on the app (see app._fit)
    DEFAULT_CSS = """
    PatternsScreen #patterns-body { padding: 0 2; }
    PatternsScreen #patterns-title { text-style: bold reverse; padding: 0 1; margin: 1 0 0 0; }
    PatternsScreen .pattern-heading { text-style: bold; margin: 1 0 0 0; width: 1fr; }
    PatternsScreen .pattern-words { color: $text-muted; width: 1fr; }
    PatternsScreen #tallies { grid-size: 1; grid-gutter: 1 2; height: auto; margin: 1 0 0 0; }
    PatternsScreen #tallies Static { height: auto; }
    PatternsScreen #feedback-links { height: auto; max-height: 12; }
    .-wide PatternsScreen #tallies { grid-size: 3; }
    """

    BINDINGS = [Binding("escape,q", "close", "Back"), Binding("h", "close", "Home", show=False)]

    @property
    def rebound(self) -> ReboundApp:
        return cast("ReboundApp", self.app)

    found: Patterns | None = None  # set once every entry has been read

    @property
    def ready(self) -> bool:
        """Every figure is drawn (tests wait for this: tests/helpers/ready.py)."""
        return self.found is not None

    def compose(self) -> ComposeResult:
        store = self.rebound.store
        entries = len(store.entries())
        if entries <= figures.READ_AT_ONCE:
            self.found = self._gathered()
        elif entries <= CACHED_AT_ONCE:  # quick when few entries' files need reading
            self.found = self._gathered(most_reads=figures.READ_AT_ONCE)
        yield Header()
        with VerticalScroll(id="patterns-body"):
            if self.found is None:
                yield Label("Patterns across your entries", id="patterns-title")
                yield Static("Reading your entries…", id="patterns-wait", classes="pattern-words")
            else:
                yield Label(self._title(self.found), id="patterns-title")
                yield from self._parts(self.found)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#patterns-body").focus()
        if self.found is None:  # after the first paint: reading the cache holds the GIL
            self.call_after_refresh(self._gather)

    @staticmethod
    def _title(found: Patterns) -> str:
        return f"Patterns across your entries ({found.total})"

    def _gathered(self, most_reads: int | None = None) -> Patterns | None:
        """Every entry's figures: from the patterns cache, or its file where that changed
        (None when more than ``most_reads`` files would have to be read)."""
        left_out: list[str] = []
        store, workbook = self.rebound.store, self.rebound.workbook
        found = figures.gather(store, workbook, left_out=left_out, most_reads=most_reads)
        tell_left_out(self.rebound, left_out)
        return found

    @work(thread=True, exclusive=True, group="patterns")
    def _gather(self) -> None:
        """Off the event loop (entries not in the cache are read from their files), so keys
        still work."""
        found = self._gathered()
        assert found is not None  # no limit on the files read
        self.app.call_from_thread(self._show, found)

    def _show(self, found: Patterns) -> None:
        self.found = found
        self.query_one("#patterns-title", Label).update(self._title(found))
        self.query_one("#patterns-wait").remove()
        self.query_one("#patterns-body").mount_all(list(self._parts(found)))

    def _parts(self, found: Patterns) -> ComposeResult:
        wide = self.app.has_class("-wide")
        kind = figures.kind_word(found)
        if kind:
            yield Static(kind, id="patterns-kind", markup=False)
        if not found.total:
            return
        yield from self._intensity(found, wide)
        yield from self._stages(found, wide)
        yield Grid(
            Static(charts.tally_bars("Feelings ticked", found.feelings, found.total, TALLY_ROWS)),
            Static(
                charts.tally_bars("Thinking traps spotted", found.traps, found.total, TALLY_ROWS)
            ),
            Static(charts.tally_bars("Not in my hands", found.outside, found.total, TALLY_ROWS)),
            id="tallies",
        )
        yield from self._feedback(found)
        yield from self._progress(found)

    def _intensity(self, found: Patterns, wide: bool) -> ComposeResult:
        yield Label("How strong it felt: start → end", classes="pattern-heading")
        rows = found.points[-(ROWS_WIDE if wide else ROWS_NARROW) :]
        if len(rows) < found.total:
            yield from self._overview(found)
        yield Static(
            charts.intensity_table(rows, charts.TOP if self.app.size.width >= 80 else 5),
            id="intensity",
        )
        yield Static(figures.drop_sentence(found), classes="pattern-words", markup=False)

    def _overview(self, found: Patterns) -> ComposeResult:
        points = found.points
        line = Text()
        width = 50
        line.append("start ", style="dim")
        line.append_text(charts.spark([p.start for p in points], charts.TOP, width))
        line.append("\nend   ", style="dim")
        line.append_text(charts.spark([p.end for p in points], charts.TOP, width))
        first, last = points[0].date or "—", points[-1].date or "—"
        line.append(
            f"\n      {first} … {last}, all {len(points)} entries; newest below", style="dim"
        )
        yield Static(line, id="intensity-overview")

    def _stages(self, found: Patterns, wide: bool) -> ComposeResult:
        yield Label("How far each application got", classes="pattern-heading")
        rows = found.points[-(ROWS_WIDE if wide else ROWS_NARROW) :]
        yield Static(charts.stage_table(rows), id="stages")
        yield Static(figures.stage_sentence(found), classes="pattern-words", markup=False)

    def _feedback(self, found: Patterns) -> ComposeResult:
        yield Label("Feedback: words that come back", classes="pattern-heading")
        if not found.feedback:
            yield Static(
                "Words that come up in the feedback of more than one entry will show here.",
                classes="pattern-words",
            )
            return
        options: list[Option | None] = []
        for group in found.feedback:
            times = "once" if group.times == 1 else f"{group.times} times"
            heading = Text.assemble((f"“{group.word}”", "bold"), f" — {times}, in ")
            heading.append(f"{len(group.entries)} entr{'y' if len(group.entries) == 1 else 'ies'}")
            options.append(Option(heading, disabled=True))
            for entry_id in group.entries[:LINKS_PER_WORD]:  # newest first
                point = found.point(entry_id)
                date = point.date if point else ""
                label = Text(f"   → {date}  {found.title_of(entry_id)}")
                options.append(Option(label, id=f"{group.word}:{entry_id}"))
            older = len(group.entries) - LINKS_PER_WORD
            if older > 0:
                more = f"   … and {older} older entr{'y' if older == 1 else 'ies'}"
                options.append(Option(Text(more, style="dim"), disabled=True))
        yield OptionList(*options, id="feedback-links")
        yield Static("Enter on an entry opens its feedback.", classes="pattern-words", markup=False)

    def _progress(self, found: Patterns) -> ComposeResult:
        yield Label("Progress", classes="pattern-heading")
        yield Static(charts.share_bar(found.finished, found.total), id="progress-bar")
        yield Static(figures.progress_sentence(found), classes="pattern-words", markup=False)

    @on(OptionList.OptionSelected, "#feedback-links")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            entry_id = int(event.option.id.rsplit(":", 1)[1])
            self.rebound.open_entry(entry_id, "learning")

    def action_close(self) -> None:
        self.dismiss(None)
