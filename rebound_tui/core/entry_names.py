"""What an entry is called wherever it is listed: "Company — Role", or "Entry N" when
neither is said. On its own so the home screen's list needs nothing of the export."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rebound_tui.core.storage.store import Entry, EntrySummary


def entry_title(entry: Entry | EntrySummary) -> str:
    parts = [p for p in (entry.company.strip(), entry.role.strip()) if p]
    return " — ".join(parts) if parts else f"Entry {entry.id}"
