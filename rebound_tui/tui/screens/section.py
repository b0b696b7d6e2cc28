"""One screen class for every section: the lesson, then its exercises, built from the content."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Label, Markdown

from rebound_tui.core.content import Section
from rebound_tui.tui.screens.entry_screen import EntryScreen, SaveWarning
from rebound_tui.tui.widgets.composer_field import ComposerField
from rebound_tui.tui.widgets.cool_off_note import CoolOffNote
from rebound_tui.tui.widgets.exercise_field import ExerciseField, field_for
from rebound_tui.tui.widgets.start_rating import StartRating
from rebound_tui.tui.widgets.support_nudge import SupportNudge


class SectionScreen(EntryScreen):
    def __init__(self, section: Section) -> None:
        super().__init__(name=section.id)
        self.section = section
        self.current = section.id

    def compose(self) -> ComposeResult:
        entry = self.rebound.entry
        internal = entry.internal if entry else False
        answers = self.rebound.answers().get(self.section.id, {})
        yield Header()
        yield SaveWarning()
        with Horizontal(id="main"):
            yield self.make_nav()
            with VerticalScroll(id="body"):
                with Vertical(id="lesson-pane"):
                    yield Label(
                        f"{self.section.number}. {self.section.title}",
                        id="section-title",
                        markup=False,
                    )
                    yield Markdown(self.section.lesson, id="lesson")
                with Vertical(id="exercise-pane"):
                    yield Label("Your turn", id="exercises-title")
                    for exercise in self.section.exercises_for(internal):
                        yield field_for(exercise, answers.get(exercise.id))
        yield SupportNudge()
        yield Footer(compact=True, show_command_palette=False)

    #: An exercise to show and focus once the screen is shown (search sets it).
    focus_request: str | None = None

    def on_mount(self) -> None:
        self.title = "Rebound"
        # Start on the lesson (PgUp/PgDn scroll it); Tab goes on to the first exercise.
        self.query_one("#body").focus()
        self.call_after_refresh(self._focus_requested)

    def on_screen_resume(self) -> None:
        """Coming back to a kept screen: other sections may have moved on meanwhile."""
        self.refresh_progress()
        for note in self.query(".entry-note"):  # a rating given elsewhere since
            if isinstance(note, CoolOffNote | StartRating):
                note.refresh_note()
        self.call_after_refresh(self._focus_requested)

    def _focus_requested(self) -> None:
        """Scroll the requested exercise to the top and focus its first input."""
        exercise_id, self.focus_request = self.focus_request, None
        for field in self.query(ExerciseField):
            if field.exercise.id == exercise_id:
                target = next((w for w in field.query("*") if w.focusable), None)
                field.scroll_visible(animate=False, top=True)
                if target is not None:
                    target.focus(scroll_visible=False)
                return

    @on(ExerciseField.Answered)
    def _answered(self, event: ExerciseField.Answered) -> None:
        self.rebound.record_answer(self.section.id, event.exercise.id, event.value)
        for composer in self.query(ComposerField):  # blanks that follow another answer, live
            if composer.exercise is not event.exercise:
                composer.source_answered(event.exercise.id, event.value)
        self.refresh_progress()
        if self.rebound.support_nudge_due(event.exercise, event.value):
            self.query_one(SupportNudge).show()
