"""Hostile content folders: each ends in one clear line naming the file, never a traceback, a
hang, a flood of memory, or an escape sequence reaching the terminal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rebound_tui.cli import main
from rebound_tui.core.content import (
    MAX_BYTES,
    ContentError,
    default_content_dir,
    find_problems,
    parse_section,
    read_content_file,
)
from rebound_tui.core.storage.store import Store

RUN_CLI = "import sys; from rebound_tui.cli import main; sys.exit(main(sys.argv[1:]))"
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m"


def _copy_content(tmp_path: Path, name: str = "content") -> Path:
    folder = tmp_path / name
    shutil.copytree(default_content_dir(), folder)
    return folder


def _section(block: str) -> str:
    return f"# Title\n\nLesson.\n\n```exercise\n{block}\n```\n"


@pytest.mark.parametrize(
    "value",
    ["[" * 5000 + "]" * 5000, "{a = " * 5000 + "1" + "}" * 5000, "[" * 40 + "]" * 40],
    ids=["arrays-5000", "inline-tables-5000", "arrays-40"],
)
def test_deeply_nested_toml_is_one_clear_error(tmp_path: Path, value: str) -> None:
    path = tmp_path / "01-deep.md"
    path.write_text(_section(f'id = "x"\nkind = "scale"\nprompt = "p"\nlow = {value}'))
    with pytest.raises(ContentError) as caught:
        parse_section(path)
    assert caught.value.line == 5
    assert "nests" in caught.value.message


def test_brackets_inside_strings_and_comments_are_not_nesting(tmp_path: Path) -> None:
    path = tmp_path / "01-fine.md"
    block = (
        'id = "x"\nkind = "scale"\nprompt = "[[[[[[[[[[[["  # {{{{{{{{{{{{\n'
        'help = \'{{{{{{{{{{{{{{\'\nlow = """[[[[[[[[[[[[\n]]]]"""'
    )
    path.write_text(_section(block))
    assert parse_section(path).exercises[0].prompt == "[" * 12


def test_a_lesson_nested_too_deeply_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "01-deep.md"
    quotes = "\n".join("> " * depth + "deeper" for depth in range(1, 40))
    path.write_text(f"# Title\n\n{quotes}\n\n```exercise\nid='a'\nkind='scale'\nprompt='p'\n```\n")
    with pytest.raises(ContentError, match="nests lists or quotes too deeply"):
        parse_section(path)


@pytest.mark.parametrize("kind_value", ['["scale"]', "{ a = 1 }", "7"])
def test_a_kind_that_is_not_text_is_a_clear_error(tmp_path: Path, kind_value: str) -> None:
    path = tmp_path / "01-odd.md"
    path.write_text(_section(f'id = "x"\nkind = {kind_value}\nprompt = "p"\nwhen = ["internal"]'))
    with pytest.raises(ContentError, match="unknown kind"):
        parse_section(path)


def test_a_link_to_dev_zero_is_refused_without_reading_it(tmp_path: Path) -> None:
    folder = _copy_content(tmp_path)
    (folder / "02-bridges.md").unlink()
    (folder / "02-bridges.md").symlink_to("/dev/zero")
    _, problems = find_problems(folder)
    assert [str(p) for p in problems] == [
        f"{folder / '02-bridges.md'}:1: not a regular file (a folder, pipe or device)"
    ]


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    """Run in a child process: on the old code this hangs forever, and a test must not."""
    folder = _copy_content(tmp_path)
    (folder / "02-bridges.md").unlink()
    os.mkfifo(folder / "02-bridges.md")
    done = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "check-content", str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stdout.strip().endswith(
        "02-bridges.md:1: not a regular file (a folder, pipe or device)"
    )
    assert "Traceback" not in done.stderr


def test_a_folder_named_like_a_content_file_is_refused(tmp_path: Path) -> None:
    folder = _copy_content(tmp_path)
    (folder / "welcome.md").unlink()
    (folder / "welcome.md").mkdir()
    _, problems = find_problems(folder)
    assert [p.message for p in problems] == ["not a regular file (a folder, pipe or device)"]


def test_size_is_capped_while_reading(tmp_path: Path) -> None:
    path = tmp_path / "01-big.md"
    path.write_text("# Big\n\n" + "x" * (MAX_BYTES + 10))
    with pytest.raises(ContentError, match="larger than the limit"):
        read_content_file(path)


def test_bom_and_crlf_files_are_accepted(tmp_path: Path) -> None:
    folder = _copy_content(tmp_path)
    for name in ("01-frustration.md", "support.md"):
        text = (folder / name).read_text(encoding="utf-8")
        (folder / name).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    workbook, problems = find_problems(folder)
    assert problems == []
    assert workbook is not None
    frustration = workbook.section("frustration")
    assert frustration.title == "It's okay to be frustrated"
    assert "\r" not in frustration.lesson and "\ufeff" not in workbook.support
    first_block = (folder / "01-frustration.md").read_bytes().split(b"\r\n").index(b"```exercise")
    assert frustration.exercises[0].line == first_block + 1  # line numbers match the file


def test_escape_sequences_in_a_content_file_are_refused_by_line(tmp_path: Path) -> None:
    path = tmp_path / "01-title.md"
    path.write_text(
        f"# Title{ESCAPES}\n\nLesson.\n\n```exercise\nid='a'\nkind='scale'\nprompt='p'\n```\n"
    )
    with pytest.raises(ContentError) as caught:
        parse_section(path)
    assert (caught.value.line, caught.value.message) == (
        1,
        "control character U+001B is not allowed in content",
    )


def test_export_with_a_hostile_title_prints_nothing_raw(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy_content(tmp_path)
    facts = folder / "04-facts.md"
    facts.write_text(facts.read_text().replace("# Look at", f"# Look{ESCAPES} at", 1))
    with Store(db_path) as store:
        store.create_entry(company="Acme", role="", stage="", date="2026-11-02", internal=False)
    code = main(["--content", str(folder), "export", "--db", str(db_path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err.startswith("rebound: ") and "04-facts.md:1: control character U+001B" in err
    assert "\x1b" not in err and "\x07" not in err and "\x9b" not in err


def test_check_content_never_prints_a_folder_name_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy_content(tmp_path, name=f"content{ESCAPES}")
    assert main(["check-content", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "5 sections" in out
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    (folder / "welcome.md").unlink()
    assert main(["check-content", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "missing welcome.md" in out
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
