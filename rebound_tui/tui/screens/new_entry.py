"""The form that starts a new entry: what happened, in a few fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from rebound_tui.core.stages import STAGES
from rebound_tui.tui.widgets.marked_toggles import MarkedCheckbox


@dataclass(frozen=True)
class EntryFacts:
    company: str
    role: str
    stage: str
    date: str
    internal: bool


def check_date(text: str) -> str | None:
    """The reason a date is not usable, or None when it is a real YYYY-MM-DD date."""
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        return f'"{text.strip()}" is not a date like {date.today().isoformat()}'
    return None


class NewEntryScreen(ModalScreen[EntryFacts | None]):
    """Company, role, stage, date and internal or not; ctrl+s or Enter in a field starts."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "start", "Start", priority=True),
    ]

    def __init__(self, today: date | None = None) -> None:
        super().__init__()
        self.today = today or date.today()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="new-entry", classes="dialog"):
            yield Label("What happened?", classes="dialog-title")
            yield Static(
                "A few facts to find this entry again. Only company is needed.", classes="muted"
            )
            yield Label("Company")
            yield Input(placeholder="e.g. Northwind", id="company", max_length=120)
            yield Label("Role")
            yield Input(placeholder="e.g. Data analyst", id="role", max_length=120)
            yield Label("Stage reached")
            yield Select(
                [(stage, stage) for stage in STAGES],
                value="First interview",
                allow_blank=False,
                id="stage",
            )
            yield Label("Date of the news (YYYY-MM-DD)")
            yield Input(self.today.isoformat(), id="date", max_length=10)
            yield MarkedCheckbox("A role inside my current company", id="internal")
            yield Static("", id="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Start", variant="primary", id="start")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = not getattr(self.app, "reduced_motion", False)
        self.query_one("#company", Input).focus()

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
        company = self.query_one("#company", Input).value.strip()
        when = self.query_one("#date", Input).value.strip()
        error = ""
        if not company:
            error = "Please give the company's name (any name you will recognise)."
            self.query_one("#company", Input).focus()
        elif reason := check_date(when):
            error = reason
            self.query_one("#date", Input).focus()
        if error:
            self.query_one("#form-error", Static).update(error)
            return
        self.dismiss(
            EntryFacts(
                company=company,
                role=self.query_one("#role", Input).value.strip(),
                stage=str(self.query_one("#stage", Select).value),
                date=when,
                internal=self.query_one("#internal", Checkbox).value,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
