"""`rebound prep` and `rebound search`: the views across entries on the command line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rebound_tui.cli import main
from rebound_tui.core.content import Workbook
from rebound_tui.core.demo import fill
from rebound_tui.core.storage.store import Store


@pytest.fixture
def demo_db(tmp_path: Path, workbook: Workbook) -> Path:
    path = tmp_path / "data" / "rebound.json"
    store = Store(path)
    fill(store, workbook, history=True)
    store.set_answer(1, "learning", "lessons", "evil \x1b[31mred\x1b]0;title\x07 SQL\x9b")
    store.close()
    return path


def test_search_prints_entry_section_exercise_and_line(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "SQL", "--db", str(demo_db)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[:2] == [
        "2026-10-30  Larch & Co — Team lead · Learning · What feedback did you receive, if any?",
        "    Strong stakeholder work; they wanted more SQL and more examples of leading people.",
    ]
    assert "3 lines found" in err
    # control characters are shown, never obeyed
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "evil ␛[31mred␛]0;title␇ SQL<U+009B>" in out


def test_search_nothing_found_exits_1(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "commute", "--db", str(demo_db)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "Nothing found" in err and "--include-private" in err
    assert main(["search", "commute", "--include-private", "--db", str(demo_db)]) == 0
    assert "pictured the commute" in capsys.readouterr().out


def test_search_needs_text(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "   ", "--db", str(demo_db)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_no_database_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["search", "x"], ["prep"]):
        assert main([*argv, "--db", str(tmp_path / "none.json")]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "none.json" in err
    assert not (tmp_path / "none.json").exists()


def test_prep_to_stdout_and_to_a_private_file(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["prep", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Before your next interview")
    assert out.index("I rushed the case study") < out.index("first 90 days")
    assert "\x1b" not in out
    target = tmp_path / "prep.md"
    assert main(["prep", "-o", str(target), "--db", str(demo_db)]) == 0
    assert target.read_text(encoding="utf-8") == out
    assert os.stat(target).st_mode & 0o777 == 0o600


def test_prep_bad_output_and_format(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["prep", "-o", str(tmp_path), "--db", str(demo_db)]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert main(["prep", "--format", "pdf", "--db", str(demo_db)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_prep_as_a_web_page(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "prep.html"
    assert main(["prep", "--format", "html", "-o", str(target), "--db", str(demo_db)]) == 0
    page = target.read_text(encoding="utf-8")
    assert (
        page.startswith("<!DOCTYPE html>") and "<title>Before your next interview</title>" in page
    )
    assert "I rushed the case study" in page and "\x1b" not in page
    assert os.stat(target).st_mode & 0o777 == 0o600
    # an existing file is replaced only with --force; a link is never written through
    assert main(["prep", "-o", str(target), "--db", str(demo_db)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["prep", "-o", str(target), "--force", "--db", str(demo_db)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Before your next interview")
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    assert main(["prep", "-o", str(link), "--force", "--db", str(demo_db)]) == 1
    assert not (tmp_path / "elsewhere.md").exists()
