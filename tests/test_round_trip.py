"""Every exercise kind, end to end: keys typed in its field → the stored value → the export →
the field after a restart shows the same thing. Typed text is hostile on purpose (Markdown and
Rich markup, right-to-left text, emoji, line breaks and blank lines)."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, RadioSet, SelectionList, TextArea

from rebound_tui.core import dates, kinds
from rebound_tui.core.content import Workbook
from rebound_tui.core.export import render
from rebound_tui.core.storage.store import Store
from rebound_tui.tui.app import make_app
from rebound_tui.tui.widgets.composer_field import ComposerField
from rebound_tui.tui.widgets.pacer_field import PacerField
from rebound_tui.tui.widgets.rows_field import Row
from rebound_tui.tui.widgets.scale_input import ScaleInput
from rebound_tui.tui.widgets.thought_record_field import ThoughtRecordField
from tests.helpers.ready import until_ready

#: Several lines: a Markdown heading and list, Rich markup, a blank line, RTL text, emoji.
TEXT = "# not a heading\n- [b]not bold[/b] `x`\n\n\u05e9\u05dc\u05d5\u05dd rtl 😀 ü — end"
#: One line of the same.
LINE = "[b]x[/b] # \u05e9\u05dc\u05d5\u05dd rtl 😀 \u2013 ü"
#: The same as Markdown that reads back as typed: brackets escaped, "#" not at a line's start.
LINE_MD = "\\[b\\]x\\[/b\\] # \u05e9\u05dc\u05d5\u05dd rtl 😀 \u2013 ü"

#: The day the vent is written on in these tests.
VENT_DAY = datetime.date(2026, 11, 24)

Act = Callable[[Pilot[Any], Screen[Any]], Awaitable[None]]
Shown = Callable[[Screen[Any]], Any]


@dataclass
class Case:
    section: str
    exercise: str
    act: Act
    stored: Any
    exported: str
    shown: Shown


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type like a terminal does: one key per character (any character), Enter for a newline."""
    for char in text:
        if char == "\n":
            await pilot.press("enter")
        else:  # as the driver sends a printable key: the key is the character itself
            pilot.app.post_message(events.Key(char, char))
            await pilot.pause()


async def _type_into(pilot: Pilot[Any], screen: Screen[Any], selector: str, text: str) -> None:
    screen.query_one(selector).focus()
    await pilot.pause()
    await type_text(pilot, text)


def _text_case(section: str, exercise: str) -> Case:
    async def act(pilot: Pilot[Any], screen: Screen[Any]) -> None:
        await _type_into(pilot, screen, f"#input-{exercise}", TEXT)

    return Case(
        section,
        exercise,
        act,
        TEXT,
        kinds.quote(TEXT),
        lambda screen: screen.query_one(f"#input-{exercise}", TextArea).text,
    )


def _vent_case() -> Case:
    """The vent keeps its text and the day it was written on (today, pinned)."""
    dates.set_today(lambda: VENT_DAY)
    case = _text_case("frustration", "vent")
    case.stored = {"text": TEXT, "days": ["2026-11-24"]}
    case.exported = f"{kinds.quote(TEXT)}\n\n*Written on 1 day: Tue 24 Nov.*"
    return case


async def _scale(pilot: Pilot[Any], screen: Screen[Any]) -> None:
    screen.query_one("#input-intensity-before").focus()
    # The first → picks the lowest (0); four more reach 4, then ← comes down to 3.
    await pilot.press("right", "right", "right", "right", "right", "left")


async def _pacer(pilot: Pilot[Any], screen: Screen[Any]) -> None:
    screen.query_one("#input-intensity-after").focus()
    await pilot.press("right", "right", "right", "right", "right")  # 0, 1, 2, 3, 4


async def _checklist(pilot: Pilot[Any], screen: Screen[Any]) -> None:
    screen.query_one("#input-feelings").focus()
    await pilot.press("space", "down", "down", "space")


async def _choice(pilot: Pilot[Any], screen: Screen[Any]) -> None:
    screen.query_one("#input-stay-in-touch").focus()
    await pilot.press("down", "enter")


async def _composer(pilot: Pilot[Any], screen: Screen[Any]) -> None:
    await _type_into(pilot, screen, "#input-thank-you-note-name", LINE)
    await _type_into(pilot, screen, "#input-thank-you-note-me", "Alex")


def _cells(screen: Screen[Any], exercise: str) -> list[list[str]]:
    return [[i.value for i in row.inputs] for row in screen.query(f"#field-{exercise} Row")]


async def _rows(pilot: Pilot[Any], screen: Screen[Any]) -> None:
    screen.query(f"#field-people-met {Row.__name__} Input").first().focus()
    await type_text(pilot, f"{LINE}\nlead\n\nDana")  # Enter: next cell; last cell: new row


async def _if_then(pilot: Pilot[Any], screen: Screen[Any]) -> None:
    screen.query("#field-coping-plan Row Input").first().focus()
    await type_text(pilot, f"scroll\n{LINE}")


