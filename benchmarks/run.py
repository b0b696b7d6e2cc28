"""Every benchmark of issue 6, Rebound against its floor, in one command.

    python benchmarks/run.py            # full run (~10 minutes; demo databases are cached)
    python benchmarks/run.py --quick    # fewer repetitions (~2-3 minutes once cached)
    python benchmarks/run.py --only launch,save

Runs of Rebound and of its baseline alternate (A B A B ...), each measurement is repeated, and
the table shows medians and the ratio Rebound / baseline. Heavy or stateful measurements run in
child processes (`--worker ...`) so one cannot warm or bloat another. Demo databases are made
by make_db.py into --cache (default: benchmarks/.data) once and reused.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(ROOT))

import bench_patterns  # noqa: E402
from launch_rebound import read_count  # noqa: E402
from ptyrun import _ESCAPES, PtySession, launch  # noqa: E402

PY = sys.executable
CHILD_ENV = {"PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
HOME_MARKER = "Your entries"  # drawn by the home screen once the entry list is filled
BARE_MARKER = "Bare baseline ready"


@dataclass
class Row:
    what: str
    rebound: float
    baseline: float | None
    unit: str
    goal: float | None = None  # maximum ratio, if the issue sets one
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.rebound / self.baseline  # type: ignore[operator]

    def verdict(self) -> str:
        if self.goal is None or self.ratio is None:
            return "report"
        return "met" if self.ratio <= self.goal else f"MISSED (goal ≤ {self.goal:g}x)"


def median(values: list[float]) -> float:
    return statistics.median(values)


# --------------------------------------------------------------------------- databases


def content_key() -> str:
    """Short hash of make_db.py and the content it reads: a new one makes new databases."""
    digest = hashlib.sha256((HERE / "make_db.py").read_bytes())
    from rebound_tui.core.content import default_content_dir

    for file in sorted(default_content_dir().glob("*.md")):
        digest.update(file.name.encode() + file.read_bytes())
    return digest.hexdigest()[:10]


def database(cache: Path, entries: int) -> Path:
    """The cached demo database with `entries` entries (made on first use)."""
    path = cache / f"rebound-{entries}-{content_key()}.json"
    stamp = path.with_name(path.name + ".ok")
    if not (path.is_file() and stamp.is_file()):
        cache.mkdir(parents=True, exist_ok=True)
        print(f"  making {path.name} (once) ...", flush=True)
        subprocess.run(
            [PY, str(HERE / "make_db.py"), "--entries", str(entries), "--out", str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        stamp.write_text("made by make_db.py\n")
    return path


def scratch_copy(source: Path, folder: Path) -> Path:
    """A private copy of a database (its index and its entries folder), so a run's saves
    and backups never touch the cache."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    target = folder / "rebound.json"
    shutil.copyfile(source, target)
    entries = source.with_name(source.name + ".entries")
    if entries.is_dir():
        shutil.copytree(entries, target.with_name(target.name + ".entries"))
    return target


def warm(db: Path) -> None:
    """Read every file of a database once, so each launch finds them in the page cache."""
    files = [db, *sorted(db.with_name(db.name + ".entries").glob("*.json"))]
    for file in files:
        with file.open("rb") as handle:
            while handle.read(1 << 20):
                pass


# --------------------------------------------------------------------------- launch + memory


def rebound_argv(db: Path, *extra: str) -> list[str]:
    return [PY, str(HERE / "launch_rebound.py"), *extra, "--", "--db", str(db)]


