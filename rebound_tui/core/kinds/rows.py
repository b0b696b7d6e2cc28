"""Tables typed row by row: ``rows`` (the content's ``columns``) and ``if_then`` plans.

Value: a list of rows, each a list of one string per column; rows with nothing in them are
not kept. Older shapes: a plain string is one row per line, in the first column for
``rows``; for ``if_then`` each line is a *plan* with no urge (that is what the older
free-text coping plan held). A row given as a single string is that string in the first
column. Cells that are not text (objects, lists) are not shown.
"""

from __future__ import annotations

from typing import Any

from rebound_tui.core.content import Exercise
from rebound_tui.core.kinds.base import Context, Kind, Loaded, as_text, md_line, shorten
from rebound_tui.core.text import visible
from rebound_tui.core.ticks import TICKED, tick_word

Table = list[list[str]]


def load_rows(raw: Any, width: int, *, lines_column: int = 0) -> Loaded[Table]:
    """Rows of exactly ``width`` cells; a string gives one row per line in ``lines_column``."""
    if raw is None:
        return Loaded([])
    if isinstance(raw, str):
        rows = []
        for line in raw.splitlines():
            if line.strip():
                cells = [""] * width
                cells[lines_column] = line.strip()
                rows.append(cells)
        return Loaded(rows)
    if not isinstance(raw, list):
        return Loaded([], odd=True)
    odd = False
    rows = []
    for row in raw:
        items = row if isinstance(row, list) else [row]
        cells = []
        for item in items:
            text = as_text(item) if item is not None else ""
            odd = odd or text is None
            cells.append(text or "")
        odd = odd or any(c.strip() for c in cells[width:])
        cells = (cells + [""] * width)[:width]
        if any(c.strip() for c in cells):
            rows.append(cells)
    return Loaded(rows, odd=odd)


def _cell(exercise: Exercise, column: str, cell: str) -> str:
    """A cell as the export reads it: a tick column says "yes" or "not yet", keeping any
    words typed there before the column became a tick ("yes (half)")."""
    if column not in exercise.ticks:
        return md_line(cell)
    word = tick_word(cell)
    kept = cell.strip()
    return f"{word} ({md_line(kept)})" if kept and kept != TICKED and word == "yes" else word


class Rows(Kind[Table]):
    name = "rows"

    def load(self, exercise: Exercise, raw: Any, context: Context) -> Loaded[Table]:
        return load_rows(raw, len(exercise.columns))

    def is_answered(self, exercise: Exercise, value: Table) -> bool:
        return bool(value)

    def markdown(self, exercise: Exercise, value: Table, context: Context) -> str:
        first, *others = exercise.columns
        lines = []
        for number, cells in enumerate(value, 1):
            lines.append(f"{number}. **{visible(first)}:** {md_line(cells[0])}")
            lines += [
                f"   - {visible(name)}: {_cell(exercise, name, cell)}"
                for name, cell in zip(others, cells[1:], strict=True)
            ]
        return "\n".join(lines)

    def lines(self, exercise: Exercise, value: Table, context: Context) -> list[str]:
        """A row is one line, its cells joined with " · " (a tick is not words typed)."""
        found = []
        for cells in value:
            words = [
                " ".join(cell.split())
                for column, cell in zip(exercise.columns, cells, strict=False)
                if cell.strip() and not (column in exercise.ticks and cell.strip() == TICKED)
            ]
            if words:
                found.append(" · ".join(words))
        return found

    def summary(self, exercise: Exercise, value: Table, context: Context) -> str:
        count = f"{len(value)} row{'s' if len(value) != 1 else ''}"
        return shorten(f"{count}: " + "; ".join(" · ".join(filter(None, r)) for r in value))


class IfThen(Rows):
    """Pairs of ``[urge, plan]``: "If I feel the urge to …, then I will …"."""

    name = "if_then"

    def load(self, exercise: Exercise, raw: Any, context: Context) -> Loaded[Table]:
        return load_rows(raw, 2, lines_column=1)

    def markdown(self, exercise: Exercise, value: Table, context: Context) -> str:
        if_words, then_words = exercise.columns
        lines = []
        for urge, plan in value:
            if urge.strip():
                lines.append(
                    f"- {visible(if_words)} **{md_line(urge)}**, {visible(then_words)} "
                    f"{md_line(plan)}"
                )
            else:
                lines.append(
                    f"- {visible(then_words[:1].upper() + then_words[1:])} {md_line(plan)}"
                )
        return "\n".join(lines)

    def summary(self, exercise: Exercise, value: Table, context: Context) -> str:
        return shorten("; ".join(f"{u or '…'} → {p or '…'}" for u, p in value))
