"""Benchmark rows of issue 14: the patterns screen and search, against the home screen.

Run through ``run.py --only patterns``. Each measurement happens in a fresh child process
(``run.py --worker patterns DB ROUNDS``), headless at 120x40, on a scratch copy of the demo
database opened as the writer (as a person's app opens it: the patterns cache,
``<db>.patterns``, is written by the writer only), reading entries only through the app and
the Store API, so it keeps working whatever the storage underneath looks like.

- *home*: push a fresh home screen and wait until it is drawn: the baseline.
- *patterns, first look*: the patterns screen on a database without its patterns cache (each
  worker removes it first): every entry's file is read, in a thread, and the cache is made.
- *patterns*: the same once the cache is there, as every later look: when the screen is on
  screen, and when every figure is drawn.
- *search open*: the search screen until every answer is in its index.
- *search keystroke*: one key typed into the search box until its results are drawn.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

#: Typed one key at a time; every prefix matches lines of make_db.py's prose.
QUERY = "feedback"


async def patterns_worker(
    db: Path, rounds: int, settled: Callable[[Any, Any, Callable[[], bool]], Awaitable[None]]
) -> dict[str, list[float]]:
    from textual.widgets import Input

    from rebound_tui.core.content import load_workbook
    from rebound_tui.core.patterns_cache import cache_path
    from rebound_tui.core.storage.store import Store
    from rebound_tui.tui.app import make_app
    from rebound_tui.tui.screens.home import HomeScreen
    from rebound_tui.tui.screens.patterns import PatternsScreen
    from rebound_tui.tui.screens.search import SearchScreen

    cache_path(db).unlink(missing_ok=True)  # the first look makes it
    store = Store(db)  # the writer, on a scratch copy
    app = make_app(store, load_workbook(), reduced_motion=True)
    names = ("home", "first", "shown", "patterns", "search", "key")
    times: dict[str, list[float]] = {name: [] for name in names}
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot, lambda: isinstance(app.screen, HomeScreen))
        start = time.perf_counter()
        first = PatternsScreen()
        app.push_screen(first)
        await settled(app, pilot, lambda s=first: app.screen is s and s.found is not None)
        times["first"].append(time.perf_counter() - start)
        app.pop_screen()
        await settled(app, pilot, lambda: isinstance(app.screen, HomeScreen))
        for _ in range(rounds):
            start = time.perf_counter()
            home = HomeScreen()
            app.push_screen(home)
            await settled(app, pilot, lambda s=home: app.screen is s)
            times["home"].append(time.perf_counter() - start)
            app.pop_screen()
            await settled(app, pilot, lambda: isinstance(app.screen, HomeScreen))

            start = time.perf_counter()
            patterns = PatternsScreen()
            app.push_screen(patterns)
            await settled(app, pilot, lambda s=patterns: app.screen is s)
            times["shown"].append(time.perf_counter() - start)  # "Reading your entries…"
            await settled(app, pilot, lambda s=patterns: s.found is not None)
            times["patterns"].append(time.perf_counter() - start)  # every figure drawn
            app.pop_screen()
            await settled(app, pilot, lambda: isinstance(app.screen, HomeScreen))

            start = time.perf_counter()
            search = SearchScreen()
            app.push_screen(search)
            await settled(app, pilot, lambda s=search: app.screen is s and s.index is not None)
            times["search"].append(time.perf_counter() - start)
            for n, key in enumerate(QUERY, 1):
                start = time.perf_counter()
                await pilot.press(key)
                await settled(
                    app,
                    pilot,
                    lambda s=search, n=n: s.query_one("#search-input", Input).value == QUERY[:n],
                )
                times["key"].append(time.perf_counter() - start)
            app.pop_screen()
            await settled(app, pilot, lambda: isinstance(app.screen, HomeScreen))
        await app.action_quit()
    store.close()
    return times


def rows(
    database: Callable[[Path, int], Path],
    worker: Callable[..., Any],
    row: Callable[..., Any],
    median: Callable[[list[float]], float],
    cache: Path,
    reps: int,
    work: Path,
    scratch_copy: Callable[[Path, Path], Path],
    sizes: tuple[int, ...] = (1000, 10000),
) -> list[Any]:
    """The table rows at 1,000 and 10,000 entries (10,000 in one round per repetition)."""
    found: list[Any] = []
    for size in sizes:
        db = scratch_copy(database(cache, size), work / f"patterns-{size}")
        runs: dict[str, list[float]] = {}
        for rep in range(reps if size == 1000 else max(1, reps // 2)):
            out = worker("patterns", str(db), "2" if size == 1000 else "1")
            for name, values in out.items():
                runs.setdefault(name, []).extend(values)
            print(f"  patterns {size} round {rep + 1} done", flush=True)
        home = median(runs["home"])
        label = f"{size:,} entries"
        found += [
            row(f"patterns, first look: every entry read, cache made ({label})",
                median(runs["first"]), home, "s", note="baseline: the home screen"),
            row(f"patterns screen on screen ({label})", median(runs["shown"]), home,
                "s", note="baseline: the home screen opened the same way"),
            row(f"patterns screen, every figure drawn ({label})", median(runs["patterns"]), home,
                "s", 1.5, note="baseline: the home screen"),
            row(f"open search, every answer indexed ({label})", median(runs["search"]), home,
                "s", note="baseline: the home screen"),
            row(f"search: one keystroke to its results ({label})", median(runs["key"]), 0.1, "s",
                1.0 if size == 1000 else None,
                note=f"baseline: the 100 ms goal; slowest key {max(runs['key']) * 1000:.0f} ms"),
        ]  # fmt: skip
    return found
