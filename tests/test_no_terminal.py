"""Without a terminal the workbook says so in one line and stops; the subcommands still work."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from rebound_tui.core.storage.store import Store
from tests.helpers.pty_app import ROOT


def _run(args: list[str], tmp_path: Path) -> tuple[subprocess.CompletedProcess[bytes], float]:
    started = time.monotonic()
    with (tmp_path / "out").open("wb") as out, (tmp_path / "err").open("wb") as err:
        done = subprocess.run(
            [sys.executable, "-m", "rebound_tui", *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            cwd=ROOT,
            timeout=30,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "TERM": "xterm-256color"},
        )
    return done, time.monotonic() - started


def test_the_workbook_without_a_terminal_stops_at_once_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "data" / "rebound.json"
    done, took = _run(["--db", str(db)], tmp_path)
    err = (tmp_path / "err").read_text()
    assert done.returncode == 1 and took < 10
    assert err.count("\n") == 1 and err.startswith("rebound: the workbook needs a terminal")
    assert "Traceback" not in err and (tmp_path / "out").read_bytes() == b""
    assert not db.exists()  # nothing was created


def test_the_subcommands_work_without_a_terminal(tmp_path: Path) -> None:
    db = tmp_path / "data" / "rebound.json"
    with Store(db) as store:
        store.create_entry(
            company="Acme", role="", stage="Final round", date="2026-11-02", internal=False
        )
    for args in (["list", "--db", str(db)], ["export", "--db", str(db)], ["check-content"]):
        done, _took = _run(args, tmp_path)
        assert done.returncode == 0, (args, (tmp_path / "err").read_text())
        assert (tmp_path / "out").read_bytes(), args
