"""The pictures of the patterns screen, drawn with Rich: bars of block characters with the
number beside them, so they read the same without colour (NO_COLOR) as with it.

Bars are on a fixed scale (0-10 for intensity, the stage ladder for stages), never stretched
to the data, so a 7 looks the same size in every entry.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from rebound_tui.core.patterns import EntryPoint, Tally
from rebound_tui.core.stages import TOP_STEP

#: How strong it felt is rated 0-10.
TOP = 10
START_BAR, END_BAR, EMPTY = "█", "▒", "·"
STEP_ON, STEP_OFF = "█", "·"
_SPARKS = "▁▂▃▄▅▆▇█"


def bar(value: int | None, top: int, full: str, width: int | None = None) -> Text:
    """``value`` of ``top`` as ``width`` cells (default ``top``): filled, then dots."""
    width = width or top
    if value is None:
        return Text(EMPTY * width, style="dim")
    filled = math.floor(max(0, min(value, top)) * width / top + 0.5)  # half rounds up
    return Text.assemble((full * filled, "bold"), (EMPTY * (width - filled), "dim"))


def spark(values: Sequence[int | None], top: int, width: int) -> Text:
    """A one-line picture of many values on a fixed 0-``top`` scale; when there are more
    values than cells, each cell shows the mean of its share. A gap is a space."""
    if not values:
        return Text("")
    cells = min(width, len(values))
    out = []
    for cell in range(cells):
        share = values[cell * len(values) // cells : (cell + 1) * len(values) // cells]
        known = [v for v in share if v is not None]
        if not known:
            out.append(" ")
            continue
        mean = sum(known) / len(known)
        out.append(_SPARKS[min(len(_SPARKS) - 1, round(mean * (len(_SPARKS) - 1) / top))])
    return Text("".join(out), style="bold")


def _change(point: EntryPoint) -> Text:
    drop = point.drop
    if drop is None:
        return Text("")
    if drop > 0:
        return Text(f"↓{drop}")
    if drop < 0:
        return Text(f"↑{-drop}")
    return Text("=0")


def intensity_table(points: Sequence[EntryPoint], width: int = TOP) -> Table:
    """One row per entry, oldest at the top: date, entry, start bar, end bar, change.

    Bars are ``width`` cells for 0-10: one cell per point by default (exact), half that in
    a terminal too narrow for it (the number beside each bar stays exact)."""
    table = Table(box=None, padding=(0, 1), show_edge=False, pad_edge=False)
    table.add_column("date", no_wrap=True, style="dim", min_width=10)
    table.add_column("entry", overflow="ellipsis", max_width=44)
    table.add_column(f"start {START_BAR}", no_wrap=True, min_width=width + 3)
    table.add_column(f"end {END_BAR}", no_wrap=True, min_width=width + 3)
    table.add_column("change", no_wrap=True, justify="right", min_width=6)
    for point in points:
        table.add_row(
            Text(point.date or "—"),
            Text(point.title, no_wrap=True, overflow="ellipsis"),
            Text.assemble(bar(point.start, TOP, START_BAR, width), f" {_num(point.start)}"),
            Text.assemble(bar(point.end, TOP, END_BAR, width), f" {_num(point.end)}"),
            _change(point),
        )
    return table


def stage_table(points: Sequence[EntryPoint]) -> Table:
    """One row per entry: how far it got, as a ladder of steps and the stage's name."""
    table = Table(box=None, padding=(0, 1), show_edge=False, pad_edge=False)
    table.add_column("date", no_wrap=True, style="dim", min_width=10)
    table.add_column("entry", overflow="ellipsis", max_width=44)
    table.add_column("stage reached", no_wrap=True, min_width=26)
    for point in points:
        steps = point.step or 0
        ladder = Text.assemble((STEP_ON * steps, "bold"), (STEP_OFF * (TOP_STEP - steps), "dim"))
        ladder.append(f"  {point.stage or '—'}")
        table.add_row(
            Text(point.date or "—"), Text(point.title, no_wrap=True, overflow="ellipsis"), ladder
        )
    return table


def tally_bars(title: str, tallies: Sequence[Tally], total: int, limit: int) -> RenderableType:
    """A heading, then one bar per label, most frequent first: ``Sad  ███··· 3``."""
    heading = Text(title, style="bold")
    if not tallies:
        return Group(heading, Text("Nothing ticked yet.", style="dim"))
    table = Table(box=None, padding=(0, 1), show_edge=False, pad_edge=False, show_header=False)
    table.add_column("label", no_wrap=True, overflow="ellipsis", max_width=32)
    table.add_column("bar", no_wrap=True)
    top = max(t.count for t in tallies)
    for tally in tallies[:limit]:
        table.add_row(
            Text(tally.label),
            Text.assemble(bar(tally.count, top, START_BAR, 8), f" {tally.count}"),
        )
    parts: list[RenderableType] = [heading, table]
    if len(tallies) > limit:
        parts.append(Text(f"and {len(tallies) - limit} more", style="dim"))
    return Group(*parts)


def share_bar(done: int, total: int, width: int = 20) -> Text:
    return Text.assemble(bar(done, max(total, 1), START_BAR, width), f" {done} of {total}")


def _num(value: int | None) -> str:
    return " —" if value is None else f"{value:>2}"