def bench_launch(cache: Path, reps: int, work: Path) -> list[Row]:
    """Bare app and Rebound (1,000 entries) every round; 10,000 entries in fewer rounds, as
    one such launch takes tens of seconds. Memory comes from the same runs."""
    bare = [PY, str(HERE / "baseline_apps.py")]
    dbs = {n: scratch_copy(database(cache, n), work / f"launch-{n}") for n in (1000, 10000)}
    for db in dbs.values():  # the page cache holds every file alike
        warm(db)
    times: dict[str, list[float]] = {"bare": [], "1000": [], "10000": []}
    memory: dict[str, list[float]] = {"bare": [], "1000": [], "10000": []}
    cpu: dict[str, list[float]] = {"bare": [], "1000": [], "10000": []}
    for rep in range(reps + 1):  # the first round warms imports (.pyc, page cache): dropped
        order = ["bare", "1000", "bare", "10000"] if rep else ["bare", "1000", "10000"]
        for name in order:
            argv = bare if name == "bare" else rebound_argv(dbs[int(name)])
            marker = BARE_MARKER if name == "bare" else HOME_MARKER
            result = launch(argv, marker, env=CHILD_ENV, timeout=300)
            if rep:
                times[name].append(result.seconds)
                memory[name].append(result.peak_kb / 1024)
                cpu[name].append(result.cpu_seconds)
        print(f"  launch round {rep}/{reps} done", flush=True)
    base, base_cpu = median(times["bare"]), median(cpu["bare"])
    by_cpu = (
        "CPU time of all the child's threads when home is drawn (waiting for a core not counted)"
    )
    return [
        Row("launch to home, pty, 1,000 entries", median(times["1000"]), base, "s", 1.1),
        Row("launch to home, pty, 10,000 entries", median(times["10000"]), base, "s", 1.2),
        Row(
            "launch to home, CPU time, 1,000 entries",
            median(cpu["1000"]),
            base_cpu,
            "s",
            None,
            by_cpu,
        ),
        Row(
            "launch to home, CPU time, 10,000 entries",
            median(cpu["10000"]),
            base_cpu,
            "s",
            None,
            by_cpu,
        ),
        Row(
            "peak memory, app open, 10,000 entries",
            median(memory["10000"]),
            median(memory["bare"]),
            "MiB",
            1.2,
        ),
    ]


# --------------------------------------------------------------------------- section screen


async def _settled(app: Any, pilot: Any, ready: Callable[[], bool]) -> None:
    """Wait until `ready()` and the screen's widgets have handled every message, then lay
    out and paint once: the moment a person would see the finished screen (used headless by
    bench_patterns)."""
    stable = 0
    last = -1
    while stable < 2:
        await pilot._wait_for_screen()
        # A short real sleep, not sleep(0): a loop that never waits keeps the GIL, and a
        # thread reading entry files then waits up to 5 ms for it after every system call
        # (1,000 files took 65 s instead of 1.1 s). The app is idle while a person waits.
        await asyncio.sleep(0.002)
        count = len(list(app.screen.walk_children(with_self=True)))
        if ready() and count == last:
            stable += 1
        else:
            stable = 0
        last = count
    app.screen._on_timer_update()


def section_markers() -> list[tuple[bytes, str]]:
    """(key, what the section's first screenful shows first: "N. Title") for every section."""
    from rebound_tui.core.content import load_workbook

    return [(str(s.number).encode(), f"{s.number}. {s.title}") for s in load_workbook().sections]


def _visit_sections(session: PtySession, markers: list[tuple[bytes, str]]) -> list[float]:
    """Press each section's number key in turn; seconds from the key until its title is drawn.
    Each press waits for the screen before it to settle (a person reading)."""
    times = []
    for key, marker in markers:
        session.settle(0.4)
        start = time.perf_counter()
        session.send(key)
        times.append(session.wait_for(marker, 60) - start)
    return times


