"""Showing paths to people. No Textual import."""

from __future__ import annotations

from pathlib import Path

from rebound_tui.core.text import visible


def tidy_path(path: Path) -> str:
    """A path as a person would write it: the home folder as ``~``, control characters shown."""
    home = str(Path.home())
    text = str(path)
    if home not in ("", "/") and (text == home or text.startswith(home + "/")):
        text = "~" + text[len(home) :]
    return visible(text)
