"""The install people use: `rebound --version`, `python -m rebound_tui`, and the README's paths."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from rebound_tui import __version__
from rebound_tui.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"rebound {__version__}"


def test_installed_version_is_the_package_version() -> None:
    """pyproject reads the version from the package: one place says it."""
    assert version("rebound-tui") == __version__


def test_python_dash_m_runs_the_same_command_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rebound_tui", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 0 and done.stdout.strip() == f"rebound {__version__}"
    done = subprocess.run(
        [sys.executable, "-m", "rebound_tui", "list", "--db", str(tmp_path / "none.json")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 0 and "No entries yet" in done.stdout


@pytest.mark.skipif(not README.exists(), reason="README is not shipped in the wheel")
def test_readme_offers_pipx_beside_the_venv() -> None:
    text = README.read_text(encoding="utf-8")
    assert "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/rebound" in text
    assert "pipx install ." in text
    assert text.count("python -m rebound_tui") == 1
