"""A progress bar on stderr for long command-line work (export, import, remind).

Shown only when there is a lot to do (``MINIMUM`` entries or more) and stderr is a terminal;
otherwise it writes nothing at all, so logs and pipes stay clean. The bar is drawn at most ten
times a second and wiped when the work ends, leaving the terminal as it was.
"""

from __future__ import annotations

import shutil
import sys
import time
from types import TracebackType
from typing import TextIO

__all__ = ["MINIMUM", "ProgressBar"]

MINIMUM = 1000  # entries; below this the work is over before a bar would help


class ProgressBar:
    """``with ProgressBar("Exporting", total) as bar: … bar(done) …``"""

    def __init__(
        self, label: str, total: int, *, stream: TextIO | None = None, minimum: int = MINIMUM
    ) -> None:
        self.label = label
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        try:
            terminal = self.stream.isatty()
        except (AttributeError, ValueError):  # closed or odd streams
            terminal = False
        self.active = terminal and total >= minimum
        self._drawn_at = 0.0
        self._drawn = False
        utf = "utf" in (getattr(self.stream, "encoding", None) or "").lower()
        self._marks = ("█", "░") if utf else ("#", ".")

    def __call__(self, done: int) -> None:
        if not self.active:
            return
        now = time.monotonic()
        if done < self.total and now - self._drawn_at < 0.1:
            return
        self._drawn_at = now
        columns = shutil.get_terminal_size((80, 24)).columns
        counts = f" {done}/{self.total}"
        width = max(10, min(40, columns - len(self.label) - len(counts) - 4))
        filled = width * min(done, self.total) // max(self.total, 1)
        full, empty = self._marks
        bar = full * filled + empty * (width - filled)
        self.stream.write(f"\r{self.label} {bar}{counts}")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")  # wipe the line: the result message follows
            self.stream.flush()
            self._drawn = False

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
