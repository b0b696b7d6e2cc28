"""`rebound` exactly as the CLI runs it, except that it opens entry 1 on the frustration
section with the cursor in the vent, and touches $REBOUND_TEST_READY once it is there.

The pty tests use this so they do not depend on the home screen's layout; with
`--plant-bug` an exercise field raises when its text ends with "#" (a bug in a handler);
with `--plant-hang` it blocks the event loop for good when its text ends with "%"; with
`--plant-input-bug` the input thread raises on ctrl+] (a bug in reading the terminal); with
`--plant-disk-full` the disk of the database's folder is full (every write to a file in it
fails with ENOSPC) from the moment the file $REBOUND_TEST_DISK_FULL exists.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from pathlib import Path
from typing import Any

from rebound_tui.cli import main
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.bracketed_paste import PasteSplitter, Piece
from rebound_tui.tui.screens.section import SectionScreen
from rebound_tui.tui.widgets.exercise_field import ExerciseField

_app_mount = ReboundApp.on_mount
_mount_exercises = SectionScreen._mount_exercises
_answer = ExerciseField.answer
_feed = PasteSplitter.feed


def _open_entry_on_mount(self: ReboundApp) -> None:
    _app_mount(self)
    self.call_later(self.open_entry, 1, "frustration")


async def _focus_vent(self: SectionScreen) -> None:
    """Once the section's exercises are mounted (just after its lesson is drawn)."""
    await _mount_exercises(self)
    if self.section.id == "frustration":
        self.query_one("#input-vent").focus()
        ready = os.environ.get("REBOUND_TEST_READY")
        if ready:
            self.call_after_refresh(Path(ready).touch)


def _text(value: Any) -> str:
    """The text of an answer: a string, or the vent's text (it keeps its days beside it)."""
    text = value.get("text") if isinstance(value, dict) else value
    return text if isinstance(text, str) else ""


def _answer_with_bug(self: ExerciseField, value: Any) -> None:
    text = _text(value)  # a local holding the answer, as real code would have one
    if text.endswith("#"):
        raise RuntimeError("planted bug for the crash test")
    _answer(self, value)


def _answer_then_hang(self: ExerciseField, value: Any) -> None:
    _answer(self, value)
    if _text(value).endswith("%"):
        while True:  # a handler that never returns: nothing on the loop runs again
            time.sleep(1)


def _feed_with_bug(self: PasteSplitter, data: str, now: float) -> list[Piece]:
    if "\x1d" in data:
        raise RuntimeError("planted bug in the input thread")
    return _feed(self, data, now)


def _plant_disk_full(args: list[str]) -> None:
    folder = os.path.realpath(os.path.dirname(args[args.index("--db") + 1]))
    flag = os.environ["REBOUND_TEST_DISK_FULL"]
    write = os.write

    def write_unless_full(fd: int, data: Any) -> int:
        if os.path.exists(flag):
            with_name = os.readlink(f"/proc/self/fd/{fd}") if sys.platform == "linux" else ""
            if with_name.startswith(folder + os.sep):
                raise OSError(errno.ENOSPC, "No space left on device")
        return write(fd, data)

    os.write = write_unless_full


ReboundApp.on_mount = _open_entry_on_mount  # type: ignore[method-assign]
SectionScreen._mount_exercises = _focus_vent  # type: ignore[method-assign]

if __name__ == "__main__":
    args = sys.argv[1:]
    if "--plant-bug" in args:
        args.remove("--plant-bug")
        ExerciseField.answer = _answer_with_bug  # type: ignore[method-assign]
    if "--plant-input-bug" in args:
        args.remove("--plant-input-bug")
        PasteSplitter.feed = _feed_with_bug  # type: ignore[method-assign]
    if "--plant-disk-full" in args:
        args.remove("--plant-disk-full")
        _plant_disk_full(args)
    if "--plant-hang" in args:
        args.remove("--plant-hang")
        ExerciseField.answer = _answer_then_hang  # type: ignore[method-assign]
    raise SystemExit(main(args))
