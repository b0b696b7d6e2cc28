"""Checklist and choice inputs whose state shows as a symbol, not by colour alone.

Textual draws a ticked and an unticked box with the same "X" in two colours, which vanishes in a
16-colour or NO_COLOR terminal. These subclasses draw "✓" / " " and "●" / " " instead.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList

from rebound_tui.tui.textual_compat import SELECTION_MARK

TICK = "✓"
DOT = "●"


class MarkedSelectionList(SelectionList[str]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != SELECTION_MARK:
            return strip
        meta = segments[1].style.meta if segments[1].style else {}
        index = meta.get("option")
        if index is None:
            return strip
        value = self.get_option_at_index(index).value
        mark = TICK if value in self.selected else " "
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, strip.cell_length)


class MarkedRadioButton(RadioButton):
    def render(self) -> Content:
        self.BUTTON_INNER = DOT if self.value else " "
        return super().render()


class MarkedCheckbox(Checkbox):
    def render(self) -> Content:
        self.BUTTON_INNER = TICK if self.value else " "
        return super().render()
