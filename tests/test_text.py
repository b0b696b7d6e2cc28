"""The one control-character rule (core/text.py): every C0, DEL and C1 control is neutralised
in printed text, dropped from drawn lines, and a paste is normalised one documented way."""

from __future__ import annotations

import re

import pytest

from rebound_tui.core.text import CONTROL_CHARACTERS, for_screen, pasted, visible

C0 = [chr(c) for c in range(0x20) if chr(c) not in "\t\n"]
C1 = [chr(c) for c in range(0x80, 0xA0)]


def test_the_rule_covers_c0_del_and_c1() -> None:
    assert set(CONTROL_CHARACTERS) == {*map(chr, range(0x20)), "\x7f", *C1}


@pytest.mark.parametrize("char", [*C0, "\x7f", *C1, "\ud800", "\udfff"])
def test_visible_leaves_no_control_character(char: str) -> None:
    shown = visible(f"a{char}b")
    assert char not in shown and shown.startswith("a") and shown.endswith("b")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]", shown)
    shown.encode("utf-8")  # a surrogate would raise here


def test_visible_stand_ins_name_the_character() -> None:
    assert visible("\x1b[2J\x00\x7f") == "␛[2J␀␡"
    assert visible("csi \x9b31m nel \x85") == "csi <U+009B>31m nel <U+0085>"
    assert visible("line\n\ttab") == "line\n\ttab"
    assert visible("plain 😀 עברית") == "plain 😀 עברית"


@pytest.mark.parametrize("char", [*C0, "\t", "\n", "\x7f", *C1])
def test_for_screen_drops_every_control_character(char: str) -> None:
    assert for_screen(f"a{char}b") == "ab"


def test_for_screen_replaces_a_surrogate_and_keeps_ordinary_text() -> None:
    assert for_screen("x\ud83dy") == "x\ufffdy"
    text = "plain 😀 e\u0301 \u202eevil\u202c"
    assert for_screen(text) is text


def test_a_paste_is_normalised_one_way() -> None:
    raw = "a\r\nb\rc\x0bd\x0ce\x85f\u2028g\u2029h\x1ci\tj\x00k\x1b[31ml\x9bm\ufdd0n"
    assert pasted(raw) == "a\nb\nc\nd\ne\nf\ng\nh\ni\tj␀k␛[31ml<U+009B>m<U+FDD0>n"
    assert pasted(pasted(raw)) == pasted(raw)  # stable: what is stored pastes the same
