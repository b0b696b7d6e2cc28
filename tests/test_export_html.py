"""The HTML export: one self-contained printable page where a person's words stay text.

The page is parsed with the standard library's HTML parser, so these tests look at what a
browser would build (elements, attributes, text), not at substrings of the source.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from rebound_tui.cli import main
from rebound_tui.core.content import Workbook
from rebound_tui.core.export import render
from rebound_tui.core.export_html import markdown_page
from rebound_tui.core.storage.store import Store

# What a person might paste: each must reach the page as these very characters.
HOSTILE = [
    "<script>alert('owned')</script>",
    '<img src=x onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    "![tracker](https://example.com/pixel.png)",
    "<https://example.com/auto>",
    "&lt;b&gt;not bold&lt;/b&gt; &amp; &copy;",
    '<a href="https://example.com">a link</a>',
    "<iframe src=//example.com></iframe>",
]
REFERENCE_TRICK = "[ref]: https://example.com/steal"


class Page(HTMLParser):
    """Elements, attributes and the visible text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []
        self.style = ""
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name, value) for name, value in attrs]
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if "style" in self._in:
            self.style += data
        elif "title" not in self._in:
            self.text.append(data)

    @property
    def body_text(self) -> str:
        return "".join(self.text)


def parse(page: str) -> Page:
    parsed = Page()
    parsed.feed(page)
    parsed.close()
    return parsed


def first_of_kind(workbook: Workbook, kind: str) -> tuple[str, str]:
    """(section id, exercise id) of the first exercise of ``kind`` an external entry shows."""
    for section in workbook.sections:
        for exercise in section.exercises_for(False):
            if exercise.kind == kind and not exercise.private:
                return section.id, exercise.id
    raise AssertionError(f"no {kind} exercise")


@pytest.fixture
def hostile_db(db_path: Path, workbook: Workbook) -> Path:
    with Store(db_path) as store:
        entry = store.create_entry(
            company="<b>Evil</b> & Co",
            role="[Lead](javascript:x)",
            stage="",
            date="2026-11-02",
            internal=False,
        )
        hostile_lines = "\n".join([*HOSTILE, REFERENCE_TRICK])
        store.set_answer(entry.id, *first_of_kind(workbook, "long_text"), hostile_lines)
        store.set_answer(entry.id, *first_of_kind(workbook, "short_text"), HOSTILE[1])
    return db_path


def assert_inert(page: Page) -> None:
    """Nothing that runs, loads, or leads anywhere."""
    active = {"script", "img", "a", "iframe", "object", "embed", "link", "base", "form"}
    assert not active & set(page.tags), page.tags
    for tag, name, value in page.attrs:
        assert not name.startswith("on"), (tag, name)
        assert name not in ("src", "href", "srcset", "action"), (tag, name, value)
    assert "url(" not in page.style and "@import" not in page.style


def test_hostile_answers_are_shown_as_the_characters_typed(
    hostile_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "entry.html"
    assert main(["export", "--db", str(hostile_db), "--format", "html", "-o", str(target)]) == 0
    page = parse(target.read_text(encoding="utf-8"))
    assert_inert(page)
    text = page.body_text
    for hostile in [*HOSTILE, REFERENCE_TRICK]:
        assert hostile in text, hostile
    assert "<b>Evil</b> & Co" in text and "[Lead](javascript:x)" in text
    assert target.stat().st_mode & 0o777 == 0o600


def test_page_is_self_contained_printable_light_and_dark(
    hostile_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--db", str(hostile_db), "--format", "html"]) == 0
    source = capsys.readouterr().out
    page = parse(source)
    assert page.tags[:2] == ["html", "head"] and source.startswith("<!DOCTYPE html>")
    assert "@media print" in page.style
    assert "prefers-color-scheme: dark" in page.style
    policy = [v for t, n, v in page.attrs if n == "http-equiv" and v == "Content-Security-Policy"]
    assert policy, "the page forbids loading anything"
    contents = [v or "" for t, n, v in page.attrs if t == "meta" and n == "content"]
    assert any("default-src 'none'" in v for v in contents)
    assert not any("//" in (v or "") for t, n, v in page.attrs), "no address in any attribute"
    assert "//" not in page.style


def test_markdown_structure_survives(workbook: Workbook, store: Store) -> None:
    entry = store.create_entry(
        company="Acme", role="Analyst", stage="", date="2026-11-02", internal=False
    )
    page = parse(render([store.get(entry.id)], workbook, "html"))
    assert page.tags.count("h1") == 1 and page.tags.count("h2") == len(workbook.sections)
    assert "Rebound: Acme — Analyst" in page.body_text


def test_all_entries_are_one_page(workbook: Workbook, store: Store) -> None:
    for company in ("One", "Two", "Three"):
        store.create_entry(company=company, role="", stage="", date="", internal=False)
    page = parse(render([store.get(e.id) for e in store.entries()], workbook, "html"))
    assert page.tags.count("h1") == 3 and page.tags.count("hr") == 2


def test_page_builder_escapes_its_title() -> None:
    page = parse(markdown_page("# Hi\n\n<script>x</script>\n", "</title><script>y</script>"))
    assert "script" not in page.tags
    assert "<script>x</script>" in page.body_text


# Markdown a person might type without meaning it as Markdown: it must read back as typed.
MARKDOWN_LOOKING = [
    "I *really* wanted this, __so__ much",
    "they asked about `git rebase` twice",
    "# not a heading",
    "- not a list",
    "+ nor this",
    "1. nor this one",
    "2) or this",
    "> not a quote",
    "~~struck~~ | a | table |",
    "---",
    "===",
    "a backslash \\ stays, and \\*this\\* too",
]


def test_markdown_in_answers_reads_back_as_the_characters_typed(
    db_path: Path, workbook: Workbook, tmp_path: Path
) -> None:
    with Store(db_path) as store:
        entry = store.create_entry(
            company="*Star* Co", role="# Lead", stage="", date="2026-11-02", internal=False
        )
        store.set_answer(
            entry.id, *first_of_kind(workbook, "long_text"), "\n".join(MARKDOWN_LOOKING)
        )
        store.set_answer(entry.id, *first_of_kind(workbook, "short_text"), "`one` *line*")
    target = tmp_path / "entry.html"
    assert main(["export", "--db", str(db_path), "--format", "html", "-o", str(target)]) == 0
    page = parse(target.read_text(encoding="utf-8"))
    text = page.body_text
    for line in [*MARKDOWN_LOOKING, "`one` *line*", "*Star* Co", "# Lead"]:
        assert line in text, line
    made_up = {"em", "code", "pre", "h3", "h4", "h5", "h6", "ol", "hr", "del", "s", "table"}
    assert not made_up & set(page.tags), made_up & set(page.tags)
    assert page.tags.count("h1") == 1 and page.tags.count("blockquote") == 1


def test_lines_of_an_answer_are_not_double_spaced_on_the_page() -> None:
    """A quote keeps the person's spacing (pre-wrap): a hard break must not add an empty line."""
    page = markdown_page("> first line  \n> second line", "t")
    assert "first line<br />second line" in page
