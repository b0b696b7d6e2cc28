"""`export -o` never writes through a link and never replaces a file without being told to."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from rebound_tui.cli import main
from rebound_tui.core import export_file
from rebound_tui.core.export_file import ExportExists, ExportRefused, write_export
from rebound_tui.core.storage.store import Store

PRECIOUS = "someone else's file\n"


@pytest.fixture
def one_entry_db(db_path: Path) -> Path:
    with Store(db_path) as store:
        store.create_entry(company="Acme", role="", stage="", date="", internal=False)
    return db_path


@pytest.fixture
def precious(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere" / "precious.txt"
    path.parent.mkdir()
    path.write_text(PRECIOUS)
    path.chmod(0o644)
    return path


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("rebound: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("force", [False, True])
def test_cli_refuses_a_link_even_with_force(
    one_entry_db: Path, precious: Path, tmp_path: Path, capsys, force: bool
) -> None:
    link = tmp_path / "entry.md"
    link.symlink_to(precious)
    args = ["export", "--db", str(one_entry_db), "-o", str(link)] + (["--force"] if force else [])
    assert main(args) == 1
    assert "symbolic link" in one_line(capsys)
    assert precious.read_text() == PRECIOUS and precious.stat().st_mode & 0o777 == 0o644
    assert link.is_symlink() and os.readlink(link) == str(precious)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "elsewhere", "entry.md"]


def test_cli_refuses_a_dangling_link(one_entry_db: Path, tmp_path: Path, capsys) -> None:
    link = tmp_path / "entry.md"
    target = tmp_path / "would-be-created.md"
    link.symlink_to(target)
    assert main(["export", "--db", str(one_entry_db), "-o", str(link)]) == 1
    assert "symbolic link" in one_line(capsys)
    assert not target.exists()


def test_cli_asks_for_force_before_replacing(
    one_entry_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "entry.md"
    existing.write_text(PRECIOUS)
    assert main(["export", "--db", str(one_entry_db), "-o", str(existing)]) == 1
    assert "--force" in one_line(capsys)
    assert existing.read_text() == PRECIOUS
    assert main(["export", "--db", str(one_entry_db), "-o", str(existing), "--force"]) == 0
    assert "# Rebound: Acme" in existing.read_text()
    assert existing.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_cli_refuses_a_fifo(one_entry_db: Path, tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "entry.md"
    os.mkfifo(fifo)
    assert main(["export", "--db", str(one_entry_db), "-o", str(fifo), "--force"]) == 1
    assert "not an ordinary file" in one_line(capsys)


def test_a_link_planted_while_writing_is_not_followed(
    tmp_path: Path, precious: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name is checked, then taken in one step that fails if anything has it by then."""
    target = tmp_path / "entry.md"
    real_mkstemp = tempfile.mkstemp

    def mkstemp_then_plant(*args: object, **kwargs: object) -> tuple[int, str]:
        made = real_mkstemp(*args, **kwargs)  # type: ignore[call-overload]
        target.symlink_to(precious)
        return made

    monkeypatch.setattr(export_file.tempfile, "mkstemp", mkstemp_then_plant)
    with pytest.raises(ExportRefused, match="symbolic link"):
        write_export(target, "new text")
    assert precious.read_text() == PRECIOUS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "entry.md"]


def test_replacing_swaps_a_planted_link_instead_of_following_it(
    tmp_path: Path, precious: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "entry.md"
    target.write_text("old export")
    real_mkstemp = tempfile.mkstemp

    def mkstemp_then_plant(*args: object, **kwargs: object) -> tuple[int, str]:
        made = real_mkstemp(*args, **kwargs)  # type: ignore[call-overload]
        target.unlink()
        target.symlink_to(precious)
        return made

    monkeypatch.setattr(export_file.tempfile, "mkstemp", mkstemp_then_plant)
    with pytest.raises(ExportRefused, match="symbolic link"):
        write_export(target, "new text", replace=True)
    assert precious.read_text() == PRECIOUS


def test_new_file_never_replaces_one_that_appeared(tmp_path: Path) -> None:
    target = tmp_path / "entry.md"
    write_export(target, "first")
    with pytest.raises(ExportExists):
        write_export(target, "second")
    assert target.read_text() == "first"
