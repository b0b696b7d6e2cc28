"""Textual's private parts for lists, in the :mod:`rebound_tui.tui.textual_compat` package
(a module of its own for its size): written for the same pinned Textual, checked by the
same tests.

No other module reaches into Textual's internals.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import OptionList

__all__ = ["SteadyOptionList"]


class SteadyOptionList(OptionList):
    """An OptionList that measures and draws its options once per width.

    Textual's learns how many lines its options take only as it draws them, so a screen's
    first frame showed the list without its scrollbar and the next drew every option again,
    narrower; it forgets what it drew on every resize, and a screen's first layout sends
    one to every widget it shows (after the first frame, the width unchanged); and it wraps
    every option again to measure its height on each layout of the screen. Home's list of
    100 entries paid ~30 ms for these right after its first frame (issue 13). Here what was
    drawn is kept while the width it was drawn at stays, and forgotten before drawing at
    another (Textual drew one frame at the new width from the old lines first)."""

    _drawn_width: int | None = None  # the width what is kept was drawn at
    #: What the height was measured for: the width and styles, each option and its prompt.
    _measured: tuple[tuple[object, ...], list[tuple[object, object]]] | None = None
    _height = 0

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # The height just measured for the layout gives the scrollbar at the first layout.
        first = not self.virtual_size and self._height
        if first:
            self.set_reactive(Widget.virtual_size, Size(size.width, self._height))
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if first:
            width = self.scrollable_content_region.width
            self.set_reactive(Widget.virtual_size, Size(width, self._height))
        return resized

    def render_lines(self, crop: Region) -> list[Strip]:
        width = self.scrollable_content_region.width
        if self._drawn_width != width:
            if self._drawn_width is not None:
                self._clear_caches()
            self._drawn_width = width
        return super().render_lines(crop)

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        # Runs before OptionList's own handler, which forgets what was drawn.
        if self._drawn_width == self.scrollable_content_region.width:
            event.prevent_default()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        styles = self.styles
        padding = self.get_component_styles("option-list--option").padding
        key = (width, padding, styles.text_wrap, styles.text_overflow, styles.line_pad)
        options: list[tuple[object, object]] = [(o, o.prompt) for o in self.options]
        measured = self._measured
        if not (
            measured
            and measured[0] == key
            and len(measured[1]) == len(options)
            and all(a is b and p is q for (a, p), (b, q) in zip(measured[1], options, strict=True))
        ):
            self._height = super().get_content_height(container, viewport, width)
            self._measured = (key, options)
        return self._height
