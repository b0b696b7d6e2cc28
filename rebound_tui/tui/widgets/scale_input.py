"""A 0-10 (or min-max) rating picked with the arrow keys or the mouse."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class ScaleInput(Widget, can_focus=True):
    """Numbers in a row; the chosen one is in brackets *and* highlighted (not colour alone).

    Digits are left to the app (they switch sections), so the scale moves with ←/→, Home/End,
    and Backspace clears it.
    """

    DEFAULT_CSS = """
    ScaleInput {
        height: 1;
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
    ]

    value: reactive[int | None] = reactive(None)

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
        self.set_reactive(ScaleInput.value, value)

    def _cells(self) -> list[tuple[int, int, str]]:
        """(value, start column, label) for every number, for drawing and for clicks."""
        cells = []
        column = 0
        for number in range(self.minimum, self.maximum + 1, self.step):
            label = f"[{number}]" if number == self.value else f" {number} "
            cells.append((number, column, label))
            column += len(label)
        return cells

    def render(self) -> Text:
        text = Text()
        for number, _, label in self._cells():
            style = "reverse bold" if number == self.value else ""
            text.append(label, style=style)
        return text

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def action_step(self, delta: int) -> None:
        if self.value is None:
            middle = (self.minimum + self.maximum) // 2
            self.value = middle - (middle - self.minimum) % self.step
            return
        self.value = max(self.minimum, min(self.maximum, self.value + delta * self.step))

    def action_jump(self, where: str) -> None:
        self.value = self.minimum if where == "min" else self.maximum

    def action_clear(self) -> None:
        self.value = None

    def on_click(self, event: events.Click) -> None:
        x = event.x - 1  # padding
        for number, start, label in self._cells():
            if start <= x < start + len(label):
                self.value = number
                self.focus()
                return
