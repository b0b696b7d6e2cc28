"""Keep rare line-break characters exact through Textual's TextArea.

The TextArea splits its text with ``str.splitlines``, so a vertical tab, form feed, lone
carriage return, NEL or Unicode line/paragraph separator in an answer would come back as a
plain newline once the field is edited. While the text is in the widget, each of them stands
in as a Unicode noncharacter (U+FDD0 onwards: never used for real text), and is put back on
the way out, so what was stored is what is stored again.
"""

from __future__ import annotations

RARE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_STAND_IN = 0xFDD0

_TO_AREA = {ord(char): chr(_STAND_IN + i) for i, char in enumerate(RARE_BREAKS)}
_FROM_AREA = {ord(chr(_STAND_IN + i)): char for i, char in enumerate(RARE_BREAKS)}


def to_area(text: str) -> str:
    """Text for a TextArea, with the rare breaks replaced by their stand-ins."""
    return text.translate(_TO_AREA)


def from_area(text: str) -> str:
    """The TextArea's text with the rare breaks put back."""
    return text.translate(_FROM_AREA)
