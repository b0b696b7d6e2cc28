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
from ptyrun import PtySession, launch  # noqa: E402

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
    """A private copy of a database, so a run's saves and backups never touch the cache."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "rebound.json"
    for suffix in ("", ".journal", ".bak", ".lock"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


# --------------------------------------------------------------------------- launch + memory


def rebound_argv(db: Path, *extra: str) -> list[str]:
    return [PY, str(HERE / "launch_rebound.py"), *extra, "--", "--db", str(db)]


def bench_launch(cache: Path, reps: int, work: Path) -> list[Row]:
    """Bare app and Rebound (1,000 entries) every round; 10,000 entries in fewer rounds, as
    one such launch takes tens of seconds. Memory comes from the same runs."""
    bare = [PY, str(HERE / "baseline_apps.py")]
    dbs = {n: scratch_copy(database(cache, n), work / f"launch-{n}") for n in (1000, 10000)}
    for db in dbs.values():  # the page cache holds every file alike (read in chunks, so
        with db.open("rb") as handle:  # this process stays small)
            while handle.read(1 << 20):
                pass
    big_rounds = max(1, (reps + 1) // 2)
    times: dict[str, list[float]] = {"bare": [], "1000": [], "10000": []}
    memory: dict[str, list[float]] = {"bare": [], "1000": []}
    for rep in range(reps + 1):  # the first round warms imports (.pyc, page cache): dropped
        order = ["bare", "1000", "bare", "1000"] if rep else ["bare", "1000"]
        if rep and rep <= big_rounds:
            order.append("10000")
        for name in order:
            argv = bare if name == "bare" else rebound_argv(dbs[int(name)])
            marker = BARE_MARKER if name == "bare" else HOME_MARKER
            result = launch(argv, marker, env=CHILD_ENV, timeout=300)
            if rep:
                times[name].append(result.seconds)
                if name in memory:
                    memory[name].append(result.peak_kb / 1024)
        print(f"  launch round {rep}/{reps} done", flush=True)
    base = median(times["bare"])
    runs = f"{len(times['10000'])} runs"
    return [
        Row("launch to home, pty, 1,000 entries", median(times["1000"]), base, "s", 1.15),
        Row("launch to home, pty, 10,000 entries", median(times["10000"]), base, "s", 1.3, runs),
        Row(
            "peak memory, app open, 1,000 entries",
            median(memory["1000"]),
            median(memory["bare"]),
            "MiB",
            1.3,
        ),
    ]


# --------------------------------------------------------------------------- section screen


async def _settled(app: Any, pilot: Any, ready: Callable[[], bool]) -> None:
    """Wait until `ready()` and the screen's widgets have handled every message, then lay
    out and paint once: the moment a person would see the finished screen."""
    stable = 0
    last = -1
    while stable < 2:
        await pilot._wait_for_screen()
        await asyncio.sleep(0)
        count = len(list(app.screen.walk_children(with_self=True)))
        if ready() and count == last:
            stable += 1
        else:
            stable = 0
        last = count
    app.screen._on_timer_update()


async def _section_worker(db: Path, side: str, rounds: int) -> dict[str, list[float]]:
    """Switch through every section `rounds` times; times of first visits and of returns
    are kept apart (an app that keeps its screens is only fast on returns)."""
    from rebound_tui.core.content import load_workbook

    workbook = load_workbook()
    sections = list(workbook.sections)
    times: list[float] = []
    per_round = len(sections)
    if side == "rebound":
        from rebound_tui.core.storage.store import Store
        from rebound_tui.tui.app import make_app

        store = Store(db)
        entry = store.latest()
        assert entry is not None
        app = make_app(store, workbook, reduced_motion=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await _settled(app, pilot, lambda: True)
            app.open_entry(entry.id, sections[0].id)
            await _settled(app, pilot, lambda: getattr(app.screen, "current", "") == sections[0].id)
            for _ in range(rounds):
                for section in [*sections[1:], sections[0]]:
                    start = time.perf_counter()
                    app.go_to(section.id)
                    await _settled(
                        app, pilot, lambda s=section: getattr(app.screen, "current", "") == s.id
                    )
                    times.append(time.perf_counter() - start)
            await app.action_quit()
        store.close()
    else:
        from baseline_apps import LessonApp, LessonScreen

        app = LessonApp(workbook.welcome)
        async with app.run_test(size=(120, 40)) as pilot:
            await _settled(app, pilot, lambda: True)
            app.show(sections[0].lesson)
            await _settled(app, pilot, lambda: isinstance(app.screen, LessonScreen))
            for _ in range(rounds):
                for section in [*sections[1:], sections[0]]:
                    start = time.perf_counter()
                    app.show(section.lesson)
                    await _settled(
                        app,
                        pilot,
                        lambda s=section: (
                            isinstance(app.screen, LessonScreen) and app.screen.lesson == s.lesson
                        ),
                    )
                    times.append(time.perf_counter() - start)
    return {"first": times[:per_round], "again": times[per_round:]}


def bench_section(cache: Path, reps: int, work: Path) -> list[Row]:
    db = scratch_copy(database(cache, 1000), work / "section")
    results: dict[str, list[float]] = {}
    for rep in range(reps):
        for side in ("rebound", "baseline"):
            out = worker("section", str(db), side, "2")
            for visit in ("first", "again"):
                results.setdefault(f"{side} {visit}", []).append(median(out[visit]))
        print(f"  section round {rep + 1}/{reps} done", flush=True)
    base = median(results["baseline first"] + results["baseline again"])
    return [
        Row(
            "open a section screen, first visit (headless, 1,000 entries)",
            median(results["rebound first"]),
            base,
            "s",
            1.5,
        ),
        Row(
            "open a section screen, visited before",
            median(results["rebound again"]),
            base,
            "s",
            1.5,
        ),
    ]


# --------------------------------------------------------------------------- typing


END_MARKER = "QZXJ"


def typed_text(keys: int) -> bytes:
    """`keys` keystrokes of prose; the last line is END_MARKER so its arrival can be seen."""
    words = b"this is what I would tell them if I could and what I learned from it "
    body = (words * (keys // len(words) + 1))[: keys - len(END_MARKER) - 1]
    return body + b"\r" + END_MARKER.encode()


def type_once(db: Path, save: bool, keys: int) -> float:
    """Open the newest entry in a real pty, go to its long "vent" answer, type `keys` keys.

    Time runs from the first key written until the last one is drawn.
    """
    session = PtySession(rebound_argv(db, *([] if save else ["--no-save"])), env=CHILD_ENV)
    try:
        session.wait_for(HOME_MARKER)
        session.settle(0.3)
        session.send(b"\r")  # open the highlighted (newest) entry
        session.wait_for("Your turn")
        session.settle(0.5)
        session.send(b"\t\t\t")  # lesson → feelings → intensity → vent (a long answer)
        session.settle(1.0)
        text = typed_text(keys)
        start = time.perf_counter()
        session.send(text)
        seen = session.wait_for(END_MARKER, timeout=300)
        elapsed = seen - start
        session.close(b"\x1b\x11")
        return elapsed
    except BaseException:
        session.kill()
        raise


def bench_typing(cache: Path, reps: int, work: Path, keys: int = 2000) -> list[Row]:
    source = database(cache, 5000)
    results: dict[bool, list[float]] = {True: [], False: []}
    for rep in range(reps):
        for save in (True, False):
            db = scratch_copy(source, work / "typing")
            results[save].append(type_once(db, save, keys))
        print(f"  typing round {rep + 1}/{reps} done", flush=True)
    return [
        Row(
            f"{keys:,} keystrokes into a long answer, pty, 5,000 entries",
            median(results[True]),
            median(results[False]),
            "s",
            1.05,
            "baseline: saving off",
        )
    ]


# --------------------------------------------------------------------------- saving


def _save_worker(db: Path, rounds: int) -> dict[str, list[float]]:
    """Store.flush() after one changed answer vs dumps + write + fsync + replace of the data."""
    from rebound_tui.core.storage.store import Store

    store = Store(db)
    entry = store.latest()
    assert entry is not None
    section, answers = next(iter(entry.answers.items()))
    exercise = next(iter(answers))
    store.set_answer(entry.id, section, exercise, "warm-up")
    store.flush()  # the session's first save also writes the .bak copy: not what we time
    data = json.loads(db.read_bytes())
    plain = db.with_name("plain.json")
    out: dict[str, list[float]] = {"rebound": [], "baseline": []}
    for n in range(rounds):
        store.set_answer(entry.id, section, exercise, f"changed answer {n}")
        start = time.perf_counter()
        store.flush()
        out["rebound"].append(time.perf_counter() - start)

        data["entries"][str(entry.id)]["answers"][section][exercise] = f"changed answer {n}"
        start = time.perf_counter()
        payload = json.dumps(data).encode()
        tmp = plain.with_name("plain.json.tmp")
        with open(tmp, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, plain)
        out["baseline"].append(time.perf_counter() - start)
    store.close()
    return out


def bench_save(cache: Path, reps: int, work: Path, sizes: tuple[int, ...]) -> list[Row]:
    rows = []
    for size in sizes:
        db = scratch_copy(database(cache, size), work / f"save-{size}")
        rounds = max(3, reps * 2) if size < 10000 else max(3, reps)
        out = worker("save", str(db), str(rounds))
        rows.append(
            Row(
                f"save one changed answer, {size:,} entries",
                median(out["rebound"]),
                median(out["baseline"]),
                "s",
                1.2 if size == 1000 else None,
            )
        )
        print(f"  save {size} done", flush=True)
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
    if name == "section":
        result: Any = asyncio.run(_section_worker(Path(args[0]), args[1], int(args[2])))
    elif name == "save":
        result = _save_worker(Path(args[0]), int(args[1]))
    elif name == "export":
        result = _export_worker(Path(args[0]), int(args[1]))
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
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
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
        default="launch,section,typing,save,export,patterns",
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
        if "export" in only:
            rows += bench_export(args.cache, reps, work)
        if "patterns" in only:
            rows += bench_patterns.rows(database, worker, Row, median, args.cache, reps, work)
    print()
    print(table(rows))
    print(f"\n{machine()}; {reps} repetitions; {time.perf_counter() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
