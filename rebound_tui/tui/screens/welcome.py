"""Shown once, on the first run: what Rebound is, where the data stays, how to move around."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Markdown, Static

from rebound_tui.core.paths import tidy_path
from rebound_tui.tui.widgets.save_warning import SaveWarning

if TYPE_CHECKING:
    from rebound_tui.tui.app import ReboundApp

WELCOMED = "welcomed"


class WelcomeScreen(Screen[None]):
    BINDINGS = [Binding("enter", "begin", "Begin", priority=True)]

    @property
    def rebound(self) -> ReboundApp:
        return cast("ReboundApp", self.app)

    def compose(self) -> ComposeResult:
        yield SaveWarning()  # a second window's read-only banner
        with VerticalScroll(id="welcome-page"):
            yield Markdown(self.rebound.workbook.welcome, id="welcome")
        # Below the text, never below the fold: where the answers go, and the way in.
        with Horizontal(id="welcome-bar"):
            yield Button("Begin", variant="primary", id="begin", compact=True)
            yield Static(
                f"Your answers will be kept in {tidy_path(self.rebound.store.path)} "
                "(only you can read it). Nothing is sent anywhere.",
                id="where",
                markup=False,
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#welcome-page").focus()

    @on(Button.Pressed, "#begin")
    def action_begin(self) -> None:
        if not self.rebound.store.read_only:
            self.rebound.store.set_setting(WELCOMED, True)
            self.rebound.save_now()
        self.dismiss(None)
