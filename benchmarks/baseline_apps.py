"""The floors Rebound is measured against: plain Textual apps doing the least the same job needs.

    python benchmarks/baseline_apps.py bare        # Header, the welcome text as Markdown, Footer
    python benchmarks/baseline_apps.py lessons     # the same; keys 1-5 show a section's lesson

`BareApp` is the launch and memory baseline (run in a pty exactly like Rebound).
`LessonKeysApp` is the section-screen baseline: its number keys switch to a plain Screen with
the section's title and lesson in a Markdown widget.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Markdown

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


class TitledLessonScreen(Screen[None]):
    """A section's title and lesson, as the first screenful of Rebound's section shows them."""

    def __init__(self, title: str, lesson: str) -> None:
        super().__init__()
        self.heading = title
        self.lesson = lesson

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Label(self.heading)
            yield Markdown(self.lesson)
        yield Footer()


class LessonKeysApp(BareApp):
    """The bare app whose number keys show a section's lesson: built on the first press and
    kept after (as Rebound keeps an entry's section screens). The pty section baseline."""

    def __init__(self, text: str, lessons: list[tuple[str, str]]) -> None:
        super().__init__(text)
        self.lessons = lessons

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            number = int(event.character)
            if 1 <= number <= len(self.lessons):
                name = f"lesson-{number}"
                if not self.is_screen_installed(name):
                    self.install_screen(TitledLessonScreen(*self.lessons[number - 1]), name)
                if len(self.screen_stack) > 1:
                    self.switch_screen(name)
                else:
                    self.push_screen(name)


def main() -> None:
    welcome = Path(__file__).resolve().parent.parent / "content" / "welcome.md"
    text = welcome.read_text(encoding="utf-8")
    if sys.argv[1:2] == ["lessons"]:
        from rebound_tui.core.content import load_workbook

        sections = load_workbook().sections
        lessons = [(f"{s.number}. {s.title}", s.lesson) for s in sections]
        LessonKeysApp(text, lessons).run()
    else:
        BareApp(text).run()


if __name__ == "__main__":
    main()
