"""Run the real ``rebound`` command line, optionally with saving switched off.

    python benchmarks/launch_rebound.py [--no-save] [--count-saving FILE] -- --db PATH

``--no-save`` makes the autosaver's ``apply`` and ``save`` no-ops (keystrokes are still
recorded in memory), the "saving switched off" baseline of the typing benchmark.
``--count-saving FILE`` adds up the CPU time of the saving calls (the timed journaling,
``autosave`` with the start of its write thread, and ``Session.write`` in that thread), each
in the thread that runs it, and keeps the sum in FILE (8 bytes, a float, rewritten after
every call), so the benchmark can read what saving took during a stretch of typing. Everything
else is ``rebound_tui.cli.main`` unchanged.
"""

from __future__ import annotations

import mmap
import os
import struct
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str]) -> int:
    if "--" in argv:
        split = argv.index("--")
        own, rest = argv[:split], argv[split + 1 :]
    else:
        own, rest = [], argv
    if "--no-save" in own:
        from rebound_tui.core.session import Session

        def apply(self: Session) -> None:
            return None

        def save(self: Session) -> bool:
            return True

        Session.apply = apply  # type: ignore[method-assign]
        Session.save = save  # type: ignore[method-assign]
    if "--count-saving" in own:
        count_saving(Path(own[own.index("--count-saving") + 1]))
    from rebound_tui.cli import main as rebound_main

    return rebound_main(rest)


def count_saving(path: Path) -> None:
    """Wrap the saving calls to add up their CPU time into `path` (see the module's text)."""
    from rebound_tui.core.session import Session
    from rebound_tui.tui.app import ReboundApp

    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    os.ftruncate(fd, 8)
    shared = mmap.mmap(fd, 8)
    lock = threading.Lock()
    total = [0.0]

    def counted(call: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.thread_time()
            try:
                return call(*args, **kwargs)
            finally:
                with lock:
                    total[0] += time.thread_time() - start
                    struct.pack_into("d", shared, 0, total[0])

        return wrapper

    Session.write = counted(Session.write)  # type: ignore[method-assign]
    ReboundApp.autosave = counted(ReboundApp.autosave)  # type: ignore[method-assign]
    ReboundApp._apply_pending = counted(ReboundApp._apply_pending)  # type: ignore[method-assign]


def read_count(path: Path) -> float:
    """The sum `count_saving` keeps in `path` (0 before the first saving call)."""
    try:
        data = path.read_bytes()
    except OSError:
        return 0.0
    return struct.unpack("d", data[:8])[0] if len(data) >= 8 else 0.0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
