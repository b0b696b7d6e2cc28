"""Small inputs used inside the exercise widgets: a text box that rests on its beginning, and
a tick that says what it is with a symbol and a word.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from rebound_tui.core.ticks import NOT_TICKED, TICKED, is_ticked
from rebound_tui.tui.textual_compat import StyledInPlace


class StartInput(StyledInPlace, Input):
    """An input that shows the *beginning* of its text whenever it does not have the focus
    (Textual leaves it scrolled to wherever the cursor was, usually the end). Focused, the
    cursor goes to the end, ready to add to what is there.

    ``choices`` (optional) are phrases offered while typing when a word *inside* one starts with
    what was typed ("shop" offers "go shopping"); → at the end of the text takes the offer.
    Phrases that start with what was typed show as the usual grey completion.

    A placeholder too long for the box ends in "…" (Textual cut it at a word with nothing to
    say so, "e.g. what would have made me a stronger" reading as the whole example), and so
    does a longer answer while the box does not have the focus ("Amira Pneumono…" in a table
    cell reads as more to come, not as the whole name).
    """

    def __init__(self, *args: Any, choices: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        self._left_at = 0  # where the cursor was when the box lost the focus
        #: The whole placeholder; ``placeholder`` is what fitted the box when last painted.
        self.full_placeholder = self.placeholder

    def fitted_placeholder(self, width: int) -> str:
        """The placeholder whole, or cut to ``width`` cells with "…" at its end."""
        full = self.full_placeholder
        if width <= 0 or cell_len(full) <= width:
            return full
        shown = Text(full)
        shown.truncate(width, overflow="ellipsis")
        return shown.plain

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if not self.value:
            # Fitted to the width being painted now, not on a Resize event: a paint can come
            # before the last resize is handled, and would show a stale cut.
            fitted = self.fitted_placeholder(width)
            if fitted != self.placeholder:
                self.set_reactive(StartInput.placeholder, fitted)  # no repaint: this is it
        strip = super().render_line(y)
        if y or self.has_focus or width < 2 or cell_len(self.value) <= width:
            return strip
        last = list(strip.crop(width - 1, width))  # the box's last column: "…" in its style
        style = last[0].style if last else None
        shown = Strip.join([strip.crop(0, width - 1), Strip([Segment("…", style)], 1)])
        return shown.extend_cell_length(strip.cell_length, style)  # nothing drawn after "…"

    def on_mount(self) -> None:
        self._left_at = len(self.value)
        self.cursor_position = 0

    def on_focus(self, event: events.Focus) -> None:
        # Back from another window: where the cursor was; otherwise ready to add at the end.
        self.cursor_position = self._left_at if event.from_app_focus else len(self.value)

    def on_blur(self, event: events.Blur) -> None:
        self._left_at = self.cursor_position
        self.cursor_position = 0

    def watch_value(self, value: str) -> None:
        """Filled from elsewhere (a name typed in another exercise): rest on the beginning."""
        if not self.has_focus:
            self._left_at = len(value)
            self.cursor_position = 0

    def word_match(self) -> str | None:
        """The first choice a word of which starts with the typed text (not from its start)."""
        typed = self.value.strip().casefold()
        if not typed:
            return None
        for choice in self.choices:
            folded = choice.casefold()
            if folded == typed or folded.startswith(typed):
                return None  # the ordinary completion (or nothing left to offer)
        for choice in self.choices:
            words = choice.casefold().split()
            if any(" ".join(words[i:]).startswith(typed) for i in range(1, len(words))):
                return choice
        return None

    def action_cursor_right(self, select: bool = False) -> None:
        match = self.word_match() if self.cursor_at_end and not select else None
        if match is not None:
            self.value = match
            self.cursor_position = len(match)
            return
        super().action_cursor_right(select)


class TickCell(Widget, can_focus=True):
    """A done-or-not tick in a table: "[✓] done" or "[ ] not yet". Space or a click toggles."""

    DEFAULT_CSS = """
    TickCell {
        height: 1;
        width: 1fr;
    }
    TickCell:focus {
        background: $boost;
        text-style: bold;
    }
    """

    BINDINGS = [
        Binding("space", "flip", "Tick or untick", show=False),
        Binding("enter", "submit", "Next cell", show=False),
    ]

    class _CellMessage(Message):
        def __init__(self, cell: TickCell) -> None:
            super().__init__()
            self.cell = cell

        @property
        def control(self) -> TickCell:
            return self.cell

    class Changed(_CellMessage):
        """Ticked or unticked."""

    class Submitted(_CellMessage):
        """Enter: on to the next cell."""

    def __init__(self, stored: str = "") -> None:
        super().__init__()
        self.stored = stored  # kept word for word until the person toggles it

    @property
    def ticked(self) -> bool:
        return is_ticked(self.stored)

    @property
    def value(self) -> str:
        return self.stored

    @value.setter
    def value(self, stored: str) -> None:
        self.stored = stored
        self.refresh()

    def render(self) -> Text:
        return Text("[✓] done" if self.ticked else "[ ] not yet")

    def action_flip(self) -> None:
        self.value = NOT_TICKED if self.ticked else TICKED
        self.post_message(self.Changed(self))

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self))

    def on_click(self, event: events.Click) -> None:
        self.focus()
        self.action_flip()


class LineArea(TextArea):
    """A short answer that grows with its text (it wraps) but where Enter moves on instead of
    starting a new line. Line breaks already in the text (or pasted) are kept as they are."""

    BINDINGS = [Binding("enter", "submit", "Next", show=False, priority=True)]

    class Submitted(Message):
        def __init__(self, area: LineArea) -> None:
            super().__init__()
            self.area = area

        @property
        def control(self) -> LineArea:
            return self.area

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self))


class LabelledTick(Static, can_focus=True):
    """A tick with a label that wraps onto more lines when it must (a checkbox cuts it):
    "[✓] Mind-reading: …" or "[ ] Mind-reading: …". Space, Enter or a click toggles."""

    DEFAULT_CSS = """
    LabelledTick {
        width: 1fr;
        height: auto;
    }
    LabelledTick:focus {
        background: $boost;
        text-style: bold;
    }
    """

    BINDINGS = [Binding("space,enter", "flip", "Tick or untick", show=False)]

    class Changed(Message):
        def __init__(self, tick: LabelledTick) -> None:
            super().__init__()
            self.tick = tick

        @property
        def control(self) -> LabelledTick:
            return self.tick

    def __init__(self, label: str, value: bool = False, *, name: str | None = None) -> None:
        super().__init__(markup=False, name=name)
        self.label = label
        self.value = value
        self._draw()

    def _draw(self) -> None:
        self.update(f"[{'✓' if self.value else ' '}] {self.label}")

    def action_flip(self) -> None:
        self.value = not self.value
        self._draw()
        self.post_message(self.Changed(self))

    def on_click(self, event: events.Click) -> None:
        self.focus()
        self.action_flip()
