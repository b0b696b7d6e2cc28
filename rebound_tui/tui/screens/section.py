"""One screen class for every section: the lesson, then its exercises, built from the content."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Label, Markdown

from rebound_tui.core.content import Section
from rebound_tui.tui.screens.entry_screen import EntryScreen, SaveWarning
from rebound_tui.tui.textual_compat import PageScroll
from rebound_tui.tui.widgets.composer_field import ComposerField
from rebound_tui.tui.widgets.cool_off_note import CoolOffNote
from rebound_tui.tui.widgets.exercise_field import ExerciseField
from rebound_tui.tui.widgets.fields import field_for
from rebound_tui.tui.widgets.key_footer import KeyFooter
from rebound_tui.tui.widgets.start_rating import StartRating
from rebound_tui.tui.widgets.support_nudge import SupportNudge
from rebound_tui.tui.widgets.timed_writing_field import TimedWritingField


class SectionScreen(EntryScreen):
    def __init__(self, section: Section) -> None:
        super().__init__(name=section.id)
        self.section = section
        self.current = section.id
        self._focus_on: str | None = None  # an exercise to scroll to and focus once shown
        self._fields: list[ExerciseField] = []  # built in compose, mounted after first paint
        self.ready = False  # every exercise is mounted

    @property
    def shows_private(self) -> bool:
        """Whether this section holds private writing (the vent), which ctrl+l erases."""
        return any(exercise.private for exercise in self.section.exercises)

    def compose(self) -> ComposeResult:
        entry = self.rebound.entry
        internal = entry.internal if entry else False
        stage = entry.stage if entry else ""
        session = self.rebound.session
        context = session.context(self.section.id)
        yield Header()
        yield SaveWarning()
        yield self.make_bar()
        with Horizontal(id="main"):
            yield self.make_nav()
            with PageScroll(id="body", classes="page-body"):
                with Vertical(id="lesson-pane"):
                    yield Label(
                        f"{self.section.number}. {self.section.title}",
                        id="section-title",
                        markup=False,
                    )
                    yield Markdown(
                        self.section.lesson_for(stage=stage, internal=internal), id="lesson"
                    )
                with Vertical(id="exercise-pane"):
                    yield Label("Your turn", id="exercises-title")
        yield SupportNudge()
        yield KeyFooter()  # redrawn only when its keys change (SteadyFooter)
        shown = [
            e.for_facts(stage=stage, internal=internal)
            for e in self.section.exercises_for(internal)
        ]
        self._fields = [
            field_for(exercise, session.loaded(self.section.id, exercise), context)
            for exercise in shown
        ]

    #: An exercise to show and focus once the screen is shown (search sets it).

    def on_mount(self) -> None:
        self.title = "Rebound"
        if self._focus_on is None:
            # Start on the lesson (PgUp/PgDn scroll it); Tab goes on to the first exercise.
            self.query_one("#body").focus()
        # The lesson is what a person sees first: paint it now, the exercises right after.
        self.query_one("#exercise-pane").call_later(self._mount_exercises)

    async def _mount_exercises(self) -> None:
        """The exercises (hundreds of widgets) after the first paint, in their order, so the
        section opens at once; focus order and everything else end up the same."""
        fields, self._fields = self._fields, []
        read_only = self.rebound.store.read_only
        for field in fields:  # in a read-only window nothing takes a key before the lock
            field.disabled = read_only
        await self.query_one("#exercise-pane").mount_all(fields)
        self.lock_if_read_only()
        for field in fields:  # the lock has disabled or made read-only each part itself
            field.disabled = False
        self.ready = True
        if not self.is_current:  # left before its exercises were there
            self.call_later(self.lay_out_while_away)
        if self._focus_on is not None:
            self.call_after_refresh(self._focus_exercise)

    async def on_screen_resume(self) -> None:
        """Coming back to a kept screen (or from a dialog): other sections may have moved on,
        and an answer may have changed elsewhere (let go, a restore). Every field shows what
        the session holds now."""
        self.refresh_progress()
        for note in self.query(".entry-note"):  # a rating given elsewhere since
            if isinstance(note, CoolOffNote | StartRating):
                note.refresh_note()
        session = self.rebound.session
        context = session.context(self.section.id)
        for field in self.query(ExerciseField):
            await field.reload(session.loaded(self.section.id, field.exercise), context)
        if self._focus_on is not None and self.ready:
            self.call_after_refresh(self._focus_exercise)

    def on_screen_suspend(self) -> None:
        """Leaving: a running writing timer is kept as shown, to go on when it is back."""
        for field in self.query(TimedWritingField):
            field.keep_timer()

    def focus_exercise(self, exercise_id: str) -> None:
        """Scroll to an exercise and put the focus in it, now or as soon as this is shown."""
        self._focus_on = exercise_id
        if self.is_current and self.ready:
            self.call_after_refresh(self._focus_exercise)

    def _focus_exercise(self) -> None:
        exercise_id, self._focus_on = self._focus_on, None
        if exercise_id is None:
            return
        fields = self.query(f"#field-{exercise_id}").results(ExerciseField)
        field = next(fields, None)
        if field is None:
            return
        target = next((w for w in field.query("*") if w.focusable), None)
        if target is not None:
            self.set_focus(target, scroll_visible=False)
        # The prompt at the top of the view, not just the input somewhere on screen.
        field.scroll_visible(animate=False, top=True)

    @on(ExerciseField.Answered)
    def _answered(self, event: ExerciseField.Answered) -> None:
        self.rebound.record_answer(self.section.id, event.exercise.id, event.value)
        for composer in self.query(ComposerField):  # blanks that follow another answer, live
            if composer.exercise is not event.exercise:
                composer.source_answered(event.exercise.id, event.value)
        self.refresh_progress()
        if self.rebound.support_nudge_due(event.exercise, event.value):
            self.query_one(SupportNudge).show()
