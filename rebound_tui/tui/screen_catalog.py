"""Every screen of the app, declared in one place, each imported the first time it is made.

Textual declares screens in ``App.SCREENS``: a name and a callable that makes the screen. The
app makes a named screen on its first push and keeps it for the whole run, which suits the two
screens launching shows: home and welcome (:data:`NAMED`, the app's ``SCREENS``). A section's
screen is kept too, under its entry's name (``App.install_screen`` with :func:`section`).

Every other screen shows what it is opened with (a question, a page, a search) or reads the
entries afresh each time it opens, so a new one is made for each use, by the factory below.
Each factory imports its screen's module on its first call: launching to the home screen
imports none of them (``tests/test_launch_imports.py`` keeps it so). Nothing here is a mode
(Textual's ``MODES``): every screen sits on the one stack, over home.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

if TYPE_CHECKING:
    from rebound_tui.core.content import Section
    from rebound_tui.tui.screens.confirm import ConfirmScreen
    from rebound_tui.tui.screens.export_choice import ExportChoiceScreen
    from rebound_tui.tui.screens.home import HomeScreen
    from rebound_tui.tui.screens.new_entry import NewEntryScreen
    from rebound_tui.tui.screens.page import PageScreen
    from rebound_tui.tui.screens.patterns import PatternsScreen
    from rebound_tui.tui.screens.prep import PrepScreen
    from rebound_tui.tui.screens.search import SearchScreen
    from rebound_tui.tui.screens.section import SectionScreen
    from rebound_tui.tui.screens.summary import SummaryScreen
    from rebound_tui.tui.screens.welcome import WelcomeScreen


def home() -> HomeScreen:
    from rebound_tui.tui.screens.home import HomeScreen

    return HomeScreen()


def welcome() -> WelcomeScreen:
    from rebound_tui.tui.screens.welcome import WelcomeScreen

    return WelcomeScreen()


#: The app's ``SCREENS``: made on the first push, kept for the whole run.
NAMED: dict[str, Callable[[], Screen[Any]]] = {"home": home, "welcome": welcome}


def section(shown: Section) -> SectionScreen:
    """A section of the open entry (the app keeps it, named by entry and section)."""
    from rebound_tui.tui.screens.section import SectionScreen

    return SectionScreen(shown)


def is_section(screen: Screen[Any]) -> bool:
    """Whether ``screen`` is a section's screen."""
    return _is(screen, "section", "SectionScreen")


def _is(screen: Screen[Any], module: str, name: str) -> bool:
    """Whether ``screen`` is of that class, without importing it: while its module is not
    loaded, no such screen was ever made."""
    loaded = sys.modules.get(f"rebound_tui.tui.screens.{module}")
    return loaded is not None and isinstance(screen, getattr(loaded, name))


def summary() -> SummaryScreen:
    from rebound_tui.tui.screens.summary import SummaryScreen

    return SummaryScreen()


def new_entry(today: date) -> NewEntryScreen:
    from rebound_tui.tui.screens.new_entry import NewEntryScreen

    return NewEntryScreen(today)


def patterns() -> PatternsScreen:
    from rebound_tui.tui.screens.patterns import PatternsScreen

    return PatternsScreen()


def prep() -> PrepScreen:
    from rebound_tui.tui.screens.prep import PrepScreen

    return PrepScreen()


def search(query: str = "") -> SearchScreen:
    from rebound_tui.tui.screens.search import SearchScreen

    return SearchScreen(query)


def page(text: str, *, note: str = "", id: str | None = None) -> PageScreen:
    """A page of text over the screen (the support page)."""
    from rebound_tui.tui.screens.page import PageScreen

    return PageScreen(text, note=note, id=id)


def is_page(screen: Screen[Any]) -> bool:
    return _is(screen, "page", "PageScreen")


def is_help(screen: Screen[Any]) -> bool:
    return _is(screen, "help", "HelpScreen")


def export_choice() -> ExportChoiceScreen:
    from rebound_tui.tui.screens.export_choice import ExportChoiceScreen

    return ExportChoiceScreen()


def confirm(title: str, text: str, *, yes: str) -> ConfirmScreen:
    from rebound_tui.tui.screens.confirm import ConfirmScreen

    return ConfirmScreen(title, text, yes=yes)


def toggle_help(app: App[Any]) -> None:
    """F1: the keys of the screen on top, or close that page when it is the one on top."""
    from rebound_tui.tui.screens.help import toggle_help

    toggle_help(app)
