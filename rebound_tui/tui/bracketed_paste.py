"""Tell pasted text from typed keys in what the terminal sends. No Textual import.

With bracketed paste on, a terminal sends a paste as ``ESC [ 200 ~`` + the text +
``ESC [ 201 ~``. Textual's own parser reads escape sequences *inside* a paste as keys, and a
paste whose text holds the end marker followed by control bytes (``… ESC [ 201 ~ ^Q …``) ends
the paste early, so the rest acts as key presses (ctrl+q quits). Here a paste is taken out of
the input before any key parsing, and it ends only at an end marker *followed by a pause*:
a terminal sends a whole paste at once, so an end marker with more input right behind it was
part of the pasted text. The last end marker before the pause closes the paste; anything
that came after it is ordinary input again.
"""

from __future__ import annotations

from dataclasses import dataclass

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
#: Input within this many seconds of an end marker belongs to the same paste.
PASTE_PAUSE = 0.05
#: A paste whose end marker never comes is closed after this much silence (as text).
PASTE_GIVE_UP = 1.0
#: How long a possible start of a marker waits for the rest of it (a lone ESC key).
MARKER_WAIT = 0.02
#: How often the input thread looks when nothing is pending.
IDLE_WAIT = 0.1


@dataclass(frozen=True)
class Keys:
    """Ordinary input, for the key parser."""

    text: str


@dataclass(frozen=True)
class Paste:
    """The text of one paste, exactly as the terminal sent it (markers removed)."""

    text: str


Piece = Keys | Paste


class PasteSplitter:
    """Feed decoded input with the time it arrived; get keys and pastes back in order."""

    def __init__(self) -> None:
        self._carry = ""  # the end of ordinary input that may be the start of PASTE_START
        self._carry_since = 0.0
        self._paste: str | None = None  # everything since PASTE_START, while in a paste
        self._last_input = 0.0

    def timeout(self) -> float:
        """How long the input thread may wait for input before calling :meth:`idle`."""
        if self._paste is not None:
            return PASTE_PAUSE
        return MARKER_WAIT if self._carry else IDLE_WAIT

    def feed(self, data: str, now: float) -> list[Piece]:
        self._last_input = now
        if self._paste is not None:
            self._paste += data
            return []
        return self._ordinary(self._carry + data, now)

    def idle(self, now: float) -> list[Piece]:
        """Nothing arrived for a while: finish a paste or a held-back ESC."""
        if self._paste is not None:
            end = self._paste.rfind(PASTE_END)
            quiet = now - self._last_input
            if quiet < PASTE_PAUSE or (end < 0 and quiet < PASTE_GIVE_UP):
                return []
            if end < 0:
                text, self._paste = self._paste, None
                return [Paste(text)]
            text, rest = self._paste[:end], self._paste[end + len(PASTE_END) :]
            self._paste = None
            return [Paste(text), *self._ordinary(rest, now)]
        if self._carry and now - self._carry_since >= MARKER_WAIT:
            carry, self._carry = self._carry, ""
            return [Keys(carry)]
        return []

    def _ordinary(self, data: str, now: float) -> list[Piece]:
        self._carry = ""
        start = data.find(PASTE_START)
        if start >= 0:
            self._paste = data[start + len(PASTE_START) :]
            return [Keys(data[:start])] if start else []
        held = _marker_prefix(data)
        if held:
            self._carry, self._carry_since = data[-held:], now
            data = data[:-held]
        return [Keys(data)] if data else []


def _marker_prefix(data: str) -> int:
    """Length of the longest end of `data` that is a proper start of PASTE_START."""
    for size in range(min(len(PASTE_START) - 1, len(data)), 0, -1):
        if PASTE_START.startswith(data[-size:]):
            return size
    return 0
