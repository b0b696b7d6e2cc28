"""The command line: bad input is one line and a non-zero exit; repairs are named and offered;
exports are private; nothing raw reaches the terminal."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from rebound_tui.cli import main
from rebound_tui.core import export_file
from rebound_tui.core.content import Workbook
from rebound_tui.core.storage.store import Store

HOSTILE_COMPANY = "Evil\x1b[31mCo\x1b]0;pwned\x07\x9b2J\x9d0;c1\x9c"
HOSTILE_ANSWER = "x\x1b[2Jy\x1b]52;c;ZXZpbA==\x07z\x00\u202eevil\u202c 😀"


def text_exercise(workbook: Workbook) -> tuple[str, str]:
    """(section id, exercise id) of the first non-private text exercise."""
    for section in workbook.sections:
        for exercise in section.exercises:
            if exercise.kind in ("long_text", "short_text") and not exercise.private:
                return section.id, exercise.id
    raise AssertionError("no text exercise in the content")


@pytest.fixture
def filled_db(db_path: Path, workbook: Workbook) -> Path:
    section, exercise = text_exercise(workbook)
    with Store(db_path) as store:
        entry = store.create_entry(
            company=HOSTILE_COMPANY,
            role="Lead",
            stage="Final round",
            date="2026-11-02",
            internal=False,
        )
        store.set_answer(entry.id, section, exercise, HOSTILE_ANSWER)
        store.set_answer(entry.id, "frustration", "vent", "my private vent")
    return db_path


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("rebound: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


# ----------------------------------------------------------------- bad input


def test_unknown_session(filled_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", str(filled_db), "--session", "99"]) == 1
    assert "no entry with id 99" in _one_line_error(capsys)


def test_bad_format(filled_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", str(filled_db), "--format", "xml"]) == 2
    assert "'xml'" in _one_line_error(capsys)


def test_session_not_a_number(filled_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", str(filled_db), "--session", "three"]) == 2
    assert "'three'" in _one_line_error(capsys)


def test_output_under_a_file(filled_db: Path, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert main(["export", "--db", str(filled_db), "-o", str(blocker / "out.md")]) == 1
    assert "cannot write" in _one_line_error(capsys)


def test_output_in_a_folder_that_refuses(
    filled_db: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only folder, simulated (tests run as root, which ignores permissions)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(export_file.tempfile, "mkstemp", refuse)
    assert main(["export", "--db", str(filled_db), "-o", str(tmp_path / "out.md")]) == 1
    assert "permission denied" in _one_line_error(capsys).lower()


def test_output_is_a_folder(filled_db: Path, tmp_path: Path, capsys) -> None:
    assert main(["export", "--db", str(filled_db), "-o", str(tmp_path)]) == 1
    assert "is a folder" in _one_line_error(capsys)


def test_missing_database_for_export(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nowhere" / "rebound.json"
    assert main(["export", "--db", str(missing)]) == 1
    assert str(missing) in _one_line_error(capsys)
    assert not missing.parent.exists()  # asking created nothing


def test_unknown_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    _one_line_error(capsys)


# ----------------------------------------------------------------- private exports


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_exported_file_is_0600_under_any_umask(
    filled_db: Path, tmp_path: Path, capsys, umask: int
) -> None:
    target = tmp_path / "out" / "entry.md"
    target.parent.mkdir()
    old = os.umask(umask)
    try:
        assert main(["export", "--db", str(filled_db), "-o", str(target)]) == 0
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o600
    assert "my private vent" not in target.read_text()


def test_private_vent_only_with_include_private(filled_db: Path, capsys) -> None:
    assert main(["export", "--db", str(filled_db)]) == 0
    assert "my private vent" not in capsys.readouterr().out
    assert main(["export", "--db", str(filled_db), "--format", "json"]) == 0
    assert "my private vent" not in capsys.readouterr().out
    assert main(["export", "--db", str(filled_db), "--include-private"]) == 0
    assert "my private vent" in capsys.readouterr().out


# ----------------------------------------------------------------- hostile text


def test_list_and_export_to_stdout_emit_no_escape_sequences(filled_db: Path, capsys) -> None:
    before = filled_db.read_bytes()
    for args in (["list"], ["export"], ["export", "--format", "json"], ["export", "--all"]):
        assert main([*args, "--db", str(filled_db)]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out and "\x00" not in out, args
        assert not any(chr(c) in out for c in range(0x80, 0xA0)), args  # C1 controls
        assert "Evil" in out
    assert filled_db.read_bytes() == before  # reading never rewrites


def test_json_export_to_a_file_keeps_the_exact_text(
    filled_db: Path, tmp_path: Path, workbook: Workbook
) -> None:
    target = tmp_path / "entry.json"
    assert main(["export", "--db", str(filled_db), "--format", "json", "-o", str(target)]) == 0
    data = json.loads(target.read_text())
    assert data["entries"][0]["company"] == HOSTILE_COMPANY
    answers = {a["id"]: a for s in data["entries"][0]["sections"] for a in s["answers"]}
    exercise = text_exercise(workbook)[1]
    assert answers[exercise]["answer"] == HOSTILE_ANSWER
