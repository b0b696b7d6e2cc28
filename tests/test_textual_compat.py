"""Textual's private parts are used only in the package tui/textual_compat/ (its __init__ and
its part for lists, lists.py), for one pinned version."""

from __future__ import annotations

import re
from pathlib import Path

import textual
from rich.segment import ControlType, Segment
from rich.style import Style
from textual.color import Color

from rebound_tui.tui import textual_compat
from rebound_tui.tui.textual_compat import PINNED_TEXTUAL, ScreenTextFilter

PACKAGE = Path(__file__).resolve().parents[1] / "rebound_tui"


def test_textual_is_the_pinned_version() -> None:
    assert textual.__version__ == PINNED_TEXTUAL, (
        f"Textual {textual.__version__} is installed, but rebound_tui/tui/textual_compat/ "
        f"was written for {PINNED_TEXTUAL}: check every private API it uses, then update "
        "PINNED_TEXTUAL and the pin in pyproject.toml together."
    )
    pyproject = (PACKAGE.parent / "pyproject.toml").read_text()
    assert f'"textual=={PINNED_TEXTUAL}"' in pyproject


def test_the_private_parts_compat_relies_on_are_there() -> None:
    from textual.app import App
    from textual.drivers._writer_thread import WriterThread
    from textual.drivers.linux_driver import LinuxDriver

    for name in ("_fatal_error", "_exit_renderables", "_close_messages_no_wait"):
        assert hasattr(App, name) or name in App.__init__.__code__.co_names, name
    assert hasattr(LinuxDriver, "run_input_thread") and hasattr(WriterThread, "run")
    assert "_queue" in WriterThread.__init__.__code__.co_names
    assert textual_compat.SELECTION_MARK == "X"
    from textual.screen import Screen
    from textual.scroll_view import ScrollView
    from textual.widgets import OptionList

    # textual_compat.lists.SteadyOptionList and KeptScreen's resize
    for owner, name in (
        (OptionList, "_clear_caches"),
        (OptionList, "_on_resize"),
        (ScrollView, "_size_updated"),
        (Screen, "_on_resize"),
    ):
        assert name in vars(owner), (owner, name)


def test_queued_messages_are_read_from_the_queue() -> None:
    from textual.message import Message
    from textual.widget import Widget

    widget, first, second = Widget(), Message(), Message()
    assert widget.post_message(first) and widget.post_message(second)
    assert textual_compat.queued_messages(widget) == [first, second]


def test_node_bindings_are_the_merged_ones() -> None:
    from textual.app import App

    keys = {key for key, _binding in textual_compat.node_bindings(App())}
    assert {"ctrl+q", "ctrl+c"} <= keys


def test_no_other_module_touches_textual_internals() -> None:
    private_import = re.compile(r"from textual[.\w]*\._\w+ import|import textual[.\w]*\._")
    private_attr = re.compile(
        r"\._(message_queue|bindings|fatal_error|exit_renderables|close_messages_no_wait|"
        r"writer_thread|driver|render_cache|segments|selected|button|queue)\b"
    )
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "textual_compat" and path.parent.parent.name == "tui":
            continue
        text = path.read_text()
        if private_import.search(text) or private_attr.search(text):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_no_textual_class_is_patched() -> None:
    patch = re.compile(r"^\s*(Strip|Segment|Widget|App|TextArea|Input)\.\w+\s*=", re.M)
    assert [p.name for p in PACKAGE.rglob("*.py") if patch.search(p.read_text())] == []


def test_the_screen_filter_drops_controls_from_text_but_not_from_control_segments() -> None:
    cursor = Segment("\x1b[2;3H", None, [(ControlType.CURSOR_MOVE_TO, 2, 3)])
    segments = [
        Segment("ok "),
        Segment("evil\x1b]0;pwned\x07 csi\x9b31m nel\x85 ", Style(bold=True)),
        cursor,
        Segment("\x1b", None),
        Segment("link", Style(link="http://x\x1b]0;t\x07")),
    ]
    out = ScreenTextFilter().apply(segments, Color(0, 0, 0))
    assert [s.text for s in out] == ["ok ", "evil]0;pwned csi31m nel ", "\x1b[2;3H", "link"]
    assert out[1].style == Style(bold=True) and out[2] is cursor
    assert out[3].style is not None and out[3].style.link is None
    plain = [Segment("nothing to do")]
    assert ScreenTextFilter().apply(plain, Color(0, 0, 0)) is plain
