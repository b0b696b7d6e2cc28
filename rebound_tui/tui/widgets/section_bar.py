"""The sections as one line, for terminals too narrow for the section list (below 80 columns).

``2 ● 3 ◐ ▸4 Facts ◐ started  5 ◐  s Summary``: every section's number and state symbol, the
current one named with its state in a word. A click goes there; so do the number keys.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from rebound_tui.core.content import Section
from rebound_tui.core.progress import Progress

SUMMARY = "summary"


class SectionBar(Static):
    DEFAULT_CSS = """
    SectionBar {
        display: none;
        height: 1;
        padding: 0 1;
        background: $surface;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(
        self, sections: tuple[Section, ...], progress: list[Progress], current: str
    ) -> None:
        super().__init__(id="section-bar")
        self.sections = sections
        self.current = current
        self.show_progress(progress)

    def show_progress(self, progress: list[Progress]) -> None:
        parts = []
        for number, (section, state) in enumerate(zip(self.sections, progress, strict=True), 1):
            if section.id == self.current:
                text = f"▸{number} {section.short_title} {state.symbol} {state.word}"
                style = "bold reverse"
            else:
                text, style = f"{number} {state.symbol}", "not bold"
            parts.append(_link(text, style, f"screen.section({number})"))
        here = self.current == SUMMARY
        parts.append(_link("s Summary", "bold reverse" if here else "dim", "screen.summary"))
        self.update(Content("  ").join(parts))


def _link(text: str, style: str, action: str) -> Content:
    """``text`` (never read as markup) in ``style``, running ``action`` when clicked."""
    return Content.from_markup(f"[{style} @click={action}]$text[/]", text=text)
