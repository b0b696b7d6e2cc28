""" "Let it go": erase the private writing (the vent) of the open entry in one step.

Asked for with ctrl+l or the command palette; a confirmation comes first. The session erases
it (its answers, the file, the journal, the backup); every field shows the session's answers
whenever its screen is shown, so the box is empty wherever the person goes next.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from rebound_tui.tui import screen_catalog

if TYPE_CHECKING:
    from rebound_tui.tui.app import ReboundApp

TITLE = "Let it go: erase my private writing"


def ask(app: ReboundApp) -> None:
    """Confirm, then erase. Explains instead when there is nothing to erase."""
    if app.entry_id is None:
        app.notify("Open an entry first; letting go erases its private writing.")
        return
    if app.store.read_only:
        app.notify("This window is read-only; nothing can be erased here.", severity="warning")
        return
    if not app.session.has_private_writing():
        app.notify("There is no private writing in this entry to let go of.")
        return
    app.push_screen(
        screen_catalog.confirm(
            "Let it go?",
            "This erases what you wrote in the private vent of this entry, for good. "
            "Nothing else changes.",
            yes="Erase it",
        ),
        lambda yes: erase(app) if yes else None,
    )


def erase(app: ReboundApp) -> None:
    erased = app.session.erase_private()
    app.save_problem = app.session.problem
    if erased.ok:
        app.notify("Your private writing is erased. It is gone from this entry.", title="Let go")
    else:
        app.notify(f"Not erased everywhere: {erased.problem}", severity="error", timeout=15)


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
