"""Patterns across all entries: the figures behind the patterns screen. No Textual import.

Everything is computed from the stored entries in one pass, so the screen, the summary and
the tests share one set of numbers. "Typical" always means the median.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from statistics import median
from typing import TYPE_CHECKING

from rebound_tui.core.content import Workbook
from rebound_tui.core.entry_figures import EntryFigures, figures_of
from rebound_tui.core.entry_figures import words as words  # the rule feedback is counted by
from rebound_tui.core.entry_names import entry_title
from rebound_tui.core.progress import Progress, marks_progress
from rebound_tui.core.stages import stage_step
from rebound_tui.core.storage.entry_file import Entry
from rebound_tui.core.storage.index import EntrySummary, Marks

if TYPE_CHECKING:
    from rebound_tui.core.storage.store import Store

#: Up to this many entries are read at once when a view opens; more are read in a thread
#: while the view says it is reading (each entry is a file of its own).
READ_AT_ONCE = 50

#: How many recurring feedback words the patterns keep.
FEEDBACK_WORDS = 12


@dataclass(frozen=True)
class EntryPoint:
    """One entry on the patterns screen."""

    id: int
    title: str
    date: str  # the rejection date, yyyy-mm-dd ("" when not given)
    stage: str
    step: int | None  # how far the stage is (see stages.stage_step)
    start: int | None  # intensity at the start of the entry, 0-10
    end: int | None  # the latest intensity rating in the entry
    finished: bool  # every section done
    days_to_done: int | None  # rejection date to the last change of a finished entry

    @property
    def drop(self) -> int | None:
        return self.start - self.end if self.start is not None and self.end is not None else None


@dataclass(frozen=True)
class Tally:
    """How many entries ticked ``label``, and which (newest first)."""

    label: str
    count: int
    entry_ids: tuple[int, ...]


@dataclass(frozen=True)
class WordGroup:
    """A word that recurs in the feedback: in how many entries, how often, and which."""

    word: str
    entries: tuple[int, ...]  # newest first
    times: int


@dataclass
class Patterns:
    points: list[EntryPoint]  # oldest first, by rejection date
    feelings: list[Tally] = field(default_factory=list)
    traps: list[Tally] = field(default_factory=list)
    outside: list[Tally] = field(default_factory=list)
    feedback: list[WordGroup] = field(default_factory=list)
    _by_id: dict[int, EntryPoint] | None = field(default=None, repr=False, compare=False)

    @property
    def total(self) -> int:
        return len(self.points)

    @property
    def finished(self) -> int:
        return sum(p.finished for p in self.points)

    @property
    def drops(self) -> list[int]:
        return [d for p in self.points if (d := p.drop) is not None]

    @property
    def typical_drop(self) -> float | None:
        drops = self.drops
        return median(drops) if drops else None

    @property
    def typical_days(self) -> float | None:
        days = [p.days_to_done for p in self.points if p.days_to_done is not None]
        return median(days) if days else None

    @property
    def stage_trend(self) -> int | None:
        """+1 when the newer half of the entries got further than the older half, -1 when
        less far, 0 when about the same; None with fewer than two staged entries."""
        steps = [p.step for p in self.points if p.step is not None]
        if len(steps) < 2:
            return None
        half = len(steps) // 2
        older, newer = median(steps[:half]), median(steps[-half:])
        return (newer > older) - (newer < older)

    def point(self, entry_id: int) -> EntryPoint | None:
        if self._by_id is None or len(self._by_id) != len(self.points):
            # A lookup per link to an entry: a scan each time was quadratic in entries
            # (minutes at 10,000; issue 14).
            self._by_id = {p.id: p for p in self.points}
        return self._by_id.get(entry_id)

    def title_of(self, entry_id: int) -> str:
        found = self.point(entry_id)
        return found.title if found else f"Entry {entry_id}"


def read_entries(store: Store, left_out: list[str] | None = None) -> list[Entry]:
    """Every entry with its answers, newest first, through the Store API (one file each).

    An entry whose file cannot be read is left out here (opening it names the problem); the
    reason, one line naming its file, is added to ``left_out`` when one is given."""
    from rebound_tui.core.storage.store import StoreError

    found = []
    for summary in store.entries():
        try:
            found.append(store.get(summary.id))
        except StoreError as error:
            if left_out is not None:
                left_out.append(str(error))
    return found


def _day(stamp: str) -> date | None:
    try:
        return datetime.fromisoformat(stamp).date() if "T" in stamp else date.fromisoformat(stamp)
    except ValueError:
        return None


#: An entry's facts and progress marks: a whole entry, or the index's summary of one.
Facts = Entry | EntrySummary


def _point(entry: Facts, figures: EntryFigures, finished: bool) -> EntryPoint:
    days = None
    rejected, done = _day(entry.date), _day(figures.updated)
    if finished and rejected is not None and done is not None:
        days = max(0, (done - rejected).days)
    return EntryPoint(
        id=entry.id,
        title=entry_title(entry),
        date=entry.date,
        stage=entry.stage.strip(),
        step=stage_step(entry.stage),
        start=figures.start,
        end=figures.end,
        finished=finished,
        days_to_done=days,
    )


def _finished(entry: Facts, workbook: Workbook, seen: dict[tuple[str, bool], bool]) -> bool:
    """Every section done, by the progress marks (the same marks are judged once: with
    thousands of entries most finished ones share them)."""
    if isinstance(entry, EntrySummary):
        key = (entry.marks, entry.internal)
        known = seen.get(key)
        if known is None:
            known = seen[key] = _all_done(workbook, entry.answered, entry.internal)
        return known
    return _all_done(workbook, entry.answered, entry.internal)


def _all_done(workbook: Workbook, answered: Marks, internal: bool) -> bool:
    states = marks_progress(workbook.sections, answered, internal)
    return bool(states) and all(s is Progress.DONE for s in states)


def _tallies(found: Iterable[tuple[int, Sequence[str]]]) -> list[Tally]:
    """Most frequent first, then A-Z; each entry counts a label once."""
    who: dict[str, list[int]] = {}
    for entry_id, items in found:
        for item in items:
            who.setdefault(item, []).append(entry_id)
    ordered = sorted(who.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold()))
    return [Tally(label, len(ids), tuple(ids)) for label, ids in ordered]


def _feedback(found: Sequence[tuple[int, Sequence[str]]], limit: int) -> list[WordGroup]:
    """Words that recur in the feedback: in more entries first, then more often, then A-Z.
    A word recurs when it is in two entries or more, or twice in one. ``found``: each
    entry's words as counted, each time it says one, newest entry first."""
    times: Counter[str] = Counter()
    spread: Counter[str] = Counter()  # in how many entries
    for _, said in found:
        times.update(said)
        spread.update(set(said))
    recurring = [w for w, n in times.items() if n >= 2]
    recurring.sort(key=lambda w: (-spread[w], -times[w], w))
    kept = recurring[:limit]
    entries: dict[str, list[int]] = {w: [] for w in kept}
    for entry_id, said in found:
        for word in entries.keys() & set(said):
            entries[word].append(entry_id)
    return [WordGroup(w, tuple(entries[w]), times[w]) for w in kept]


