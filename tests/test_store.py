"""The store's promises: round trips, damaged files left alone, one writer, privacy,
journal replay, failed saves that lose nothing, hostile text, and O(1) typing."""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

import rebound_tui.core.storage.store as store_mod
from rebound_tui.core.storage import files, opening, tinydb_file
from rebound_tui.core.storage.files import (
    WriteFailed,
    atomic_write,
    clean_stale_temps,
    ensure_private_dir,
    write_private_text,
)
from rebound_tui.core.storage.store import (
    SCHEMA_VERSION,
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseTooNew,
    SaveFailed,
    Store,
    StoreError,
    UnknownEntry,
    default_db_path,
    restore_backup,
    set_aside,
)
from tests.helpers.on_disk import entry_file, saved_answers

ROOT = Path(__file__).resolve().parents[1]
CHILD = Path(__file__).parent / "helpers" / "store_child.py"

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


@pytest.fixture
def store(path: Path) -> Iterator[Store]:
    opened = Store(path)
    yield opened
    crash(opened)  # tests that care close explicitly; never flush behind their back


def crash(store: Store) -> None:
    """Let go of the files without saving, as a killed process would."""
    store._journal.close()
    store._lock.release()
    store._closed = True


def sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def saved_with(path: Path, **answers: Any) -> Path:
    """A closed database with one entry and the given answers in section "s"."""
    with Store(path) as writer:
        entry = writer.create_entry(**FACTS)
        for key, value in answers.items():
            writer.set_answer(entry.id, "s", key, value)
    return path


# --------------------------------------------------------------------------- basics


def test_round_trip(path: Path) -> None:
    with Store(path) as writer:
        entry = writer.create_entry(**FACTS)
        writer.set_answer(entry.id, "frustration", "feelings", ["angry", "tired"])
        writer.set_answer(entry.id, "frustration", "intensity-before", 8)
        writer.set_answer(entry.id, "learning", "questions", [{"q": "Why us?", "said": "…"}])
        writer.set_answer(entry.id, "facts", "thought", {"hot": "I'm useless", "rerate": 3.5})
        expected = writer.get(entry.id)
        assert writer.dirty
    reopened = Store(path)
    assert reopened.get(entry.id) == expected
    assert [e.id for e in reopened.entries()] == [entry.id]
    assert expected.answers["frustration"] == {
        "feelings": ["angry", "tired"],
        "intensity-before": 8,
    }
    assert not reopened.dirty
    reopened.close()


def test_files_are_plain_tinydb_documents(path: Path) -> None:
    """The index holds facts and progress marks, the entry's own file its answers."""
    saved_with(path, vent="hello", empty="")
    with TinyDB(path, access_mode="r") as db:
        assert db.tables() == {"entries", "settings", "meta"}
        assert db.table("meta").all() == [{"schema": SCHEMA_VERSION}]
        doc = db.table("entries").get(doc_id=1)
        assert doc is not None and doc["company"] == "Acme"
        assert doc["answered"] == "s\tvent" and "answers" not in doc
    with TinyDB(entry_file(path, 1), access_mode="r") as db:
        assert db.tables() == {"answers", "meta"}
        assert db.table("answers").all() == [{"section": "s", "exercise": "vent", "value": "hello"}]
        assert db.table("meta").all()[0]["entry"] == 1
    assert b"hello" not in path.read_bytes()


def test_settings(path: Path) -> None:
    with Store(path) as writer:
        assert writer.get_setting("theme", "dark") == "dark"
        writer.set_setting("theme", "gruvbox")
        writer.set_setting("timer", {"minutes": 15})
        writer.set_setting("gone", 1)
        writer.set_setting("gone", None)
    reader = Store(path, read_only=True)
    assert reader.get_setting("theme") == "gruvbox"
    assert reader.get_setting("timer") == {"minutes": 15}
    assert reader.get_setting("gone", "default") == "default"
    reader.get_setting("timer")["minutes"] = 99  # a copy: the store is not changed
    assert reader.get_setting("timer") == {"minutes": 15}


