"""Showing paths to people. No Textual import."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from rebound_tui.core.text import visible


def user_content_dir() -> Path:
    """The person's own content folder: its files replace the built-in files of the same name.

    On Linux ``~/.config/rebound/content`` (``$XDG_CONFIG_HOME`` is respected).
    """
    return platformdirs.user_config_path("rebound") / "content"


def tidy_path(path: Path) -> str:
    """A path as a person would write it: the home folder as ``~``, control characters shown."""
    home = str(Path.home())
    text = str(path)
    if home not in ("", "/") and (text == home or text.startswith(home + "/")):
        text = "~" + text[len(home) :]
    return visible(text)
