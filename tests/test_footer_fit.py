"""The footer at 60x20, 80x24 and 160x48 on every screen: hints never run into each other or
off the edge, F1 (help) and F2 (support) are always there, and every hint names a key that
works on that screen."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer

from rebound_tui.tui.app import ReboundApp
from rebound_tui.tui.screens.confirm import ConfirmScreen
from rebound_tui.tui.screens.help import HelpScreen
from rebound_tui.tui.textual_compat import FooterKey

SIZES = [(60, 20), (80, 24), (160, 48)]

Step = Callable[[ReboundApp, Pilot[None], int], Awaitable[None]]


async def _keys(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    for _ in range(3):
        await pilot.pause()


async def _home(app: ReboundApp, pilot: Pilot[None], entry: int) -> None:
    await _keys(pilot)


async def _section(app: ReboundApp, pilot: Pilot[None], entry: int) -> None:
    app.open_entry(entry, "frustration")
    await _keys(pilot)


async def _in_a_field(app: ReboundApp, pilot: Pilot[None], entry: int) -> None:
    app.open_entry(entry, "bridges")
    await _keys(pilot, "tab", "tab")


async def _summary(app: ReboundApp, pilot: Pilot[None], entry: int) -> None:
    app.open_entry(entry, "frustration")
    await _keys(pilot, "s")


async def _help(app: ReboundApp, pilot: Pilot[None], entry: int) -> None:
    app.open_entry(entry, "learning")
    await _keys(pilot, "f1")
    assert isinstance(app.screen, HelpScreen)


async def _export(app: ReboundApp, pilot: Pilot[None], entry: int) -> None:
    app.open_entry(entry, "learning")
    await _keys(pilot, "e")


async def _support(app: ReboundApp, pilot: Pilot[None], entry: int) -> None:
    await _keys(pilot, "f2")


async def _patterns(app: ReboundApp, pilot: Pilot[None], entry: int) -> None:
    await _keys(pilot, "p")


async def _prep(app: ReboundApp, pilot: Pilot[None], entry: int) -> None:
    await _keys(pilot, "b")


async def _search(app: ReboundApp, pilot: Pilot[None], entry: int) -> None:
    await _keys(pilot, "slash")


async def _new_entry(app: ReboundApp, pilot: Pilot[None], entry: int) -> None:
    await _keys(pilot, "n")


async def _let_go(app: ReboundApp, pilot: Pilot[None], entry: int) -> None:
    app.open_entry(entry, "frustration")
    await _keys(pilot, "ctrl+l")
    assert isinstance(app.screen, ConfirmScreen), "the demo entry has private writing"


SCREENS: dict[str, Step] = {
    "home": _home,
    "section": _section,
    "in-a-field": _in_a_field,
    "summary": _summary,
    "help": _help,
    "export": _export,
    "support": _support,
    "patterns": _patterns,
    "prep": _prep,
    "search": _search,
    "new-entry": _new_entry,
    "let-go": _let_go,
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("where", list(SCREENS))
async def test_footer_fits_and_keeps_help_and_support(
    app: ReboundApp, demo_entry: int, where: str, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await SCREENS[where](app, pilot, demo_entry)
        screen = app.screen
        footers = list(screen.query(Footer))
        assert len(footers) == 1, f"{where}: the screen on top has its own footer"
        hints = [key for key in footers[0].query(FooterKey) if key.display]
        width = app.size.width
        spans = sorted((key.region.x, key.region.right, key.key_display) for key in hints)
        for left, right, shown in spans:
            assert 0 <= left < right <= width, f"{where}: {shown!r} runs off the screen"
        for (_, right, shown), (left, _, after) in itertools.pairwise(spans):
            assert right <= left, f"{where}: {shown!r} runs into {after!r}"
        actions = {key.action for key in hints}
        needed = {"help"} if where == "support" else {"help", "support"}  # F2 is this page
        assert needed <= actions, f"{where} at {width} columns: {actions}"
        if where == "support":
            assert "support" not in actions and "close" in actions
        # Every hint names a key that does something here: Textual would run its action.
        for key in hints:
            if key.action in ("help", "support", "quit"):
                continue  # the app's own keys, priority on every screen
            assert screen.active_bindings[key.key].binding.action == key.action


async def test_no_run_of_text_starts_with_a_space(app: ReboundApp, demo_entry: int) -> None:
    """Some SVG renderers (rsvg, the one the snapshots are looked at with) drop a space at
    the start of a differently styled run: "Rebound— Northwind", "f1Help", "^ppalette"."""
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_entry(demo_entry, "frustration")
        await _keys(pilot)
        title = app.format_title("Rebound", "Northwind — Designer")
        assert title.plain == "Rebound — Northwind — Designer"
        runs = [title.plain[span.start : span.end] for span in title.spans]
        assert runs and not any(run.startswith(" ") for run in runs)
        hints = list(app.screen.query_one(Footer).query(FooterKey))
        assert hints
        for hint in hints:
            text = hint.render()
            assert text.plain.rstrip() == f"{hint.key_display} {hint.description}"
            runs = [text.plain[span.start : span.end] for span in text.spans]
            assert not any(run.startswith(" ") for run in runs), runs


@pytest.mark.parametrize("where", ["help", "section", "support"])
async def test_f1_hint_says_what_pressing_it_does(
    app: ReboundApp, demo_entry: int, where: str
) -> None:
    """On the help page F1 closes it again, so its hint says "Close help" there; elsewhere
    F1 opens the help page and the hint says "Help" (issue 11: a hint says what the key does)."""
    async with app.run_test(size=(80, 24)) as pilot:
        await SCREENS[where](app, pilot, demo_entry)
        under = app.screen
        hint = next(k for k in under.query_one(Footer).query(FooterKey) if k.action == "help")
        await _keys(pilot, "f1")
        if where == "help":
            assert hint.description == "Close help"
            assert not isinstance(app.screen, HelpScreen) and app.screen is not under
        else:
            assert hint.description == "Help"
            assert isinstance(app.screen, HelpScreen)


async def test_summary_footer_does_not_offer_the_summary(app: ReboundApp, demo_entry: int) -> None:
    """On the summary, s would do nothing: its footer does not offer "s Summary"."""
    async with app.run_test(size=(160, 48)) as pilot:
        await _section(app, pilot, demo_entry)
        actions = {key.action for key in app.screen.query_one(Footer).query(FooterKey)}
        assert "summary" in actions
        await _keys(pilot, "s")
        actions = {key.action for key in app.screen.query_one(Footer).query(FooterKey)}
        assert "summary" not in actions and "export" in actions


async def test_f2_on_help_over_the_support_page_goes_back_to_it(
    app: ReboundApp, demo_entry: int
) -> None:
    """F2 on the help page opened from the support page shows that page again, rather than
    a second support page on top of both."""
    async with app.run_test(size=(80, 24)) as pilot:
        await _keys(pilot, "f2", "f1")
        assert isinstance(app.screen, HelpScreen)
        await _keys(pilot, "f2")
        assert app.screen.id == "support"
        assert [s.id for s in app.screen_stack].count("support") == 1