def bench_section(cache: Path, reps: int, work: Path) -> list[Row]:
    """By key press in a real pty (120x40): Rebound on a 1,000-entry database, the newest
    entry open, against `baseline_apps.py lessons`, a bare app whose number keys switch to a
    screen with the same title and lesson (built on the first press, kept after, as Rebound
    keeps its section screens). First visits and returns apart."""
    markers = section_markers()
    db = database(cache, 1000)
    bare = [PY, str(HERE / "baseline_apps.py"), "lessons"]
    results: dict[str, list[float]] = {}
    for rep in range(reps + 1):  # the first round warms imports and the page cache: dropped
        opened = markers[-1]
        for side in ("rebound", "baseline"):
            if side == "rebound":
                argv = rebound_argv(scratch_copy(db, work / "section"))
                session = PtySession(argv, env=CHILD_ENV)
                session.wait_for(HOME_MARKER, 300)
                session.settle(0.5)
                session.send(b"\r")  # open the newest entry, on its first unfinished section
                session.wait_for("Your turn", 60)
                drawn = _ESCAPES.sub(b"", session.seen).decode(errors="replace")
                opened = next(m for m in markers if m[1] in drawn)
            else:
                session = PtySession(bare, env=CHILD_ENV)
                session.wait_for(BARE_MARKER, 60)
                session.settle(0.5)
                session.send(opened[0])  # the same start as Rebound's
                session.wait_for(opened[1], 60)
            others = [m for m in markers if m != opened]
            try:
                first = _visit_sections(session, others)  # each opens a new screen
                again = _visit_sections(session, others)  # each returns to a kept one
                third = _visit_sections(session, others)  # ... once each finished building
            finally:
                session.close()
            if rep:
                results.setdefault(f"{side} first", []).extend(first)
                results.setdefault(f"{side} again", []).extend(again)
                results.setdefault(f"{side} third", []).extend(third)
        print(f"  section round {rep}/{reps} done", flush=True)
    return [
        Row(
            "open a section, first visit, pty by key press (1,000 entries)",
            median(results["rebound first"]),
            median(results["baseline first"]),
            "s",
            1.5,
        ),
        Row(
            "return to a visited section, pty by key press",
            median(results["rebound again"]),
            median(results["baseline again"]),
            "s",
            1.1,
        ),
        Row(
            "return again (third visit: the section long built), pty by key press",
            median(results["rebound third"]),
            median(results["baseline third"]),
            "s",
            note="a second return, when no first-visit work is left to finish",
        ),
    ]


# --------------------------------------------------------------------------- typing


END_MARKER = "QZXJ"