def test_entries_newest_first(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # The second stamp is the latest moment although it sorts first as text (UTC offsets).
    stamps = iter(["2025-03-01T10:00:00+02:00", "2025-03-01T09:30:00+00:00", "2025-02-01T12:00:00"])
    monkeypatch.setattr(store_mod, "now", lambda: next(stamps))
    assert store.latest() is None
    _a, b, _c = (store.create_entry(**{**FACTS, "company": name}) for name in "abc")
    assert [e.company for e in store.entries()] == ["b", "a", "c"]
    latest = store.latest()
    assert latest is not None and latest.id == b.id


def test_unknown_id(store: Store) -> None:
    store.create_entry(**FACTS)
    with pytest.raises(UnknownEntry) as caught:
        store.get(7)
    assert str(caught.value) == f"no entry with id 7 in {store.path}"
    assert isinstance(caught.value, KeyError)
    with pytest.raises(UnknownEntry):
        store.set_answer(7, "s", "e", "text")
    with pytest.raises(UnknownEntry):
        store.set_answer(7, "s", "e", None)


def test_empty_values_delete_answers(store: Store) -> None:
    entry = store.create_entry(**FACTS)
    for empty in (None, "", [], {}):
        store.set_answer(entry.id, "s", "e", "text")
        store.set_answer(entry.id, "s", "keep", 0)
        store.set_answer(entry.id, "s", "e", empty)
        assert store.get(entry.id).answers == {"s": {"keep": 0}}
    store.set_answer(entry.id, "s", "keep", None)
    assert store.get(entry.id).answers == {}


def test_unchanged_answer_is_not_a_change(store: Store) -> None:
    entry = store.create_entry(**FACTS)
    store.set_answer(entry.id, "s", "e", "same")
    store.flush()
    store.set_answer(entry.id, "s", "e", "same")
    store.set_answer(entry.id, "s", "never-set", None)
    assert not store.dirty


def test_entries_are_copies(store: Store) -> None:
    entry = store.create_entry(**FACTS)
    store.set_answer(entry.id, "s", "list", ["a"])
    store.get(entry.id).answers["s"]["list"].append("sneaky")
    assert store.get(entry.id).answers["s"]["list"] == ["a"]


def test_fact_validation(store: Store) -> None:
    with pytest.raises(ValueError, match="yyyy-mm-dd"):
        store.create_entry(**{**FACTS, "date": "14/03/2025"})
    with pytest.raises(TypeError):
        store.create_entry(**{**FACTS, "internal": "no"})
    entry = store.create_entry(**{**FACTS, "date": ""})
    with pytest.raises(TypeError):
        store.set_answer(entry.id, "s", "e", object())
    with pytest.raises(ValueError):
        store.set_answer(entry.id, "s", "e", float("nan"))
    assert store.get(entry.id).answers == {}


def test_closed_store_refuses_changes(path: Path) -> None:
    writer = Store(path)
    entry = writer.create_entry(**FACTS)
    writer.close()
    with pytest.raises(StoreError, match="closed"):
        writer.set_answer(entry.id, "s", "e", "late")
    writer.close()  # twice is fine


def test_default_db_path_is_in_the_user_data_folder() -> None:
    assert default_db_path().name == "rebound.json"
    assert default_db_path().parent.name == "rebound"


# --------------------------------------------------------------------------- damaged files


def good_bytes(tmp_path: Path) -> bytes:
    return saved_with(tmp_path / "good" / "rebound.json", vent="some writing").read_bytes()


DAMAGE = {
    "empty": lambda good: b"",
    "truncated": lambda good: good[: len(good) // 2],
    "cut-after-brace": lambda good: good[:-1],
    "nul-filled": lambda good: b"\x00" * len(good),
    "nul-inside": lambda good: good[:20] + b"\x00" * 64 + good[84:],
    "invalid-utf8": lambda good: good.replace(b"Acme", b"\xff\xfeme"),
    "not-json": lambda good: b"# my notes\nthis is not json\n",
    "blank": lambda good: b"   \n\n",
    "json-list": lambda good: b"[1, 2, 3]",
    "json-string": lambda good: b'"rebound"',
    "table-is-list": lambda good: b'{"entries": [], "meta": {"1": {"schema": 1}}}',
    "bad-doc-id": lambda good: b'{"entries": {"one": {}}, "meta": {"1": {"schema": 1}}}',
    "entry-missing-field": lambda good: json.dumps(
        {"entries": {"1": {"company": "x"}}, "meta": {"1": {"schema": 1}}}
    ).encode(),
    "entry-wrong-type": lambda good: good.replace(b'"internal":false', b'"internal":"no"'),
    "meta-without-schema": lambda good: b'{"entries": {}, "meta": {"1": {"v": 1}}}',
    "schema-not-a-number": lambda good: b'{"entries": {}, "meta": {"1": {"schema": "1"}}}',
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_damaged_file_is_never_touched(tmp_path: Path, path: Path, case: str) -> None:
    bad = DAMAGE[case](good_bytes(tmp_path))
    path.parent.mkdir()
    path.write_bytes(bad)
    for read_only in (False, True):
        with pytest.raises(DatabaseDamaged) as caught:
            Store(path, read_only=read_only)
        message = str(caught.value)
        assert message.startswith(f"{path} is not readable (")
        assert "\n" not in message
        assert "--start-fresh" in message and "--restore-backup" not in message
        assert caught.value.backup is None and caught.value.path == path
        assert not isinstance(caught.value, DatabaseTooNew)
    assert path.read_bytes() == bad
    with pytest.raises(DatabaseDamaged):
        Store(path)  # not DatabaseLocked: the failed open let go of the lock
    assert path.read_bytes() == bad


def test_damage_reasons_are_specific(tmp_path: Path, path: Path) -> None:
    path.parent.mkdir()
    good = good_bytes(tmp_path)
    reasons = {}
    for case in ("empty", "truncated", "nul-filled", "invalid-utf8", "not-json", "json-list"):
        path.write_bytes(DAMAGE[case](good))
        with pytest.raises(DatabaseDamaged) as caught:
            Store(path, read_only=True)
        reasons[case] = caught.value.reason
    assert reasons["empty"] == "empty file"
    assert reasons["truncated"] == "cut off before its end"
    assert "zero bytes" in reasons["nul-filled"]
    assert "UTF-8" in reasons["invalid-utf8"]
    assert reasons["not-json"].startswith("not valid JSON")
    assert "list" in reasons["json-list"]
    expected = (
        f"{path} is not readable (empty file); your writing is untouched. "
        f'Run "rebound --start-fresh --db {path}" to set this file aside and begin again.'
    )  # (--db: the command must reach this file, not the default one)
    path.write_bytes(b"")
    with pytest.raises(DatabaseDamaged, match="empty file") as caught:
        Store(path)
    assert str(caught.value) == expected


def test_too_new_schema(path: Path) -> None:
    path.parent.mkdir()
    future = json.dumps({"entries": [], "meta": {"1": {"schema": SCHEMA_VERSION + 1}}}).encode()
    path.write_bytes(future)
    with pytest.raises(DatabaseTooNew) as caught:
        Store(path)
    assert isinstance(caught.value, DatabaseDamaged)
    newer = SCHEMA_VERSION + 1
    assert str(caught.value).startswith(f"{path} was saved by a newer Rebound (schema {newer};")
    assert path.read_bytes() == future
    with pytest.raises(DatabaseTooNew):
        Store(path, read_only=True)


def test_migration_from_plain_tinydb(path: Path) -> None:
    path.parent.mkdir()
    with TinyDB(path) as plain:  # TinyDB's own JSONStorage, no meta table
        plain.table("entries").insert({"company": "Old Co", "answers": {"s": {"e": "kept"}}})
        plain.table("_default").insert({"anything": "kept too"})
    original = path.read_bytes()
    with Store(path) as writer:
        (found,) = writer.entries()
        entry = writer.get(found.id)
        assert entry.company == "Old Co" and entry.role == "" and entry.internal is False
        assert entry.answers == {"s": {"e": "kept"}}
    assert sibling(path, ".v0.bak").read_bytes() == original
    doc = json.loads(path.read_bytes())
    assert doc["meta"] == {"1": {"schema": SCHEMA_VERSION}}
    assert doc["_default"] == {"1": {"anything": "kept too"}}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert saved_answers(path, 1) == {"s": {"e": "kept"}}


def test_read_only_migrates_in_memory_only(path: Path) -> None:
    path.parent.mkdir()
    path.write_text('{"entries": {"1": {"company": "Old"}}}')
    reader = Store(path, read_only=True)
    assert reader.get(1).company == "Old"
    assert reader.entries()[0].company == "Old"
    assert sorted(p.name for p in path.parent.iterdir()) == ["rebound.json"]


def test_backup_is_the_file_as_the_session_found_it(path: Path) -> None:
    saved_with(path, vent="first session")
    entry = entry_file(path, 1)
    assert not sibling(path, ".bak").exists()  # the files were new: nothing to back up
    assert not sibling(entry, ".bak").exists()
    first, first_index = entry.read_bytes(), path.read_bytes()
    with Store(path) as writer:
        writer.set_answer(1, "s", "vent", "second session")
        writer.flush()
        assert sibling(entry, ".bak").read_bytes() == first
        assert not sibling(path, ".bak").exists()  # the index did not change: not rewritten
        writer.set_answer(1, "s", "new", "an answer that counts: the index changes")
        writer.flush()
        assert sibling(path, ".bak").read_bytes() == first_index
        writer.set_answer(1, "s", "vent", "second session, later")
    assert sibling(entry, ".bak").read_bytes() == first  # one last-good copy per session


def test_restore_backup_and_start_fresh(path: Path) -> None:
    saved_with(path, vent="good")
    with Store(path) as writer:
        writer.set_answer(1, "s", "new", "counts")  # progress marks change: the index is saved
        writer.set_answer(1, "s", "vent", "also good")
    path.write_bytes(b'{"entries": {"1": ')
    with pytest.raises(DatabaseDamaged) as caught:
        Store(path)
    assert caught.value.backup == sibling(path, ".bak")
    assert f'"rebound --restore-backup --db {path}"' in str(caught.value)

    (aside,) = restore_backup(path)
    assert aside.name.startswith("rebound.json.damaged-")
    assert aside.read_bytes() == b'{"entries": {"1": '
    with Store(path) as writer:  # the index as it was; the entry's file as last saved
        assert writer.get(1).answers == {"s": {"vent": "also good", "new": "counts"}}
        assert writer.entries()[0].answered == {"s": ["vent"]}  # the marks the .bak held

    path.write_bytes(b"\x00" * 100)
    aside2, *_ = set_aside(path)
    assert aside2 != aside and aside2.read_bytes() == b"\x00" * 100
    with Store(path) as fresh:
        assert fresh.entries() == []


def test_restore_refuses_a_damaged_or_missing_backup(path: Path) -> None:
    path.parent.mkdir()
    path.write_bytes(b"")
    with pytest.raises(StoreError, match="no backup"):
        restore_backup(path)
    sibling(path, ".bak").write_bytes(b"[]")
    with pytest.raises(StoreError, match="not readable either"):
        restore_backup(path)
    assert path.read_bytes() == b""


# --------------------------------------------------------------------------- privacy


def test_private_under_umask_0(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        path = tmp_path / "new" / "deeper" / "rebound.json"
        saved_with(path, vent="private")
        with Store(path) as writer:  # second session: writes the .bak
            writer.set_answer(1, "s", "vent", "still private")
            writer.flush()
            writer.set_answer(1, "s", "vent", "in the journal")
            writer.set_answer(1, "s", "other", "the index changes: its .bak")
            writer.flush()
            writer.set_answer(1, "s", "vent", "in the journal")
            modes = {
                p.name: stat.S_IMODE(p.stat().st_mode)
                for p in [*path.parent.iterdir(), *entry_file(path, 1).parent.iterdir()]
            }
        export = tmp_path / "export.md"
        write_private_text(export, "# my answers\n")
    finally:
        os.umask(old)
    assert modes == {
        "rebound.json": 0o600,
        "rebound.json.journal": 0o600,
        "rebound.json.bak": 0o600,
        "rebound.json.lock": 0o600,
        "rebound.json.home": 0o600,  # the newest page (home_page.py)
        "rebound.json.entries": 0o700,
        "1.json": 0o600,
        "1.json.bak": 0o600,
    }
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(export.stat().st_mode) == 0o600


def test_ensure_private_dir_leaves_existing_parents_alone(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o755)
    target = ensure_private_dir(tmp_path / "a" / "b")
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    os.chmod(target, 0o755)
    ensure_private_dir(target)  # the data folder itself is always made private
    assert stat.S_IMODE(target.stat().st_mode) == 0o700


def test_existing_loose_file_is_made_private(path: Path) -> None:
    saved_with(path)
    os.chmod(path, 0o644)
    Store(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# --------------------------------------------------------------------------- one writer


def test_second_writer_in_same_process_is_refused(store: Store) -> None:
    with pytest.raises(DatabaseLocked) as caught:
        Store(store.path)
    assert caught.value.pid == os.getpid()
    assert str(caught.value) == f"{store.path} is open in another Rebound (process {os.getpid()})"
    assert stat.S_IMODE(sibling(store.path, ".lock").stat().st_mode) == 0o600


def test_lock_is_released_on_close(path: Path) -> None:
    Store(path).close()
    Store(path).close()


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def start_holder(path: Path) -> subprocess.Popen[bytes]:
    """A real second process that opens the store, types one answer and holds the lock."""
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), "hold", str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=child_env(),
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith(b"ready")
    assert proc.stdout.readline() == b"holding\n"
    return proc


def test_lock_across_processes_and_read_only_view(path: Path) -> None:
    saved_with(path, vent="saved")
    holder = start_holder(path)
    try:
        with pytest.raises(DatabaseLocked) as caught:
            Store(path)
        assert caught.value.pid == holder.pid
        assert f"(process {holder.pid})" in str(caught.value)

        before = {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in path.parent.iterdir()}
        view = Store.open_or_read_only(path)
        assert view.read_only and view.locked_by == holder.pid
        answers = view.get(1).answers["s"]
        assert answers == {"vent": "saved", "held": f"written by {holder.pid}"}  # from journal
        for change in (
            lambda: view.set_answer(1, "s", "vent", "no"),
            lambda: view.set_answer(1, "s", "vent", None),
            lambda: view.create_entry(**FACTS),
            lambda: view.set_setting("theme", "no"),
        ):
            with pytest.raises(StoreError, match=f"read-only here \\(process {holder.pid}"):
                change()
        view.flush()
        view.close()
        after = {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in path.parent.iterdir()}
        assert after == before  # a reader writes nothing: no lock, journal or backup
    finally:
        holder.communicate(b"")  # EOF: the holder saves and closes
    assert holder.returncode == 0
    with Store(path) as writer:
        assert writer.get(1).answers["s"]["held"] == f"written by {holder.pid}"


def test_lock_dies_with_its_process_and_journal_survives(path: Path) -> None:
    saved_with(path, vent="saved")
    holder = start_holder(path)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with Store(path) as writer:
        assert writer.get(1).answers["s"]["held"] == f"written by {holder.pid}"


def test_open_or_read_only_gives_a_writer_when_free(path: Path) -> None:
    writer = Store.open_or_read_only(path)
    assert not writer.read_only and writer.locked_by is None
    writer.close()


def test_read_only_on_missing_file_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "rebound.json"
    view = Store(path, read_only=True)
    assert view.entries() == [] and view.latest() is None
    assert not path.parent.exists()


# --------------------------------------------------------------------------- journal


def test_journal_replay_after_crash(path: Path) -> None:
    writer = Store(path)
    entry = writer.create_entry(**FACTS)
    writer.flush()
    writer.set_answer(entry.id, "s", "vent", "typed, never saved")
    second = writer.create_entry(**{**FACTS, "company": "Beta"})
    writer.set_answer(second.id, "s", "vent", "also unsaved")
    writer.set_setting("theme", "nord")
    expected = writer.entries()
    full = [writer.get(e.id) for e in expected]
    crash(writer)  # a crash: no flush, no clean close
    assert saved_answers(path, 1) == {}

    with Store(path) as reopened:
        assert reopened.entries() == expected
        assert [reopened.get(e.id) for e in expected] == full
        assert reopened.get_setting("theme") == "nord"
        assert not reopened.dirty  # folded in and saved at open
        assert sibling(path, ".journal").stat().st_size == 0
    assert saved_answers(path, 2) == {"s": {"vent": "also unsaved"}}


def test_handwritten_journal_with_torn_line(path: Path) -> None:
    saved_with(path)
    good = {"op": "set", "id": 1, "s": "s", "e": "vent", "v": "from journal", "t": "2025-01-01"}
    junk = [
        b"not json\n",
        b'{"op": "set", "id": 99, "s": "s", "e": "x", "v": 1, "t": "x"}\n',  # unknown entry
        b'{"op": "create", "id": 5, "doc": {"company": 1}}\n',  # malformed entry
        b'{"op": "teleport", "id": 1, "t": "x"}\n',
    ]
    torn = b'{"op": "set", "id": 1, "s": "s", "e": "vent", "v": "half'
    sibling(path, ".journal").write_bytes(b"".join(junk) + json.dumps(good).encode() + b"\n" + torn)
    with Store(path) as writer:
        assert writer.get(1).answers == {"s": {"vent": "from journal"}}
        assert [e.id for e in writer.entries()] == [1]
    with TinyDB(path, access_mode="r") as db:  # the replay kept the file well-formed
        assert len(db.table("entries")) == 1


def test_journal_replay_is_idempotent(path: Path) -> None:
    """A crash between saving and emptying the journal replays records already saved."""
    writer = Store(path)
    entry = writer.create_entry(**FACTS)
    writer.set_answer(entry.id, "s", "a", "one")
    writer.set_answer(entry.id, "s", "a", "two")
    writer.set_answer(entry.id, "s", "b", "gone")
    writer.set_answer(entry.id, "s", "b", None)
    journal = sibling(path, ".journal").read_bytes()
    writer.flush()
    expected = writer.get(entry.id)
    crash(writer)
    sibling(path, ".journal").write_bytes(journal)
    with Store(path) as reopened:
        assert reopened.get(entry.id) == expected
        assert reopened.get(entry.id).answers == {"s": {"a": "two"}}


def test_new_ids_after_replay_do_not_collide(path: Path) -> None:
    writer = Store(path)
    writer.create_entry(**FACTS)
    writer.create_entry(**FACTS)
    crash(writer)
    with Store(path) as reopened:
        third = reopened.create_entry(**FACTS)
        assert third.id == 3
        assert [e.id for e in reopened.entries()] == [3, 2, 1]


def test_stale_temp_files_are_cleaned_by_the_writer_only(path: Path) -> None:
    saved_with(path)
    stale = path.parent / ".rebound.json.k2j3h4.tmp"
    stale.write_bytes(b"half a save")
    Store(path, read_only=True)
    assert stale.exists()
    Store(path).close()
    assert not stale.exists()


# --------------------------------------------------------------------------- failed saves


def enospc(*args: Any, **kwargs: Any) -> Any:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_save_failed_on_replace_keeps_everything(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved_with(path, vent="saved")
    before = entry_file(path, 1).read_bytes()
    writer = Store(path)
    writer.set_answer(1, "s", "vent", "typed while the disk was full")
    monkeypatch.setattr(os, "replace", enospc)
    with pytest.raises(SaveFailed) as caught:
        writer.flush()
    message = str(caught.value)
    assert message.startswith(f"cannot save {entry_file(path, 1)}: no space left on device")
    journal = path.with_name(path.name + ".journal")
    assert message.endswith(f"your changes are safe in the journal {journal} until a save works")
    assert "\n" not in message
    assert writer.dirty
    assert entry_file(path, 1).read_bytes() == before
    assert temp_files(path.parent) == temp_files(entry_file(path, 1).parent) == []
    # the journal has it: a reader (or a restart after a crash) sees the text
    assert Store(path, read_only=True).get(1).answers["s"]["vent"].startswith("typed while")
    monkeypatch.undo()
    writer.flush()
    assert not writer.dirty
    writer.close()
    with Store(path) as reopened:
        assert reopened.get(1).answers["s"]["vent"] == "typed while the disk was full"


def test_save_failed_when_journal_cannot_be_written_either(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved_with(path, vent="saved")
    before = entry_file(path, 1).read_bytes()
    writer = Store(path)
    monkeypatch.setattr(os, "write", enospc)
    writer.set_answer(1, "s", "vent", "only in memory")  # typing never fails
    writer.set_answer(1, "s", "other", "me too")
    with pytest.raises(SaveFailed, match="no space left on device") as caught:
        writer.flush()
    said = str(caught.value)  # true to the state: nothing on disk holds the changes
    assert "the journal cannot be written either" in said and "only in memory" in said
    assert "safe" not in said and "kept" not in said and caught.value.journal is None
    assert writer.dirty and entry_file(path, 1).read_bytes() == before
    assert temp_files(entry_file(path, 1).parent) == []
    assert writer.get(1).answers["s"] == {"vent": "only in memory", "other": "me too"}
    monkeypatch.undo()
    writer.flush()  # once space is back
    assert saved_answers(path, 1)["s"]["other"] == "me too"
    writer.set_answer(1, "s", "after", "journaled again")
    crash(writer)
    with Store(path) as reopened:
        assert reopened.get(1).answers["s"]["after"] == "journaled again"


@pytest.mark.parametrize("code", [errno.EACCES, errno.EROFS, errno.EIO])
def test_save_failed_when_folder_refuses_temp_file(
    path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    saved_with(path, vent="saved")
    writer = Store(path)
    writer.set_answer(1, "s", "vent", "new")

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files, "open_temp", refuse)
    with pytest.raises(SaveFailed) as caught:
        writer.flush()
    assert os.strerror(code).lower() in str(caught.value)
    monkeypatch.undo()
    writer.close()
    assert Store(path, read_only=True).get(1).answers["s"]["vent"] == "new"


def test_close_still_releases_the_lock_when_saving_fails(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = Store(path)
    writer.create_entry(**FACTS)
    monkeypatch.setattr(os, "replace", enospc)
    with pytest.raises(SaveFailed):
        writer.close()
    monkeypatch.undo()
    with Store(path) as reopened:  # the journal carried the entry over
        assert len(reopened.entries()) == 1


def test_atomic_write_failures_leave_target_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.json"
    target.write_bytes(b"old")

    def eio(fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", eio)
    with pytest.raises(WriteFailed) as caught:
        atomic_write(target, b"new")
    assert str(caught.value) == f"cannot save {target}: input/output error"
    assert isinstance(caught.value, OSError) and caught.value.errno == errno.EIO
    assert target.read_bytes() == b"old"
    assert temp_files(tmp_path) == []


def test_atomic_write_keeps_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "rebound.json"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "rebound.json"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_clean_stale_temps_only_removes_its_own(tmp_path: Path) -> None:
    for name in (".rebound.json.abc.tmp", ".rebound.json.bak.def.tmp", ".other.json.x.tmp"):
        (tmp_path / name).write_bytes(b"")
    assert clean_stale_temps(tmp_path, "rebound.json") == 2
    assert temp_files(tmp_path) == [".other.json.x.tmp"]


# --------------------------------------------------------------------------- hostile text

HOSTILE = {
    "escapes": "\x1b[2J\x1b[31mred\x1b]0;title\x07\x1b[?1049h",
    "controls": "".join(chr(c) for c in range(32)) + "\x7f\x85\u2028\u2029",
    "nul": "before\x00after",
    "rtl": "\u202eevil\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "emoji": "😤💼🔥 👩🏽‍💻 🏳️‍🌈",
    "lone-surrogate": "broken \ud800 pair",
    "quotes": '"}\n{"op": "set"}\\',
    "megabyte": "🙂 long vent, " * 80_000,
}


def test_hostile_text_round_trips(path: Path) -> None:
    assert len(HOSTILE["megabyte"]) > 1_000_000
    with Store(path) as writer:
        entry = writer.create_entry(**{**FACTS, "company": HOSTILE["rtl"], "role": HOSTILE["nul"]})
        for key, text in HOSTILE.items():
            writer.set_answer(entry.id, "s", key, text)
        writer.set_answer(entry.id, "s", "nested", {"k\x1b": [HOSTILE["emoji"], {"\x00": 1}]})
        writer.set_setting(HOSTILE["escapes"], HOSTILE["controls"])
        expected = writer.get(entry.id)
    with Store(path) as reopened:
        assert reopened.get(entry.id) == expected
        assert reopened.get_setting(HOSTILE["escapes"]) == HOSTILE["controls"]
    assert expected.answers["s"]["megabyte"] == HOSTILE["megabyte"]


def test_hostile_text_survives_journal_replay(path: Path) -> None:
    writer = Store(path)
    entry = writer.create_entry(**FACTS)
    for key, text in HOSTILE.items():
        writer.set_answer(entry.id, "s", key, text)
    crash(writer)
    with Store(path) as reopened:
        assert reopened.get(entry.id).answers["s"] == HOSTILE


# --------------------------------------------------------------------------- performance


def big_database(path: Path, entries: int) -> None:
    """Written as a single file of schema 1 (building it through the API would take longer
    than the test), then converted."""
    doc = {
        "company": "Co",
        "role": "r",
        "stage": "s",
        "date": "2025-01-01",
        "internal": False,
        "created": "2025-01-01T00:00:00+00:00",
        "updated": "2025-01-01T00:00:00+00:00",
        "answers": {"s": {"e": "x" * 200}},
    }
    data = {
        "entries": {str(n): doc for n in range(1, entries + 1)},
        "settings": {},
        "meta": {"1": {"schema": 1}},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    Store(path).close()  # converted to the index and one file per entry


def test_typing_is_constant_time_on_a_big_database(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing touches one entry's tables, and a save writes that one small file."""
    big_database(path, 10_000)
    writer = Store(path)
    index_size = path.stat().st_size
    lines: list[int] = []
    real_append = writer._journal.append

    def counting_append(line: bytes) -> None:
        lines.append(len(line))
        real_append(line)

    monkeypatch.setattr(writer._journal, "append", counting_append)
    written: list[tuple[Path, int]] = []
    real_write = tinydb_file.atomic_write

    def counting_write(target: Path, data: bytes, own: bool = False) -> None:
        written.append((target, len(data)))
        real_write(target, data, own=own)

    monkeypatch.setattr(tinydb_file, "atomic_write", counting_write)
    text = ""
    for n in range(2000):
        text += "a"
        writer.set_answer(5_000 + n % 3, "s", "e", text)  # already answered: same progress
    # Constant work per keystroke, counted not timed (the time is benchmarks/' job):
    assert len(lines) == 2000 and max(lines) < 10_000  # one journal line each
    writer.flush()
    targets = {target.name for target, _ in written}
    assert targets == {f"{n}.json" for n in (5_000, 5_001, 5_002)} | {
        f"{n}.json.bak" for n in (5_000, 5_001, 5_002)
    }  # three entry files (and their first-save copies); never the index
    assert max(size for _, size in written) < index_size // 100
    writer.close()
    assert Store(path, read_only=True).get(5_001).answers["s"]["e"] == text


def test_flush_from_a_worker_while_typing(path: Path) -> None:
    big_database(path, 2_000)
    writer = Store(path)
    stop = threading.Event()
    errors: list[BaseException] = []

    def autosave() -> None:
        try:
            while not stop.is_set():
                writer.flush()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    worker = threading.Thread(target=autosave)
    worker.start()
    text = ""
    for n in range(3000):
        text += chr(0x61 + n % 26)
        writer.set_answer(1 + n % 7, "s", "e", text)
    stop.set()
    worker.join()
    assert not errors
    expected = writer.entries()
    crash(writer)  # crash after the race: file + journal must hold the last keystroke
    with Store(path) as reopened:
        assert reopened.entries() == expected


def test_typing_during_a_save_is_not_lost(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Records journaled while the file is being written must outlive that save."""
    writer = Store(path)
    entry = writer.create_entry(**FACTS)
    real_write = tinydb_file.atomic_write

    def write_then_type(target: Path, data: bytes, own: bool = False) -> None:
        real_write(target, data, own=own)
        if target == entry_file(path, entry.id):
            assert b"typed during the save" not in data
            writer.set_answer(entry.id, "s", "vent", "typed during the save")

    monkeypatch.setattr(tinydb_file, "atomic_write", write_then_type)
    writer.flush()
    monkeypatch.undo()
    assert writer.dirty  # the save did not include the last keystroke
    crash(writer)  # crash before the next autosave
    with Store(path) as reopened:
        assert reopened.get(entry.id).answers == {"s": {"vent": "typed during the save"}}


def test_reader_racing_a_save_sees_the_latest_text(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer saves (and empties the journal) between the reader's two reads."""
    writer = Store(path)
    entry = writer.create_entry(**FACTS)
    writer.flush()
    writer.set_answer(entry.id, "s", "vent", "latest")
    journal = sibling(path, ".journal")
    real_read_own = opening.read_own
    raced = []

    def read_own(target: Path) -> bytes | None:
        if target == journal and not raced:
            raced.append(True)
            writer.create_entry(**FACTS)  # the index changes too
            writer.flush()  # new files in place, journal emptied
        return real_read_own(target)

    monkeypatch.setattr(opening, "read_own", read_own)
    view = Store(path, read_only=True)
    assert raced
    assert view.get(entry.id).answers == {"s": {"vent": "latest"}}
    assert len(view.entries()) == 2
    writer.close()


def test_an_entry_is_a_copy_changed_only_through_the_store(tmp_path: Path) -> None:
    """`Entry` is a copy: changing one (its answers, nested lists included) never changes
    what the store holds or saves."""
    with Store(tmp_path / "rebound.json") as store:
        made = store.create_entry(
            company="c", role="r", stage="s", date="2025-01-01", internal=True
        )
        store.set_answer(made.id, "s", "rows", [["a", "b"]])
        entry = store.get(made.id)
        entry.answers["s"]["rows"][0][0] = "changed"
        entry.answers["s"]["new"] = "x"
        entry.company = "other"
        again = store.get(made.id)
        assert again.answers == {"s": {"rows": [["a", "b"]]}} and again.company == "c"
