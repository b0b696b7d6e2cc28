"""The one rule for showing a person's text where a terminal could obey it. No Textual import.

Control characters (but not newline or tab) become visible stand-ins, and lone surrogates
(which a JSON file may hold, but no terminal or UTF-8 file can) become ``<U+D800>``-style
markers, so printing any answer can neither send an escape sequence nor fail to encode.
"""

from __future__ import annotations

import re

_SHOWN_AS_CODE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\ud800-\udfff]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␀ for NUL, …
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """``text`` with every control character and lone surrogate shown, never obeyed."""
    return _SHOWN_AS_CODE.sub(_stand_in, text)
