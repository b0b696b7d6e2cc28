"""The insides of the exercise widgets (issue 11): scales, ticks, tables, thought record, composer.

Each test drives the real app with the keyboard, as a person would, and checks what is on
screen and what is stored.
"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static

from rebound_tui.core import kinds
from rebound_tui.core.content import Workbook
from rebound_tui.tui.screens.new_entry import NewEntryScreen
from rebound_tui.tui.widgets.rows_field import RowsField
from rebound_tui.tui.widgets.scale_input import ScaleInput
from rebound_tui.tui.widgets.thought_record_field import ThoughtRecordField
from tests.helpers.opened import Opened, drawn

# ---------------------------------------------------------------- tables (items 1, 2)

QUESTION = "Tell me about a time you led a migration of the legacy reporting stack"
SAID = "I talked about the dashboard rewrite but rambled about tooling"
NOW = "The Kafka migration: the plan, the risk I took, what I'd do again"
LONG_ROW = {("learning", "questions-differently"): [[QUESTION, SAID, NOW]]}


@pytest.mark.parametrize("opened", [((80, 24), LONG_ROW)], indirect=True)
async def test_cells_not_focused_show_the_beginning_and_headers_are_whole(opened: Opened) -> None:
    await opened.open("learning")
    field = opened.app.screen.query_one("#field-questions-differently", RowsField)
    assert not field.has_class("-stacked")  # three columns side by side at 80 columns
    cells = list(field.query(Input))
    cells[0].focus()
    await opened.pilot.press("enter")  # the next cell
    await opened.pilot.press("end", *" and the time I was wrong", "tab")  # type, then leave
    await opened.pilot.pause()
    first, second, third = (drawn(c).strip() for c in cells)
    # Left, each shows its beginning and "…" where the rest runs on past the box.
    assert first.endswith("…") and QUESTION.startswith(first[:-1]) and len(first) > 5, first
    assert second.endswith("…") and SAID.startswith(second[:-1]) and len(second) > 5, second
    assert NOW.endswith(third), third  # focused: the end, where the cursor is
    head = field.query_one(".rows-head")
    heads = list(head.query(Label))
    assert all(label.region.bottom <= head.region.bottom for label in heads)  # nothing cut
    assert " ".join(drawn(label) for label in heads).split() == (
        ["Question", "What", "I", "said", "What", "I'd", "say", "now"]
    )


@pytest.mark.parametrize("opened", [((60, 20), LONG_ROW)], indirect=True)
async def test_narrow_tables_show_each_row_as_a_card(opened: Opened) -> None:
    await opened.open("learning")
    field = opened.app.screen.query_one("#field-questions-differently", RowsField)
    await opened.pilot.pause()
    assert field.has_class("-stacked")
    labels = [drawn(label).strip() for label in field.query(".cell-label")]
    assert labels == ["Question", "What I said", "What I'd say now"]
    inputs = list(field.query(Input))
    assert all(i.size.width >= 24 for i in inputs), [i.size.width for i in inputs]
    card_line = drawn(inputs[0]).strip()
    assert card_line.endswith("…") and QUESTION.startswith(card_line[:-1]), card_line


async def test_done_is_a_tick(opened: Opened) -> None:
    await opened.open("looking-ahead")
    field = opened.app.screen.query_one("#field-next-steps", RowsField)
    field.query(Input).first().focus()
    await opened.pilot.press(*"Email Dana", "tab", *"Friday", "tab")
    tick = opened.app.focused
    assert tick is not None and type(tick).__name__ == "TickCell"  # not a text box
    assert drawn(tick).strip() == "[ ] not yet"
    await opened.pilot.press("space")
    assert drawn(tick).strip() == "[✓] done"
    assert opened.saved("looking-ahead", "next-steps") == [["Email Dana", "Friday", "yes"]]
    await opened.pilot.press("space")
    assert opened.saved("looking-ahead", "next-steps") == [["Email Dana", "Friday", ""]]


async def test_if_then_suggests_a_phrase_from_a_word_inside_it(opened: Opened) -> None:
    await opened.open("looking-ahead")
    field = opened.app.screen.query_one("#field-coping-plan", RowsField)
    field.query(Input).first().focus()
    await opened.pilot.press(*"shop")
    hint = field.query_one(".match-hint", Static)
    assert hint.display and "go shopping" in str(hint.render())
    await opened.pilot.press("right")
    assert opened.saved("looking-ahead", "coping-plan") == [["go shopping", ""]]
    assert not hint.display


# ---------------------------------------------------------------- scales (item 17)


async def test_scale_digits_set_the_value_and_backspace_clears(opened: Opened) -> None:
    await opened.open("frustration")
    scale = await opened.focus("#input-intensity-before")
    await opened.pilot.press("7")
    assert scale.value == 7
    await opened.pilot.press("1", "0")  # typed together: ten
    assert scale.value == 10
    assert opened.saved("frustration", "intensity-before") == 10
    await opened.pilot.press("backspace")
    assert scale.value is None
    assert opened.saved("frustration", "intensity-before") is None
    await opened.pilot.press("0")
    assert scale.value == 0


async def test_scale_first_arrow_starts_at_the_bottom(opened: Opened) -> None:
    await opened.open("frustration")
    scale = await opened.focus("#input-intensity-before")
    await opened.pilot.press("right")
    assert scale.value == 0  # not the middle
    await opened.pilot.press("right", "right")
    assert scale.value == 2


async def test_hundred_scale_digits_pick_steps_of_ten() -> None:
    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield ScaleInput(0, 100, step=10)

    app = One()
    async with app.run_test(size=(80, 5)) as pilot:
        scale = app.query_one(ScaleInput)
        scale.focus()
        await pilot.press("7")
        assert scale.value == 70
        await pilot.press("0")  # "70" typed together stays 70
        assert scale.value == 70
        await pilot.press("1", "0", "0")
        assert scale.value == 100


@pytest.mark.parametrize("opened", [(60, 20)], indirect=True)
async def test_scale_wraps_when_narrow_instead_of_losing_numbers(opened: Opened) -> None:
    await opened.open("frustration")
    scale = await opened.focus("#input-intensity-before")
    await opened.pilot.press("1", "0")
    await opened.pilot.pause()
    drawn = [scale.render_line(y).text for y in range(scale.size.height)]
    shown = " ".join(drawn)
    assert all(f" {n} " in f" {shown} " or f"[{n}]" in shown for n in range(11)), drawn
    assert "[10]" in shown  # the selection is visible
    assert scale.region.right <= scale.parent.region.right


# ---------------------------------------------------------------- checkbox (item 18)


async def test_checkbox_state_is_a_symbol_not_a_colour(opened: Opened) -> None:
    opened.app.push_screen(NewEntryScreen())
    await opened.pilot.pause()
    box = opened.app.screen.query_one("#internal", Checkbox)

    def drawn() -> str:
        return "".join(box.render_line(y).text for y in range(box.size.height))

    assert "✓" not in drawn()
    box.focus()
    await opened.pilot.press("space")
    assert box.value
    assert "✓" in drawn()


def test_ticks_are_checked_and_exported_as_words(workbook: Workbook) -> None:
    from pathlib import Path as P

    from rebound_tui.core import kinds as kinds_module
    from rebound_tui.core.content import ContentError, parse_exercise

    block = 'id = "x"\nkind = "rows"\nprompt = "p"\ncolumns = ["Action", "Done?"]\n'
    with pytest.raises(ContentError, match='"ticks" names "Done", which is not a column'):
        parse_exercise(P("s.md"), 3, block + 'ticks = ["Done"]\n')
    with pytest.raises(ContentError, match="not in"):
        parse_exercise(P("s.md"), 3, block + 'ticks = ["Action", "Done?"]\n')
    exercise = parse_exercise(P("s.md"), 3, block + 'ticks = ["Done?"]\n')
    table = [["Email Dana", "yes"], ["Update CV", ""], ["Call", "half"]]
    text = kinds_module.to_markdown(exercise, table)
    assert text.splitlines() == [
        "1. **Action:** Email Dana",
        "   - Done?: yes",
        "2. **Action:** Update CV",
        "   - Done?: not yet",
        "3. **Action:** Call",
        "   - Done?: yes (half)",
    ]


# ---------------------------------------------------------------- thought record (items 3-6)


def words(widget: Widget) -> str:
    """Every word the leaf widgets inside ``widget`` draw, in order, spaces normalised."""
    leaves = [w for w in widget.query("*") if not w.children]
    return " ".join(" ".join(drawn(w).split()) for w in leaves)


async def record(opened: Opened) -> ThoughtRecordField:
    await opened.open("facts")
    field = opened.app.screen.query_one(ThoughtRecordField)
    field.query_one("#input-thought-record-situation").focus()
    await opened.pilot.pause()
    return field


async def test_thought_record_enter_and_tab_move_on(opened: Opened) -> None:
    field = await record(opened)
    pilot = opened.pilot
    await pilot.press(*"No offer", "enter")  # Enter on a one-line step: the next step
    await pilot.pause()
    assert field.current == 1
    await pilot.press(*"sad", "enter")  # on to the rating of the same step
    assert type(opened.app.focused).__name__ == "ScaleInput"
    await pilot.press("6", "enter")  # Enter on the rating: the next step
    await pilot.pause()
    assert field.current == 2
    await pilot.press("enter")  # from the hot thought on to the traps
    assert type(opened.app.focused).__name__ == "LabelledTick"
    field.next_step()
    await pilot.pause()
    assert field.current == 3
    await pilot.press(*"They didn't smile", "tab")  # one Tab from the box: Next, not Back
    focused = opened.app.focused
    assert focused is not None and focused.has_class("next"), focused
    await pilot.press("enter")
    await pilot.pause()
    assert field.current == 4
    saved = opened.saved("facts", "thought-record")
    assert (saved["situation"], saved["feelings"]) == ("No offer", "sad")
    assert saved["each"] == [{"feeling": "sad", "before": 60, "after": None}]
    assert saved["evidence-for"] == "They didn't smile"
    # The help under the prompt names no key that does something else.
    assert "Tab moves on to the Next button" not in words(field)


LONG = "\n".join(f"Line {n} of what I keep going over, again and again" for n in range(1, 13))
LONG_RECORD = {
    ("facts", "thought-record"): {
        "situation": LONG,
        "feelings": LONG,
        "hot-thought": LONG,
        "evidence-for": LONG,
        "evidence-against": LONG,
        "balanced-thought": LONG,
        "intensity": 80,
        "belief": 70,
        "rerated": None,
        "traps": ["Mind-reading"],
    }
}


@pytest.mark.parametrize("opened", [((80, 24), LONG_RECORD)], indirect=True)
async def test_thought_record_question_in_view_after_next(opened: Opened) -> None:
    """Every step already holds a long answer (a record come back to): after Next, the new
    step's question is on screen, not scrolled away above its tall box."""
    field = await record(opened)
    title = field.query_one(".step-title")
    for step in range(1, 7):
        next_button = field.query_one(".next")
        next_button.focus()  # as a person gets there, then presses Enter
        await opened.pilot.pause()
        await opened.pilot.press("enter")
        await opened.pilot.pause()
        await opened.pilot.pause()
        assert field.current == step
        x, y = title.region.offset
        widget, _ = opened.app.screen.get_widget_at(x, y)
        assert widget is title and title.region.height > 0, (step, title.region)


