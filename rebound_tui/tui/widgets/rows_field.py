"""Repeating rows: a small table typed, reordered and trimmed with the keyboard alone.

Value: a list of rows, each a list of strings (one per column); rows left fully empty are not
stored. Older stored shapes are loaded by the core's kind (:mod:`rebound_tui.core.kinds.rows`).
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from rebound_tui.tui.widgets.cells import StartInput, TickCell
from rebound_tui.tui.widgets.exercise_field import ExerciseField

MAX_CELL = 300
MAX_ROWS = 40
#: Narrower than this per column, a row is shown as a stacked card instead of side by side.
MIN_COLUMN = 15


class Row(Horizontal):
    """One row: a number, then one cell per column (a text box, or a tick).

    Each cell carries its column's name, shown only when the table is stacked (too narrow for
    columns side by side): then a row reads as a small card, "Name: …" one below the other.
    """

    DEFAULT_CSS = """
    Row {
        height: auto;
    }
    Row > .number {
        width: 3;
        color: $text-muted;
    }
    Row > .cells {
        height: auto;
        width: 1fr;
    }
    Row .cell {
        height: auto;
        width: 1fr;
        margin: 0 1 0 0;
    }
    Row .cell-label {
        display: none;
        color: $text-muted;
    }
    Row .cell > Input {
        width: 1fr;
    }
    """

    def __init__(
        self,
        cells: list[str],
        headings: list[str],
        ticks: tuple[str, ...],
        suggest: tuple[str, ...],
        *,
        blink: bool,
    ) -> None:
        super().__init__()
        self.cells = cells
        self.headings = headings
        self.ticks = ticks
        self.suggest = suggest
        self.blink = blink

    def compose(self) -> ComposeResult:
        yield Label("", classes="number")
        with Horizontal(classes="cells"):
            for column, (heading, cell) in enumerate(zip(self.headings, self.cells, strict=True)):
                with Horizontal(classes="cell"):
                    yield Label(heading, classes="cell-label", markup=False)
                    if heading in self.ticks:
                        yield TickCell(cell)
                        continue
                    first = column == 0 and bool(self.suggest)
                    cell_input = StartInput(
                        cell,
                        max_length=MAX_CELL,
                        compact=True,
                        select_on_focus=False,
                        suggester=(
                            SuggestFromList(self.suggest, case_sensitive=False) if first else None
                        ),
                        choices=self.suggest if first else (),
                    )
                    cell_input.cursor_blink = self.blink
                    yield cell_input

    @property
    def inputs(self) -> list[StartInput | TickCell]:
        """The cell of each column, in order."""
        return [w for w in self.query(".cell > *") if isinstance(w, StartInput | TickCell)]

    @property
    def values(self) -> list[str]:
        return [i.value for i in self.inputs]


class RowsField(ExerciseField):
    """``columns`` from the content; Enter adds a row, Ctrl+↑/↓ reorders, Ctrl+Delete removes."""

    kind = "rows"

    DEFAULT_CSS = """
    RowsField .rows-head {
        height: auto;
        text-style: bold;
    }
    RowsField .rows-head > Label {
        width: 1fr;
        margin: 0 1 0 0;
    }
    RowsField.-stacked .rows-head {
        display: none;
    }
    RowsField.-stacked Row > .cells {
        layout: vertical;
    }
    RowsField.-stacked Row .cell {
        layout: vertical;
    }
    RowsField.-stacked Row .cell-label {
        display: block;
        width: 1fr;
    }
    RowsField.-stacked Row {
        margin: 0 0 1 0;
    }
    RowsField .match-hint {
        color: $text-muted;
        width: 1fr;
        display: none;
    }
    RowsField .match-hint.-shown {
        display: block;
    }
    RowsField .rows-head > .number {
        width: 3;
    }
    RowsField .rows {
        height: auto;
    }
    RowsField .rows-keys {
        color: $text-muted;
        width: 1fr;
    }
    RowsField Button {
        margin: 0;
    }
    """

    BINDINGS = [
        Binding("ctrl+up,shift+up", "move_row(-1)", "Move row up", show=False),
        Binding("ctrl+down,shift+down", "move_row(1)", "Move row down", show=False),
        Binding("ctrl+delete,shift+delete", "delete_row", "Delete row", show=False),
        Binding("up", "step_row(-1)", "Row above", show=False),
        Binding("down", "step_row(1)", "Row below", show=False),
    ]

    #: Words for the keys line; if_then shows its own.
    keys_hint = "Enter: new row  Ctrl+↑↓: move  Ctrl+Del: delete"

    @property
    def keys_line(self) -> str:
        tick = "  Space: tick" if self.exercise.ticks else ""
        return self.keys_hint + tick

    @property
    def headings(self) -> list[str]:
        return list(self.exercise.columns)

    @property
    def suggestions(self) -> tuple[str, ...]:
        return ()

    def compose_input(self) -> ComposeResult:
        yield Horizontal(
            Label("", classes="number"),
            *[Label(h, markup=False) for h in self.headings],
            classes="rows-head",
        )
        rows = [list(cells) for cells in self.initial or []] or [[""] * len(self.headings)]
        yield Vertical(*[self._row(cells) for cells in rows], classes="rows")
        yield Static("", classes="match-hint", markup=False)
        yield Static(self.keys_line, classes="rows-keys", markup=False)
        yield self.steady(Button("+ Add a row", compact=True, classes="add-row"))

    def on_mount(self) -> None:
        self._renumber()

    def on_resize(self, event: events.Resize) -> None:
        room = event.size.width - 5  # the border, the padding and the row number
        narrow = self.app.has_class("-narrow")  # below ~80 columns: one row as a card
        self.set_class(narrow or room < MIN_COLUMN * len(self.headings), "-stacked")

    def _row(self, cells: list[str]) -> Row:
        return Row(
            cells,
            self.headings,
            self.exercise.ticks,
            self.suggestions,
            blink=not self.reduced_motion,
        )

    def _rows(self) -> list[Row]:
        return list(self.query_one(".rows").query_children(Row))

    def _renumber(self) -> None:
        for number, row in enumerate(self._rows(), 1):
            row.query_one(".number", Label).update(f"{number}.")

    def value(self) -> list[list[str]]:
        return [row.values for row in self._rows() if any(v.strip() for v in row.values)]

    def _save(self) -> None:
        self.answer(self.value())

    def _where(self) -> tuple[int, int] | None:
        """(row, column) of the focused cell, if a cell of this field has focus."""
        focused = self.screen.focused
        for index, row in enumerate(self._rows()):
            inputs = row.inputs
            if focused in inputs:
                return index, inputs.index(focused)
        return None

    @on(Input.Changed)
    @on(TickCell.Changed)
    def _changed(self, event: Input.Changed | TickCell.Changed) -> None:
        event.stop()
        self._show_match()
        self._save()

    def _show_match(self) -> None:
        """Under the table, the suggestion → would take, when it is not the grey completion."""
        focused = self.screen.focused
        match = focused.word_match() if isinstance(focused, StartInput) else None
        hint = self.query_one(".match-hint", Static)
        hint.update(f"→ takes “{match}”" if match else "")
        hint.set_class(bool(match), "-shown")

    def on_descendant_focus(self) -> None:
        self._show_match()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self._show_match)

    @on(Input.Submitted)
    @on(TickCell.Submitted)
    async def _submitted(self, event: Input.Submitted | TickCell.Submitted) -> None:
        event.stop()
        where = self._where()
        if where is None:
            return
        index, column = where
        rows = self._rows()
        if column + 1 < len(self.headings):
            rows[index].inputs[column + 1].focus()
        else:
            await self.add_row(after=index)

    @on(Button.Pressed, ".add-row")
    async def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.add_row(after=len(self._rows()) - 1)

    async def add_row(self, after: int) -> None:
        rows = self._rows()
        if len(rows) >= MAX_ROWS:
            self.notify(f"That's {MAX_ROWS} rows, the most this list keeps.", severity="warning")
            return
        row = self._row([""] * len(self.headings))
        container = self.query_one(".rows")
        if rows:
            await container.mount(row, after=rows[after])
        else:
            await container.mount(row)
        self._renumber()
        row.inputs[0].focus()
        row.scroll_visible()

    def action_move_row(self, delta: int) -> None:
        where = self._where()
        if where is None:
            return
        index, column = where
        rows = self._rows()
        target = index + delta
        if not 0 <= target < len(rows):
            return
        first, second = rows[index].values, rows[target].values
        with self.prevent(Input.Changed):
            for cell, text in zip(rows[index].inputs, second, strict=True):
                cell.value = text
            for cell, text in zip(rows[target].inputs, first, strict=True):
                cell.value = text
        rows[target].inputs[column].focus()
        self._save()

    async def action_delete_row(self) -> None:
        where = self._where()
        if where is None:
            return
        index, column = where
        rows = self._rows()
        if len(rows) == 1:
            with self.prevent(Input.Changed):
                for cell in rows[0].inputs:
                    cell.value = ""
        else:
            await rows[index].remove()
            rows = self._rows()
            rows[min(index, len(rows) - 1)].inputs[column].focus()
            self._renumber()
        self._save()

    def action_step_row(self, delta: int) -> None:
        where = self._where()
        if where is None:
            return
        index, column = where
        rows = self._rows()
        if 0 <= index + delta < len(rows):
            rows[index + delta].inputs[column].focus()
