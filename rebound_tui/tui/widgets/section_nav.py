"""The always-visible list of sections with their progress, plus the summary."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from rebound_tui.core.content import Section
from rebound_tui.core.progress import Progress

SUMMARY = "summary"


class SectionNav(OptionList):
    """Pick a section with ↑/↓ and Enter, a click, or the number keys (handled by the app)."""

    DEFAULT_CSS = """
    SectionNav {
        width: 24;
        height: 1fr;
        border: none;
        border-right: tall $panel;
        padding: 0;
        background: $surface;
    }
    SectionNav:focus {
        border-right: tall $accent;
    }
    """

    class Chosen(Message):
        def __init__(self, target: str) -> None:
            super().__init__()
            self.target = target

    def __init__(
        self, sections: tuple[Section, ...], progress: list[Progress], current: str
    ) -> None:
        super().__init__(id="section-nav")
        self.sections = sections
        self.current = current
        self._fill(progress)

    def _fill(self, progress: list[Progress]) -> None:
        options = []
        for number, (section, state) in enumerate(zip(self.sections, progress, strict=True), 1):
            here = section.id == self.current
            label = Text()
            label.append(f"{number} ", style="dim")
            label.append(section.short_title, style="bold" if here else "")
            label.append(" ◂\n" if here else "\n")
            label.append(f"  {state.symbol} {state.word}", style="" if here else "dim")
            options.append(Option(label, id=section.id))
        summary = Text("s ", style="dim")
        summary.append("Summary", style="bold" if self.current == SUMMARY else "")
        options.append(Option(summary, id=SUMMARY))
        self.clear_options()
        self.add_options(options)
        ids = [o.id for o in options]
        if self.current in ids:
            self.highlighted = ids.index(self.current)

    def show_progress(self, progress: list[Progress]) -> None:
        highlighted = self.highlighted
        self._fill(progress)
        if highlighted is not None:
            self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))
