"""How far an application got: the stages a new entry offers, in order. No Textual import."""

from __future__ import annotations

#: The stages offered when starting an entry, earliest first. An entry may hold other text
#: (older files, another tool): such a stage is shown as written but has no place in the order.
STAGES: tuple[str, ...] = (
    "Application",
    "Phone screen",
    "First interview",
    "Second interview",
    "Final round",
    "Task or assessment",
    "Offer talks",
)

#: How far each stage is, for comparing entries: a task or assessment can come at any point,
#: so it counts as far as a second interview, not beyond a final round.
_STEP = {
    "application": 1,
    "phone screen": 2,
    "first interview": 3,
    "second interview": 4,
    "task or assessment": 4,
    "final round": 5,
    "offer talks": 6,
}

#: The highest step (offer talks).
TOP_STEP = max(_STEP.values())


def stage_step(stage: str) -> int | None:
    """How far ``stage`` is, 1 (application) to 6 (offer talks), or None when it is not one
    of :data:`STAGES` (compared without case or surrounding spaces)."""
    return _STEP.get(" ".join(stage.split()).casefold())
