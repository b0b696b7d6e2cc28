"""One exercise on screen: its prompt, its guidance and the input for its kind.

Each exercise kind is a subclass; :mod:`rebound_tui.tui.widgets.fields` maps kind names to
them. A field is given its answer already loaded by the core's kind (:mod:`rebound_tui.core.kinds`:
the one place that knows every stored shape), shows it, and posts :class:`ExerciseField.Answered`
when the person changes it. It never reads the app or the store: :meth:`ExerciseField.reload`
brings it up to date when the answer changed elsewhere (an erase, a restore).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from rebound_tui.core.content import Exercise
from rebound_tui.core.kinds import NO_CONTEXT, ODD_NOTE, Context, Loaded, normalise


class ExerciseField(Vertical):
    """Base class: subclasses set ``kind`` and implement :meth:`make_input`."""

    DEFAULT_CSS = """
    ExerciseField {
        height: auto;
        margin: 0 0 1 0;
        padding: 0 1;
        border-left: wide $panel;
    }
    ExerciseField:focus-within {
        border-left: wide $accent;
    }
    ExerciseField > .prompt {
        text-style: bold;
        width: 1fr;
    }
    ExerciseField > .help {
        color: $text-muted;
        width: 1fr;
    }
    """

    kind: ClassVar[str] = ""

    class Answered(Message):
        """The person changed an answer; the screen hands it to the session."""

        def __init__(self, exercise: Exercise, value: Any) -> None:
            super().__init__()
            self.exercise = exercise
            self.value = value

    def __init__(
        self,
        exercise: Exercise,
        loaded: Loaded[Any] | None = None,
        context: Context = NO_CONTEXT,
    ) -> None:
        super().__init__(id=f"field-{exercise.id}")
        self.exercise = exercise
        self.context = context
        self.odd = loaded.odd if loaded is not None else False
        #: The canonical value shown, as loaded (subclasses keep their own working copy).
        self.initial: Any = None
        #: The value last shown or posted: what the person sees.
        self.shown: Any = None
        self.take(loaded.value if loaded is not None else None)

    def take(self, value: Any) -> None:
        """Hold ``value`` (the kind's canonical value) as the one to show. Subclasses that
        keep a working copy (a record, a composer's blanks) extend this."""
        self.initial = value
        self.shown = value

    async def reload(self, loaded: Loaded[Any], context: Context) -> None:
        """Show ``loaded`` if it differs from what is on screen (it changed elsewhere)."""
        if self.shows(loaded, context):
            self.context = context
            return
        self.context = context
        odd_changed = loaded.odd != self.odd
        self.odd = loaded.odd
        self.take(loaded.value)
        if odd_changed or not self.show(loaded.value):
            await self.recompose()

    def shows(self, loaded: Loaded[Any], context: Context) -> bool:
        """Whether the screen shows ``loaded`` already. What was last posted is in the stored
        shape, which may leave out what the kind fills in as it loads (a composer's unset
        ``reread``): both are compared as the kind reads them, or every return to a section
        rebuilt such a field (issue 13)."""
        return loaded.odd == self.odd and loaded.value == normalise(
            self.exercise, self.shown, context
        )

    def show(self, value: Any) -> bool:
        """Put ``value`` into the inputs in place (keeping focus and cursor), without posting
        a change. Returns False when the field must be built again instead (the default)."""
        return False

    def compose(self) -> ComposeResult:
        prompt = self.exercise.prompt
        if self.exercise.private:
            prompt += "  (private: never exported unless you ask)"
        yield Label(prompt, classes="prompt", markup=False)
        if self.exercise.help:
            yield Static(self.exercise.help, classes="help", markup=False)
        if self.odd:
            yield Static(ODD_NOTE, classes="help odd", markup=False)
        yield from self.compose_input()

    def compose_input(self) -> ComposeResult:
        """What follows the prompt and help; by default the one widget from make_input()."""
        yield self.steady(self.make_input())

    def make_input(self) -> Widget:
        raise NotImplementedError

    @property
    def reduced_motion(self) -> bool:
        """Motion is off app-wide (``--reduced-motion``, the snapshot tests)."""
        return self.app.animation_level == "none"

    def steady(self, widget: Widget) -> Widget:
        """Reduced motion means a steady cursor and no flash on pressed buttons (and steady
        snapshots). Fields wrap every focusable widget they make in this."""
        if hasattr(widget, "cursor_blink"):
            widget.cursor_blink = not self.reduced_motion
        if isinstance(widget, Button) and self.reduced_motion:
            widget.active_effect_duration = 0
        return widget

    def answer(self, value: Any) -> None:
        """Called by subclasses whenever the value changes. The value already shown is not
        news: inputs report the value they are filled with as they mount, and a section of
        tables answered that many times over as it opened (issue 13)."""
        if type(value) is type(self.shown) and value == self.shown:
            return
        self.shown = value
        self.post_message(self.Answered(self.exercise, value))
