"""Command palette (ctrl+p): sections, entries and actions, beside Textual's own commands."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, NamedTuple, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from rebound_tui.core.entry_names import entry_title
from rebound_tui.tui import across, screen_catalog

if TYPE_CHECKING:
    from rebound_tui.core.search import SearchIndex
    from rebound_tui.tui.app import ReboundApp
    from rebound_tui.tui.screens.section import SectionScreen


def go_to_exercise(app: ReboundApp, section_id: str, exercise_id: str) -> None:
    """Show a section scrolled to one exercise, with the focus in it."""
    app.go_to(section_id)
    screen = app.screen  # go_to switches at once
    if screen_catalog.is_section(screen):
        cast("SectionScreen", screen).focus_exercise(exercise_id)


class Command(NamedTuple):
    title: str
    help: str
    run: Callable[[], object]
    name: str = ""  # an exercise's name ("thought record"): it finds the exercise too


class ReboundCommands(Provider):
    """Everything a key can do, findable by name, plus every past entry and every exercise."""

    @property
    def rebound(self) -> ReboundApp:
        return cast("ReboundApp", self.app)

    def _commands(self) -> list[Command]:
        app = self.rebound
        commands: list[Command] = [
            Command("Help: every key", "Show the keys of this screen", app.action_help),
            Command("More support", "Helplines and where to turn", app.action_support),
        ]
        commands += [
            Command(
                "Patterns across entries",
                "Pictures of every entry so far (p on home)",
                partial(across.show_patterns, app),
            ),
            Command(
                "Before your next interview",
                "Lessons, answers, plans, kind words",
                partial(across.show_prep, app),
            ),
            Command(
                "Search every answer",
                "Find a line in any entry (/ on home)",
                partial(across.show_search, app),
            ),
        ]
        home = app.screen_stack[1] if len(app.screen_stack) > 1 else None
        if home is not None and hasattr(home, "action_new_entry"):
            commands.append(Command("New entry", "Start a new entry", home.action_new_entry))
        for entry in app.store.entries():  # the index only: no answers are read
            title = f"Open entry: {entry_title(entry)} ({entry.date})"
            commands.append(Command(title, f"{entry.stage}", partial(app.open_entry, entry.id)))
        if app.entry_id is not None:
            for number, section in enumerate(app.workbook.sections, 1):
                commands.append(
                    Command(
                        f"Section {number}: {section.title}",
                        section.short_title,
                        partial(app.go_to, section.id),
                    )
                )
                open_entry = app.entry
                internal = open_entry.internal if open_entry else False
                for exercise in section.exercises_for(internal):
                    name = exercise.id.replace("-", " ")  # "thought record", "coping plan"
                    commands.append(
                        Command(
                            exercise.prompt,
                            f"Exercise in {section.short_title}: {name}",
                            partial(go_to_exercise, app, section.id, exercise.id),
                            name,
                        )
                    )
            commands += [
                Command(
                    "Summary", "Everything written for this entry", partial(app.go_to, "summary")
                ),
                Command(
                    "Export summary",
                    "Write this entry as Markdown or a web page to the exports folder",
                    app.ask_export,
                ),
                Command("Home", "Back to the list of entries", app.go_home),
            ]
        return commands

    async def discover(self) -> Hits:
        for command in self._commands():
            if not command.title.startswith("Open entry") and not command.name:
                yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score <= 0 and command.name:
                score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, help=command.help)


class AnswerSearch(Provider):
    """The palette as a search of every answer: a line that holds what is typed opens its
    exercise, focused (from three characters on, under the commands)."""

    @property
    def rebound(self) -> ReboundApp:
        return cast("ReboundApp", self.app)

    _index: asyncio.Task[SearchIndex] | None = None

    def _build(self) -> asyncio.Task[SearchIndex]:
        """Read every entry (a file each) in a thread, once per palette, on the first query
        long enough to search: the palette opens and lists its commands meanwhile."""
        if self._index is None:
            from rebound_tui.core.patterns import read_entries
            from rebound_tui.core.search import SearchIndex

            app = self.rebound
            app.autosave()
            self._index = asyncio.create_task(
                asyncio.to_thread(lambda: SearchIndex(read_entries(app.store), app.workbook))
            )
        return self._index

    async def search(self, query: str) -> Hits:
        if len(query.strip()) < 3:
            return
        app = self.rebound
        index = await self._build()
        for hit in index.search(query, limit=20):
            open_it = partial(
                across.open_exercise, app, hit.entry_id, hit.section_id, hit.exercise_id
            )
            # Where it is, then the line: one item, the same as on the search screen (the
            # palette's help line would read the entry's name as markup).
            yield Hit(0.1, across.result_text(hit, query), open_it)
