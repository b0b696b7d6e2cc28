"""A tick column of a ``rows`` table (e.g. "Done?"): how it is stored and read back.

A ticked cell holds :data:`TICKED`, an unticked one the empty string, so a row stays a list
of strings. Cells typed before the column became a tick keep their words; they count as
ticked unless they say no.
"""

from __future__ import annotations

TICKED = "yes"
NOT_TICKED = ""

#: Words typed into a "Done?" cell that mean "not done"; anything else written means done.
_NO_WORDS = frozenset({"", "no", "n", "not yet", "nope", "false", "0", "-", "—", "todo", "to do"})


def is_ticked(cell: object) -> bool:
    """Whether a stored cell of a tick column counts as ticked."""
    return isinstance(cell, str) and cell.strip().casefold() not in _NO_WORDS


def tick_word(cell: object) -> str:
    """How a tick cell reads in an export: "yes" or "not yet"."""
    return "yes" if is_ticked(cell) else "not yet"
