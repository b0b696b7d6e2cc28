"""Answers still on their way through Textual's message queues when the app has to stop.

A key pressed just before ctrl+q is in the text area's queue when the quit binding runs (the
app handles priority bindings before the focused widget has seen earlier keys), and every
change travels as a message from the input, to its exercise field, up to the section screen,
which hands it to the session. Quitting or crashing at that moment would drop those
messages. `settle` lets the queues drain (for a quit); `queued_answers` reads the answers out
of the queues (for a crash, when the loop cannot run any more).
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Iterator
from typing import Any

from textual.app import App
from textual.dom import DOMNode

from rebound_tui.tui.textual_compat import queued_messages

#: Where the fields live; imported with the first section screen, not at launch (issue 13).
FIELDS_MODULE = "rebound_tui.tui.widgets.exercise_field"


def _nodes(app: App[Any]) -> Iterator[tuple[DOMNode, DOMNode]]:
    """(screen, node) for every node of every screen, the screen itself included."""
    for screen in list(app.screen_stack):
        yield screen, screen
        for node in screen.walk_children(with_self=False):
            yield screen, node


def _busy(app: App[Any]) -> bool:
    return any(node.message_queue_size for _screen, node in _nodes(app))


async def settle(app: App[Any], timeout: float = 0.5) -> None:
    """Wait (at most `timeout`) until no widget has messages waiting, twice in a row."""
    deadline = time.monotonic() + timeout
    quiet = 0
    while quiet < 2 and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
        quiet = 0 if _busy(app) else quiet + 1


def queued_answers(app: App[Any]) -> list[tuple[str, str, Any]]:
    """(section id, exercise id, value) of every Answered message not yet handled, oldest
    first. Safe to call from a crash handler: it only reads the queues (and imports
    nothing: before any field was made there is no answer to look for)."""
    fields = sys.modules.get(FIELDS_MODULE)
    if fields is None:
        return []
    answered = fields.ExerciseField.Answered
    found: list[tuple[float, str, str, Any]] = []
    for screen, node in _nodes(app):
        section = getattr(getattr(screen, "section", None), "id", None)
        if not isinstance(section, str):
            continue
        for message in queued_messages(node):
            if isinstance(message, answered):
                found.append((message.time, section, message.exercise.id, message.value))
    found.sort(key=lambda item: item[0])
    return [(section, exercise, value) for _t, section, exercise, value in found]
