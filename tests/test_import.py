"""`rebound import`: adds entries with new ids, never overwrites, skips what is already there,
and refuses a file that is not a Rebound export in one line, adding nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from rebound_tui.cli import main
from rebound_tui.core import demo
from rebound_tui.core.content import Workbook
from rebound_tui.core.export import EXPORT_VERSION
from rebound_tui.core.storage.store import Store

DEEP: Any = "x"
for _ in range(900):
    DEEP = [DEEP]
ODD = 'x\x1b[2Jy <script>z</script> \u202eevil\u202c 😀 "quoted"\n\tsecond line'


@pytest.fixture
def source_db(tmp_path: Path, workbook: Workbook) -> Path:
    """The demo entries plus one with odd text and the private vent."""
    path = tmp_path / "source" / "rebound.json"
    with Store(path) as store:
        demo.fill(store, workbook)
        store.create_entry(
            company=ODD,
            role="Lead",
            stage="",
            date="2026-01-31",
            internal=True,
            answers={"frustration": {"vent": "my private vent " + ODD, "intensity-before": 0}},
            created="2025-03-01T10:00:00+01:00",  # times an import must keep
            updated="2025-03-02T11:30:00+01:00",
        )
    return path


def export_all(db: Path, capsys: pytest.CaptureFixture[str], *private: str) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--all", "--format", "json", *private]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def without_ids(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "entries": [{**e, "id": None} for e in data["entries"]]}


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("rebound: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_round_trip_into_an_empty_database_is_identical_apart_from_ids(
    source_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "all.json"
    assert main(["export", "--db", str(source_db), "--all", "--format", "json",
                 "--include-private", "-o", str(exported)]) == 0  # fmt: skip
    target = tmp_path / "fresh" / "rebound.json"
    assert main(["import", "--db", str(target), str(exported)]) == 0
    assert "Added 4 entries" in capsys.readouterr().out
    before = json.loads(exported.read_text())
    after = export_all(target, capsys, "--include-private")
    assert without_ids(after) == without_ids(before)
    assert "my private vent" in json.dumps(after)


def test_import_adds_with_new_ids_and_overwrites_nothing(
    source_db: Path, tmp_path: Path, workbook: Workbook, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "all.json"
    assert main(["export", "--db", str(source_db), "--all", "--format", "json",
                 "-o", str(exported)]) == 0  # fmt: skip
    target = tmp_path / "other" / "rebound.json"
    with Store(target) as store:
        mine = store.create_entry(company="Mine", role="", stage="", date="", internal=False)
        store.set_answer(mine.id, "learning", "lessons", "keep this")
    mine_before = export_all(target, capsys, "--include-private")
    assert main(["import", "--db", str(target), str(exported)]) == 0
    after = export_all(target, capsys, "--include-private")
    assert len(after["entries"]) == 5
    assert [e for e in after["entries"] if e["company"] == "Mine"] == mine_before["entries"]
    assert sorted(e["id"] for e in after["entries"]) == [1, 2, 3, 4, 5]


def test_a_second_import_skips_and_reports_what_is_present(
    source_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "all.json"
    assert main(["export", "--db", str(source_db), "--all", "--format", "json",
                 "-o", str(exported)]) == 0  # fmt: skip
    # The vent was left out of the file, yet each entry is recognised as the one already here.
    assert main(["import", "--db", str(source_db), str(exported)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Nothing to add") and out.count("= skipped") == 4
    assert len(export_all(source_db, capsys)["entries"]) == 4


def test_the_same_entry_twice_in_one_file_is_added_once(
    source_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = export_all(source_db, capsys)
    data["entries"].append(data["entries"][0])
    twice = tmp_path / "twice.json"
    twice.write_text(json.dumps(data))
    target = tmp_path / "t" / "rebound.json"
    assert main(["import", "--db", str(target), str(twice)]) == 0
    assert "earlier in the same file" in capsys.readouterr().out
    assert len(export_all(target, capsys)["entries"]) == 4


def test_dry_run_changes_nothing(
    source_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "all.json"
    exported.write_text(json.dumps(export_all(source_db, capsys)))
    missing = tmp_path / "none" / "rebound.json"
    assert main(["import", "--db", str(missing), str(exported), "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("Would add 4 entries and skip 0")
    assert not missing.parent.exists()
    existing = tmp_path / "some" / "rebound.json"
    with Store(existing) as store:
        store.create_entry(company="Mine", role="", stage="", date="", internal=False)
    before = files_under(existing.parent)
    assert main(["import", "--db", str(existing), str(exported), "--dry-run"]) == 0
    assert "Would add 4 entries" in capsys.readouterr().out
    assert files_under(existing.parent) == before


def files_under(folder: Path) -> list[tuple[str, bytes]]:
    return sorted((str(p), p.read_bytes()) for p in folder.rglob("*") if p.is_file())


def _export_with(tmp_path: Path, **changes: Any) -> Path:
    data: dict[str, Any] = {
        "format": "rebound-export",
        "version": EXPORT_VERSION,
        "entries": [{"company": "Acme", "role": "", "stage": "", "date": "", "internal": False,
                     "sections": []}],
    }  # fmt: skip
    data.update(changes)
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.write_text("not json at all"), "is not a Rebound export: not JSON"),
        (lambda p: p.write_bytes(b"\xff\xfe{}"), "is not text"),
        (lambda p: p.write_text('{"entries": []}'), "is not a Rebound export"),
        (lambda p: p.write_text("[1, 2]"), "is not a Rebound export"),
        (lambda p: p.write_text('{"format": "rebound-export", "version": NaN}'), "NaN"),
        (lambda p: p.write_text("[" * 100_000), "not a Rebound export"),
        (lambda p: p.write_text('{"n": ' + "9" * 5000 + "}"), "not a Rebound export"),
        (lambda p: p.mkdir(), "is not an ordinary file"),
        (lambda p: os.mkfifo(p), "is not an ordinary file"),
        (lambda p: None, "cannot read"),
    ],
)
def test_not_an_export_is_refused_in_one_line(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str], make: Any, expected: str
) -> None:
    bad = tmp_path / "bad.json"
    make(bad)
    assert main(["import", "--db", str(db_path), str(bad)]) == 1
    err = one_line(capsys)
    assert expected in err and str(bad) in err
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"version": EXPORT_VERSION + 1}, "from a newer Rebound"),
        ({"version": "1"}, "version is missing or not a number"),
        ({"entries": {"1": {}}}, '"entries" is missing or not a list'),
        ({"entries": [{"company": 7}]}, 'entry 1: "company" must be text'),
        ({"entries": [{"internal": "no"}]}, 'entry 1: "internal" must be true/false'),
        ({"entries": [{"date": "last Friday"}]}, '"date" must be yyyy-mm-dd, not "last Friday"'),
        ({"entries": [{}, {"sections": [{"answers": []}]}]}, "entry 2: a section has no id"),
        ({"entries": [{"sections": [{"id": "s", "answers": [1]}]}]}, "an answer has no id"),
        (
            {"entries": [{"sections": [{"id": "s", "answers": [{"id": "a", "answer": DEEP}]}]}]},
            'answer "a" is nested too deeply',
        ),
    ],
)
def test_a_damaged_or_newer_export_adds_nothing(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str], changes: Any, expected: str
) -> None:
    with Store(db_path) as store:
        store.create_entry(company="Mine", role="", stage="", date="", internal=False)
    before = files_under(db_path.parent)
    path = _export_with(tmp_path, **changes)
    assert main(["import", "--db", str(db_path), str(path)]) == 1
    err = one_line(capsys)
    assert expected in err and str(path) in err, err
    assert files_under(db_path.parent) == before


def test_import_while_the_app_has_the_database(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _export_with(tmp_path)
    with Store(db_path):  # the open app
        assert main(["import", "--db", str(db_path), str(path)]) == 1
    one_line(capsys)
