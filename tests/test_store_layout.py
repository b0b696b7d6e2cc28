"""The index plus one file per entry: migration of the single file of earlier releases
(committed fixtures, and SIGKILLs in the middle of it), a damaged entry costing only that
entry, other names for the same file, links planted where Rebound keeps its own files,
and the small promises (fsync order, modes, garbage backups and journals)."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from rebound_tui.core.storage.files import atomic_write
from rebound_tui.core.storage.store import (
    SCHEMA_VERSION,
    DatabaseDamaged,
    DatabaseLocked,
    EntryDamaged,
    NotOurFile,
    SaveFailed,
    Store,
    StoreError,
    restore_backup,
    set_aside,
)
from tests.helpers.on_disk import entry_file

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
FACTS: dict[str, Any] = {
    "company": "Acme",
    "role": "Data engineer",
    "stage": "final interview",
    "date": "2025-03-14",
    "internal": False,
}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "rebound.json"


def sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def saved_with(path: Path, entries: int = 1, **answers: Any) -> Path:
    with Store(path) as writer:
        for _ in range(entries):
            entry = writer.create_entry(**FACTS)
            for key, value in answers.items():
                writer.set_answer(entry.id, "s", key, value)
    return path


def expected_from_single_file(raw: bytes) -> dict[int, dict[str, Any]]:
    """What each entry of a single file must read back as after the migration."""
    doc = json.loads(raw)
    return {int(k): v for k, v in doc["entries"].items()}


# --------------------------------------------------------------------------- migration


@pytest.mark.parametrize("fixture", ["v1-single-file.json", "v0-plain-tinydb.json"])
def test_single_file_of_an_earlier_release_is_converted_once(path: Path, fixture: str) -> None:
    original = (FIXTURES / fixture).read_bytes()
    schema = 1 if fixture.startswith("v1") else 0
    path.parent.mkdir()
    path.write_bytes(original)
    expected = expected_from_single_file(original)

    reader = Store(path, read_only=True)  # a reader converts in memory only
    assert {e.id for e in reader.entries()} == set(expected)
    assert sorted(p.name for p in path.parent.iterdir()) == ["rebound.json"]

    with Store(path) as writer:
        assert any("one file per entry" in n for n in writer.notices)
        for entry_id, old in expected.items():
            entry = writer.get(entry_id)
            for name in ("company", "role", "stage", "date", "internal", "created", "updated"):
                if name in old:
                    assert getattr(entry, name) == old[name], name
            assert entry.answers == old["answers"]
    kept = sibling(path, f".v{schema}.bak")
    assert kept.read_bytes() == original
    assert json.loads(path.read_bytes())["meta"] == {"1": {"schema": SCHEMA_VERSION}}
    assert not (sibling(path, ".entries") / ".migrating").exists()
    for entry_id in expected:
        assert stat.S_IMODE(entry_file(path, entry_id).stat().st_mode) == 0o600
    assert stat.S_IMODE(sibling(path, ".entries").stat().st_mode) == 0o700
    if schema == 1:
        assert Store(path, read_only=True).get_setting("theme") == "nord"

    before = kept.stat().st_mtime_ns
    with Store(path) as again:  # only once
        assert again.notices == []
    assert kept.stat().st_mtime_ns == before and kept.read_bytes() == original


def big_single_file(path: Path, entries: int) -> bytes:
    doc = {
        "entries": {
            str(n): {
                **FACTS,
                "company": f"Co {n}",
                "created": "2025-01-01T00:00:00+00:00",
                "updated": "2025-01-01T00:00:00+00:00",
                "answers": {"s": {"vent": f"entry {n} " + "x" * 300}, "t": {"n": n}},
            }
            for n in range(1, entries + 1)
        },
        "settings": {"1": {"theme": "nord"}},
        "meta": {"1": {"schema": 1}},
    }
    raw = json.dumps(doc).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return raw


MIGRATE = "import sys; from rebound_tui.core.storage.store import Store; Store(sys.argv[1]).close()"


def test_migration_killed_at_any_moment_leaves_old_file_or_new_layout(path: Path) -> None:
    entries = 2_000
    original = big_single_file(path, entries)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", MIGRATE, str(path)], check=True, env=env)
    whole = time.perf_counter() - started
    rng = random.Random()
    outcomes = {"old": 0, "mid": 0, "new": 0}
    for _ in range(12):
        # back to the old file; the folder stays as the last (maybe half) attempt left it
        path.write_bytes(original)
        proc = subprocess.Popen([sys.executable, "-c", MIGRATE, str(path)], env=env)
        time.sleep(rng.uniform(0.1, whole * 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        raw = path.read_bytes()
        if raw == original:
            outcomes["old"] += 1
            outcomes["mid"] += (sibling(path, ".entries") / ".migrating").exists()
        else:
            assert json.loads(raw)["meta"]["1"]["schema"] == SCHEMA_VERSION
            outcomes["new"] += 1
        view = Store(path, read_only=True)
        assert len(view.entries()) == entries
        assert view.get(entries).answers["s"]["vent"].startswith(f"entry {entries} ")
    with Store(path) as writer:  # whatever was left, the next writer finishes the job
        assert writer.get(1234).answers == {
            "s": {"vent": "entry 1234 " + "x" * 300},
            "t": {"n": 1234},
        }
    assert sibling(path, ".v1.bak").read_bytes() == original
    assert not (sibling(path, ".entries") / ".migrating").exists()
    print(f"\nmigration of {entries} entries: {whole:.2f}s; kills left {outcomes}")


# --------------------------------------------------------------------------- damaged entry


def test_a_damaged_entry_file_costs_that_entry_only(path: Path) -> None:
    saved_with(path, entries=3, vent="kept")
    with Store(path) as writer:  # a second session: each changed entry gets its .bak
        writer.set_answer(2, "s", "vent", "kept, second session")
    damaged = entry_file(path, 2)
    good = damaged.read_bytes()
    damaged.write_bytes(good[: len(good) // 2])

    with Store(path) as writer:
        assert [e.id for e in writer.entries()] == [3, 2, 1]  # listed: the index is fine
        assert writer.get(1).answers == {"s": {"vent": "kept"}}
        assert writer.get(3).answers == {"s": {"vent": "kept"}}
        with pytest.raises(EntryDamaged) as caught:
            writer.get(2)
        message = str(caught.value)
        assert message.startswith(f"{damaged} is not readable (cut off before its end)")
        assert "other entries open as usual" in message and "--restore-backup" in message
        with pytest.raises(EntryDamaged):
            writer.set_answer(2, "s", "vent", "never written over a damaged file")
        writer.set_answer(1, "s", "vent", "still saving the others")
    assert damaged.read_bytes() == good[: len(good) // 2]

    (aside,) = restore_backup(path)
    assert aside.name.startswith("2.json.damaged-")
    with Store(path) as writer:
        assert writer.get(2).answers == {"s": {"vent": "kept"}}  # the copy as last found
        assert writer.get(1).answers == {"s": {"vent": "still saving the others"}}

    damaged.write_bytes(b"\x00" * 50)
    (aside,) = set_aside(path)  # start this one entry again
    assert aside.read_bytes() == b"\x00" * 50
    with Store(path) as writer:
        assert writer.get(2).answers == {} and writer.get(2).company == "Acme"


# --------------------------------------------------------------------------- other names


def test_a_symlinked_name_finds_the_writer(path: Path, tmp_path: Path) -> None:
    saved_with(path, vent="one")
    alias = tmp_path / "alias.json"
    alias.symlink_to(path)
    linked_folder = tmp_path / "linked"
    linked_folder.symlink_to(path.parent)
    with Store(path) as writer:
        for name in (alias, linked_folder / "rebound.json"):
            with pytest.raises(DatabaseLocked) as caught:
                Store(name)
            assert caught.value.pid == os.getpid()
            view = Store.open_or_read_only(name)
            assert view.read_only and view.path == path
        writer.set_answer(1, "s", "vent", "two")
    assert not sibling(alias, ".lock").exists() and not sibling(alias, ".journal").exists()


def test_a_hard_linked_name_is_refused_before_anything_is_written(
    path: Path, tmp_path: Path
) -> None:
    saved_with(path, vent="one")
    alias = tmp_path / "alias.json"
    os.link(path, alias)
    for name in (path, alias):
        with pytest.raises(StoreError) as caught:
            Store(name)
        assert "hard links" in str(caught.value) and "\n" not in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alias.json", "data"]
    alias.unlink()
    Store(path).close()


def test_a_lock_left_by_a_dead_process_does_not_make_a_reader(path: Path) -> None:
    saved_with(path)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    sibling(path, ".lock").write_text(dead.stdout.decode())
    store = Store.open_or_read_only(path)
    assert not store.read_only
    store.close()


# --------------------------------------------------------------------------- planted links


@pytest.mark.parametrize("suffix", [".journal", ".lock", ".entries"])
def test_a_link_planted_where_rebound_keeps_its_files_is_refused(
    path: Path, tmp_path: Path, suffix: str
) -> None:
    saved_with(path, vent="mine")
    victim = tmp_path / ("victim" if suffix != ".entries" else "victim-folder")
    if suffix == ".entries":
        victim.mkdir()
        os.chmod(victim, 0o755)
        (victim / "1.json").write_text("not yours")
        import shutil

        shutil.rmtree(sibling(path, suffix))
    else:
        victim.write_text("someone else's file\n")
        os.chmod(victim, 0o644)
        sibling(path, suffix).unlink()
    before = sorted(p.name for p in path.parent.iterdir())
    sibling(path, suffix).symlink_to(victim)
    with pytest.raises(NotOurFile) as caught:
        Store(path)
    message = str(caught.value)
    assert message.startswith(f"{sibling(path, suffix)} is a symbolic link") and "\n" not in message
    assert stat.S_IMODE(victim.stat().st_mode) == (0o755 if suffix == ".entries" else 0o644)
    if suffix == ".entries":
        assert (victim / "1.json").read_text() == "not yours"
    else:
        assert victim.read_text() == "someone else's file\n"
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([*before, path.name + suffix])


def test_a_link_planted_at_a_backup_name_is_never_written_through(
    path: Path, tmp_path: Path
) -> None:
    saved_with(path, vent="mine")
    victim = tmp_path / "victim"
    victim.write_text("someone else's file\n")
    os.chmod(victim, 0o644)
    backup = entry_file(path, 1).with_name("1.json.bak")
    backup.symlink_to(victim)
    writer = Store(path)
    writer.set_answer(1, "s", "vent", "changed")
    with pytest.raises(SaveFailed) as caught:
        writer.flush()
    assert "symbolic link" in str(caught.value) and "\n" not in str(caught.value)
    assert victim.read_text() == "someone else's file\n"
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644
    backup.unlink()
    writer.close()  # the journal kept it; now it saves
    assert Store(path, read_only=True).get(1).answers["s"]["vent"] == "changed"


# --------------------------------------------------------------------------- small promises


def test_atomic_write_fsyncs_file_then_replaces_then_fsyncs_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.json"
    target.write_bytes(b"old")
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        events.append(f"fsync {kind}")
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    atomic_write(target, b"new")
    assert events == ["fsync file", "replace", "fsync folder"]
    assert target.read_bytes() == b"new"


def test_an_existing_journal_more_open_than_0600_is_tightened(path: Path) -> None:
    saved_with(path)
    journal = sibling(path, ".journal")
    os.chmod(journal, 0o644)
    writer = Store(path)
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    writer.close()


def test_a_garbage_backup_is_not_offered(path: Path) -> None:
    saved_with(path)
    with Store(path) as writer:
        writer.set_answer(1, "s", "new", "counts")  # progress marks change: the index is saved
    sibling(path, ".bak").write_bytes(b"garbage")
    path.write_bytes(b"{")
    with pytest.raises(DatabaseDamaged) as caught:
        Store(path)
    assert caught.value.backup is None and "--restore-backup" not in str(caught.value)


def test_a_garbage_journal_is_kept_aside_and_said(path: Path) -> None:
    saved_with(path)
    journal = sibling(path, ".journal")
    good = {"op": "set", "id": 1, "s": "s", "e": "vent", "v": "from journal", "t": "2025-01-01"}
    garbage = b"\x00\x01 not a record\n" + json.dumps(good).encode() + b"\n"
    journal.write_bytes(garbage)
    with Store(path) as writer:
        assert writer.get(1).answers["s"]["vent"] == "from journal"
        (notice,) = writer.notices
        assert notice.startswith(f"{journal} held lines that could not be read; a copy is kept")
    (aside,) = [p for p in path.parent.iterdir() if p.name.startswith("rebound.json.journal.dam")]
    assert aside.read_bytes() == garbage
    assert stat.S_IMODE(aside.stat().st_mode) == 0o600
