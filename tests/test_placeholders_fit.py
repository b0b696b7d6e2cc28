"""Every placeholder of every exercise, and of the forms, can be read whole at 60x20 and
80x24: a grey example cut off at the box's edge ("e.g. Could you share what I could h") reads
as a sentence that stops. Too long for its box, it ends in "…" (issue 11)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import Input, TextArea

from rebound_tui.core.model import Workbook
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import ReboundApp, make_app
from tests.helpers.ready import until_ready

SIZES = [(60, 20), (80, 24)]


def _shown_placeholder(box: Input) -> str:
    """The placeholder as the box draws it: the visible cells of its one line."""
    first = box.render_line(0).text.split("\n")[0]
    return first[: box.scrollable_content_region.width].rstrip()


def _problems(app: ReboundApp) -> list[str]:
    problems: list[str] = []
    for box in app.screen.query(Input):
        if not box.placeholder or box.value or not box.region.width:
            continue
        shown = _shown_placeholder(box)
        full = getattr(box, "full_placeholder", box.placeholder)
        if shown != full.strip() and not shown.endswith("…"):
            problems.append(f"{box.id}: {full!r} shown as {shown!r}")
    for area in app.screen.query(TextArea):
        placeholder = str(area.placeholder)
        if not placeholder or area.text or not area.region.width:
            continue
        width = area.content_size.width
        lines = sum(max(1, -(-cell_len(line) // width)) for line in placeholder.splitlines())
        if lines > area.content_size.height:
            problems.append(f"{area.id}: {lines} lines of placeholder in {area.content_size}")
    return problems


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_placeholder_reads_whole_or_ends_in_an_ellipsis(
    store: Store, workbook: Workbook, tmp_path: object, size: tuple[int, int]
) -> None:
    entry = store.create_entry(
        company="", role="", stage="Application", date="2026-11-02", internal=True
    )
    app = make_app(store, workbook, export_dir=None, reduced_motion=True)
    problems: list[str] = []
    async with app.run_test(size=size) as pilot:
        await until_ready(pilot)
        for section in workbook.sections:
            app.open_entry(entry.id, section.id)
            await until_ready(pilot)
            problems += _problems(app)
        app.go_home()
        await until_ready(pilot)
        for form in ("n", "slash"):  # the new-entry form, the search
            await pilot.press(form)
            await until_ready(pilot)
            problems += _problems(app)
            await pilot.press("escape")
            await until_ready(pilot)
    assert not problems, "\n".join(problems)


async def test_a_longer_answer_in_a_one_line_box_ends_in_an_ellipsis(
    store: Store, workbook: Workbook
) -> None:
    """A table cell or short answer longer than its box shows its beginning and "…" while it
    does not have the focus; with the focus, the text itself (the cursor at its end)."""
    name = "Amira Haddad-Whitfield, design lead of the platform team"
    entry = store.create_entry(company="A", role="", stage="", date="2026-11-02", internal=False)
    store.set_answer(entry.id, "bridges", "people-met", [[name, "Lead", "Kind"]])
    store.set_answer(entry.id, "bridges", "thank-who", "Joel")
    store.flush()
    app = make_app(store, workbook, export_dir=None, reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(entry.id, "bridges")
        await until_ready(pilot)
        cell = next(box for box in app.screen.query(Input) if box.value == name)
        short = next(box for box in app.screen.query(Input) if box.value == "Joel")
        shown = _shown_placeholder(cell)
        assert shown.endswith("…") and name.startswith(shown[:-1]), shown
        assert _shown_placeholder(short) == "Joel"
        cell.focus()
        await pilot.pause()
        assert "…" not in _shown_placeholder(cell)
