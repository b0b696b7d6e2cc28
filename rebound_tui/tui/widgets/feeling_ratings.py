"""A thought record's ratings, one per feeling named in step 2 (as the published form has it).

``before`` (step 2) rates each feeling 0-100; ``after`` (the last step) shows each feeling with
its earlier number and takes a new one ("sad: 80 → 50"). The record itself (the feelings and
their numbers) is the thought record field's: this only shows it. Rebuilt when the feelings
named change (never while one of its own ratings has the focus); the labels follow a rating
in place.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from rebound_tui.core.kinds.scale import change
from rebound_tui.tui.widgets.scale_input import ScaleInput

NONE_NAMED = "Name a feeling above (several: separate them with commas) to rate it here."
NONE_TO_RERATE = "No feelings were named in step 2: go back to name them."


def after_label(item: dict[str, Any]) -> str:
    """A feeling at the re-rating: its name, its earlier number and the new one."""
    before, after = item["before"], item["after"]
    if before is None:
        return item["feeling"] if after is None else f"{item['feeling']}: now {after}"
    if after is None:
        return f"{item['feeling']}: was {before}"
    return f"{item['feeling']}: {change(before, after)}"


class FeelingRatings(Vertical):
    DEFAULT_CSS = """
    FeelingRatings {
        height: auto;
    }
    FeelingRatings > Label {
        width: 1fr;
        margin: 0;
    }
    FeelingRatings > .none {
        color: $text-muted;
    }
    """

    def __init__(self, exercise_id: str, key: str, each: list[dict[str, Any]]) -> None:
        super().__init__(classes=f"each-{key}")
        self.exercise_id = exercise_id
        self.key = key
        self.each = each

    def compose(self) -> ComposeResult:
        if not self.each:
            none = NONE_NAMED if self.key == "before" else NONE_TO_RERATE
            yield Label(none, classes="none", markup=False)
        for index, item in enumerate(self.each):
            text = item["feeling"] if self.key == "before" else after_label(item)
            yield Label(text, classes=f"feeling-{index}", markup=False)
            scale = ScaleInput(
                0, 100, item[self.key], step=10, id=f"input-{self.exercise_id}-{self.key}-{index}"
            )
            yield scale

    def show_each(self, each: list[dict[str, Any]]) -> None:
        """Other feelings were named: build the rows again."""
        self.each = each
        self.refresh(recompose=True)

    def relabel(self) -> None:
        """A rating changed: the labels say the numbers as they are now."""
        if self.key != "after":
            return
        for index, item in enumerate(self.each):
            for label in self.query(f".feeling-{index}").results(Label):
                label.update(after_label(item))
