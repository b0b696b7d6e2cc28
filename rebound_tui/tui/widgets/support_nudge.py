"""One calm line pointing to the support page, shown under a section when an answer calls for it."""

from __future__ import annotations

from textual.widgets import Static

from rebound_tui.core.support_nudge import NUDGE


class SupportNudge(Static):
    """Hidden until :meth:`show`; never takes the focus, never blocks anything.

    It sits in the flow of the screen, just above the footer (a second widget docked to the
    bottom would be drawn under the footer and never seen)."""

    DEFAULT_CSS = """
    SupportNudge {
        display: none;
        height: auto;
        padding: 0 1;
        background: $boost;
        color: $text;
    }
    SupportNudge.-shown {
        display: block;
    }
    """

    def __init__(self) -> None:
        super().__init__(NUDGE, markup=False, id="support-nudge")

    def show(self) -> None:
        self.add_class("-shown")

    @property
    def shown(self) -> bool:
        return self.has_class("-shown")
