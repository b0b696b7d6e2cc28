"""Repeating rows: a small table typed, reordered and trimmed with the keyboard alone.

Value: a list of rows, each a list of strings (one per column); rows left fully empty are not
stored. Older stored shapes are loaded by the core's kind (:mod:`rebound_tui.core.kinds.rows`).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from rebound_tui.tui.widgets.exercise_field import ExerciseField

MAX_CELL = 300
MAX_ROWS = 40


class Row(Horizontal):
    """One row: a number, then one compact input per column."""

    DEFAULT_CSS = """
    Row {
        height: 1;
        margin: 0 0 0 0;
    }
    Row > .number {
        width: 3;
        color: $text-muted;
    }
    Row > Input {
        width: 1fr;
        margin: 0 1 0 0;
    }
    """

    def __init__(
        self, cells: list[str], placeholders: list[str], suggest: list[str], *, blink: bool
    ) -> None:
        super().__init__()
        self.cells = cells
        self.placeholders = placeholders
        self.suggest = suggest
        self.blink = blink

    def compose(self) -> ComposeResult:
        yield Label("", classes="number")
        for column, cell in enumerate(self.cells):
            suggester = (
                SuggestFromList(self.suggest, case_sensitive=False)
                if column == 0 and self.suggest
                else None
            )
            cell_input = Input(
                cell,
                max_length=MAX_CELL,
                compact=True,
                select_on_focus=False,
                suggester=suggester,
            )
            cell_input.cursor_blink = self.blink
            yield cell_input

    @property
    def inputs(self) -> list[Input]:
        return list(self.query(Input))

    @property
    def values(self) -> list[str]:
        return [i.value for i in self.inputs]


class RowsField(ExerciseField):
    """``columns`` from the content; Enter adds a row, Ctrl+↑/↓ reorders, Ctrl+Delete removes."""

    kind = "rows"

    DEFAULT_CSS = """
    RowsField .rows-head {
        height: 1;
        text-style: bold;
    }
    RowsField .rows-head > Label {
        width: 1fr;
        margin: 0 1 0 0;
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
    def headings(self) -> list[str]:
        return list(self.exercise.columns)

    @property
    def suggestions(self) -> list[str]:
        return []

    def compose_input(self) -> ComposeResult:
        yield Horizontal(
            Label("", classes="number"),
            *[Label(h, markup=False) for h in self.headings],
            classes="rows-head",
        )
        rows = [list(cells) for cells in self.initial or []] or [[""] * len(self.headings)]
        yield Vertical(*[self._row(cells) for cells in rows], classes="rows")
        yield Static(self.keys_hint, classes="rows-keys", markup=False)
        yield self.steady(Button("+ Add a row", compact=True, classes="add-row"))

    def on_mount(self) -> None:
        self._renumber()

    def _row(self, cells: list[str]) -> Row:
        return Row(cells, self.headings, self.suggestions, blink=not self.reduced_motion)

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
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._save()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        where = self._where()
        if where is None:
            return
        index, column = where
        rows = self._rows()
        if column + 1 < len(self.headings):
            rows[index].inputs[column + 1].focus()
        else:
            self.add_row(after=index)

    @on(Button.Pressed, ".add-row")
    def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.add_row(after=len(self._rows()) - 1)

    def add_row(self, after: int) -> None:
        rows = self._rows()
        if len(rows) >= MAX_ROWS:
            self.notify(f"That's {MAX_ROWS} rows, the most this list keeps.", severity="warning")
            return
        row = self._row([""] * len(self.headings))
        container = self.query_one(".rows")
        if rows:
            container.mount(row, after=rows[after])
        else:
            container.mount(row)
        self.call_after_refresh(self._after_add, row)

    def _after_add(self, row: Row) -> None:
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