def typed_text(keys: int) -> bytes:
    """`keys` keystrokes of prose; the last line is END_MARKER so its arrival can be seen."""
    words = b"this is what I would tell them if I could and what I learned from it "
    body = (words * (keys // len(words) + 1))[: keys - len(END_MARKER) - 1]
    return body + b"\r" + END_MARKER.encode()


def type_once(db: Path, save: bool, keys: int) -> tuple[float, float, float]:
    """Open the newest entry in a real pty, go to its long "vent" answer, type `keys` keys.

    Time runs from the first key written until the last one is drawn; returns that, the
    CPU time the child used meanwhile (every thread, ended ones too: the saves' workers),
    and the CPU time of its saving calls meanwhile (`launch_rebound.py --count-saving`).
    """
    counter = db.with_name("saving-cpu")
    extra = ["--count-saving", str(counter), *([] if save else ["--no-save"])]
    session = PtySession(rebound_argv(db, *extra), env=CHILD_ENV)
    try:
        session.wait_for(HOME_MARKER)
        session.settle(0.3)
        session.send(b"\r")  # open the highlighted (newest) entry
        session.wait_for("Your turn")
        session.settle(0.5)
        session.send(b"\t\t\t")  # lesson → feelings → intensity → vent (a long answer)
        session.settle(1.0)
        text = typed_text(keys)
        cpu, saving = session.process_cpu_seconds(), read_count(counter)
        start = time.perf_counter()
        session.send(text)
        seen = session.wait_for(END_MARKER, timeout=300)
        cpu, saving = session.process_cpu_seconds() - cpu, read_count(counter) - saving
        elapsed = seen - start
        session.close(b"\x1b\x11")
        return elapsed, cpu, saving
    except BaseException:
        session.kill()
        raise


def spread(values: list[float]) -> float:
    """Half the range around the median, as a fraction of it."""
    return (max(values) - min(values)) / 2 / median(values) if len(values) > 1 else 0.0


def ratio_interval(on: list[float], off: list[float], level: float = 0.95) -> tuple[float, float]:
    """A bootstrap interval of median(on) / median(off): both sides resampled with
    replacement 2,000 times (a fixed seed: the same runs give the same interval)."""
    import random

    pick = random.Random(13)
    ratios = sorted(
        median(pick.choices(on, k=len(on))) / median(pick.choices(off, k=len(off)))
        for _ in range(2000)
    )
    tail = (1 - level) / 2
    return ratios[int(tail * len(ratios))], ratios[int((1 - tail) * len(ratios)) - 1]


def bench_typing(cache: Path, reps: int, work: Path, keys: int = 2000) -> list[Row]:
    source = database(cache, 10000)
    results: dict[bool, list[float]] = {True: [], False: []}
    cpu: dict[bool, list[float]] = {True: [], False: []}
    shares: list[float] = []  # saving's CPU over the child's, each run with saving on
    # The gap is a few per cent and a run moves by tens on a shared machine: many runs.
    rounds = max(3, reps * 3)
    for rep in range(rounds):
        for save in (True, False) if rep % 2 == 0 else (False, True):
            db = scratch_copy(source, work / "typing")
            os.sync()  # the copy's ~200 MB go to disk now, not during the run
            elapsed, used, saving = type_once(db, save, keys)
            results[save].append(elapsed)
            cpu[save].append(used)
            if save:
                shares.append(saving / used if used else 0.0)
            print(
                f"    saving {'on' if save else 'off'}: {elapsed:.2f} s, CPU {used:.2f} s, "
                f"of which saving {saving * 1000:.1f} ms",
                flush=True,
            )
        print(f"  typing round {rep + 1}/{rounds} done", flush=True)
    on, off = results[True], results[False]
    what = f"{keys:,} keystrokes into a long answer, pty, 10,000 entries"
    low, high = ratio_interval(on, off)
    cpu_low, cpu_high = ratio_interval(cpu[True], cpu[False])
    return [
        Row(
            what,
            median(on),
            median(off),
            "s",
            1.05,
            f"baseline: saving off; {rounds} runs each, spread ±{spread(on) * 100:.1f} % (on) "
            f"/ ±{spread(off) * 100:.1f} % (off)",
        ),
        Row(
            f"{what}: the same runs, fastest of each",
            min(on),
            min(off),
            "s",
            note=f"95 % bootstrap interval of the ratio of the medians above: "
            f"{low:.2f}x-{high:.2f}x",
        ),
        Row(
            f"{what}: the same runs, the child's CPU time (every thread)",
            median(cpu[True]),
            median(cpu[False]),
            "s",
            note=f"spread ±{spread(cpu[True]) * 100:.1f} % (on) / ±{spread(cpu[False]) * 100:.1f}"
            f" % (off); 95 % bootstrap interval of the ratio: {cpu_low:.2f}x-{cpu_high:.2f}x",
        ),
        Row(
            f"{what}: the same runs with saving on, saving's own share of the child's CPU",
            median(shares) * 100,
            None,
            "%",
            note=f"largest {max(shares) * 100:.2f} %: the CPU time of journaling, `autosave` "
            "and the file's write thread, counted in the app (`--count-saving`); what saving "
            "costs beyond that (Textual's worker messages, the GIL) is not in it",
        ),
    ]


# --------------------------------------------------------------------------- saving


def _save_worker(db: Path, rounds: int) -> dict[str, list[float]]:
    """One changed answer: `set_answer` + `Store.flush()` vs atomically writing that entry's
    file by hand (dumps, write, fsync, replace, fsync of the folder)."""
    from rebound_tui.core.storage.store import Store

    store = Store(db)
    entry = store.latest()
    assert entry is not None
    section, answers = next(iter(entry.answers.items()))
    exercise = next(iter(answers))
    store.set_answer(entry.id, section, exercise, "warm-up")
    store.flush()  # the session's first save also writes the .bak copy: not what we time
    own = db.with_name(db.name + ".entries") / f"{entry.id}.json"
    data = json.loads(own.read_bytes())
    row = next(r for r in data["answers"].values() if r["exercise"] == exercise)
    plain = db.with_name("plain.json")
    out: dict[str, list[float]] = {
        "rebound": [],
        "baseline": [],
        "rebound_cpu": [],
        "baseline_cpu": [],
    }
    for n in range(rounds):
        start, cpu = time.perf_counter(), time.process_time()
        store.set_answer(entry.id, section, exercise, f"changed answer {n}")
        store.flush()
        out["rebound"].append(time.perf_counter() - start)
        out["rebound_cpu"].append(time.process_time() - cpu)

        start, cpu = time.perf_counter(), time.process_time()
        row["value"] = f"changed answer {n}"
        payload = json.dumps(data, separators=(",", ":")).encode()
        tmp = plain.with_name("plain.json.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, payload)
        os.fsync(fd)
        os.close(fd)
        os.replace(tmp, plain)
        folder = os.open(plain.parent, os.O_RDONLY)
        os.fsync(folder)
        os.close(folder)
        out["baseline"].append(time.perf_counter() - start)
        out["baseline_cpu"].append(time.process_time() - cpu)
    store.close()
    return out


def bench_save(cache: Path, reps: int, work: Path, sizes: tuple[int, ...]) -> list[Row]:
    rows = []
    for size in sizes:
        db = scratch_copy(database(cache, size), work / f"save-{size}")
        # The copy's writeback (~200 MB at 10,000 entries) would otherwise land on the
        # timed fsyncs of both sides, which start a fraction of a second later.
        os.sync()
        # A save is about a millisecond and the disk's answer to an fsync varies by tens:
        # many rounds (a fraction of a second in all), so the median is the usual save.
        rounds = max(3, reps) * 40
        out = worker("save", str(db), str(rounds))
        rows.append(
            Row(
                f"save one changed answer, {size:,} entries",
                median(out["rebound"]),
                median(out["baseline"]),
                "s",
                1.2 if size == 10000 else None,
                f"baseline: atomically writing that entry's file; {rounds} rounds",
            )
        )
        if size == 10000:  # the same rounds by CPU time (the fsyncs' waits left out)
            rows.append(
                Row(
                    f"save one changed answer, {size:,} entries, CPU time",
                    median(out["rebound_cpu"]),
                    median(out["baseline_cpu"]),
                    "s",
                    None,
                    "the same rounds: the process's CPU time (time.process_time)",
                )
            )
        print(f"  save {size} done", flush=True)
    return rows


# --------------------------------------------------------------------------- migration


def _migrate_worker(path: Path) -> dict[str, float]:
    """Open (and so convert) a single file of an earlier release; time the open + close."""
    from rebound_tui.core.storage.store import Store

    start = time.perf_counter()
    Store(path).close()
    return {"seconds": time.perf_counter() - start}


def bench_migration(cache: Path, reps: int, work: Path) -> list[Row]:
    from make_db import single_file

    rows = []
    per_entry = {}
    for size in (1000, 5000, 10000):
        old = work / f"single-{size}.json"
        old.write_bytes(single_file(database(cache, size)))
        times = []
        for _ in range(max(1, reps // 2)):
            target = work / f"migrate-{size}" / "rebound.json"
            if target.parent.exists():
                shutil.rmtree(target.parent)
            target.parent.mkdir()
            shutil.copyfile(old, target)
            times.append(worker("migrate", str(target))["seconds"])
        seconds = median(times)
        per_entry[size] = seconds / size * 1000
        note = f"{old.stat().st_size / 1e6:.0f} MB; {per_entry[size]:.2f} ms per entry"
        rows.append(
            Row(f"convert a single file of {size:,} entries", seconds, None, "s", None, note)
        )
        print(f"  migration {size} done", flush=True)
    return rows


# --------------------------------------------------------------------------- export


def _export_worker(db: Path, rounds: int) -> dict[str, list[float]]:
    """`rebound export` one entry / all entries (in process) vs opening the database alone."""
    from rebound_tui.cli import main as cli
    from rebound_tui.core.storage.store import Store

    out_file = db.with_name("export.md")
    newest = Store(db, read_only=True).latest()
    assert newest is not None
    runs: dict[str, Callable[[], object]] = {
        "read": lambda: Store(db, read_only=True),
        "one": lambda: cli(
            ["export", "--db", str(db), "--session", str(newest.id), "-o", str(out_file)]
        ),
        "all": lambda: cli(["export", "--db", str(db), "--all", "-o", str(out_file)]),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    devnull = open(os.devnull, "w")  # noqa: SIM115 - the "Wrote N entries" line
    real_stderr = sys.stderr
    try:
        sys.stderr = devnull
        for _ in range(rounds):
            for name, run in runs.items():
                start = time.perf_counter()
                run()
                times[name].append(time.perf_counter() - start)
    finally:
        sys.stderr = real_stderr
        devnull.close()
    return times


def bench_export(cache: Path, reps: int, work: Path) -> list[Row]:
    db = scratch_copy(database(cache, 1000), work / "export")
    out = worker("export", str(db), str(max(3, reps)))
    read, one, every = median(out["read"]), median(out["one"]), median(out["all"])
    per_one = (one - read) * 1000
    per_all = (every - read) * 1000 / 1000
    return [
        Row("read the database alone (1,000 entries)", read, None, "s", note="the baseline"),
        Row(
            "export one entry",
            one,
            read,
            "s",
            note=f"{per_one:.2f} ms for the entry beyond reading",
        ),
        Row(
            "export all 1,000 entries",
            every,
            read,
            "s",
            note=f"{per_all:.2f} ms per entry beyond reading"
            + (f" (x{per_all / per_one:.2f} of one alone)" if per_one > 0 else ""),
        ),
    ]


# --------------------------------------------------------------------------- plumbing


def worker(name: str, *args: str) -> Any:
    """Run `run.py --worker name args...` in a fresh interpreter; return its JSON answer."""
    done = subprocess.run(
        [PY, str(Path(__file__).resolve()), "--worker", name, *args],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **CHILD_ENV},
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_worker(name: str, args: list[str]) -> None:
    if name == "save":
        result: Any = _save_worker(Path(args[0]), int(args[1]))
    elif name == "export":
        result = _export_worker(Path(args[0]), int(args[1]))
    elif name == "migrate":
        result = _migrate_worker(Path(args[0]))
    elif name == "patterns":
        result = asyncio.run(bench_patterns.patterns_worker(Path(args[0]), int(args[1]), _settled))
    else:
        raise SystemExit(f"unknown worker {name}")
    print(json.dumps(result))


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    import textual

    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Textual {textual.__version__}, {platform.system()} {platform.release()}"
    )


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        if value < 0.01:  # a save: a tenth of a millisecond is a large part of it
            return f"{value * 1000:.2f} ms"
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "%":
        return f"{value:.2f} %"
    return f"{value:.1f} {unit}"


def table(rows: list[Row]) -> str:
    lines = [
        "| what | Rebound | baseline | ratio | goal |",
        "|---|---:|---:|---:|---|",
    ]
    for row in rows:
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "—"
        verdict = row.verdict() + (f"; {row.note}" if row.note else "")
        lines.append(
            f"| {row.what} | {fmt(row.rebound, row.unit)} | {fmt(row.baseline, row.unit)} "
            f"| {ratio} | {verdict} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rebound benchmarks (issue 6).")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--reps", type=int, help="repetitions (default 5, quick 2)")
    parser.add_argument(
        "--only",
        default="launch,section,typing,save,migration,export,patterns",
        help="comma-separated subset",
    )
    parser.add_argument("--cache", type=Path, default=HERE / ".data", help="demo databases")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        run_worker(args.worker[0], args.worker[1:])
        return 0
    reps = args.reps or (2 if args.quick else 5)
    only = set(args.only.split(","))
    started = time.perf_counter()
    print(machine(), flush=True)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="rebound-bench-") as tmp:
        work = Path(tmp)
        if "launch" in only:
            rows += bench_launch(args.cache, reps, work)
        if "section" in only:
            rows += bench_section(args.cache, reps, work)
        if "typing" in only:
            rows += bench_typing(args.cache, reps, work)
        if "save" in only:
            rows += bench_save(args.cache, reps, work, (10, 100, 1000, 10000))
        if "migration" in only:
            rows += bench_migration(args.cache, reps, work)
        if "export" in only:
            rows += bench_export(args.cache, reps, work)
        if "patterns" in only:
            rows += bench_patterns.rows(
                database, worker, Row, median, args.cache, reps, work, scratch_copy
            )
    print()
    print(table(rows))
    print(f"\n{machine()}; {reps} repetitions; {time.perf_counter() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
