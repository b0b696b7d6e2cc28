"""If-then plans (implementation intentions): "if I feel the urge to …" → "then I will …".

A :class:`RowsField` with two columns; the first suggests the urges named in the content
(type a few letters, → accepts the suggestion). Value: a list of ``[urge, plan]`` pairs (older
shapes: :mod:`rebound_tui.core.kinds.rows`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from rebound_tui.tui.widgets.rows_field import RowsField


class IfThenField(RowsField):
    kind = "if_then"

    DEFAULT_CSS = """
    IfThenField .urges {
        width: 1fr;
        color: $text-muted;
    }
    """

    keys_hint = "Enter: new plan  Ctrl+↑↓: move  Ctrl+Del: delete"

    @property
    def suggestions(self) -> tuple[str, ...]:
        return self.exercise.options

    def compose_input(self) -> ComposeResult:
        urges = " · ".join(self.exercise.options)
        yield Static(
            f"Ideas: {urges}, or your own words (type a word, → takes the suggestion)",
            classes="urges",
            markup=False,
        )
        yield from super().compose_input()
