"""SIGKILL a real writer at random moments: the file must always load, with a counter the
child had reported, and the journal must give back what was typed but not yet saved."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from tinydb import Query, TinyDB

from rebound_tui.core.storage.store import Store
from tests.helpers.on_disk import entry_file

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

ROOT = Path(__file__).resolve().parents[1]
CHILD = Path(__file__).parent / "helpers" / "store_child.py"
SECTION, COUNTER = "s", "counter"

KILLS = 210  # at least 200, shared by the lanes
LANES = 3  # independent databases killed in parallel, to keep the run short
FILLER_ENTRIES = 300  # an index of some size, besides the counter's own entry
COUNTER_FILLER = 700_000  # makes each save of the counter's entry file big enough (~0.7 MB)
# for kills to land mid-write


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def make_database(path: Path) -> None:
    with Store(path) as store:
        first = store.create_entry(
            company="Counter Ltd", role="r", stage="s", date="2025-01-01", internal=False
        )
        store.set_answer(first.id, SECTION, COUNTER, 0)
        store.set_answer(first.id, SECTION, "filler", "x" * COUNTER_FILLER)
        for n in range(FILLER_ENTRIES):
            entry = store.create_entry(
                company=f"Filler {n}", role="role", stage="onsite", date="2025-02-03", internal=True
            )
            store.set_answer(entry.id, "learning", "lessons", f"lesson {n} " + "x" * 2000)


def file_counter(path: Path) -> int:
    """The counter in the saved files alone (no journal), read as plain TinyDB would."""
    with TinyDB(path, access_mode="r") as db:  # raises if the index is torn
        assert len(db.table("entries")) == FILLER_ENTRIES + 1
    entry = entry_file(path, 1)
    json.loads(entry.read_bytes())  # raises if the entry's file is torn
    with TinyDB(entry, access_mode="r") as db:
        (found,) = db.table("answers").search(Query().exercise == COUNTER)
    return int(found["value"])


def view_counter(path: Path) -> int:
    """The counter as Rebound sees it: file plus journal."""
    return Store(path, read_only=True).get(1).answers[SECTION][COUNTER]


def run_child(mode: str, path: Path, rng: random.Random, *, early: float) -> list[str]:
    """Start a child, SIGKILL it at a random moment, return every line it printed."""
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), mode, str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        env=child_env(),
    )
    assert proc.stdout is not None
    first = ""
    if rng.random() < early:
        time.sleep(rng.uniform(0.0, 0.15))  # may land while it imports, opens or folds
    else:
        first = proc.stdout.readline().decode()
        time.sleep(rng.uniform(0.0, 0.06))
    proc.send_signal(signal.SIGKILL)
    rest = proc.stdout.read().decode()
    proc.stdout.close()
    assert proc.wait() == -signal.SIGKILL, (first + rest)[-2000:]
    return (first + rest).splitlines()


def numbers(lines: list[str], tag: str) -> list[int]:
    return [int(line.split()[1]) for line in lines if line.startswith(f"{tag} ")]


@dataclass
class Lane:
    kills: int = 0
    mid_save: int = 0  # kills that landed between "W n" and "D n"
    errors: list[str] = field(default_factory=list)


def flush_loop_lane(folder: Path, kills: int, seed: int) -> Lane:
    rng = random.Random(seed)
    path = folder / "rebound.json"
    make_database(path)
    lane = Lane()
    prev_file = prev_view = 0
    for round_no in range(kills):
        lines = run_child("flush-loop", path, rng, early=0.15)
        lane.kills += 1
        written, done = numbers(lines, "W"), numbers(lines, "D")
        try:
            in_file = file_counter(path)
        except Exception as exc:  # the failure this test exists to catch
            lane.errors.append(f"round {round_no}: file does not load: {exc!r}")
            return lane
        seen = view_counter(path)
        if written:
            last = written[-1]
            if not done or done[-1] != last:
                lane.mid_save += 1
            allowed_file = {last} if done and done[-1] == last else {last, last - 1}
            allowed_view = {last, last + 1}  # the next set_answer may be journaled, unprinted
        else:
            allowed_file = {prev_file, prev_view}  # the open may have folded the journal in
            allowed_view = {prev_view, prev_view + 1}
        if in_file not in allowed_file:
            lane.errors.append(f"round {round_no}: file has {in_file}, want {allowed_file}")
        if seen not in allowed_view:
            lane.errors.append(f"round {round_no}: journal view {seen}, want {allowed_view}")
        if lane.errors:
            return lane
        prev_file, prev_view = in_file, seen
    with Store(path) as store:  # a writer open cleans up after the killed saves
        assert store.get(1).answers[SECTION][COUNTER] == prev_view
    leftovers = [p.name for p in folder.rglob("*") if p.name.endswith(".tmp")]
    if leftovers:
        lane.errors.append(f"temp files left after reopening: {leftovers}")
    return lane


def test_sigkill_during_saves_never_tears_the_file(tmp_path: Path) -> None:
    per_lane = -(-KILLS // LANES)
    folders = [tmp_path / f"lane{n}" for n in range(LANES)]
    seed = random.randrange(1 << 30)
    with ThreadPoolExecutor(LANES) as pool:
        lanes = list(
            pool.map(flush_loop_lane, folders, [per_lane] * LANES, [seed + n for n in range(LANES)])
        )
    errors = [e for lane in lanes for e in lane.errors]
    assert not errors, f"seed {seed}: {errors}"
    total = sum(lane.kills for lane in lanes)
    mid_save = sum(lane.mid_save for lane in lanes)
    assert total >= 200
    # The test only proves something if many kills hit a save in progress.
    assert mid_save >= total // 10, f"only {mid_save} of {total} kills landed mid-save"
    print(f"\n{total} kills, {mid_save} during a save (seed {seed})")


def test_sigkill_after_typing_without_save_is_recovered_from_journal(tmp_path: Path) -> None:
    path = tmp_path / "rebound.json"
    make_database(path)
    rng = random.Random()
    for _ in range(5):
        lines = run_child("answer-loop", path, rng, early=0.0)
        ready = int(lines[0].split()[1])
        typed = numbers(lines, "A")
        last = typed[-1] if typed else ready
        assert file_counter(path) <= ready  # nothing typed was saved by the child itself
        with Store(path) as store:  # the writer replays the journal and saves it at once
            recovered = store.get(1).answers[SECTION][COUNTER]
            assert recovered in {last, last + 1}
            assert not store.dirty
        assert file_counter(path) == recovered
        assert path.with_name("rebound.json.journal").stat().st_size == 0
