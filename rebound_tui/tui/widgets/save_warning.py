"""The one-line warning every screen shows while saving fails (or the window is read-only)."""

from __future__ import annotations

from textual.widgets import Static


class SaveWarning(Static):
    """Stays on screen while saving fails, saying where the unsaved text is and what to do."""

    DEFAULT_CSS = """
    SaveWarning {
        display: none;
        background: $error;
        color: $text;
        padding: 0 1;
        height: auto;
    }
    SaveWarning.-shown {
        display: block;
    }
    SaveWarning.-read-only {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "save_problem", self._show)

    def _show(self, problem: str) -> None:
        store = getattr(self.app, "store", None)
        if store is not None and store.read_only:
            # One line, most important first: it stays on screen and must not hide the list.
            who = f"process {store.locked_by}" if store.locked_by else "another Rebound"
            self.set_class(True, "-shown", "-read-only")
            self.update(f"This window is read-only: nothing is saved ({who} has the file open).")
            return
        self.set_class(bool(problem), "-shown")
        if store is not None and store.at_risk:  # not in the journal either: say what to do
            self.update(
                f"⚠ Not saved: {problem}. Free some disk space (saving is retried every "
                "second), or press ctrl+q to write all your entries to another file."
            )
        else:
            self.update(f"⚠ Not saved yet: {problem}. Retrying every second.")
