"""Private: "let it go" erases the vent in one step after asking; exports from the app are
0600 and leave the vent out; the Screenshot command is gone."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from rebound_tui.core.content import Workbook
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import ReboundApp, make_app
from rebound_tui.tui.screens.confirm import ConfirmScreen
from tests.helpers.on_disk import all_bytes, entry_file, saved_answers
from tests.helpers.ready import until_ready
from tests.keys import type_text

VENT = "I never want anyone to read this"


def _app(db_path: Path, workbook: Workbook, tmp_path: Path) -> tuple[Store, ReboundApp]:
    store = Store(db_path)
    store.create_entry(
        company="Acme", role="", stage="Final round", date="2026-11-02", internal=False
    )
    store.set_answer(1, "frustration", "vent", VENT)
    store.set_answer(1, "frustration", "intensity-before", 7)
    store.flush()
    return store, make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)


def _on_disk(db_path: Path) -> dict[str, object]:
    return saved_answers(db_path).get("frustration", {})


async def test_let_go_asks_then_erases_the_vent(
    db_path: Path, workbook: Workbook, tmp_path: Path
) -> None:
    store, app = _app(db_path, workbook, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(1, "frustration")
        await until_ready(pilot)
        vent = app.screen.query_one("#input-vent", TextArea)
        vent.focus()
        await pilot.press("ctrl+l")  # works from inside the text area
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the focused button is "Keep it"
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert vent.text == VENT and _on_disk(db_path)["vent"] == VENT

        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("escape")  # Esc keeps it too
        await pilot.pause()
        assert _on_disk(db_path)["vent"] == VENT

        vent.focus()
        await pilot.press("end", "space", "x")
        await pilot.pause()
        app.session.apply()  # typed since the last save: in the journal (or, if the timed
        journal = db_path.with_name(db_path.name + ".journal")  # save ran, in the file)
        assert VENT.encode() in all_bytes(db_path)
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.click("#yes")  # "Erase it"
        await pilot.pause()
        assert vent.text == ""
        saved = _on_disk(db_path)
        assert "vent" not in saved and saved["intensity-before"] == 7  # nothing else changes
        assert VENT.encode() not in journal.read_bytes()
        assert VENT.encode() not in all_bytes(db_path)  # nor in any other file Rebound wrote
        await pilot.press("ctrl+q")
    store.close()
    assert "vent" not in _on_disk(db_path)


async def test_let_go_from_the_palette(db_path: Path, workbook: Workbook, tmp_path: Path) -> None:
    store, app = _app(db_path, workbook, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(1, "bridges")
        await until_ready(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "let it go")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#yes")
        await pilot.pause()
        assert "vent" not in _on_disk(db_path)
    store.close()


async def test_let_go_with_nothing_to_erase_only_says_so(
    db_path: Path, workbook: Workbook, tmp_path: Path
) -> None:
    store, app = _app(db_path, workbook, tmp_path)
    store.set_answer(1, "frustration", "vent", None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+l")  # on home: no entry open
        await pilot.pause()
        app.open_entry(1, "frustration")
        await until_ready(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        said = " ".join(str(n.message) for n in app._notifications)
        assert "no private writing" in said
    store.close()


async def test_in_app_export_is_private_and_leaves_the_vent_out(
    db_path: Path, workbook: Workbook, tmp_path: Path
) -> None:
    store, app = _app(db_path, workbook, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(1, "frustration")
        await until_ready(pilot)
        path = app.export_entry()
        assert path is not None
        assert path.stat().st_mode & 0o777 == 0o600
        assert path.parent.stat().st_mode & 0o777 == 0o700
        assert VENT not in path.read_text()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles
    store.close()


async def test_let_go_leaves_no_copy_in_the_backup(
    db_path: Path, workbook: Workbook, tmp_path: Path
) -> None:
    first, _ = _app(db_path, workbook, tmp_path)
    first.close()
    store = Store(db_path)  # a later session: its first save backs up the file, vent and all
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    backup = entry_file(db_path, 1).with_name("1.json.bak")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(1, "frustration")
        await until_ready(pilot)
        store.set_answer(1, "frustration", "intensity-before", 8)
        assert app.save_now()
        assert VENT in backup.read_text()
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert VENT not in backup.read_text()
        assert VENT.encode() not in all_bytes(db_path)
        assert backup.stat().st_mode & 0o777 == 0o600
    store.close()


async def test_let_go_reaches_the_backup_kept_when_migrating(
    db_path: Path, workbook: Workbook, tmp_path: Path
) -> None:
    """Issue 10 item 8: after a single file of an earlier release was converted, the copy
    kept of it (`rebound.json.v1.bak`) must lose the vent too."""
    db_path.parent.mkdir()
    db_path.write_bytes((Path(__file__).parent / "fixtures" / "v1-single-file.json").read_bytes())
    store = Store(db_path)
    kept = db_path.with_name("rebound.json.v1.bak")
    vent = store.get(3).answers["frustration"]["vent"]
    assert vent.encode() in kept.read_bytes()
    app = make_app(store, workbook, export_dir=tmp_path / "exports", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(3, "frustration")
        await until_ready(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert vent.encode() not in all_bytes(db_path)
        assert "Three rounds" not in kept.read_text()
        assert store.get(3).answers["frustration"]["intensity-before"] == 7  # the rest stays
    store.close()