async def test_thought_record_short_steps_grow_and_traps_wrap(opened: Opened) -> None:
    field = await record(opened)
    box = field.query_one("#input-thought-record-situation")
    before = box.size.height
    await opened.pilot.press(*("Final round with the data team, then a two-line no. " * 3))
    await opened.pilot.pause()
    assert box.size.height > before  # the box grows with the text
    field.show_step(2)
    await opened.pilot.pause()
    step = field.query(".step")[2]
    text = words(step)
    assert 'Fortune-telling: "I\'ll never get a job like this."' in text, text
    assert "…" not in text


# ---------------------------------------------------------------- composer (items 8, 9)

APPRECIATED = "hearing how the platform team plans to move reporting onto the new stack next year"


async def test_composer_fields_look_empty_and_show_their_start(opened: Opened) -> None:
    await opened.open("bridges")
    field = opened.app.screen.query_one("#field-thank-you-note")
    company = field.query_one("#input-thank-you-note-appreciated", Input)
    empty = field.query_one("#input-thank-you-note-me", Input)
    assert not empty.has_class("-textual-compact")  # a box with a border
    assert empty.styles.border_top[0] not in ("", "none", "hidden")
    assert drawn(empty).split() == ["e.g.", "Sam"]  # an example, never taken for an answer
    company.focus()
    await opened.pilot.press(*APPRECIATED, "tab")
    await opened.pilot.pause()
    shown = " ".join(drawn(company).split())
    assert shown.endswith("…") and APPRECIATED.startswith(shown[:-1]), shown


