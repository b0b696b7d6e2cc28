"""The file formats Rebound writes: one definition, for the writers and for the command
line's choices (which are built at every launch, so this imports nothing)."""

from __future__ import annotations

#: An entry's summary: `rebound export`, and `e` in the app (Markdown or web page).
EXPORT_FORMATS = ("md", "json", "html")
#: "Before your next interview": `rebound prep`.
PREP_FORMATS = ("md", "html")
