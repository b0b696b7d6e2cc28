"""Long export/import/remind work shows a bar on stderr at a terminal, and nothing otherwise."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from rebound_tui.progress_bar import MINIMUM, ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "total", "drawn"),
    [(Terminal(), MINIMUM, True), (Terminal(), MINIMUM - 1, False), (io.StringIO(), 5000, False)],
)
def test_bar_only_for_long_work_at_a_terminal(stream: io.StringIO, total: int, drawn: bool) -> None:
    with ProgressBar("Exporting", total, stream=stream) as bar:
        for done in range(1, total + 1):
            bar(done)
    text = stream.getvalue()
    if drawn:
        assert "Exporting" in text and f"{total}/{total}" in text
        assert text.endswith("\r\x1b[K")  # wiped, so the result line starts clean
    else:
        assert text == ""


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from rebound_tui.core.storage.store import Store

    path = tmp_path_factory.mktemp("big") / "rebound.json"
    with Store(path) as store:
        for number in range(MINIMUM):
            store.create_entry(
                company=f"Company {number}",
                role="",
                stage="",
                date="",
                internal=False,
                answers={"learning": {"lessons": f"lesson {number}"}},
            )
    return path


def run_with_stderr_on_a_terminal(args: list[str]) -> tuple[int, str]:
    main_fd, child_fd = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "rebound_tui", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=child_fd,
    )
    os.close(child_fd)
    seen = b""
    while True:
        ready, _, _ = select.select([main_fd], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(main_fd)
    return process.wait(timeout=60), seen.decode("utf-8", "replace")


def test_export_and_import_of_a_thousand_entries_show_a_bar_at_a_terminal(
    big_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "all.json"
    code, seen = run_with_stderr_on_a_terminal(
        ["export", "--db", str(big_db), "--all", "--format", "json", "-o", str(out)]
    )
    assert code == 0 and "Exporting" in seen and f"{MINIMUM}/{MINIMUM}" in seen, seen[-300:]
    assert seen.rstrip().endswith(f"Wrote {MINIMUM} entries to {out}")
    code, seen = run_with_stderr_on_a_terminal(
        ["import", "--db", str(tmp_path / "new.json"), str(out)]
    )
    assert code == 0 and "Importing" in seen and f"{MINIMUM}/{MINIMUM}" in seen, seen[-300:]


def test_nothing_extra_when_stderr_is_not_a_terminal(big_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.md"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "rebound_tui",
            "export",
            "--db",
            str(big_db),
            "--all",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0
    assert done.stderr == f"Wrote {MINIMUM} entries to {out}\n"
