"""The rescue file (core/storage/rescue.py): the first folder that takes it, never through a
link, 0600, one line naming every folder when none does."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from rebound_tui.core.storage.rescue import RescueFailed, rescue_places, write_rescue

NOW = datetime(2026, 11, 2, 9, 41, 5)


def test_the_folders_are_tried_in_order_each_once(tmp_path: Path) -> None:
    db = tmp_path / "data" / "rebound.json"
    env = {"XDG_RUNTIME_DIR": str(tmp_path / "run"), "TMPDIR": str(tmp_path / "data")}
    assert rescue_places(db, env) == [tmp_path / "data", tmp_path / "run", Path.home()]
    no_runtime = rescue_places(db, {"TMPDIR": "relative/is/ignored"})
    assert no_runtime[0] == tmp_path / "data" and Path("relative/is/ignored") not in no_runtime


def test_the_first_folder_that_takes_it(tmp_path: Path) -> None:
    missing, taken = tmp_path / "missing", tmp_path / "taken"
    taken.mkdir()
    target = tmp_path / "not-yours.txt"
    target.write_text("keep me")
    (taken / "rebound-unsaved-20261102-094105.md").symlink_to(target)  # planted: not followed
    path = write_rescue("the vent\n", [missing, taken], NOW)
    assert path == taken / "rebound-unsaved-20261102-094105-2.md"
    assert path.read_text() == "the vent\n" and target.read_text() == "keep me"
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_lone_surrogate_does_not_stop_the_rescue(tmp_path: Path) -> None:
    path = write_rescue("half \udc80 a pair", [tmp_path], NOW)
    assert path.read_bytes() == "half \udc80 a pair".encode("utf-8", "surrogatepass")


def test_when_no_folder_takes_it_each_is_named(tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    with pytest.raises(RescueFailed) as caught:
        write_rescue("text", [tmp_path / "missing", a_file], NOW)
    said = str(caught.value)
    assert f"{tmp_path / 'missing'}: no such file or directory" in said
    assert f"{a_file}: not a directory" in said and "\n" not in said
    assert os.listdir(tmp_path) == ["a-file"]
