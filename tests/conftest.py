"""Shared fixtures: the real content, a database in a temporary folder, demo data."""

from __future__ import annotations

from pathlib import Path

import pytest

from rebound_tui.content import Workbook, load_workbook


@pytest.fixture(scope="session")
def workbook() -> Workbook:
    return load_workbook()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "rebound.json"
