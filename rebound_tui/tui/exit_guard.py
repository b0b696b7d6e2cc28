"""Leave on SIGHUP or SIGTERM within seconds, whatever the event loop and the terminal do.

The ordinary way out runs on the event loop (save, then close the app). A closed terminal
once blocked that loop for ever inside Textual's output queue, and a handler *on* the loop
can then never run again: the process stayed alive, holding the database lock. So the two
signals are not delivered to any thread but one: :class:`ExitGuard` blocks them before the
app starts its threads (the mask is inherited) and waits for them in its own thread with
``sigwait``. On the first one it asks the app to save and leave, on the loop; if the
process is still there :data:`GRACE` seconds later (or a SIGTERM comes after the first
signal), it saves
from its own thread and ends the process with ``os._exit``, without touching the terminal.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable

#: Seconds the ordinary way out gets before the last resort.
GRACE = 2.0
#: Seconds the last-resort save may take before the process ends anyway.
SAVE_LIMIT = 2.0
SIGNALS = {signal.SIGHUP, signal.SIGTERM}


class ExitGuard:
    """Call :meth:`start` in the main thread before the app starts any thread.

    `leave` asks the app to save and exit (from another thread: it must only schedule work
    on the loop, and raise RuntimeError if there is no loop to schedule it on). `save`
    writes everything and returns True if it did; it is called from the guard's thread
    only when the loop did not finish in time.
    """

    def __init__(self, leave: Callable[[], None], save: Callable[[], bool]) -> None:
        self._leave = leave
        self._save = save
        self._last_resort_once = threading.Lock()

    def start(self) -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
        threading.Thread(target=self._watch, name="rebound-exit-guard", daemon=True).start()

    def _watch(self) -> None:
        signal.sigwait(SIGNALS)
        try:
            self._leave()
        except Exception:  # no loop (not started, or already closed): no time to lose
            self.last_resort()
        timer = threading.Timer(GRACE, self.last_resort)
        timer.daemon = True
        timer.start()
        # More SIGHUPs are the same closed terminal (the kernel, the shell, tmux and the
        # input thread each send one); a SIGTERM after the first signal means "now".
        while signal.sigwait(SIGNALS) != signal.SIGTERM:
            pass
        self.last_resort()

    def last_resort(self) -> None:
        """Save from this thread (at most SAVE_LIMIT seconds), then end the process."""
        if not self._last_resort_once.acquire(blocking=False):
            return
        saved: list[bool] = []

        def save() -> None:
            try:
                saved.append(self._save())
            except Exception:
                saved.append(False)

        saver = threading.Thread(target=save, name="rebound-last-save", daemon=True)
        saver.start()
        saver.join(SAVE_LIMIT)
        os._exit(0 if saved == [True] else 1)
