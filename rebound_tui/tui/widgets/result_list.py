"""A list of results, each a few lines, drawn line by line: only the lines in view are
rendered, and a new set of results is one refresh of one widget. For search, which replaces
its results on every keystroke (an OptionList measured and wrapped every option each time:
most of a keystroke's 100+ ms).

The highlighted result is marked with "▸" in the margin as well as by colour, and a rule
stands between two results, so each reads as one item without colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

#: The margin left of every line: the marker on the highlighted result's first line.
MARKER, GUTTER = "▸ ", "  "
#: The line between two results (``part`` of a row that is the rule after its result).
RULE, RULE_PART = "─", -1


class ResultList(ScrollView, can_focus=True):
    """Results of a few lines each; ↑/↓ (Home/End, Page Up/Down) move, Enter selects."""

    COMPONENT_CLASSES = {"result-list--cursor"}
    DEFAULT_CSS = """
    ResultList {
        height: 1fr;
        overflow-x: hidden;
        background: $surface;
        padding: 0 1;
        & > .result-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .result-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("home", "move(-1000000)", show=False),
        Binding("end", "move(1000000)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    class Selected(Message):
        """A result was chosen (Enter or a click)."""

        def __init__(self, results: ResultList, index: int) -> None:
            super().__init__()
            self.results = results
            self.index = index

        @property
        def control(self) -> ResultList:
            return self.results

    class LeftAtTop(Message):
        """↑ on the first result: the person wants what is above the list."""

        def __init__(self, results: ResultList) -> None:
            super().__init__()
            self.results = results

        @property
        def control(self) -> ResultList:
            return self.results

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: list[tuple[Text, ...]] = []
        self._rows: list[tuple[int, int]] = []  # (result, its line) for every line
        self._first_row: list[int] = []  # each result's first line
        #: Drawn lines by what they show, kept across sets of results: as a query grows, most
        #: results stay and their first lines with them.
        self._cache: dict[tuple[object, ...], Strip] = {}
        self.highlighted: int | None = None

    @property
    def count(self) -> int:
        return len(self._items)

    def set_results(self, items: Sequence[Sequence[Text]]) -> None:
        """Show these results (each a few one-line Texts), the first highlighted."""
        self._items = [tuple(lines) for lines in items]
        self._rows, self._first_row = [], []
        for index, lines in enumerate(self._items):
            if index:
                self._rows.append((index - 1, RULE_PART))  # belongs to the result above
            self._first_row.append(len(self._rows))
            self._rows += [(index, part) for part in range(len(lines))]
        if len(self._cache) > 1000:
            self._cache.clear()
        self.highlighted = 0 if self._items else None
        self._fit()
        if self.scroll_offset.y:
            self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def _fit(self) -> None:
        size = Size(self.scrollable_content_region.width, len(self._rows))
        if size != self.virtual_size:  # a new size lays the screen out again
            self.virtual_size = size

    # ----------------------------------------------------------------- drawing

    #: What every line of one paint shares: (width, the style, the highlighted one's style).
    _paint: tuple[int, Style, Style] = (0, Style(), Style())

    def render_lines(self, crop: Region) -> list[Strip]:
        base = self.rich_style  # worked out once per paint, not once per line
        cursor = base + self.get_component_rich_style("result-list--cursor")
        self._paint = (self.scrollable_content_region.width, base, cursor)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width, base, cursor_style = self._paint
        row = y + self.scroll_offset.y
        if row >= len(self._rows) or width <= 0:
            return Strip.blank(width, base)
        index, part = self._rows[row]
        if part == RULE_PART:
            rule = Text(GUTTER + RULE * max(0, width - len(GUTTER)), style="dim")
            return Strip(rule.render(self.app.console, end=""), width).apply_style(base)
        text = self._items[index][part]
        cursor = index == self.highlighted
        style = cursor_style if cursor else base
        key = (text.plain, tuple(text.spans), part, width, cursor, style)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._cache[key] = self._line(text, cursor and part == 0, width, style)
        return strip

    def _line(self, text: Text, marked: bool, width: int, style: Style) -> Strip:
        line = Text(MARKER if marked else GUTTER)
        line.append_text(text)
        if line.cell_len > width:
            line.truncate(width, overflow="ellipsis")
        segments = Segment.apply_style(line.render(self.app.console, end=""), style)
        return Strip(segments).crop_extend(0, width, style)

    def on_resize(self) -> None:
        self._cache.clear()
        self._fit()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # ----------------------------------------------------------------- moving

    def _go(self, index: int) -> None:
        if not self._items:
            return
        self.highlighted = max(0, min(len(self._items) - 1, index))
        first = self._first_row[self.highlighted]
        lines = len(self._items[self.highlighted])
        self.scroll_to_region(Region(0, first, 1, lines), animate=False, immediate=True)
        self.refresh()

    def action_move(self, by: int) -> None:
        if self.highlighted == 0 and by < 0:
            self.post_message(self.LeftAtTop(self))
            return
        self._go((self.highlighted or 0) + by)

    def action_page(self, by: int) -> None:
        per_result = max(1, (len(self._rows) + 1) // max(1, len(self._items)))
        self._go((self.highlighted or 0) + by * max(1, self.size.height // per_result))

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        row = event.y + self.scroll_offset.y
        if 0 <= row < len(self._rows):
            self._go(self._rows[row][0])
            self.action_select()
