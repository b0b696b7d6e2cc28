"""The folders show the design, and these tests keep it so.

- ``rebound_tui/core`` never imports Textual (or Rich): checked in a fresh interpreter, where
  nothing else could have imported it first, and by import-linter's contracts in
  ``pyproject.toml`` (which also keep the layers cli → tui → core one-way).
- mypy is part of the suite like ruff: ``--strict`` rules on the core, checked bodies elsewhere.
- No module grows past ~400 lines without a named reason.
"""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import rebound_tui.core

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 400

#: Modules allowed over the limit, each with the reason. Remove an entry when its file shrinks.
OVER_LIMIT: dict[str, str] = {
    "benchmarks/run.py": "one runner for every benchmark line, a script rather than a module",
    "tests/test_store.py": "the storage suite; to be split with the store",
}


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: it comes with the test extra ('.[test]')")
    return found


def _core_modules() -> list[str]:
    return sorted(
        info.name for info in pkgutil.walk_packages(rebound_tui.core.__path__, "rebound_tui.core.")
    )


def test_core_modules_are_found() -> None:
    # Guards the test below against an empty walk (which would pass vacuously).
    names = _core_modules()
    assert "rebound_tui.core.content" in names
    assert any(name.startswith("rebound_tui.core.storage.") for name in names)


def test_core_imports_no_textual_in_a_fresh_interpreter() -> None:
    script = textwrap.dedent(
        f"""
        import importlib, sys
        for name in {_core_modules()!r}:
            importlib.import_module(name)
        leaked = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
        print(",".join(leaked))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"the core imported: {result.stdout.strip()}"


def test_import_contracts() -> None:
    result = subprocess.run(
        [_tool("lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    result = subprocess.run(
        [_tool("mypy")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_modules_stay_small() -> None:
    too_long = {}
    for folder in ("rebound_tui", "tests", "benchmarks", "screenshots"):
        for path in (ROOT / folder).rglob("*.py"):
            name = path.relative_to(ROOT).as_posix()
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > LIMIT and name not in OVER_LIMIT:
                too_long[name] = lines
    assert not too_long, f"modules over {LIMIT} lines (split them, or name why): {too_long}"
    stale = [
        name
        for name in OVER_LIMIT
        if not (ROOT / name).exists()
        or len((ROOT / name).read_text(encoding="utf-8").splitlines()) <= LIMIT
    ]
    assert not stale, f"gone or short now, remove from OVER_LIMIT in tests/test_layers.py: {stale}"


def test_the_package_holds_no_test_code() -> None:
    """Pilot helpers (the demo app driven for snapshots and screenshots) live in tests/helpers;
    nothing in the wheel drives the app with Pilot or imports from the tests."""
    found = []
    for path in (ROOT / "rebound_tui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if any(word in text for word in ("textual.pilot", "from tests", "import tests")):
            found.append(path.relative_to(ROOT).as_posix())
    assert found == [], f"test code in the package: {found}"
