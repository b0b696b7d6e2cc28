"""A damaged database is never overwritten: the app says which file and what is wrong in one
line, offers (at a terminal) or names (the flags) the way on, and touches nothing unasked."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from rebound_tui import cli
from rebound_tui.cli import main
from rebound_tui.core.storage.store import DatabaseLocked, Store, set_aside
from rebound_tui.tui import app as app_module
from tests.helpers.pty_app import ENTER, PtyApp, have_pty
from tests.helpers.ready import until_ready

DAMAGE = {
    "empty": b"",
    "truncated": b'{"entries": {"1": {"company": "Ac',
    "nul-filled": b"\x00" * 512,
    "not-json": b"dear diary, today",
    "other-shape": b"[1, 2, 3]",
}
TOO_NEW = b'{"entries": {}, "settings": {}, "meta": {"1": {"schema": 99}}}'


class FakeApp:
    """Stands in for the full-screen app once the database opened."""

    opened: list[Store] = []

    def __init__(self, store: Store) -> None:
        self.store = store
        self.return_code = 0
        self.left_on_purpose = True
        FakeApp.opened.append(store)

    def run_in_terminal(self) -> None:
        pass

    def save_now(self) -> bool:
        return True


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> type[FakeApp]:
    FakeApp.opened = []
    monkeypatch.setattr(app_module, "make_app", lambda store, *a, **k: FakeApp(store))
    monkeypatch.setattr(cli, "_no_terminal", lambda: None)  # as if at a terminal
    return FakeApp


def _with_backup(db_path: Path) -> bytes:
    """A database saved in two sessions, so a last-good backup exists; returns its bytes."""
    with Store(db_path) as store:
        store.create_entry(
            company="Acme", role="", stage="Final round", date="2026-11-02", internal=False
        )
    good = db_path.read_bytes()
    with Store(db_path) as store:
        store.set_answer(1, "frustration", "vent", "second session")
    backup = db_path.with_name(db_path.name + ".bak")
    assert backup.read_bytes() == good
    return good


def _answers(monkeypatch: pytest.MonkeyPatch, *replies: str) -> list[str]:
    asked: list[str] = []
    queue = list(replies)

    def ask(prompt: str) -> str:
        asked.append(prompt)
        if not queue:
            raise EOFError
        return queue.pop(0)

    monkeypatch.setattr("builtins.input", ask)
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    return asked


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_damaged_file_one_line_and_untouched(
    kind: str, db_path: Path, capsys: pytest.CaptureFixture[str], fake_app: type[FakeApp]
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(DAMAGE[kind])
    for args in ([], ["list"], ["export"]):
        assert main([*args, "--db", str(db_path)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(db_path) in err and "Traceback" not in err
        assert "--start-fresh" in err  # the CLI names the way on
        assert db_path.read_bytes() == DAMAGE[kind]
    assert fake_app.opened == []


def test_newer_schema_is_refused_even_at_a_terminal(
    db_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, fake_app: type[FakeApp]
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(TOO_NEW)
    asked = _answers(monkeypatch, "f")
    assert main(["--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "newer Rebound" in err
    assert asked == [] and db_path.read_bytes() == TOO_NEW and fake_app.opened == []


def test_prompt_quit_leaves_the_file_byte_identical(
    db_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, fake_app: type[FakeApp]
) -> None:
    _with_backup(db_path)
    db_path.write_bytes(DAMAGE["truncated"])
    for replies in (["q"], [""], ["what?", "q"], []):  # q, Enter, nonsense then q, EOF
        asked = _answers(monkeypatch, *replies)
        assert main(["--db", str(db_path)]) == 1
        assert asked and "r, f or q" in asked[0]
        assert db_path.read_bytes() == DAMAGE["truncated"]
    out = capsys.readouterr().out
    assert "cut off before its end" in out and "restore the last good backup" in out
    assert fake_app.opened == []


def test_prompt_restore_backup(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, fake_app: type[FakeApp], capsys
) -> None:
    good = _with_backup(db_path)
    db_path.write_bytes(DAMAGE["nul-filled"])
    _answers(monkeypatch, "r")
    assert main(["--db", str(db_path)]) == 0
    assert db_path.read_bytes() == good
    (aside,) = db_path.parent.glob("rebound.json.damaged-*")
    assert aside.read_bytes() == DAMAGE["nul-filled"]
    assert fake_app.opened and fake_app.opened[0].get(1).company == "Acme"


def test_prompt_start_fresh_without_a_backup(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, fake_app: type[FakeApp], capsys
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(DAMAGE["not-json"])
    asked = _answers(monkeypatch, "r", "f")  # no backup: r is not offered
    assert main(["--db", str(db_path)]) == 0
    assert "f or q" in asked[0] and "r," not in asked[0]
    (aside,) = db_path.parent.glob("rebound.json.damaged-*")
    assert aside.read_bytes() == DAMAGE["not-json"]
    assert fake_app.opened[0].entries() == []


def test_flag_restore_backup(db_path: Path, fake_app: type[FakeApp], capsys) -> None:
    good = _with_backup(db_path)
    db_path.write_bytes(DAMAGE["empty"])
    assert main(["--restore-backup", "--db", str(db_path)]) == 0
    assert db_path.read_bytes() == good
    assert "Restored the last good backup" in capsys.readouterr().out


def test_flag_start_fresh(db_path: Path, fake_app: type[FakeApp], capsys) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(DAMAGE["other-shape"])
    assert main(["--start-fresh", "--db", str(db_path)]) == 0
    (aside,) = db_path.parent.glob("rebound.json.damaged-*")
    assert aside.read_bytes() == DAMAGE["other-shape"]
    assert fake_app.opened[0].entries() == []


def test_flag_restore_without_backup_is_one_line(db_path: Path, capsys, fake_app) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(DAMAGE["empty"])
    assert main(["--restore-backup", "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no backup" in err
    assert db_path.read_bytes() == DAMAGE["empty"]


@pytest.mark.skipif(sys.platform == "win32" or not have_pty(), reason="needs a pty")
def test_prompt_in_a_real_terminal(db_path: Path, tmp_path: Path) -> None:
    _with_backup(db_path)
    db_path.write_bytes(DAMAGE["truncated"])
    app = PtyApp(["-m", "rebound_tui", "--db", str(db_path)], cwd=tmp_path)
    try:
        app.wait_for_output("r, f or q")
        app.send(b"q" + ENTER)
        assert app.wait() == 1
    finally:
        app.stop()
    assert db_path.read_bytes() == DAMAGE["truncated"]
    assert "Traceback" not in app.text()


async def test_inside_the_app_a_damaged_entry_says_to_quit_first_and_that_works(
    db_path: Path,
) -> None:
    """The app holds the writer lock the repair needs: its advice is "quit, then …" (with
    --db naming this database), and following it from where the person is works."""
    from rebound_tui.core.content import load_workbook
    from rebound_tui.tui.app import make_app
    from rebound_tui.tui.screens.welcome import WELCOMED
    from tests.helpers.on_disk import entry_file

    with Store(db_path) as store:
        store.set_setting(WELCOMED, True)
        store.create_entry(company="Acme", role="", stage="", date="2026-11-02", internal=False)
        store.set_answer(1, "frustration", "vent", "written")
    damaged = entry_file(db_path, 1)
    damaged.write_bytes(b"\x00" * 64)
    store = Store(db_path)
    app = make_app(store, load_workbook())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_entry(1)
        await until_ready(pilot)
        said = " ".join(str(n.message) for n in app._notifications)
        assert str(damaged) in said and "it is untouched" in said
        assert f'quit Rebound (ctrl+q), then run "rebound --start-fresh --db {db_path}"' in said
        # what it used to advise, run from here, is refused: this window holds the lock
        with pytest.raises(DatabaseLocked, match="open in another Rebound"):
            set_aside(db_path)  # what `rebound --start-fresh` does
        assert damaged.read_bytes() == b"\x00" * 64
        await pilot.press("ctrl+q")
    store.close()
    (aside,) = set_aside(db_path)  # after quitting, as advised
    assert aside.name.startswith("1.json.damaged-")
    with Store(db_path) as reopened:
        assert reopened.get(1).company == "Acme"


def test_the_advice_names_the_database_only_when_it_is_not_the_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from rebound_tui.core.storage.opening import default_db_path
    from rebound_tui.core.storage.store import EntryDamaged

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    default = default_db_path()
    error = EntryDamaged(default.with_name("rebound.json.entries") / "3.json", "empty file")
    assert 'Run "rebound --start-fresh" to set this one file aside.' in str(error)
    other = tmp_path / "my notes" / "r.json"
    error = EntryDamaged(other.with_name("r.json.entries") / "3.json", "empty file", backup=other)
    said = error.message(in_app=True)
    assert said.endswith(
        f'To repair it, quit Rebound (ctrl+q), then run "rebound --restore-backup --db '
        f"'{other}'\" to go back to its last good copy, or \"rebound --start-fresh --db "
        f"'{other}'\" to set this one file aside."
    )
