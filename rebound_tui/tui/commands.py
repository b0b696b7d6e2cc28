"""Command palette (ctrl+p): sections, entries and actions, beside Textual's own commands."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from rebound_tui.core.export import entry_title

if TYPE_CHECKING:
    from rebound_tui.tui.app import ReboundApp


class ReboundCommands(Provider):
    """Everything a key can do, findable by name, plus every past entry and every exercise."""

    @property
    def rebound(self) -> ReboundApp:
        return cast("ReboundApp", self.app)

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.rebound
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("Help: every key", "Show the keys of this screen", app.action_help),
            ("More support", "Helplines and where to turn", app.action_support),
        ]
        home = app.screen_stack[1] if len(app.screen_stack) > 1 else None
        if home is not None and hasattr(home, "action_new_entry"):
            commands.append(("New entry", "Start a new entry", home.action_new_entry))
        for entry in app.store.entries():  # the index only: no answers are read
            title = f"Open entry: {entry_title(entry)} ({entry.date})"
            commands.append((title, f"{entry.stage}", partial(app.open_entry, entry.id)))
        if app.entry_id is not None:
            for number, section in enumerate(app.workbook.sections, 1):
                commands.append(
                    (
                        f"Section {number}: {section.title}",
                        section.short_title,
                        partial(app.go_to, section.id),
                    )
                )
                open_entry = app.entry
                internal = open_entry.internal if open_entry else False
                for exercise in section.exercises_for(internal):
                    commands.append(
                        (
                            exercise.prompt,
                            f"Exercise in {section.short_title}",
                            partial(app.go_to, section.id),
                        )
                    )
            commands += [
                ("Summary", "Everything written for this entry", partial(app.go_to, "summary")),
                (
                    "Export summary",
                    "Write this entry as Markdown or a web page to the exports folder",
                    app.ask_export,
                ),
                ("Home", "Back to the list of entries", app.go_home),
            ]
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            if not title.startswith("Open entry") and "Exercise in" not in help_text:
                yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
