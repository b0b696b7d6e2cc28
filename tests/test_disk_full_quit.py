"""Quitting while the disk is full: text that is neither saved nor journaled is never dropped
silently. ctrl+q says what would be lost and offers to stay, to write it to a file, or to
quit anyway; the CLI then exits non-zero and says what became of it."""

from __future__ import annotations

import errno
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Button, Input, TextArea

from rebound_tui import cli
from rebound_tui.core.content import Workbook
from rebound_tui.core.kinds.timed_writing import vent_text
from rebound_tui.core.storage import files as safe_files
from rebound_tui.core.storage import journal as journal_module
from rebound_tui.core.storage.store import Store
from rebound_tui.tui import app as app_module
from rebound_tui.tui.app import ReboundApp, make_app
from rebound_tui.tui.screens.entry_screen import SaveWarning
from rebound_tui.tui.screens.unsaved_quit import UnsavedQuitScreen
from tests.helpers.ready import until_ready
from tests.keys import type_text

LATE = " typed after the disk filled"


def _disk_full(fd: int, data: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _fill_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safe_files, "write_all", _disk_full)  # saves fail
    monkeypatch.setattr(journal_module, "write_all", _disk_full)  # and the journal stops


def _store(db_path: Path) -> Store:
    store = Store(db_path)
    store.set_setting("welcomed", True)
    store.create_entry(
        company="Acme", role="", stage="Final round", date="2026-11-02", internal=False
    )
    store.flush()
    return store


