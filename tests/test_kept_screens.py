"""Sections kept between visits come back as they should, without redoing work (issue 13).

A return to a kept section skips Textual's restyle of every widget and the footer's rebuild
(``textual_compat.KeptScreen`` / ``SteadyFooter``). These tests pin what must still change:
a resize or a theme chosen while the section was away is applied when it comes back, and the
footer still follows the keys that work; and what must not: the same footer, kept.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import Footer, Input, TextArea
from textual.widgets._footer import FooterKey

from rebound_tui.core.content import Workbook
from rebound_tui.core.storage.store import Entry, Store
from rebound_tui.tui.app import ReboundApp, make_app
from rebound_tui.tui.screens.section import SectionScreen
from rebound_tui.tui.widgets.exercise_field import ExerciseField
from rebound_tui.tui.widgets.section_bar import SectionBar
from rebound_tui.tui.widgets.section_nav import SectionNav
from tests.helpers.demo_app import demo_app


def _app(store: Store, workbook: Workbook, tmp_path: Path) -> ReboundApp:
    return make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)


async def _ready(app: ReboundApp, pilot) -> SectionScreen:  # type: ignore[no-untyped-def]
    for _ in range(200):
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, SectionScreen) and screen.ready:
            return screen
    raise AssertionError(f"the section did not finish opening: {app.screen!r}")


async def test_a_resize_while_away_is_applied_on_return(
    store: Store, entry: Entry, workbook: Workbook, tmp_path: Path
) -> None:
    app = _app(store, workbook, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_entry(entry.id, "frustration")
        first = await _ready(app, pilot)
        assert first.query_one(SectionNav).display
        app.go_to("bridges")
        await _ready(app, pilot)
        await pilot.resize_terminal(70, 20)  # narrow: the list folds into the one-line bar
        await pilot.pause()
        app.go_to("frustration")
        again = await _ready(app, pilot)
        assert again is first  # the kept screen, not a new one
        assert not again.query_one(SectionNav).display
        assert again.query_one(SectionBar).display
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert again.query_one(SectionNav).display  # and back, while it is shown


async def test_a_theme_chosen_while_away_is_applied_on_return(
    store: Store, entry: Entry, workbook: Workbook, tmp_path: Path
) -> None:
    app = _app(store, workbook, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_entry(entry.id, "frustration")
        first = await _ready(app, pilot)
        area = first.query_one(TextArea)
        before = area.styles.background
        app.go_to("bridges")
        await _ready(app, pilot)
        app.theme = "textual-light" if app.current_theme.dark else "textual-dark"
        await pilot.pause()
        app.go_to("frustration")
        again = await _ready(app, pilot)
        assert again is first
        assert area.styles.background != before


async def test_the_footer_is_kept_on_return_and_follows_the_keys(
    store: Store, entry: Entry, workbook: Workbook, tmp_path: Path
) -> None:
    app = _app(store, workbook, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_entry(entry.id, "frustration")
        first = await _ready(app, pilot)
        await pilot.pause()
        keys = list(first.query_one(Footer).query(FooterKey))
        assert keys
        app.go_to("bridges")
        await _ready(app, pilot)
        app.go_to("frustration")
        await _ready(app, pilot)
        await pilot.pause()
        assert list(first.query_one(Footer).query(FooterKey)) == keys  # not rebuilt

        def shown() -> set[str]:
            return {key.action for key in first.query_one(Footer).query(FooterKey)}

        async def settled(offered: bool) -> set[str]:
            """The footer's keys once it has rebuilt with Esc offered or not (a loaded machine
            takes a few frames); what it shows then, for the assertion."""
            for _ in range(100):
                await pilot.pause(0.02)
                if shown() and ("leave_field" in shown()) == offered:
                    break
            return shown()

        assert "leave_field" not in shown()  # Esc leaves a field: offered only inside one
        first.query_one(TextArea).focus()
        assert "leave_field" in await settled(True)
        first.query_one(SectionNav).focus()
        keys_shown = await settled(False)
        assert keys_shown and "leave_field" not in keys_shown


async def test_a_return_with_nothing_changed_builds_nothing_again(
    tmp_path: Path, workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every field of a filled-in entry is kept as it is on a return: nothing composed or
    restyled again. (Each composer was built again on every return to its section: the
    note it had posted left out an unset ``reread``, the stored one said ``None``.)"""
    app, entry_id = demo_app(tmp_path, workbook)
    composed: list[str] = []
    real = Widget._compose

    async def compose(self: Widget) -> None:
        composed.append(type(self).__name__)
        await real(self)

    monkeypatch.setattr(Widget, "_compose", compose)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            app.open_entry(entry_id, "frustration")
            await _ready(app, pilot)
            for section in workbook.sections[1:]:
                app.go_to(section.id)
                await _ready(app, pilot)
            await pilot.pause()
            composed.clear()
            for section in workbook.sections:
                app.go_to(section.id)
                await _ready(app, pilot)
            await pilot.pause()
            assert composed == []
    finally:
        app.store.close()


async def test_a_composer_follows_its_source_changed_while_away(
    store: Store, entry: Entry, workbook: Workbook, tmp_path: Path
) -> None:
    app = _app(store, workbook, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_entry(entry.id, "bridges")
        bridges = await _ready(app, pilot)
        blank = bridges.query_one("#input-thank-you-note-name", Input)
        assert blank.value == ""
        app.go_to("frustration")
        await _ready(app, pilot)
        app.record_answer("bridges", "thank-who", "Priya")  # e.g. a restore, while away
        app.go_to("bridges")
        await _ready(app, pilot)
        await pilot.pause()
        assert bridges.query_one("#input-thank-you-note-name", Input).value == "Priya"


async def test_a_section_left_before_its_exercises_were_there_is_laid_out_while_away(
    store: Store, entry: Entry, workbook: Workbook, tmp_path: Path
) -> None:
    """Its exercises mount after the person has moved on; Textual lays out only the shown
    screen, so a return used to size every one of them first. Now they get their sizes
    while the section is away."""
    app = _app(store, workbook, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_entry(entry.id, "bridges")
        bridges = app.screen
        app.go_to("frustration")  # at once: bridges' exercises are not mounted yet
        assert isinstance(bridges, SectionScreen) and not bridges.ready
        await _ready(app, pilot)
        for _ in range(200):
            await pilot.pause()
            if bridges.ready:
                break
        await pilot.pause(0.1)
        assert app.screen is not bridges
        fields = list(bridges.query(ExerciseField))
        assert fields and all(field.size.width > 0 for field in fields)
