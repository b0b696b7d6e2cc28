"""A folder Rebound may not write to, for real: as a user without rights, not a simulation.

CI runs as root, which ignores permissions, so the child process drops to "nobody" first.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from rebound_tui.core.storage.store import Store

# Everything is imported before dropping rights: "nobody" cannot read root's Python install.
SAVE_CHILD = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from rebound_tui.core.storage.files import atomic_write
    if os.getuid() == 0:
        os.setgid(65534)
        os.setuid(65534)
    try:
        atomic_write(Path(sys.argv[1]), b"{}")
    except OSError as error:
        print("refused:", error)
    else:
        print("written")
    """
)


def _run(script: str, path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def reachable() -> Iterator[Path]:
    """A folder "nobody" can reach: pytest's own tmp_path sits under a 0700 folder of this
    user, where "nobody" is refused before the folder under test is even looked at."""
    base = Path(tempfile.mkdtemp(prefix="rebound-perm-", dir="/tmp"))
    base.chmod(0o755)
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _shared_folder(base: Path, mode: int) -> Path:
    if os.getuid() != 0 and os.access("/", os.W_OK):
        pytest.skip("cannot make a folder unwritable for this user")
    folder = base / "shared"
    folder.mkdir()
    with Store(folder / "rebound.json") as store:
        store.create_entry(company="Acme", role="", stage="", date="2026-11-02", internal=False)
    folder.chmod(mode)
    for name in os.listdir(folder):
        if (folder / name).is_file():
            (folder / name).chmod(0o644 if os.getuid() == 0 else 0o444)
    return folder


@pytest.fixture
def locked_folder(reachable: Path, workbook: object) -> Path:
    # World-readable so "nobody" can read; writable only by the owner (root, or this user).
    return _shared_folder(reachable, 0o755 if os.getuid() == 0 else 0o555)


def test_a_save_into_a_folder_without_rights_is_refused_cleanly(locked_folder: Path) -> None:
    target = locked_folder / "rebound.json"
    before = target.read_bytes()
    out = _run(SAVE_CHILD, target)
    assert out.startswith("refused:") and str(target) in out
    assert "ermission denied" in out
    assert target.read_bytes() == before
    assert sorted(p.name for p in locked_folder.iterdir() if p.name.endswith(".tmp")) == []


def test_the_same_save_into_an_open_folder_is_written(reachable: Path) -> None:
    """The control: the child can reach the folder, so the refusal above is the folder's."""
    if os.getuid() != 0:
        pytest.skip("needs root to act as another user")
    folder = _shared_folder(reachable, 0o777)
    assert _run(SAVE_CHILD, folder / "other.json") == "written"


def test_a_folder_others_can_change_is_said(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o777)
    with Store(folder / "rebound.json") as writer:
        (notice,) = writer.notices
        assert notice.startswith(f"{folder} can be changed by other users (mode 777)")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o777  # not ours to chmod
