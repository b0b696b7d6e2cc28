"""Launching to the home screen imports only what home needs (issue 13: launch ≤ 1.1x a bare
Textual app). The entry's screens and fields, the views across entries, import and the
calendar (icalendar) are imported when first used; this keeps a later import from slipping
back into the launch path unnoticed. Checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

#: Modules that launching must not import (each is imported where it is first used).
NOT_AT_LAUNCH = (
    "icalendar",
    "rebound_tui.core.reminders",
    "rebound_tui.core.patterns",
    "rebound_tui.core.search",
    "rebound_tui.tui.screens.section",
    "rebound_tui.tui.screens.summary",
    "rebound_tui.tui.screens.entry_screen",
    "rebound_tui.tui.screens.help",
    "rebound_tui.tui.screens.new_entry",
    "rebound_tui.tui.widgets.fields",
)


def test_launch_imports_only_what_home_needs() -> None:
    code = (
        "import json, sys\n"
        "import rebound_tui.cli, rebound_tui.tui.app\n"
        "import rebound_tui.tui.screens.home, rebound_tui.tui.screens.welcome  # made at launch\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = set(json.loads(done.stdout))
    assert not loaded & set(NOT_AT_LAUNCH), sorted(loaded & set(NOT_AT_LAUNCH))
    assert "rebound_tui.tui.screens.home" in loaded  # the check itself sees the launch path
