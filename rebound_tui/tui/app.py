"""The Textual shell: navigation, saving on a timer and on exit, export from inside the app.

Everything that is not about the screen lives in the core modules (content, store, export,
progress, autosave); :func:`make_app` is the one place the CLI and the tests build the app.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from rebound_tui.core.entry_names import entry_title
from rebound_tui.core.export_file import ExportExists, write_export
from rebound_tui.core.progress import Progress, answer_rule
from rebound_tui.core.session import Session
from rebound_tui.core.storage.files import ensure_private_dir
from rebound_tui.core.storage.store import DatabaseDamaged, Entry, Store, StoreError
from rebound_tui.core.support_nudge import (
    NUDGED_SETTING,
    already_nudged,
    calls_for_support,
    with_nudged,
)
from rebound_tui.core.text import visible
from rebound_tui.tui import let_go, screen_catalog
from rebound_tui.tui.commands import AnswerSearch, ReboundCommands
from rebound_tui.tui.leaving import LeavingApp
from rebound_tui.tui.let_go import LetGoCommands
from rebound_tui.tui.screens.welcome import WELCOMED
from rebound_tui.tui.title import title_line

if TYPE_CHECKING:  # the entry's screens and their fields, the export and the content
    # folder's notes are imported on first use: launching to home needs none (issue 13)
    from rebound_tui.core.content import Exercise, Workbook
    from rebound_tui.tui.widgets.composer_field import ComposerField

APPLY_EVERY = 0.2  # seconds between handing keystrokes to the journal
SAVE_EVERY = 1.0  # seconds between saves of the database file
INDEX_AFTER = 0.5  # seconds after the start when the index is read whole, if it was not
NARROW_WIDTH, NARROW_HEIGHT = 80, 20  # below either: one column, sections in a one-line bar
WIDE_WIDTH, WIDE_HEIGHT = 140, 40  # from both: lesson and exercises side by side


class ReboundApp(LeavingApp):
    """A private workbook for the days after an interview rejection."""

    CSS_PATH = "app.tcss"
    TITLE = "Rebound"
    COMMANDS = App.COMMANDS | {ReboundCommands, LetGoCommands, AnswerSearch}
    SCREENS = screen_catalog.NAMED  # the others are made on first use (screen_catalog)
    BINDINGS = [
        Binding(
            "ctrl+q", "quit", "Quit", priority=True, tooltip="Quit (everything is saved first)"
        ),
        Binding("f1", "help", "Help", priority=True, tooltip="Help: every key"),
        Binding("question_mark", "help", "Help", show=False, tooltip="Help: every key"),
        Binding("f2", "support", "Support", priority=True, tooltip="More support: helplines"),
        Binding(
            "ctrl+l",
            "let_go",
            "Let go",
            show=False,
            tooltip="Let the private vent go: erase it, after asking",
        ),
    ]

    format_title = staticmethod(title_line)  # the header's line (title.py)
    #: One line saying why saving is failing, shown on every screen until a save succeeds.
    save_problem: reactive[str] = reactive("")

    def __init__(
        self,
        store: Store,
        workbook: Workbook,
        *,
        export_dir: Path | None = None,
        reduced_motion: bool = False,
    ) -> None:
        super().__init__()
        self.store = store
        self.workbook = workbook
        store.counts = answer_rule(workbook.sections)  # progress marks follow this content
        #: The open entry, its unsaved changes and the save state.
        self.session = Session(store, workbook)
        self.export_dir = export_dir or store.path.parent / "exports"
        self.reduced_motion = reduced_motion
        self._section_screens: list[str] = []
        self._nudged: set[int] = set()  # entries that had the pointer to F2 in this run
        if reduced_motion:
            self.animation_level = "none"

    # ----------------------------------------------------------------- life cycle

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        """Pick the layout for the terminal: one column when small, side by side when wide."""
        self.set_class(width < NARROW_WIDTH or height < NARROW_HEIGHT, "-narrow")
        self.set_class(width >= WIDE_WIDTH and height >= WIDE_HEIGHT, "-wide")
        # A new layout moves things around: bring whatever has the focus back into view.
        self.call_after_refresh(self._show_focused)

    def _show_focused(self) -> None:
        focused = self.screen.focused
        if focused is not None:
            focused.scroll_visible(animate=False)

    def on_mount(self) -> None:
        self._fit(self.size.width, self.size.height)
        theme = self.store.get_setting("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self.set_interval(APPLY_EVERY, self._apply_pending)
        self.set_interval(SAVE_EVERY, self.autosave)
        self._event_loop = asyncio.get_running_loop()
        self.push_screen("home")
        self.set_timer(INDEX_AFTER, self._read_index)
        if not self.store.get_setting(WELCOMED):
            self.push_screen("welcome")
        for notice in self.store.notices:
            self.notify(visible(notice), severity="warning", timeout=20, markup=False)

    @work(thread=True, group="index", exit_on_error=False)
    def _read_index(self) -> None:
        """The whole index, read while the person looks at home (a start reads only its newest
        page when it can: core/storage/home_page.py); what needs it sooner reads it then."""
        try:
            self.store.read_index()
        except StoreError as error:
            with contextlib.suppress(RuntimeError):  # the app has closed meanwhile
                self.call_from_thread(self.tell_store_error, error, timeout=60)

    def tell_store_error(self, error: StoreError, *, timeout: float = 30) -> None:
        """Say on screen, in one line naming the file, why the store refused."""
        said = error.message(in_app=True) if isinstance(error, DatabaseDamaged) else str(error)
        self.notify(visible(said), severity="error", timeout=timeout, markup=False)

    def watch_theme(self, theme: str) -> None:
        if not self.store.read_only and self.store.get_setting("theme") != theme:
            self.store.set_setting("theme", theme)

    def _apply_pending(self) -> None:
        self.session.apply()

    def save_now(self) -> bool:
        """Save everything typed so far, here and now (quit, export, signals, crash).

        Never raises: a failure becomes a lasting warning. A write running in the worker is
        waited for by the store's own lock, then this one writes whatever came after it.
        """
        ok = self.session.save()
        self.save_problem = self.session.problem
        if ok:
            self.saved_at = datetime.now()
        return ok

    def autosave(self) -> None:
        """The timed and between-screens save: journal now (cheap), write the file in a thread.

        Writing a big database takes long enough to stutter typing if it ran on the event
        loop; what was typed is already safe in the journal once ``apply`` returns.
        """
        self.session.apply()
        if self.session.needs_writing:
            self._write_in_thread()

    @work(thread=True, group="autosave", exit_on_error=False)
    def _write_in_thread(self) -> None:
        if self.session.write():
            self.saved_at = datetime.now()
        problem = self.session.problem
        if problem != self.save_problem:
            with contextlib.suppress(RuntimeError):  # the app has closed; the CLI saves again
                self.call_from_thread(setattr, self, "save_problem", problem)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands, "Keys" being Rebound's help page (Textual's key panel squeezes
        the lesson, Esc does not close it), minus "Screenshot" (answers to Downloads)."""
        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                yield SystemCommand("Keys", "Every key that works on this screen", self.action_help)
            elif command.title != "Screenshot":
                yield command

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+l is offered only on a screen that shows the private vent."""
        return action != "let_go" or bool(getattr(self.screen, "shows_private", False))

    # ----------------------------------------------------------------- state

    @property
    def entry_id(self) -> int | None:
        return self.session.entry_id

    @property
    def entry(self) -> Entry | None:
        """The open entry's facts; its answers are :meth:`answers`."""
        return self.session.entry

    def answers(self) -> dict[str, dict[str, Any]]:
        return self.session.answers()

    def progress(self) -> list[Progress]:
        return self.session.progress()

    def support_nudge_due(self, exercise: Exercise, value: Any) -> bool:
        """Whether this answer brings up the line pointing to F2 (once per entry, remembered)."""
        entry_id = self.entry_id
        if entry_id is None or entry_id in self._nudged or not calls_for_support(exercise, value):
            return False
        self._nudged.add(entry_id)
        setting = self.store.get_setting(NUDGED_SETTING)
        if already_nudged(setting, entry_id):
            return False
        if not self.store.read_only:
            self.store.set_setting(NUDGED_SETTING, with_nudged(setting, entry_id))
        return True

    def record_answer(self, section_id: str, exercise_id: str, value: Any) -> None:
        self.session.record(section_id, exercise_id, value)

    # ----------------------------------------------------------------- navigation

    def read_entries(self) -> list[Entry]:
        """Every entry that can be read, for the views across entries (an entry whose file
        cannot be read is left out, and the person is told). Safe from a worker thread."""
        from rebound_tui.core.patterns import read_entries  # on first use: launch needs none
        from rebound_tui.tui.across import tell_left_out

        left_out: list[str] = []
        found = read_entries(self.store, left_out)
        tell_left_out(self, left_out)
        return found

    def open_entry(self, entry_id: int, section_id: str | None = None) -> None:
        self.autosave()
        self._back_to_home()
        if entry_id != self.entry_id:
            self._forget_section_screens()
        try:
            entry = self.session.open(entry_id)
        except StoreError as error:  # a damaged entry file: the others still open
            self.tell_store_error(error)
            return
        self.sub_title = entry_title(entry)
        self.push_screen(self._section_screen(section_id or self._first_unfinished()))

    def _back_to_home(self) -> None:
        """Entry screens sit on top of home (the stack is: default, home, entry screen)."""
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def _section_screen(self, section_id: str) -> str:
        """The open entry's screen for a section, built on the first visit and kept after.

        Keeping it makes every later visit instant (nothing to compose) and keeps each
        field's cursor and scroll position where the person left them.
        """
        name = f"section-{self.entry_id}-{section_id}"
        if not self.is_screen_installed(name):
            self.install_screen(screen_catalog.section(self.workbook.section(section_id)), name)
            self._section_screens.append(name)
        return name

    def _forget_section_screens(self) -> None:
        for name in self._section_screens:
            self.uninstall_screen(name)
        self._section_screens.clear()

    def _first_unfinished(self) -> str:
        for section, state in zip(self.workbook.sections, self.progress(), strict=True):
            if state is not Progress.DONE:
                return section.id
        return self.workbook.sections[0].id

    def go_to(self, target: str) -> None:
        """Show a section (by id) or the summary, saving first."""
        if self.entry_id is None:
            self.notify("Open or start an entry first.", severity="warning")
            return
        self.autosave()
        screen = screen_catalog.summary() if target == "summary" else self._section_screen(target)
        if len(self.screen_stack) > 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def go_home(self) -> None:
        self.save_now()
        self._back_to_home()  # home resumes and lists the entries afresh
        self._forget_section_screens()
        self.session.close()
        self.sub_title = ""

    def action_help(self) -> None:
        screen_catalog.toggle_help(self)  # F1 again closes it

    def action_let_go(self) -> None:
        let_go.ask(self)

    def action_support(self) -> None:
        # The help page over the support page: F2 goes back to it, not to a second copy.
        while screen_catalog.is_help(self.screen) and screen_catalog.is_page(self.screen_stack[-2]):
            self.pop_screen()
        if not screen_catalog.is_page(self.screen):
            from rebound_tui.core.content_folder import support_page_note

            note = support_page_note(self.workbook)
            self.push_screen(screen_catalog.page(self.workbook.support, note=note, id="support"))

    # ----------------------------------------------------------------- export

    def on_composer_field_save_requested(self, event: ComposerField.SaveRequested) -> None:
        """Save a composed note (thank-you, feedback request) to a private file."""
        path = self.export_dir / f"rebound-{self.entry_id or 0}-{event.exercise.id}.txt"
        try:
            ensure_private_dir(self.export_dir)
            write_export(path, event.text, replace=True)  # never through a link
        except OSError as error:
            self.notify(f"Could not save to {path}: {error}", severity="error", timeout=15)
            return
        self.notify(f"Saved to {path}", title="Saved (only you can read it)", timeout=15)

    def ask_export(self) -> None:
        """The export key: ask Markdown or web page, then write it (asking before replacing)."""
        if self.entry is None:
            self.notify("Open or start an entry first.", severity="warning")
            return

        def chosen(fmt: str | None) -> None:
            if fmt is not None:
                self.export_entry(fmt)

        self.push_screen(screen_catalog.export_choice(), chosen)

    def export_entry(self, fmt: str = "md", *, replace: bool = False) -> Path | None:
        """Write the open entry's summary (0600) in ``fmt`` ("md" or "html"); say where.

        A file already there is replaced only after asking; a link there is never followed.
        """
        entry = self.entry
        if entry is None:
            self.notify("Open or start an entry first.", severity="warning")
            return None
        from rebound_tui.core.export import render

        self.save_now()
        entry = self.store.get(entry.id)
        now = datetime.now()
        path = self.export_dir / f"rebound-{entry.id}-{now:%Y%m%d-%H%M%S}.{fmt}"
        try:
            ensure_private_dir(self.export_dir)
            write_export(path, render([entry], self.workbook, fmt, now=now), replace=replace)
        except ExportExists:
            self._ask_replace(path, fmt)
            return None
        except OSError as error:
            self.notify(f"Could not export: {error}", severity="error", timeout=15)
            return None
        self.notify(f"Saved to {path}", title="Exported (private vent left out)", timeout=15)
        return path

    def _ask_replace(self, path: Path, fmt: str) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.export_entry(fmt, replace=True)

        question = screen_catalog.confirm(
            "Replace the file?",
            f"{path} already exists. Replace it with this export?",
            yes="Replace",
        )
        self.push_screen(question, answered)


def make_app(
    store: Store,
    workbook: Workbook,
    *,
    export_dir: Path | None = None,
    reduced_motion: bool = False,
) -> ReboundApp:
    """The one factory for the app, used by the CLI and the tests."""
    return ReboundApp(
        store,
        workbook,
        export_dir=export_dir,
        reduced_motion=reduced_motion,
    )
