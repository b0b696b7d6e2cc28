"""Writing, as it looks while it happens (issue 11): the vent's countdown stays in view as the
box grows, the cursor comes back after what is written, one-line answers rest on their start,
and a scale's key hint is whole at 80 columns."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Input, Static

from rebound_tui.tui.widgets.timed_writing_field import TimedWritingField
from tests.helpers.opened import Opened, drawn

# ---------------------------------------------------------------- the vent's timer, while writing

VENT = {("frustration", "vent"): "What I wrote yesterday.\nAnd the line after it."}


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (160, 48)], ids=str)
@pytest.mark.parametrize("opened", [((80, 24), VENT)], indirect=True)
async def test_vent_countdown_stays_in_view_while_writing(
    opened: Opened, size: tuple[int, int]
) -> None:
    """Fifteen minutes of writing: the box grows, the view follows the cursor down, and the
    time left stays on screen with it. Coming back, the writing goes on after the old text."""
    await opened.pilot.resize_terminal(*size)
    await opened.open("frustration")
    field = opened.app.screen.query_one(TimedWritingField)
    field.query_one(".timer-button", Button).press()
    area = await opened.focus("#input-vent")
    await opened.pilot.press(*"X")
    for n in range(25):
        await opened.pilot.press("enter", *f"{n}")
    await opened.pilot.pause()
    await opened.pilot.pause()
    row = field.query_one(".timer-row")
    countdown = field.query_one(".countdown", Static)
    assert "left" in str(countdown.render())
    footer_top = size[1] - 1
    assert 0 < row.region.y < footer_top and row.region.height == 1, row.region
    _x, y = area.cursor_screen_offset
    assert 0 < y < footer_top  # and the line being written, of course
    saved = opened.saved("frustration", "vent")
    text = saved["text"] if isinstance(saved, dict) else saved  # the text, with its days
    assert text.startswith("What I wrote yesterday.\nAnd the line after it.X\n0\n1\n2\n")


THANKED = "Priya Shah-Venkataraman, the hiring manager for the data platform team"


async def test_one_line_answers_show_their_start_when_left_or_filled_live(opened: Opened) -> None:
    """A long name typed in "Who would you like to thank?": once left, that box and the
    note's name (filled live from it) both show "Priya…", not the end of the text."""
    await opened.open("bridges")
    who = await opened.focus("#input-thank-who")
    await opened.pilot.press(*THANKED, "tab", "tab")  # through the note's name, on to the next
    await opened.pilot.pause()
    name = opened.app.screen.query_one("#input-thank-you-note-name", Input)
    assert not who.has_focus and not name.has_focus
    for box in (who, name):
        shown = " ".join(drawn(box).split())
        assert shown.startswith("Priya Shah"), (box.id, shown)
    await opened.focus("#input-thank-who")
    assert who.cursor_position == len(THANKED)  # back in it: ready to add at the end


async def test_scale_key_hint_is_whole_at_80_columns(opened: Opened) -> None:
    await opened.open("frustration")
    ends = opened.app.screen.query_one("#field-intensity-before .ends", Static)
    shown = " ".join(drawn(ends).split())
    assert shown.endswith("(type 0-10 or use ← →)"), shown