async def _typed_on_a_full_disk(app: ReboundApp, pilot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    app.open_entry(1, "frustration")
    await until_ready(pilot)
    vent = app.screen.query_one("#input-vent", TextArea)
    vent.focus()
    await type_text(pilot, "Saved part.")
    await pilot.pause(1.3)  # a timed save writes it
    _fill_disk(monkeypatch)
    await type_text(pilot, LATE)
    await pilot.pause(0.5)  # handed to the journal, which fails
    assert app.store.at_risk


async def test_the_warning_is_true_when_the_journal_cannot_be_written_either(
    db_path: Path, workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not "your changes are kept": the text is only in memory; say so and what to do."""
    store = _store(db_path)
    app = make_app(store, workbook, reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _typed_on_a_full_disk(app, pilot, monkeypatch)
        await pilot.pause(1.3)  # a timed save fails
        warning = app.screen.query_one(SaveWarning)
        said = " ".join(str(warning.render()).split())
        assert warning.has_class("-shown") and "no space left on device" in said.lower()
        assert "journal cannot be written either" in said and "only in memory" in said
        assert "are kept" not in said and "safe" not in said
        assert "Free some disk space" in said and "ctrl+q" in said  # what works from here
        monkeypatch.undo()  # space again: saved, and the warning goes
        await pilot.pause(1.3)
        assert not app.screen.query_one(SaveWarning).has_class("-shown")
        await pilot.press("ctrl+q")
    store.close()
    with Store(db_path) as again:
        assert vent_text(again.get(1).answers["frustration"]["vent"]) == "Saved part." + LATE


async def test_quit_on_a_full_disk_asks_and_stay_keeps_everything(
    db_path: Path, workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(db_path)
    app = make_app(store, workbook, reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _typed_on_a_full_disk(app, pilot, monkeypatch)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedQuitScreen)  # asked, not quit
        said = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "no space left on device" in said.lower() and "it is lost" in said
        assert f"since {app.saved_at:%H:%M}" in said  # the timed save of "Saved part."
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert not isinstance(app.screen, UnsavedQuitScreen) and not app.left_on_purpose
        assert app.screen.query_one("#input-vent", TextArea).text == "Saved part." + LATE
        monkeypatch.undo()  # space again: the next quit saves and leaves
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.left_on_purpose and app.unsaved_note is None
    store.close()
    with Store(db_path) as again:
        assert vent_text(again.get(1).answers["frustration"]["vent"]) == "Saved part." + LATE


async def test_write_it_to_a_file_then_quit(
    db_path: Path, workbook: Workbook, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    store = _store(db_path)
    app = make_app(store, workbook, reduced_motion=True)
    rescue = tmp_path / "elsewhere" / "rescue.md"
    async with app.run_test(size=(80, 24)) as pilot:
        await _typed_on_a_full_disk(app, pilot, monkeypatch)
        await pilot.press("ctrl+q")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, UnsavedQuitScreen)
        await pilot.click("#write")
        await pilot.pause()
        field = screen.query_one("#rescue-path", Input)
        assert field.display and field.has_focus
        field.value = str(rescue)  # its folder does not exist: the write fails, and says so
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and "elsewhere" in str(
            screen.query_one("#rescue-problem").render()
        )
        rescue.parent.mkdir()
        await pilot.press("enter")
        await pilot.pause()
    text = rescue.read_text()
    assert "Saved part." + LATE in text and rescue.stat().st_mode & 0o777 == 0o600
    assert app.left_on_purpose and app.unsaved_note is not None and str(rescue) in app.unsaved_note


async def test_quit_and_lose_it(
    db_path: Path, workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(db_path)
    app = make_app(store, workbook, reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await _typed_on_a_full_disk(app, pilot, monkeypatch)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedQuitScreen)
        assert app.screen.query_one("#stay", Button).has_focus  # the safe choice first
        await pilot.click("#lose")
        await pilot.pause()
    assert app.left_on_purpose and "lost" in (app.unsaved_note or "")


class _QuitOnAFullDisk(ReboundApp):
    """The app, reduced to what happens to the store: typing, the disk fills, more typing,
    then the app ends (ctrl+q → "quit anyway" when ``chose`` is given, else a signal)."""

    chose: str | None = None

    def run_in_terminal(self) -> None:
        self.store.set_answer(1, "frustration", "vent", "journaled")
        self.store.flush()
        self.saved_at = datetime(2026, 11, 2, 9, 41)
        _fill_disk(self.monkeypatch)
        self.store.set_answer(1, "frustration", "vent", "journaled, then not")
        self.unsaved_note = self.chose
        self.left_on_purpose = True


def _run_cli(db_path: Path, monkeypatch: pytest.MonkeyPatch, chose: str | None) -> int:
    def make(store: Store, workbook: Workbook, *args: object, **kwargs: object) -> ReboundApp:
        app = _QuitOnAFullDisk(store, workbook)
        app.monkeypatch, app.chose = monkeypatch, chose  # type: ignore[attr-defined]
        return app

    monkeypatch.setattr(app_module, "make_app", make)
    monkeypatch.setattr(cli, "_no_terminal", lambda: None)
    return cli.main(["--db", str(db_path)])


def test_the_cli_exits_non_zero_when_the_person_chose_to_lose_it(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _store(db_path).close()
    chose = "what you typed since 09:41 is not in the workbook and was lost"
    assert _run_cli(db_path, monkeypatch, chose) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "was lost" in err and "no space left" in err.lower()
    assert not list(db_path.parent.glob("rebound-unsaved-*"))  # the person's choice holds


def test_leaving_without_asking_writes_a_rescue_file_and_names_it(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A way out that cannot ask (a signal, a crash) never drops the text: it goes to the
    first folder that takes it, and one line names the file."""
    _store(db_path).close()
    assert _run_cli(db_path, monkeypatch, None) == 1
    err = capsys.readouterr().err
    (rescue,) = db_path.parent.glob("rebound-unsaved-*.md")  # the data folder took it
    assert err.count("\n") == 1 and str(rescue) in err and "since 09:41" in err
    assert "no space left" in err.lower()
    assert "journaled, then not" in rescue.read_text()
    assert rescue.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (160, 48)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_quit_dialog_fits_and_has_its_own_keys(
    db_path: Path, workbook: Workbook, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """Every button whole on screen at 60x20 as at 160x48 ("Quit and lose i" was cut at 60),
    and the footer names the dialog's keys (esc stays), not the section's below it."""
    from textual.widgets import Footer

    from rebound_tui.tui.textual_compat import FooterKey

    store = _store(db_path)
    app = make_app(store, workbook, reduced_motion=True)
    async with app.run_test(size=size) as pilot:
        await _typed_on_a_full_disk(app, pilot, monkeypatch)
        await pilot.press("ctrl+q")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, UnsavedQuitScreen)
        for button in screen.query(Button):
            label = str(button.label)
            region = button.region
            assert region.width >= len(label) and region.right <= size[0], label
            assert 0 <= region.y < size[1] - 1, label  # above the footer
            assert label in " ".join(button.render_line(0).text.split()), label
        hints = {key.action: key.description for key in screen.query_one(Footer).query(FooterKey)}
        assert hints.get("stay") == "Stay" and "leave_field" not in hints, hints
        await pilot.press("escape")
        monkeypatch.undo()
        await pilot.press("ctrl+q")
        await pilot.pause()
    store.close()
