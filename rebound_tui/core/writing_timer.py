"""Where a running writing timer is kept, so it survives leaving the section and a restart.

The timer is not an answer: it lives in the store's settings, keyed by entry and exercise, as
the seconds left when it was last started or paused and, while it runs, the wall-clock time it
was started. Time keeps counting while the person is elsewhere (or the app is closed), as a
kitchen timer would.
"""

from __future__ import annotations

import time
from typing import Any

SETTING = "writing-timers"


def _key(entry_id: int, exercise_id: str) -> str:
    return f"{entry_id}:{exercise_id}"


def load(store: Any, entry_id: int, exercise_id: str, total: float) -> tuple[float, bool]:
    """(seconds left, running) for a timer; a fresh one when nothing usable is kept."""
    kept = store.get_setting(SETTING)
    state = kept.get(_key(entry_id, exercise_id)) if isinstance(kept, dict) else None
    if not isinstance(state, dict):
        return total, False
    left, started = state.get("left"), state.get("started")
    if not isinstance(left, (int, float)) or isinstance(left, bool) or not 0 <= left <= total:
        return total, False
    if isinstance(started, (int, float)) and not isinstance(started, bool):
        left = max(0.0, left - max(0.0, time.time() - started))
        return left, left > 0
    return float(left), False


def save(store: Any, entry_id: int, exercise_id: str, left: float, running: bool) -> None:
    """Keep a timer's state (only on start, pause and end: not every second)."""
    if getattr(store, "read_only", False):
        return
    kept = store.get_setting(SETTING)
    timers = dict(kept) if isinstance(kept, dict) else {}
    timers[_key(entry_id, exercise_id)] = {
        "left": round(left, 1),
        "started": time.time() if running else None,
    }
    store.set_setting(SETTING, timers)