def compute(
    entries: Sequence[Entry], workbook: Workbook, *, feedback_words: int = FEEDBACK_WORDS
) -> Patterns:
    """The patterns across ``entries`` (any order; the answers are only read)."""
    return combine(
        [(e, figures_of(e.answers, e.updated, workbook)) for e in entries],
        workbook,
        feedback_words=feedback_words,
    )


def combine(
    found: Sequence[tuple[Facts, EntryFigures]],
    workbook: Workbook,
    *,
    feedback_words: int = FEEDBACK_WORDS,
) -> Patterns:
    """The patterns across entries, from each one's facts and figures (any order)."""
    newest_first = sorted(found, key=lambda pair: (pair[0].date or "9999", pair[0].id))[::-1]
    seen: dict[tuple[str, bool], bool] = {}
    points = [_point(e, f, _finished(e, workbook, seen)) for e, f in reversed(newest_first)]
    return Patterns(
        points=points,
        feelings=_tallies((e.id, f.feelings) for e, f in newest_first),
        traps=_tallies((e.id, f.traps) for e, f in newest_first),
        outside=_tallies((e.id, f.outside) for e, f in newest_first),
        feedback=_feedback([(e.id, f.words) for e, f in newest_first if f.words], feedback_words),
    )


def gather(
    store: Store,
    workbook: Workbook,
    *,
    left_out: list[str] | None = None,
    fresh: Entry | None = None,
    feedback_words: int = FEEDBACK_WORDS,
    most_reads: int | None = None,
) -> Patterns | None:
    """The patterns across every entry of ``store``, read through the patterns cache (one
    file instead of one per entry). ``fresh``: an entry as it is now, newer than stored
    (what was just typed). An entry that cannot be read is left out and named in
    ``left_out``. None when more than ``most_reads`` entries are not in the cache (nothing
    is read then: a view can read them in a thread instead)."""
    from rebound_tui.core.patterns_cache import collect

    found = collect(store, workbook, left_out=left_out, fresh=fresh, most_reads=most_reads)
    return None if found is None else combine(found, workbook, feedback_words=feedback_words)


