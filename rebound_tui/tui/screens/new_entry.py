"""The form that starts a new entry: what happened, in a few fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from rebound_tui.core import dates
from rebound_tui.core.stages import STAGES
from rebound_tui.tui.widgets.cells import StartInput
from rebound_tui.tui.widgets.key_footer import KeyFooter
from rebound_tui.tui.widgets.marked_toggles import MarkedCheckbox


@dataclass(frozen=True)
class EntryFacts:
    company: str
    role: str
    stage: str
    date: str
    internal: bool


#: The longest company or role kept (a name, not a story); reaching it is said on screen.
MAX_NAME = 120

#: The reason a date is not usable, or None when it is a real YYYY-MM-DD date.
check_date = dates.date_problem


class NewEntryScreen(ModalScreen[EntryFacts | None]):
    """Company, role, stage, date and internal or not; ctrl+s or Enter in a field starts."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "start", "Start", priority=True),
    ]

    def __init__(self, today: date | None = None) -> None:
        super().__init__()
        self.today = today or dates.today()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="new-entry", classes="dialog"):
            yield Label("What happened?", classes="dialog-title")
            yield Static(
                "A few facts to find this entry again. Only company is needed.", classes="muted"
            )
            # Two columns, so the whole form, its buttons and the footer fit in 80x24.
            with Grid(id="facts-grid"):
                with Vertical():
                    yield Label("Company")
                    # Left, they show the beginning of a long name, not its end.
                    yield StartInput(
                        placeholder="e.g. Northwind", id="company", max_length=MAX_NAME
                    )
                with Vertical():
                    yield Label("Role")
                    yield StartInput(
                        placeholder="e.g. Data analyst", id="role", max_length=MAX_NAME
                    )
                with Vertical():
                    yield Label("Stage reached")
                    # No silent default: an untouched stage is stored as "not said".
                    yield Select(
                        [(stage, stage) for stage in STAGES],
                        prompt="Not said",
                        allow_blank=True,
                        id="stage",
                    )
                with Vertical():
                    yield Label("Date of the news")
                    yield Input(self.today.isoformat(), id="date", max_length=10)
            yield MarkedCheckbox("A role inside my current company", id="internal")
            yield Static("", id="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Start", variant="primary", id="start", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = not getattr(self.app, "reduced_motion", False)
        self.query_one("#company", Input).focus()

    #: The field the error shown is about; fixing it clears the error.
    _error_field: str | None = None

    def _problem(self, field: str) -> str:
        """Why a field's value cannot be used, or "" when it can."""
        value = self.query_one(f"#{field}", Input).value.strip()
        if field == "company" and not value:
            return "Please give the company's name (any name you will recognise)."
        if field == "date":
            return check_date(value) or ""
        return ""

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if self._error_field is not None and event.input.id == self._error_field:
            problem = self._problem(self._error_field)
            self.query_one("#form-error", Static).update(problem)
            if not problem:
                self._error_field = None
        if self._error_field is None and event.input.id in ("company", "role"):
            full = len(event.value) >= MAX_NAME  # what is typed after this is not taken
            note = f"The {event.input.id} is kept to {MAX_NAME} characters." if full else ""
            self.query_one("#form-error", Static).update(note)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    def action_start(self) -> None:
        for field in ("company", "date"):
            if problem := self._problem(field):
                self._error_field = field
                self.query_one("#form-error", Static).update(problem)
                self.query_one(f"#{field}", Input).focus()
                return
        stage = self.query_one("#stage", Select).value
        self.dismiss(
            EntryFacts(
                company=self.query_one("#company", Input).value.strip(),
                role=self.query_one("#role", Input).value.strip(),
                stage=stage if isinstance(stage, str) else "",
                date=self.query_one("#date", Input).value.strip(),
                internal=self.query_one("#internal", Checkbox).value,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
