""" "Let it go": erase the private writing (the vent) of the open entry in one step.

Asked for with ctrl+l or the command palette; a confirmation comes first. The answer is
removed through the store (so the file and journal lose it at the next save, which happens
at once) and the text area on screen is emptied.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.widgets import Input, TextArea

from rebound_tui.core.storage.store import StoreError
from rebound_tui.tui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from rebound_tui.tui.app import ReboundApp

TITLE = "Let it go: erase my private writing"


def private_exercises(app: ReboundApp) -> list[tuple[str, str]]:
    return [
        (section.id, exercise.id)
        for section in app.workbook.sections
        for exercise in section.exercises
        if exercise.private
    ]


def ask(app: ReboundApp) -> None:
    """Confirm, then erase. Explains instead when there is nothing to erase."""
    if app.entry_id is None:
        app.notify("Open an entry first; letting go erases its private writing.")
        return
    if app.store.read_only:
        app.notify("This window is read-only; nothing can be erased here.", severity="warning")
        return
    answers = app.answers()
    if not any(answers.get(s, {}).get(e) for s, e in private_exercises(app)):
        app.notify("There is no private writing in this entry to let go of.")
        return
    app.push_screen(
        ConfirmScreen(
            "Let it go?",
            "This erases what you wrote in the private vent of this entry, for good. "
            "Nothing else changes.",
            yes="Erase it",
            no="Keep it",
        ),
        lambda yes: erase(app) if yes else None,
    )


def erase(app: ReboundApp) -> None:
    entry_id = app.entry_id
    if entry_id is None:
        return
    for section_id, exercise_id in private_exercises(app):
        for screen in app.screen_stack:
            for widget in screen.query(f"#input-{exercise_id}"):
                if isinstance(widget, (TextArea, Input)):
                    widget.clear()
        app.autosaver.record(entry_id, section_id, exercise_id, None)
    if app.save_now():
        try:
            # every copy Rebound wrote (backups, migration backups) must not keep it either
            app.store.erase_answers(entry_id, private_exercises(app))
        except StoreError as error:
            app.notify(f"Erased here, but the backup still holds it: {error}", severity="error")
            return
        app.notify("Your private writing is erased. It is gone from this entry.", title="Let go")


class LetGoCommands(Provider):
    """The palette entry for letting go, offered while an entry is open."""

    @property
    def rebound(self) -> ReboundApp:
        return self.app  # type: ignore[return-value]

    async def discover(self) -> Hits:
        if self.rebound.entry_id is not None:
            yield DiscoveryHit(TITLE, self.rebound.action_let_go, help="ctrl+l")

    async def search(self, query: str) -> Hits:
        if self.rebound.entry_id is None:
            return
        matcher = self.matcher(query)
        for title in (TITLE, "Erase the private vent"):
            score = matcher.match(title)
            if score > 0:
                action = self.rebound.action_let_go
                yield Hit(score, matcher.highlight(title), action, help="ctrl+l")