def _n(value: float) -> str:
    return f"{value:g}"


def drop_sentence(patterns: Patterns) -> str:
    drops = patterns.drops
    typical = patterns.typical_drop
    if typical is None:
        return "Rate how strong it feels at the start and at the end of an entry to see the change."
    if len(drops) == 1:
        change = {1: "down by", 0: "", -1: "up by"}[(typical > 0) - (typical < 0)]
        if not change:
            return "It felt about the same at the end as at the start. That is okay."
        return f"Working through the entry took it {change} {_n(abs(typical))} points."
    times = f"{len(drops)} times"
    if typical > 0:
        return (
            f"Working through an entry took it down by {_n(typical)} points, typically ({times})."
        )
    if typical == 0:
        return (
            f"Typically it felt about the same at the end as at the start ({times}). That is okay."
        )
    return (
        f"Typically it felt {_n(-typical)} points stronger at the end ({times}). Some days are "
        "like that; F2 lists places to turn to if it stays heavy."
    )


def stage_sentence(patterns: Patterns) -> str:
    trend = patterns.stage_trend
    staged = [p for p in patterns.points if p.step is not None]
    if not staged:
        return "No stages recorded yet."
    furthest = max(staged, key=lambda p: p.step or 0)
    text = f"Furthest so far: {furthest.stage} ({furthest.title})."
    if trend is None:
        return text + " Each one counts: someone picked your application."
    words_for = {
        1: "Recent applications are getting further than earlier ones.",
        0: "Recent applications get about as far as earlier ones.",
        -1: "Recent ones ended earlier than before; stages depend a lot on the role.",
    }
    return f"{text} {words_for[trend]}"


def progress_sentence(patterns: Patterns) -> str:
    text = f"{patterns.finished} of {patterns.total} entries finished."
    days = patterns.typical_days
    if days is not None:
        text += f" From the rejection to done took {_n(days)} days, typically."
    return text


def kind_word(patterns: Patterns) -> str | None:
    """What to say when there is too little to compare."""
    if patterns.total == 0:
        return "No entries yet. Patterns appear here once you have written about a rejection."
    if patterns.total == 1:
        return (
            "This is your first entry, so there is nothing to compare yet, and that is fine. "
            "What you wrote already counts; the patterns grow with the next one, if there is one."
        )
    return None


def entry_note(patterns: Patterns, entry_id: int) -> str:
    """Markdown for one entry's summary: this entry beside all the others."""
    point = patterns.point(entry_id)
    if point is None:
        return ""
    lines = ["## Across your entries", ""]
    if patterns.total < 2:
        lines.append(kind_word(patterns) or "")
        return "\n".join(lines) + "\n"
    if point.drop is not None:
        typical = patterns.typical_drop
        lines.append(
            f"- **How strong it felt:** {point.start} → {point.end} in this entry; "
            f"a change of {_n(typical or 0)} points is typical for you."
        )
    if point.step is not None:
        further = sum(1 for p in patterns.points if p.step is not None and p.step > point.step)
        place = "the furthest you have got" if further == 0 else f"{further} got further"
        lines.append(f"- **Stage reached:** {point.stage} ({place}).")
    lines.append(f"- **Progress:** {progress_sentence(patterns)}")
    lines.append("\n*Press **p** on the home screen for the patterns across all entries.*")
    return "\n".join(lines) + "\n"
