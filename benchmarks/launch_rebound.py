"""Run the real ``rebound`` command line, optionally with saving switched off.

    python benchmarks/launch_rebound.py [--no-save] -- --db PATH

``--no-save`` makes the autosaver's ``apply`` and ``save`` no-ops (keystrokes are still
recorded in memory), the "saving switched off" baseline of the typing benchmark. Everything
else is ``rebound_tui.cli.main`` unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

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
    from rebound_tui.cli import main as rebound_main

    return rebound_main(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
