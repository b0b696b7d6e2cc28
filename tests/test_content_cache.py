"""The parsed workbook kept between launches (core/content_cache.py): the same workbook as
parsing, never a stale one, never a reason not to start."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from pathlib import Path

import pytest

from rebound_tui.core import content_cache
from rebound_tui.core.content import ContentProblems, default_content_dir, load_workbook
from rebound_tui.core.content_cache import cache_path, cached_workbook
from rebound_tui.core.model import Workbook


def same(one: Workbook, other: Workbook) -> None:
    assert one == other
    # Section.path does not take part in ==: compare it, and every field, by hand.
    assert [s.path for s in one.sections] == [s.path for s in other.sections]
    assert dataclasses.astuple(one) == dataclasses.astuple(other)
    for mine, theirs in zip(one.sections, other.sections, strict=True):
        for a, b in zip(mine.exercises, theirs.exercises, strict=True):
            for name in a.__dataclass_fields__:
                assert type(getattr(a, name)) is type(getattr(b, name)), name


@pytest.fixture
def overlay(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "support.md").write_text("# Support\n\nCall a friend.\n", encoding="utf-8")
    return folder


def test_a_kept_workbook_is_the_parsed_one(overlay: Path) -> None:
    parsed = load_workbook(None, overlay=overlay)
    first = cached_workbook(None, overlay)  # parses and keeps it
    assert cache_path().is_file()
    kept = cached_workbook(None, overlay)  # read back
    same(first, parsed)
    same(kept, parsed)
    assert kept.support == "# Support\n\nCall a friend."
    assert kept.overridden == ("support.md",)


def test_the_kept_workbook_is_read_without_parsing(
    overlay: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached_workbook(None, overlay)

    def refuse(*args: object, **kwargs: object) -> Workbook:
        raise AssertionError("parsed again")

    monkeypatch.setattr("rebound_tui.core.content.load_workbook", refuse)
    cached_workbook(None, overlay)


def test_a_changed_file_is_parsed_again(overlay: Path) -> None:
    cached_workbook(None, overlay)
    page = overlay / "support.md"
    page.write_text("# Support\n\nCall your sister.\n", encoding="utf-8")
    assert cached_workbook(None, overlay).support == "# Support\n\nCall your sister."
    (overlay / "welcome.md").write_text("# Hello\n\nA new file.\n", encoding="utf-8")
    assert cached_workbook(None, overlay).welcome == "# Hello\n\nA new file."
    (overlay / "welcome.md").unlink()
    assert cached_workbook(None, overlay).welcome == load_workbook().welcome


def test_a_problem_is_reported_though_a_good_workbook_was_kept(overlay: Path) -> None:
    cached_workbook(None, overlay)
    (overlay / "01-frustration.md").write_text("no heading here\n", encoding="utf-8")
    with pytest.raises(ContentProblems):
        cached_workbook(None, overlay)


def test_other_parsing_code_means_parsing_again(
    overlay: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached_workbook(None, overlay)
    before = json.loads(cache_path().read_text(encoding="utf-8"))["key"]
    monkeypatch.setattr(content_cache, "CACHE_FORMAT", content_cache.CACHE_FORMAT + 1)
    assert content_cache.cache_key(default_content_dir(), overlay) != before
    calls = []
    real = load_workbook

    def counting(*args: object, **kwargs: object) -> Workbook:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("rebound_tui.core.content.load_workbook", counting)
    cached_workbook(None, overlay)
    assert len(calls) == 1


def test_the_cache_s_own_reading_and_writing_is_part_of_the_key(overlay: Path) -> None:
    """A change to how the workbook is written here and read back is other code too: a cache
    of the old shape must not be read by the new one."""
    key = json.dumps(content_cache.cache_key(default_content_dir(), overlay))
    assert '"content_cache.py"' in key and '"content.py"' in key


@pytest.mark.parametrize(
    "damage", [b"", b"{not json", b'{"key": 1}', b"[]", b'{"key": null, "workbook": {}}']
)
def test_a_damaged_cache_is_parsed_again_and_rewritten(damage: bytes, overlay: Path) -> None:
    cached_workbook(None, overlay)
    cache_path().write_bytes(damage)
    same(cached_workbook(None, overlay), load_workbook(None, overlay=overlay))
    assert json.loads(cache_path().read_text(encoding="utf-8"))["workbook"]


def test_a_kept_key_with_a_broken_workbook_is_parsed_again(overlay: Path) -> None:
    cached_workbook(None, overlay)
    kept = json.loads(cache_path().read_text(encoding="utf-8"))
    del kept["workbook"]["sections"][0]["exercises"][0]["kind"]
    cache_path().write_text(json.dumps(kept), encoding="utf-8")
    same(cached_workbook(None, overlay), load_workbook(None, overlay=overlay))


def test_the_cache_is_private_and_never_written_through_a_link(
    overlay: Path, tmp_path: Path
) -> None:
    cached_workbook(None, overlay)
    path = cache_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("mine", encoding="utf-8")
    path.unlink()
    os.symlink(elsewhere, path)
    cached_workbook(None, overlay)  # works; the link is left alone
    assert elsewhere.read_text(encoding="utf-8") == "mine"


def test_no_cache_folder_is_no_problem(overlay: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = cache_path().parent.parent
    blocked.parent.mkdir(parents=True, exist_ok=True)
    blocked.write_text("a file where the cache folder would go", encoding="utf-8")
    same(cached_workbook(None, overlay), load_workbook(None, overlay=overlay))


def test_another_markdown_parser_means_parsing_again(
    overlay: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached_workbook(None, overlay)
    before = content_cache.cache_key(default_content_dir(), overlay)
    monkeypatch.setattr(content_cache, "_parser_stamp", lambda: ["elsewhere", [1, 2, 3, 4]])
    assert content_cache.cache_key(default_content_dir(), overlay) != before


def test_a_pipe_where_the_cache_goes_is_not_waited_on(overlay: Path) -> None:
    path = cache_path()
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    same(cached_workbook(None, overlay), load_workbook(None, overlay=overlay))
    assert stat.S_ISFIFO(path.lstat().st_mode)  # left alone
