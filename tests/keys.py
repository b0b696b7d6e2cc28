"""Typing helper for Pilot: single characters are keys already; newlines are Enter."""

from __future__ import annotations

from textual.pilot import Pilot


async def type_text(pilot: Pilot[object], text: str) -> None:
    await pilot.press(*["enter" if char == "\n" else char for char in text])
