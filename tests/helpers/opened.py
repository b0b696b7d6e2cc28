"""The app on a fresh database with one entry, at some terminal size, driven as a person
would (the ``opened`` fixture in conftest.py gives one)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widget import Widget

from rebound_tui.tui.app import ReboundApp
from tests.helpers.ready import until_ready


class Opened:
    """The app on a fresh database with one entry, at some terminal size."""

    def __init__(self, app: ReboundApp, pilot: Pilot[int], entry_id: int) -> None:
        self.app = app
        self.pilot = pilot
        self.entry_id = entry_id

    async def open(self, section: str) -> None:
        self.app.open_entry(self.entry_id, section)
        await until_ready(self.pilot)  # the exercises mount just after the lesson's first paint

    async def focus(self, selector: str) -> Any:
        widget = self.app.screen.query_one(selector)
        widget.focus()
        await self.pilot.pause()
        return widget

    async def press_button(self, selector: str) -> None:
        await self.focus(selector)
        await self.pilot.press("enter")
        await self.pilot.pause()

    def saved(self, section: str, exercise: str) -> Any:
        """The answer as written to the database file (the store drops empty answers)."""
        assert self.app.save_now()
        return self.app.store.get(self.entry_id).answers.get(section, {}).get(exercise)


def drawn(widget: Widget) -> str:
    """What a widget shows on screen, its lines joined by newlines."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))
