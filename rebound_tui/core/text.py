"""The one rule for characters a terminal would obey instead of showing. No Textual import.

A *control character* is any of C0 (U+0000 to U+001F), DEL (U+007F) and C1 (U+0080 to U+009F).
A terminal acts on them (``ESC ] 0 ;`` retitles the window, ``ESC [ 2 J`` clears the screen,
the single character U+009B is the same CSI as ``ESC [``), so text a person typed, pasted or
kept in a file never reaches a terminal holding one. A lone surrogate (U+D800 to U+DFFF, which
JSON can hold) cannot even be encoded for output. Everything here derives from
:data:`CONTROL_CHARACTERS`; nothing else in Rebound defines its own list.

- :func:`visible` — for printed text (CLI, exports, messages): every control character
  becomes a visible stand-in (``␛`` for ESC, ``<U+009B>`` for a C1 control, ``<U+D800>`` for
  a surrogate); newline and tab are kept.
- :func:`for_screen` — for a line already laid out on the screen, where Textual measured
  control characters as zero cells wide: they are dropped (so the layout does not move) and
  a surrogate becomes U+FFFD.
- :func:`pasted` — the one normalisation of a paste: every kind of line break becomes
  ``\\n``, then :func:`visible`. What the field shows and what is stored are then the same.
"""

from __future__ import annotations

import re

#: C0, DEL and C1: the characters a terminal may act on.
CONTROL_CHARACTERS = "".join(chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)))
#: Controls kept as they are in printed text (they only move to the next line or column).
KEPT_IN_TEXT = "\t\n"
_SURROGATES = "\ud800-\udfff"

_ANY_CONTROL = re.compile(f"[{re.escape(CONTROL_CHARACTERS)}{_SURROGATES}]")
_SHOWN = re.compile(
    "["
    + re.escape("".join(c for c in CONTROL_CHARACTERS if c not in KEPT_IN_TEXT))
    + _SURROGATES
    + "]"
)
_SURROGATE = re.compile(f"[{_SURROGATES}]")

#: Every line break a paste may hold (CRLF first: it is one break, not two).
_PASTED_BREAK = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
#: Unicode noncharacters the text fields use internally as stand-ins: never real text.
_NONCHARACTER = re.compile("[\ufdd0-\ufdef\ufffe\uffff]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␀ for NUL, …
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """`text` with every control character (but newline and tab) shown as a stand-in."""
    return _SHOWN.sub(_stand_in, text)


def for_screen(text: str) -> str:
    """`text` as it may be written into a laid-out line: controls dropped, surrogates U+FFFD."""
    if not _ANY_CONTROL.search(text):
        return text
    return _ANY_CONTROL.sub(_screen_stand_in, text)


def _screen_stand_in(match: re.Match[str]) -> str:
    return "\ufffd" if _SURROGATE.match(match.group()) else ""


def pasted(text: str) -> str:
    """The one normalisation of pasted text, so the field and the file hold the same.

    Every line break (CRLF, CR, VT, FF, FS, GS, RS, NEL, U+2028, U+2029) becomes a newline;
    every other control character, and the noncharacters U+FDD0 to U+FDEF, U+FFFE, U+FFFF,
    becomes a visible stand-in (see :func:`visible`). Tabs stay. Nothing is dropped.
    """
    text = _PASTED_BREAK.sub("\n", text)
    return _NONCHARACTER.sub(lambda m: f"<U+{ord(m.group()):04X}>", visible(text))