async def _thought_record(pilot: Pilot[Any], screen: Screen[Any]) -> None:
    await _type_into(pilot, screen, "#input-thought-record-situation", LINE)
    await pilot.press("enter")  # step 2: the feelings, then a rating for each
    await type_text(pilot, "sad, angry")
    await pilot.press("enter", "8", "enter", "5")


FEELINGS = ("frustration", "feelings")


def _cases(workbook: Workbook) -> dict[str, Case]:
    options = workbook.section("frustration").exercises[0].options
    choice = next(e for e in workbook.section("bridges").exercises if e.kind == "choice")
    return {
        "long_text": _text_case("learning", "done-differently"),
        "timed_writing": _vent_case(),
        "short_text": Case(
            "bridges",
            "thank-who",
            lambda pilot, screen: _type_into(pilot, screen, "#input-thank-who", LINE),
            LINE,
            LINE_MD,
            lambda screen: screen.query_one("#input-thank-who", Input).value,
        ),
        "scale": Case(
            "frustration",
            "intensity-before",
            _scale,
            3,
            "3 / 10",
            lambda screen: screen.query_one("#input-intensity-before", ScaleInput).value,
        ),
        "pacer": Case(
            "frustration",
            "intensity-after",
            _pacer,
            {"after": 4, "rounds": 0},
            "4 / 10",
            lambda screen: screen.query_one(PacerField).after,
        ),
        "checklist": Case(
            *FEELINGS,
            _checklist,
            [options[0], options[2]],
            f"- {options[0]}\n- {options[2]}",
            lambda screen: screen.query_one("#input-feelings", SelectionList).selected,
        ),
        "choice": Case(
            "bridges",
            "stay-in-touch",
            _choice,
            choice.options[1],
            choice.options[1],
            lambda screen: choice.options[
                screen.query_one("#input-stay-in-touch", RadioSet).pressed_index
            ],
        ),
        "composer": Case(
            "bridges",
            "thank-you-note",
            _composer,
            {"fields": {"name": LINE, "me": "Alex"}, "sent": None},
            f"> Hi {LINE_MD},",
            lambda screen: screen.query_one(ComposerField).values,
        ),
        "rows": Case(
            "bridges",
            "people-met",
            _rows,
            [[LINE, "lead", ""], ["Dana", "", ""]],
            f"1. **Name:** {LINE_MD}\n   - Role: lead\n   - Note: —\n2. **Name:** Dana",
            lambda screen: _cells(screen, "people-met"),
        ),
        "if_then": Case(
            "looking-ahead",
            "coping-plan",
            _if_then,
            [["scroll", LINE]],
            f"- If I feel the urge to **scroll**, then I will {LINE_MD}",
            lambda screen: _cells(screen, "coping-plan"),
        ),
        "thought_record": Case(
            "facts",
            "thought-record",
            _thought_record,
            {
                "situation": LINE,
                "feelings": "sad, angry",
                "each": [
                    {"feeling": "sad", "before": 80, "after": None},
                    {"feeling": "angry", "before": 50, "after": None},
                ],
                "hot-thought": "",
                "evidence-for": "",
                "evidence-against": "",
                "balanced-thought": "",
                "intensity": None,
                "belief": None,
                "rerated": None,
                "traps": [],
            },
            f"*Situation*\n\n> {LINE_MD}\n\n*Feelings* (how strong, 0 to 100: sad 80, angry 50)",
            lambda screen: screen.query_one(ThoughtRecordField).record,
        ),
    }


KINDS = (
    "long_text",
    "timed_writing",
    "short_text",
    "scale",
    "pacer",
    "checklist",
    "choice",
    "composer",
    "rows",
    "if_then",
    "thought_record",
)


def test_every_kind_has_a_round_trip(workbook: Workbook) -> None:
    assert set(KINDS) == set(kinds.KINDS) == set(_cases(workbook))


@pytest.mark.parametrize("kind", KINDS)
async def test_typed_stored_exported_reopened(
    kind: str, db_path: Path, workbook: Workbook, tmp_path: Path
) -> None:
    case = _cases(workbook)[kind]
    store = Store(db_path)
    store.create_entry(company="Acme", role="", stage="", date="2026-11-02", internal=False)
    store.flush()
    app = make_app(store, workbook, export_dir=tmp_path / "x", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(1, case.section)
        await until_ready(pilot)
        await case.act(pilot, app.screen)
        await pilot.pause()
        shown_while_typing = case.shown(app.screen)
        await pilot.press("ctrl+q")
    store.close()

    store = Store(db_path)
    entry = store.get(1)
    stored = entry.answers[case.section][case.exercise]
    if kind == "pacer":  # breathing rounds are not typed; only the rating is compared
        stored = {**stored, "rounds": 0}
    assert stored == case.stored
    exported = render([entry], workbook, include_private=True)
    assert case.exported in exported
    assert "\u05e9\u05dc" in exported or kind in ("scale", "pacer", "checklist", "choice")

    app = make_app(store, workbook, export_dir=tmp_path / "x", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(1, case.section)
        await until_ready(pilot)
        assert case.shown(app.screen) == shown_while_typing
    store.close()
