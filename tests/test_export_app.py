"""The export key in the app: Markdown or a web page; asks before replacing; no link followed."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Footer

from rebound_tui.core.storage.store import Entry
from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.screens.confirm import ConfirmScreen
from rebound_tui.tui.screens.export_choice import ExportChoiceScreen
from rebound_tui.tui.widgets.composer_field import ComposerField
from tests.helpers.ready import until_ready


class FrozenClock(datetime):
    """Every export in a test gets the same name, so a second one meets the first."""

    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
        return cls(2026, 11, 26, 9, 30, 0)


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    import rebound_tui.tui.app as app_module

    monkeypatch.setattr(app_module, "datetime", FrozenClock)


async def open_entry(app: ReboundApp, pilot, entry: Entry) -> None:  # type: ignore[no-untyped-def]
    app.open_entry(entry.id, "frustration")
    await until_ready(pilot)
    await pilot.press("escape")  # out of the first field, so letters are keys


async def test_e_offers_markdown_or_web_page(app: ReboundApp, entry: Entry, tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    async with app.run_test(size=(80, 24)) as pilot:
        await open_entry(app, pilot, entry)
        await pilot.press("e")
        assert isinstance(app.screen, ExportChoiceScreen)
        app.screen.query_one(Footer)  # its own keys, not those of the screen below
        assert {"m", "w", "escape"} <= set(app.screen.active_bindings)
        await pilot.press("w")
        await pilot.pause()
        pages = list(exports.glob("*.html"))
        assert len(pages) == 1 and pages[0].stat().st_mode & 0o777 == 0o600
        assert pages[0].read_text().startswith("<!DOCTYPE html>")
        await pilot.press("e", "m")
        await pilot.pause()
        assert len(list(exports.glob("*.md"))) == 1
        await pilot.press("e", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportChoiceScreen)
        assert len(list(exports.iterdir())) == 2


async def test_export_over_an_existing_file_asks_first(
    app: ReboundApp, entry: Entry, tmp_path: Path, frozen: None
) -> None:
    exports = tmp_path / "exports"
    async with app.run_test(size=(80, 24)) as pilot:
        await open_entry(app, pilot, entry)
        first = app.export_entry("md")
        assert first is not None
        first.write_text("kept")
        assert app.export_entry("md") is None
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep it
        await pilot.pause()
        assert first.read_text() == "kept"
        app.export_entry("md")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert first.read_text().startswith("# Rebound: Acme")
        assert sorted(p.name for p in exports.iterdir()) == [first.name]


async def test_export_onto_a_planted_link_leaves_its_target_alone(
    app: ReboundApp, entry: Entry, tmp_path: Path, frozen: None
) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("not Rebound's")
    exports = tmp_path / "exports"
    exports.mkdir(mode=0o700)
    (exports / f"rebound-{entry.id}-20261126-093000.md").symlink_to(precious)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_entry(app, pilot, entry)
        assert app.export_entry("md") is None
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)  # nothing to ask: it is refused
    assert precious.read_text() == "not Rebound's"


async def test_composer_save_onto_a_planted_link_leaves_its_target_alone(
    app: ReboundApp, entry: Entry, tmp_path: Path
) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("not Rebound's")
    exports = tmp_path / "exports"
    exports.mkdir(mode=0o700)
    (exports / f"rebound-{entry.id}-thank-you-note.txt").symlink_to(precious)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry.id, "bridges")
        await until_ready(pilot)
        field = app.screen.query_one("#field-thank-you-note", ComposerField)
        field.save()
        await pilot.pause()
    assert precious.read_text() == "not Rebound's"
