"""The open entry: its answers as the person sees them, what is not saved yet, the save state,
and letting the private writing go. No Textual import.

There is one :class:`Session` per app. Fields post their changes; the section screen hands each
to :meth:`Session.record`, which takes it at once into :attr:`Session.answers` (what every screen
shows) and holds it as pending. Every ~200 ms :meth:`Session.apply` moves pending changes into
the store, which journals them; every second, on every screen change and on exit the file is
written (:meth:`Session.write`, safe in a worker thread, or :meth:`Session.save`). Whatever a
crash handler still has to write is in :attr:`Session.pending`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rebound_tui.core.storage.store import Entry, SaveFailed, Store, StoreError

if TYPE_CHECKING:  # the kinds are imported when an entry is opened: launching to the
    # home screen needs none of them (issue 13)
    from rebound_tui.core import kinds
    from rebound_tui.core.content import Exercise, Section, Workbook
    from rebound_tui.core.kinds.base import Context
    from rebound_tui.core.progress import Progress

Key = tuple[int, str, str]
Answers = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Erased:
    """What letting go did: ``ok`` when the writing is gone from every file, else why not."""

    ok: bool
    problem: str = ""


class Session:
    """The one owner of the open entry's answers, its unsaved changes and its save state."""

    def __init__(self, store: Store, workbook: Workbook) -> None:
        self.store = store
        self.workbook = workbook
        self.entry_id: int | None = None
        #: Changes not yet handed to the store, oldest first (entry, section, exercise) → value.
        self.pending: dict[Key, Any] = {}
        #: Why the last save failed; "" while saving works.
        self.problem = ""
        self._answers: Answers = {}
        self._entry: Entry | None = None
        self._writing = threading.Lock()

    # ----------------------------------------------------------------- the open entry

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def open(self, entry_id: int) -> Entry:
        """Open an entry (saving nothing: the caller saves the one before). Raises UnknownEntry."""
        entry = self.store.get(entry_id)
        self.entry_id = entry_id
        self._entry = entry
        self._answers = entry.answers
        for (pending_entry, section_id, exercise_id), value in self.pending.items():
            if pending_entry == entry_id:
                self._answers.setdefault(section_id, {})[exercise_id] = value
        return entry

    def close(self) -> None:
        self.entry_id = None
        self._entry = None
        self._answers = {}

    def reload(self) -> None:
        """Read the open entry again from the store (after an erase, a restore, an edit of its
        facts), keeping what is still pending."""
        if self.entry_id is not None:
            self.open(self.entry_id)

    @property
    def entry(self) -> Entry | None:
        """The open entry's facts (its answers are :meth:`answers`)."""
        return self._entry

    def answers(self) -> Answers:
        """Every answer of the open entry as the person sees them (saved and pending). The
        session's own dict: read it, change it only through :meth:`record`."""
        return self._answers

    def section_answers(self, section_id: str) -> dict[str, Any]:
        return self._answers.setdefault(section_id, {})

    def context(self, section_id: str) -> Context:
        """What an answer in ``section_id`` is read with; it follows later changes."""
        from rebound_tui.core.kinds.base import Context, entry_facts

        facts = entry_facts(self._entry) if self._entry else {}
        return Context(self.section_answers(section_id), self._answers, facts)

    def loaded(self, section_id: str, exercise: Exercise) -> kinds.Loaded[Any]:
        """An exercise's answer as its kind loads it: what its field shows."""
        from rebound_tui.core import kinds

        context = self.context(section_id)
        return kinds.load(exercise, context.section.get(exercise.id), context)

    def value(self, section_id: str, exercise_id: str) -> Any:
        return self._answers.get(section_id, {}).get(exercise_id)

    def progress(self) -> list[Progress]:
        from rebound_tui.core.progress import entry_progress

        internal = self._entry.internal if self._entry else False
        return entry_progress(self.workbook.sections, self._answers, internal)

    def record(self, section_id: str, exercise_id: str, value: Any) -> None:
        """A change the person made; it is what every screen shows from now on."""
        if self.entry_id is None:
            return
        self.section_answers(section_id)[exercise_id] = value
        key = (self.entry_id, section_id, exercise_id)
        self.pending.pop(key, None)  # keep the order of changes: the newest goes last
        self.pending[key] = value

    # ----------------------------------------------------------------- saving

    def apply(self) -> None:
        """Hand pending changes to the store, which appends them to its journal."""
        if self.store.read_only:
            return
        while self.pending:
            (entry_id, section_id, exercise_id), value = next(iter(self.pending.items()))
            self.store.set_answer(entry_id, section_id, exercise_id, value)
            del self.pending[(entry_id, section_id, exercise_id)]

    @property
    def needs_writing(self) -> bool:
        """Something was applied that the file does not hold yet, and no write is running."""
        return self.store.dirty and not self.store.read_only and not self._writing.locked()

    def save(self) -> bool:
        """Apply and write the file, here and now. False (everything kept) if it cannot."""
        if self.store.read_only:
            return True
        self.apply()
        return self.write()

    def write(self) -> bool:
        """Write what was applied, without applying: safe to call from a worker thread.

        ``apply`` touches ``pending``, which the UI thread owns, so it stays there (it is cheap:
        one journal line per changed answer). Returns False (keeping everything) on failure,
        with the reason in :attr:`problem`.
        """
        if self.store.read_only:
            return True
        with self._writing:
            try:
                self.store.flush()
            except SaveFailed as error:
                self.problem = str(error) or "cannot save"
                return False
        self.problem = ""
        return True

    # ----------------------------------------------------------------- letting go

    def private_exercises(self) -> Iterator[tuple[Section, Exercise]]:
        for section in self.workbook.sections:
            for exercise in section.exercises:
                if exercise.private:
                    yield section, exercise

    def has_private_writing(self) -> bool:
        from rebound_tui.core import kinds

        return any(
            kinds.is_answered(e, self.value(s.id, e.id)) for s, e in self.private_exercises()
        )

    def erase_private(self) -> Erased:
        """Erase the open entry's private writing from the answers, the file, the journal
        and the backup copies. Every field shows the erase when its screen is next shown."""
        if self.entry_id is None:
            return Erased(False, "no entry is open")
        if self.store.read_only:
            return Erased(False, "this window is read-only")
        private = [(section.id, exercise.id) for section, exercise in self.private_exercises()]
        for section_id, exercise_id in private:
            self.record(section_id, exercise_id, None)
        if not self.save():
            return Erased(False, self.problem)
        try:  # every copy Rebound wrote (backups, migration backups) must not keep it either
            self.store.erase_answers(self.entry_id, private)
        except StoreError as error:
            return Erased(False, f"a copy still holds it: {error}")
        return Erased(True)
