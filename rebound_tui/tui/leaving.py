"""Every way out of the app: ctrl+q, SIGHUP/SIGTERM (also with a stuck loop), a crash.

Whatever the way, what was typed is saved first. An exit the app did not mean (a crash, the
input thread dying) leaves ``left_on_purpose`` False, and the CLI then exits non-zero. While
some text cannot be written anywhere (a full disk stopped both the save and the journal),
ctrl+q says so and offers to stay, to write the text to a file the person names, or to quit
and lose it; ``unsaved_note`` then tells the CLI what to say (and to exit non-zero). A way
out that cannot ask (SIGTERM, a closed terminal, a crash) writes that text to a rescue file
instead (core/storage/rescue.py) and names it in one line on stderr.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rebound_tui.core.storage.store import Store, StoreError
from rebound_tui.core.text import visible
from rebound_tui.tui.exit_guard import ExitGuard
from rebound_tui.tui.pending_input import queued_answers, settle
from rebound_tui.tui.textual_compat import CompatApp

if TYPE_CHECKING:  # what only leaving with unsaved text needs is imported then (issue 13)
    from rebound_tui.core.content import Workbook
    from rebound_tui.core.session import Session
    from rebound_tui.tui.screens.unsaved_quit import Choice


class LeavingApp(CompatApp):
    store: Store
    workbook: Workbook
    session: Session
    #: Set by every way out the app means to take (quit, signal); anything else is a crash.
    left_on_purpose = False
    #: When the last save succeeded (None: not in this session).
    saved_at: datetime | None = None
    #: For the CLI: what became of text that could not be saved (None: nothing unsaved).
    unsaved_note: str | None = None
    _event_loop: asyncio.AbstractEventLoop | None = None
    #: Held while the line about unsaved text is made and said (the CLI and the exit guard).
    _unsaved_lock = threading.Lock()
    _unsaved_said = False

    def save_now(self) -> bool:
        raise NotImplementedError

    def record_answer(self, section_id: str, exercise_id: str, value: object) -> None:
        raise NotImplementedError

    def _take_queued_answers(self) -> None:
        """Record answers still travelling as messages (typed just before a quit or crash)."""
        for section_id, exercise_id, value in queued_answers(self):
            self.record_answer(section_id, exercise_id, value)

    def run_in_terminal(self) -> None:
        """Run in a real terminal, leaving within seconds of SIGHUP or SIGTERM whatever the
        loop and the terminal do (see exit_guard).

        Everything made before (modules, workbook, index) lasts as long as the app, so it is
        set aside from the cycle collector: no collection walks it again (a full one came
        just before the first screen was drawn, ~40 ms of a launch: issue 13).
        """
        ExitGuard(self.request_leave, self.last_resort_save).start()
        gc.freeze()
        self.run()

    def request_leave(self) -> None:
        """SIGTERM or SIGHUP (terminal closed), from any thread: save and leave, on the loop.

        Raises RuntimeError if the loop is not running (the exit guard then saves itself).
        """
        loop = self._event_loop
        if loop is None or loop.is_closed():
            raise RuntimeError("the app's event loop is not running")
        loop.call_soon_threadsafe(self._save_and_exit)

    def _save_and_exit(self) -> None:
        self.left_on_purpose = True
        self._take_queued_answers()
        self.save_now()
        self.exit(0)

    def last_resort_save(self) -> bool:
        """Save from another thread while the loop is stuck (see exit_guard); True if saved.

        Text that can be neither saved nor journaled goes to a rescue file, said on stderr.
        """
        for _attempt in range(2):  # the loop may be moving after all and apply in between
            try:
                self._take_queued_answers()
                if self.session.save():
                    return True
                break
            except (RuntimeError, KeyError):
                continue
        if self.store.at_risk:
            self.say_unsaved()
        return False

    def say_unsaved(self) -> None:
        """Say once, in one line on stderr, what became of text that could not be saved:
        the person's choice when quitting, or else a rescue file written now."""
        with self._unsaved_lock:
            if self._unsaved_said:
                return
            self._unsaved_said = True
            reason = _short(self.session.problem or "cannot save")
            if self.unsaved_note:
                line = f"rebound: {visible(self.unsaved_note)} ({visible(reason)})."
            else:
                line = f"rebound: {visible(self._rescue(reason))}."
        # A closed terminal cannot show it: the rescue file is there all the same.
        with contextlib.suppress(OSError, ValueError):
            if self.is_running:  # the exit guard, with the loop stuck: past Textual's capture
                os.write(2, f"\r\n{line}\r\n".encode("utf-8", "replace"))
            else:
                print(line, file=sys.stderr, flush=True)

    def _rescue(self, reason: str) -> str:
        """Write the entries that have unsaved changes (private writing included) to a
        rescue file; the note that says where, or that nothing could take it."""
        from rebound_tui.core.export import render
        from rebound_tui.core.storage.rescue import RescueFailed, rescue_places, write_rescue

        now = datetime.now()
        entries = []
        for entry_id in self.store.unsaved_entries():
            with contextlib.suppress(StoreError):
                entries.append(self.store.get(entry_id))
        what = f"what you typed {self.unsaved_since()} could not be saved ({reason})"
        if not entries:
            return what
        text = _RESCUE_HEAD + render(entries, self.workbook, "md", include_private=True, now=now)
        try:
            path = write_rescue(text, rescue_places(self.store.path), now)
        except RescueFailed as error:
            return f"{what} and was lost: a rescue file {error}"
        return f"{what}; it is kept in {path}, a file only you can read"

    def before_crash(self) -> None:
        self._take_queued_answers()  # the crash must not drop what was just typed

    async def action_quit(self) -> None:
        from rebound_tui.tui.screens.unsaved_quit import UnsavedQuitScreen

        if isinstance(self.screen, UnsavedQuitScreen):
            return  # the question is on screen: it is answered there
        await settle(self)  # keys typed just before ctrl+q reach their fields first
        self._take_queued_answers()
        if not self.save_now() and self.store.at_risk:
            self._ask_before_losing()
            return
        self.left_on_purpose = True
        self.exit(0)

    def unsaved_since(self) -> str:
        return f"since {self.saved_at:%H:%M}" if self.saved_at else "in this session"

    def _ask_before_losing(self) -> None:
        from rebound_tui.core.export import render
        from rebound_tui.tui.screens.unsaved_quit import UnsavedQuitScreen

        now = datetime.now()
        entries = []
        for summary in self.store.entries():
            with contextlib.suppress(StoreError):  # a damaged file has nothing new in it
                entries.append(self.store.get(summary.id))
        everything = render(entries, self.workbook, "md", include_private=True, now=now)
        reason = self.session.problem or "cannot save"
        since = self.unsaved_since()
        question = UnsavedQuitScreen(_short(reason), since, everything, now)

        def answered(choice: Choice | None) -> None:
            if choice is None or choice == "stay":
                return
            what = f"what you typed {since} is not in the workbook"
            if isinstance(choice, Path):
                self.unsaved_note = f"{what}; all your entries were written to {choice}"
            else:
                self.unsaved_note = f"{what} and was lost (you chose to quit anyway)"
            self.left_on_purpose = True
            self.exit(0)

        self.push_screen(question, answered)


_RESCUE_HEAD = (
    "<!-- Rebound had to stop while it could not save: this file holds every entry that had "
    "unsaved changes, your private writing included. Copy back what you need, then delete "
    "this file. -->\n\n"
)


def _short(reason: str) -> str:
    """The OS reason from a SaveFailed message ("cannot save X: REASON; your changes …")."""
    return reason.split(": ", 1)[-1].split(";", 1)[0]
