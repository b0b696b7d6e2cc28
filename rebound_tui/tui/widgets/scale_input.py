"""A 0-10 (or min-max) rating picked with the digits, the arrow keys or the mouse."""

from __future__ import annotations

import time

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

#: Digits typed within this many seconds of each other make one number ("1", "0" is 10).
TYPING_PAUSE = 1.2

#: One cell of the drawn scale: (value, line, start column, label).
Cell = tuple[int, int, int, str]


class ScaleInput(Widget, can_focus=True):
    """Numbers in a row; the chosen one is in brackets *and* highlighted (not colour alone).

    Inside an exercise the digits belong to the scale (the section keys are off there): a digit
    picks that step, and two digits typed together make one number, so 10 (or 100) is
    reachable. ←/→ step (the first press picks the lowest), Home/End jump, Backspace clears.
    Too narrow for one line, the numbers wrap onto the next.
    """

    DEFAULT_CSS = """
    ScaleInput {
        height: auto;
        width: auto;
        padding: 0 1;
    }
    ScaleInput:focus {
        background: $boost;
        text-style: bold;
    }
    """

    BINDINGS = [
        Binding("left", "step(-1)", "Lower", show=False),
        Binding("right", "step(1)", "Higher", show=False),
        Binding("home", "jump('min')", "Lowest", show=False),
        Binding("end", "jump('max')", "Highest", show=False),
        Binding("backspace,delete", "clear", "Clear", show=False),
        *[
            Binding(str(d), f"digit({d})", "Type a number", show=False, key_display="0-9")
            for d in range(10)
        ],
    ]

    value: reactive[int | None] = reactive(None, layout=True)

    class Changed(Message):
        def __init__(self, scale: ScaleInput, value: int | None) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

        @property
        def control(self) -> ScaleInput:
            return self.scale

    def __init__(
        self,
        minimum: int = 0,
        maximum: int = 10,
        value: int | None = None,
        *,
        step: int = 1,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        self._typed = ""
        self._typed_at = 0.0
        self.set_reactive(ScaleInput.value, value)

    @property
    def numbers(self) -> list[int]:
        return list(range(self.minimum, self.maximum + 1, self.step))

    def _label(self, number: int) -> str:
        return f"[{number}]" if number == self.value else f" {number} "

    def _one_line_width(self) -> int:
        return sum(len(self._label(n)) for n in self.numbers)

    def _cells(self, width: int | None = None) -> list[Cell]:
        """(value, line, start column, label) of every number, wrapped at ``width``."""
        width = width if width is not None else self.content_size.width
        cells: list[Cell] = []
        line = column = 0
        for number in self.numbers:
            label = self._label(number)
            if column and width > 0 and column + len(label) > width:
                line, column = line + 1, 0
            cells.append((number, line, column, label))
            column += len(label)
        return cells

    def get_content_width(self, container: Size, viewport: Size) -> int:
        room = max(1, container.width - self.styles.gutter.width)
        return min(self._one_line_width(), room)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        cells = self._cells(width)
        return cells[-1][1] + 1 if cells else 1

    def render(self) -> Text:
        text = Text()
        current = 0
        for number, line, _, label in self._cells():
            if line != current:
                text.append("\n")
                current = line
            text.append(label, style="reverse bold" if number == self.value else "")
        return text

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def action_step(self, delta: int) -> None:
        if self.value is None:
            self.value = self.minimum  # the first press starts at the bottom, never the middle
            return
        self.value = max(self.minimum, min(self.maximum, self.value + delta * self.step))

    def action_jump(self, where: str) -> None:
        self.value = self.minimum if where == "min" else self.maximum

    def action_clear(self) -> None:
        self._typed = ""
        self.value = None

    def _from_typed(self, typed: str) -> int | None:
        """The scale value ``typed`` names: the value itself, or else the step of that number."""
        number = int(typed)
        numbers = self.numbers
        if number in numbers:
            return number
        return numbers[number] if number < len(numbers) else None

    def action_digit(self, digit: int) -> None:
        now = time.monotonic()
        together = self._typed + str(digit)
        if self._typed and now - self._typed_at <= TYPING_PAUSE:
            value = self._from_typed(together)
            if value is not None:
                self._typed, self._typed_at = together, now
                self.value = value
                return
        self._typed, self._typed_at = str(digit), now
        value = self._from_typed(str(digit))
        if value is not None:
            self.value = value

    def on_click(self, event: events.Click) -> None:
        x, y = event.x - 1, event.y  # padding
        for number, line, start, label in self._cells():
            if line == y and start <= x < start + len(label):
                self.value = number
                self.focus()
                return
