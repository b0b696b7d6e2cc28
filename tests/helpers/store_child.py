"""A child process for the store's crash and lock tests: `python store_child.py MODE PATH`.

Modes (each prints "ready <value>" once the store is open, with the counter it found):

    flush-loop   set the counter answer, print "W n", flush, print "D n"; forever
    answer-loop  set the counter answer, print "A n"; never flushes; forever
    hold         set answer ("s", "held") without flushing, print "ready", wait for stdin EOF

Lines go straight to fd 1 with os.write, so the parent sees each one the moment it is
written, even when the child is SIGKILLed right after.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from rebound_tui.core.storage.store import Store

SECTION = "s"
COUNTER = "counter"


def say(text: str) -> None:
    os.write(1, f"{text}\n".encode())


def main() -> None:
    mode, path = sys.argv[1], Path(sys.argv[2])
    store = Store(path)
    entry_id = store.entries()[-1].id  # the oldest entry: the parent made it
    value = store.get(entry_id).answers.get(SECTION, {}).get(COUNTER, 0)
    say(f"ready {value}")
    if mode == "flush-loop":
        while True:
            value += 1
            store.set_answer(entry_id, SECTION, COUNTER, value)
            say(f"W {value}")
            store.flush()
            say(f"D {value}")
    elif mode == "answer-loop":
        while True:
            value += 1
            store.set_answer(entry_id, SECTION, COUNTER, value)
            say(f"A {value}")
    elif mode == "hold":
        store.set_answer(entry_id, SECTION, "held", f"written by {os.getpid()}")
        say("holding")
        sys.stdin.read()
        store.close()
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
