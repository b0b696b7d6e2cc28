"""What every screen of an open entry shares: the section list, the keys, the save warning."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.binding import Binding
from textual.widgets import TextArea

from rebound_tui.core.progress import Progress
from rebound_tui.tui.textual_compat import KeptScreen
from rebound_tui.tui.widgets.exercise_field import ExerciseField
from rebound_tui.tui.widgets.save_warning import SaveWarning
from rebound_tui.tui.widgets.section_bar import SectionBar
from rebound_tui.tui.widgets.section_nav import SectionNav

__all__ = ["EntryScreen", "SaveWarning"]  # SaveWarning's old home, kept for importers

if TYPE_CHECKING:
    from rebound_tui.tui.app import ReboundApp


class EntryScreen(KeptScreen):
    """Base for section and summary screens."""

    current = ""

    BINDINGS = [
        Binding(
            "1",
            "section(1)",
            "Sections",
            key_display="1-5",
            show=False,
            tooltip="Go to section 1 to 5",
        ),
        Binding("2", "section(2)", "", show=False),
        Binding("3", "section(3)", "", show=False),
        Binding("4", "section(4)", "", show=False),
        Binding("5", "section(5)", "", show=False),
        Binding("n", "next_section", "Next", tooltip="Next section"),
        Binding("b", "previous_section", "Back", tooltip="Previous section"),
        Binding("s", "summary", "Summary", tooltip="Summary of everything in this entry"),
        Binding("e", "export", "Export", tooltip="Export this entry: Markdown or a web page"),
        Binding("h", "home", "Home", tooltip="Home: start or reopen an entry"),
        Binding(
            "escape",
            "leave_field",
            "Leave",
            tooltip="Leave a field (then the letter keys work)",
        ),
    ]

    @property
    def rebound(self) -> ReboundApp:
        return cast("ReboundApp", self.app)

    def on_mount(self) -> None:
        self.lock_if_read_only()

    def lock_if_read_only(self) -> None:
        """In a read-only window the answers can be read and scrolled, not changed."""
        if not self.rebound.store.read_only:
            return
        for field in self.query(ExerciseField):
            for widget in field.query("*"):
                if isinstance(widget, TextArea):
                    widget.read_only = True
                elif widget.can_focus:
                    widget.disabled = True

    _shown: list[Progress] | None = None

    def make_nav(self) -> SectionNav:
        self._shown = self.rebound.progress()
        return SectionNav(self.rebound.workbook.sections, self._shown, self.current)

    def make_bar(self) -> SectionBar:
        """The one-line stand-in for the section list below 80 columns (see app.tcss)."""
        progress = self.rebound.progress()
        return SectionBar(self.rebound.workbook.sections, progress, self.current)

    def refresh_progress(self) -> None:
        """Redraw the section list only when a section's state changed (not on every key)."""
        progress = self.rebound.progress()
        if progress != self._shown:
            self._shown = progress
            self.query_one(SectionNav).show_progress(progress)
            self.query_one(SectionBar).show_progress(progress)

    @on(SectionNav.Chosen)
    def _chosen(self, event: SectionNav.Chosen) -> None:
        if event.target != self.current:
            self.rebound.go_to(event.target)

    def _ids(self) -> list[str]:
        return [s.id for s in self.rebound.workbook.sections]

    def action_section(self, number: int) -> None:
        ids = self._ids()
        if 1 <= number <= len(ids) and ids[number - 1] != self.current:
            self.rebound.go_to(ids[number - 1])

    def action_next_section(self) -> None:
        order = [*self._ids(), "summary"]
        index = order.index(self.current) if self.current in order else -1
        if index + 1 < len(order):
            self.rebound.go_to(order[index + 1])
        else:
            self.notify("This is the summary, the last page: e exports it, h goes home.")

    def action_previous_section(self) -> None:
        order = [*self._ids(), "summary"]
        index = order.index(self.current) if self.current in order else len(order)
        if index > 0:
            self.rebound.go_to(order[index - 1])
        else:
            self.notify("This is the first section: h goes home, n goes to the next one.")

    def action_summary(self) -> None:
        if self.current != "summary":
            self.rebound.go_to("summary")

    def action_export(self) -> None:
        self.rebound.ask_export()

    def action_home(self) -> None:
        self.rebound.go_home()

    #: Single-key actions: inside an exercise the keys belong to the exercise instead.
    LETTER_ACTIONS = frozenset(
        {"section", "next_section", "previous_section", "summary", "export", "home"}
    )

    def _in_field(self) -> bool:
        focused = self.focused
        return focused is not None and any(
            isinstance(node, ExerciseField) for node in focused.ancestors_with_self
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Letters and digits move around only outside the exercises; Esc leaves one.

        Someone typing into what they think is a text box, while a checklist or a button has
        the focus, must not be sent to another section or start an export.
        """
        if action == "leave_field":
            return self._in_field()
        if action == "summary" and self.current == "summary":
            return False  # s does nothing on the summary itself: no "s Summary" hint there
        if action in self.LETTER_ACTIONS:
            return not self._in_field()
        return True

    def action_leave_field(self) -> None:
        """Escape from a text field to the section list (or, when the list is folded into the
        one-line bar, to the page), where the letter keys work again."""
        nav = self.query_one(SectionNav)
        if nav.display:
            nav.focus()
        else:
            self.query_one(".page-body").focus()
