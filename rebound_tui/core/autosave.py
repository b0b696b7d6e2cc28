"""Keep what the person types safe between keystrokes and the database. No Textual import.

Changes arrive on every keystroke and are held here; the app moves them into the store (which
journals them) every ~200 ms and saves the file every second, on every screen change and on
exit. Anything held here is what a crash handler still has to write.
"""

from __future__ import annotations

from typing import Any

from rebound_tui.core.storage.store import SaveFailed, Store

Key = tuple[int, str, str]


class Autosaver:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.pending: dict[Key, Any] = {}
        self.last_error: str | None = None

    def record(self, entry_id: int, section_id: str, exercise_id: str, value: Any) -> None:
        self.pending[(entry_id, section_id, exercise_id)] = value

    def answers(self, entry_id: int) -> dict[str, dict[str, Any]]:
        """The entry's answers as the person sees them: saved ones overlaid with pending ones."""
        merged = {s: dict(a) for s, a in self.store.get(entry_id).answers.items()}
        for (pending_entry, section_id, exercise_id), value in self.pending.items():
            if pending_entry == entry_id:
                merged.setdefault(section_id, {})[exercise_id] = value
        return merged

    def apply(self) -> None:
        """Hand pending changes to the store, which appends them to its journal."""
        if self.store.read_only:
            return
        while self.pending:
            (entry_id, section_id, exercise_id), value = next(iter(self.pending.items()))
            self.store.set_answer(entry_id, section_id, exercise_id, value)
            del self.pending[(entry_id, section_id, exercise_id)]

    def save(self) -> bool:
        """Apply and write the file. Returns False (and keeps everything) if it cannot write."""
        if self.store.read_only:
            return True
        self.apply()
        return self.write()

    def write(self) -> bool:
        """Write what was applied, without applying: safe to call from a worker thread.

        `apply()` touches `pending`, which the UI thread owns, so it stays on the UI thread
        (it is cheap: one journal line per changed answer). `Store.flush` is thread-safe and
        holds the store's lock only while it collects the changed entries; the disk write,
        which is most of a save, runs outside it. Returns False (keeping everything) on
        failure, with the reason in `last_error`.
        """
        if self.store.read_only:
            return True
        try:
            self.store.flush()
        except SaveFailed as error:
            self.last_error = str(error)
            return False
        self.last_error = None
        return True
