"""Nothing a person typed (or a file held) reaches the terminal as a control sequence.

Textual writes the text of widgets to the terminal as it is: an answer or a company name
holding ``ESC ] 0 ; … BEL`` would retitle the window, ``ESC ] 52`` could set the clipboard,
``ESC [ 2 J`` would clear the screen. Every line Textual draws goes through
``Strip.render``, so that is where control characters are dropped from ordinary text
(Textual measures them as zero cells wide, so the layout does not change). Segments that
*are* control sequences (Textual's own cursor moves) pass untouched. The stored text is never
changed: this only affects drawing.
"""

from __future__ import annotations

import re
from typing import Any

from rich.segment import Segment
from textual.strip import Strip

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_installed = False


def clean(text: str) -> str:
    return _CONTROL.sub("", text)


def install() -> None:
    """Guard `Strip.render` (once per process; textual is pinned, see pyproject)."""
    global _installed
    if _installed:
        return
    original = Strip.render

    def render(self: Strip, console: Any) -> str:
        if self._render_cache is None and any(
            not control and _CONTROL.search(text) for text, _style, control in self._segments
        ):
            self._segments = [
                segment
                if segment.control or not _CONTROL.search(segment.text)
                else Segment(clean(segment.text), segment.style, segment.control)
                for segment in self._segments
            ]
        return original(self, console)

    Strip.render = render  # type: ignore[method-assign]
    _installed = True