async def test_composer_sent_button_says_what_it_does(opened: Opened) -> None:
    await opened.open("bridges")
    field = opened.app.screen.query_one("#field-thank-you-note")
    button = field.query_one(".mark-sent", Button)
    button.focus()
    await opened.pilot.press("enter")
    await opened.pilot.pause()
    assert str(button.label) == "Mark as not sent"
    assert "Sent on " in drawn(field.query_one(".sent"))
    assert drawn(button).strip() == "Mark as not sent"  # whole, not cut
    assert button.region.right <= field.region.right
    await opened.pilot.press("enter")
    assert str(button.label) == "Mark as sent"


async def test_composer_starts_from_the_entry_and_follows_the_name_live(opened: Opened) -> None:
    await opened.open("bridges")
    screen = opened.app.screen
    assert screen.query_one("#input-thank-you-note-company", Input).value == "Northwind Traders"
    assert screen.query_one("#input-thank-you-note-role", Input).value == "Senior data analyst"
    screen.query_one("#input-thank-who", Input).focus()
    await opened.pilot.press(*"Priya Shah")
    await opened.pilot.pause()
    name = screen.query_one("#input-thank-you-note-name", Input)
    assert name.value == "Priya Shah"  # live, without leaving the section
    assert "Hi Priya Shah," in drawn(screen.query_one("#field-thank-you-note .preview"))
    saved = opened.saved("bridges", "thank-you-note")
    # A blank that follows another answer is shown, not stored (the core's composer kind
    # fills it from its source), so what is seen is what the export holds.
    assert "name" not in saved.get("fields", {})
    app = opened.app
    exercise = next(
        e for e in app.workbook.section("bridges").exercises if e.id == "thank-you-note"
    )
    finished = kinds.finished_text(exercise, saved, app.session.context("bridges"))
    assert finished is not None and "Hi Priya Shah," in finished
    name.focus()
    await opened.pilot.press("ctrl+u", *"Priya")  # their own words win from now on
    screen.query_one("#input-thank-who", Input).focus()
    await opened.pilot.press("backspace")
    await opened.pilot.pause()
    assert name.value == "Priya"
