"""The content loader on the real content and on each kind of broken file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from rebound_tui.core.content import (
    ContentError,
    ContentProblems,
    default_content_dir,
    find_problems,
    load_workbook,
    parse_section,
)

GOOD = """# A title

Some lesson text.

```exercise
id = "one"
kind = "scale"
prompt = "How strong?"
```
"""


def test_real_content_has_five_sections_with_three_exercises_each() -> None:
    workbook = load_workbook()
    ids = [s.id for s in workbook.sections]
    assert ids == ["frustration", "bridges", "learning", "facts", "looking-ahead"]
    for section in workbook.sections:
        assert section.title and section.lesson
        assert len(section.exercises_for(internal=False)) >= 2
        assert "```" not in section.lesson
    assert workbook.welcome.startswith("# ")
    assert "helpline" in workbook.support.lower() or "befrienders" in workbook.support.lower()


def test_frustration_rates_intensity_before_and_after() -> None:
    frustration = load_workbook().section("frustration")
    kinds = {e.id: e.kind for e in frustration.exercises}
    assert kinds["intensity-before"] == "scale"
    assert kinds["intensity-after"] == "pacer"
    assert any(e.private for e in frustration.exercises)


def test_internal_only_exercises_are_hidden_for_external_entries() -> None:
    bridges = load_workbook().section("bridges")
    internal_only = [e for e in bridges.exercises if e.when == "internal"]
    assert internal_only
    assert not set(bridges.exercises_for(False)) & set(internal_only)
    assert set(internal_only) <= set(bridges.exercises_for(True))


def test_every_exercise_method_is_named_in_the_content_readme() -> None:
    readme = (default_content_dir() / "README.md").read_text(encoding="utf-8")
    for section in load_workbook().sections:
        for exercise in section.exercises:
            assert f"`{exercise.id}`" in readme, exercise.id


def test_parse_good_section(tmp_path: Path) -> None:
    path = tmp_path / "07-sample-name.md"
    path.write_text(GOOD)
    section = parse_section(path)
    assert (section.id, section.number, section.title) == ("sample-name", 7, "A title")
    assert section.short_title == "Sample name"
    assert section.lesson == "Some lesson text."
    assert section.exercises[0].line == 5
    assert (section.exercises[0].min, section.exercises[0].max) == (0, 10)


BAD_BLOCKS = [
    ('id = "x"\nkind = "slider"\nprompt = "p"', 'unknown kind "slider"'),
    ('id = "x"\nkind = "scale"\nprompt = ', "not valid TOML"),
    ('kind = "scale"\nprompt = "p"', 'non-empty "id"'),
    ('id = "x"\nprompt = "p"', 'needs a "kind"'),
    ('id = "x"\nkind = "choice"\nprompt = "p"', 'needs "options"'),
    ('id = "x"\nkind = "choice"\nprompt = "p"\noptions = ["a"]', "at least two"),
    ('id = "x"\nkind = "scale"\nprompt = "p"\nmin = 5\nmax = 2', "0 <= min < max"),
    ('id = "x"\nkind = "short_text"\nprompt = "p"\ncolour = "red"', "unknown field"),
    ('id = "Bad Id"\nkind = "short_text"\nprompt = "p"', "lowercase"),
    ('id = "x"\nkind = "short_text"\nprompt = "p"\nwhen = "sometimes"', '"when"'),
    (
        'id = "x"\nkind = "composer"\nprompt = "p"\ntemplate = "Hi {nme}"\n'
        '[[fields]]\nid = "name"\nlabel = "Name"',
        "template uses {nme}",
    ),
    ('id = "x"\nkind = "composer"\nprompt = "p"\ntemplate = "Hi"', "[[fields]]"),
    ('id = "x"\nkind = "rows"\nprompt = "p"\ncolumns = []', 'at least one "columns"'),
    ('id = "x"\nkind = "if_then"\nprompt = "p"\noptions = ["a", "b"]\ncolumns = ["If"]', "two"),
    (
        'id = "x"\nkind = "thought_record"\nprompt = "p"\nsteps = ["a"]',
        'at least seven "steps"',
    ),
    ('id = "x"\nkind = "timed_writing"\nprompt = "p"\nend_message = "e"\nminutes = 0', "1 to 120"),
    (
        'id = "x"\nkind = "pacer"\nprompt = "p"\nrerate = "r"\npattern = [4, 4]\n'
        'phases = ["in", "hold", "out"]',
        'at most two "phases"',
    ),
]


@pytest.mark.parametrize(("block", "message"), BAD_BLOCKS)
def test_bad_block_names_file_and_line(tmp_path: Path, block: str, message: str) -> None:
    path = tmp_path / "01-sample.md"
    path.write_text(f"# Title\n\nLesson.\n\n```exercise\n{block}\n```\n")
    with pytest.raises(ContentError) as caught:
        parse_section(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}:5: ")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "empty"),
        (
            "Lesson without a title.\n\n```exercise\nid='a'\nkind='scale'\nprompt='p'\n```\n",
            1,
            "# Title",
        ),
        ("# Title\n\nJust a lesson.\n", 1, "no exercise"),
        ("# Title\n\nLesson\n\n```exercise\nid='a'\nkind='scale'\nprompt='p'\n", 5, "never closed"),
        (
            "# T\n\nL\n\n```exercise\nid='a'\nkind='scale'\nprompt='p'\n```\n\n"
            "```exercise\nid='a'\nkind='scale'\nprompt='q'\n```\n",
            11,
            'duplicate exercise id "a"',
        ),
    ],
)
def test_bad_section_files(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "01-sample.md"
    path.write_text(text)
    with pytest.raises(ContentError) as caught:
        parse_section(path)
    assert caught.value.line == line
    assert message in caught.value.message


def _copy_content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(default_content_dir(), folder)
    return folder


def test_folder_problems_are_all_collected(tmp_path: Path) -> None:
    folder = _copy_content(tmp_path)
    (folder / "welcome.md").unlink()
    (folder / "02-bridges.md").write_text("")
    facts = folder / "04-facts.md"
    facts.write_text(facts.read_text().replace('kind = "rows"', 'kind = "slider"', 1))
    workbook, problems = find_problems(folder)
    assert workbook is None
    messages = [str(p) for p in problems]
    assert any("02-bridges.md:1: section file is empty" in m for m in messages)
    assert any("04-facts.md:" in m and 'unknown kind "slider"' in m for m in messages)
    assert any("welcome.md:1: missing welcome.md" in m for m in messages)
    with pytest.raises(ContentProblems):
        load_workbook(folder)


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    folder = _copy_content(tmp_path)
    (folder / "06-extra.md").write_text(
        '# Extra\n\nMore.\n\n```exercise\nid = "vent"\nkind = "long_text"\nprompt = "p"\n```\n'
    )
    _, problems = find_problems(folder)
    assert [p.message for p in problems] == [
        'duplicate exercise id "vent" (also in 01-frustration.md)'
    ]


def test_check_content_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from rebound_tui.cli import main

    assert main(["check-content"]) == 0
    assert "5 sections" in capsys.readouterr().out
    folder = _copy_content(tmp_path)
    (folder / "03-learning.md").write_text("# Learning\n\nText only.\n")
    assert main(["check-content", str(folder)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [f"{folder / '03-learning.md'}:1: section has no exercise blocks"]
    assert main(["check-content", str(tmp_path / "nowhere")]) == 1


def test_every_example_in_the_content_readme_parses(tmp_path: Path) -> None:
    readme = (default_content_dir() / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```exercise\n(.*?)```", readme, flags=re.DOTALL)
    assert len(blocks) >= 8
    kinds = set()
    for number, block in enumerate(blocks):
        path = tmp_path / f"{number + 10:02d}-example.md"
        path.write_text(f"# Example\n\nLesson.\n\n```exercise\n{block}```\n")
        kinds.add(parse_section(path).exercises[0].kind)
    assert {"composer", "rows", "if_then", "thought_record", "timed_writing", "pacer"} <= kinds
