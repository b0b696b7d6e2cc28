"""Waiting for a section screen to be whole before pressing keys in it.

A section paints its lesson first and mounts its exercises right after (issue 13), so a test
that opens an entry and types at once could reach a field that is not there yet, more so on
a loaded machine. Every Pilot test that opens an entry waits here instead of pausing once.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot


async def until_ready(pilot: Pilot[Any], limit: float = 20.0) -> None:
    """Pause until the current screen says it is ready (screens without the flag are)."""
    waited = 0.0
    await pilot.pause()
    while not getattr(pilot.app.screen, "ready", True):
        if waited > limit:
            raise AssertionError(f"{pilot.app.screen!r} not ready after {limit} s")
        await pilot.pause(0.02)
        waited += 0.02
    await pilot.pause()
