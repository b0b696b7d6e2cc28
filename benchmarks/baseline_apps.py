"""The floors Rebound is measured against: plain Textual apps doing the least the same job needs.

    python benchmarks/baseline_apps.py bare        # Header, the welcome text as Markdown, Footer

`BareApp` is the launch and memory baseline (run in a pty exactly like Rebound).
`LessonApp` is the section-screen baseline: switching to a plain Screen with the section's
lesson in a Markdown widget.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: What the bare app shows, so a pty reader knows its first frame has been drawn.
BARE_MARKER = "Bare baseline ready"


class BareApp(App[None]):
    """Header, Markdown, Footer: the least a Textual workbook home screen can be."""

    TITLE = "Baseline"

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Header()
        yield Markdown(f"{BARE_MARKER}\n\n{self.text}")
        yield Footer()


class LessonScreen(Screen[None]):
    """A plain screen holding one lesson as Markdown."""

    def __init__(self, lesson: str) -> None:
        super().__init__()
        self.lesson = lesson

    def compose(self) -> ComposeResult:
        yield Header()
        yield Markdown(self.lesson)
        yield Footer()


class LessonApp(BareApp):
    """The bare app, able to switch to a lesson screen (see `show`)."""

    def show(self, lesson: str) -> None:
        if len(self.screen_stack) > 1:
            self.switch_screen(LessonScreen(lesson))
        else:
            self.push_screen(LessonScreen(lesson))


def main() -> None:
    welcome = Path(__file__).resolve().parent.parent / "content" / "welcome.md"
    BareApp(welcome.read_text(encoding="utf-8")).run()


if __name__ == "__main__":
    main()
