"""The app on a fresh database with one entry, at some terminal size, driven as a person
would (the ``opened`` fixture in conftest.py gives one)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widget import Widget

from rebound_tui.tui.app import ReboundApp


class Opened:
    """The app on a fresh database with one entry, at some terminal size."""

    def __init__(self, app: ReboundApp, pilot: Pilot[int], entry_id: int) -> None:
        self.app = app
        self.pilot = pilot
        self.entry_id = entry_id

    async def open(self, section: str) -> None:
        self.app.open_entry(self.entry_id, section)
        await self.pilot.pause()
        for _ in range(50):  # the exercises mount just after the lesson's first paint
            if getattr(self.app.screen, "ready", False):
                break
            await self.pilot.pause(0.02)
        await self.pilot.pause()

    async def focus(self, selector: str) -> Any:
        widget = self.app.screen.query_one(selector)
        widget.focus()
        await self.pilot.pause()
        return widget

    def saved(self, section: str, exercise: str) -> Any:
        assert self.app.save_now()
        return self.app.store.get(self.entry_id).answers.get(section, {}).get(exercise)


def drawn(widget: Widget) -> str:
    """What a widget shows on screen, its lines joined by newlines."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))
