"""When to point gently to the support page (F2). No Textual import.

A person who ticks "Hopeless", or rates a feeling 9 or 10 out of 10, sees one calm line
pointing to F2: once per entry, never blocking, never a dialog. Which answers count is said
by the content (``support_options`` on a checklist, ``support_from`` on a scale or pacer), so
an author can see and change it; the app remembers which entries have had the line.
"""

from __future__ import annotations

from typing import Any

from rebound_tui.core.model import Exercise

NUDGE = "That sounds heavy. If you'd like someone to talk to, F2 shows who to call."
#: The setting that lists the entries that have already had the line.
NUDGED_SETTING = "support-nudged"


def calls_for_support(exercise: Exercise, value: Any) -> bool:
    """Whether this answer is one the content marks for the pointer to F2."""
    if exercise.support_options and isinstance(value, list):
        return any(option in value for option in exercise.support_options)
    if exercise.support_from is not None:
        number = value.get("after") if isinstance(value, dict) else value
        return (
            isinstance(number, int)
            and not isinstance(number, bool)
            and number >= exercise.support_from
        )
    return False


def already_nudged(setting: Any, entry_id: int) -> bool:
    return isinstance(setting, list) and entry_id in setting


def with_nudged(setting: Any, entry_id: int) -> list[int]:
    """The setting's new value once ``entry_id`` has had the line."""
    known = [i for i in setting if isinstance(i, int)] if isinstance(setting, list) else []
    return [*known, entry_id] if entry_id not in known else known
