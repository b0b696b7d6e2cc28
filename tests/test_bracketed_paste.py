"""The paste splitter: a paste is taken out of the input whole, and nothing in it is a key."""

from __future__ import annotations

from rebound_tui.tui.bracketed_paste import (
    MARKER_WAIT,
    PASTE_END,
    PASTE_GIVE_UP,
    PASTE_PAUSE,
    PASTE_START,
    Keys,
    Paste,
    PasteSplitter,
)


def _run(chunks: list[tuple[float, str]], until: float = 5.0) -> list[Keys | Paste]:
    """Feed (time, data) chunks, calling idle every 10 ms in between, like the input thread."""
    splitter, out, now = PasteSplitter(), [], 0.0
    pending = list(chunks)
    while now <= until:
        while pending and pending[0][0] <= now:
            out += splitter.feed(pending.pop(0)[1], now)
        out += splitter.idle(now)
        now = round(now + 0.01, 2)
    merged: list[Keys | Paste] = []
    for piece in out:  # adjacent keys are one stream for the parser
        if merged and isinstance(piece, Keys) and isinstance(merged[-1], Keys):
            merged[-1] = Keys(merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return merged


def test_keys_pass_through() -> None:
    assert _run([(0, "abc\x1b[A\x11")]) == [Keys("abc\x1b[A\x11")]


def test_a_paste_with_escape_sequences_is_one_paste() -> None:
    text = "a\x1b[31mred\x1b[0m\x1bOP\x11\x0c"
    assert _run([(0, f"x{PASTE_START}{text}{PASTE_END}"), (1, "y")]) == [
        Keys("x"),
        Paste(text),
        Keys("y"),
    ]


def test_an_end_marker_inside_the_pasted_text_does_not_end_the_paste() -> None:
    text = f"before{PASTE_END}\x11\x0cafter"  # ctrl+q, ctrl+l right behind a fake end
    assert _run([(0, f"{PASTE_START}{text}{PASTE_END}")]) == [Paste(text)]


def test_markers_split_across_reads() -> None:
    chunks = [(0, "k\x1b[2"), (0.001, "00~pa"), (0.002, "ste\x1b[20"), (0.003, "1~")]
    assert _run(chunks) == [Keys("k"), Paste("paste")]


def test_a_lone_escape_key_is_not_held_long() -> None:
    splitter = PasteSplitter()
    assert splitter.feed("\x1b", 0.0) == []
    assert splitter.timeout() == MARKER_WAIT
    assert splitter.idle(MARKER_WAIT) == [Keys("\x1b")]


def test_a_paste_ends_only_after_a_pause() -> None:
    splitter = PasteSplitter()
    assert splitter.feed(f"{PASTE_START}abc{PASTE_END}", 0.0) == []
    assert splitter.idle(PASTE_PAUSE / 2) == []
    assert splitter.idle(PASTE_PAUSE) == [Paste("abc")]


def test_a_paste_without_an_end_marker_is_still_text() -> None:
    assert _run([(0, f"{PASTE_START}never ends\x11")], until=PASTE_GIVE_UP + 0.1) == [
        Paste("never ends\x11")
    ]
