"""The header's line: "Rebound — Northwind — Designer"."""

from __future__ import annotations

from textual.content import Content


def title_line(title: str, sub_title: str) -> Content:
    """The title, then the open entry dimmed. Each space ends a run of text and none starts
    one: some SVG renderers drop a space at the start of a run ("Rebound— Northwind")."""
    if not sub_title:
        return Content(title)
    return Content.assemble(f"{title} ", ("— ", "dim"), Content(sub_title).stylize("dim"))
