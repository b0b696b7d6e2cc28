"""Build a realistic demo database through the real Store API.

    python benchmarks/make_db.py --entries 1000 --out /tmp/rebound-1000.json

Every exercise of the workbook (read from ``load_workbook()``, so new exercises are picked up)
gets an answer of a realistic size: long text a few hundred to ~1,500 characters, short text a
line, scales a number in range, checklists a few ticked options, choices one option, and the
richer kinds (timed writing, rows, if-then plans, composers, pacers, thought records) values of
the shape their widgets record. A kind this script does not know is left unanswered (and named
on stderr) rather than given a value its widget might not accept. Exercises shown only to
internal applicants are answered for internal entries only, as the app would. The database
also records that the first-run welcome was seen, so the app opens on its home screen.

The output is deterministic for a given ``--seed`` and ``--entries``: the store's clock is
replaced by a seeded fake one (entries created over a few years, answers minutes apart), so
even the timestamps repeat. Nothing else of the store is bypassed: entries go through
``create_entry`` and ``set_answer`` (journal included) and the file is written by ``flush``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

if __name__ == "__main__" and __package__ in (None, ""):  # a script: find the repository
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rebound_tui.core.content import Exercise, Workbook, load_workbook
from rebound_tui.core.progress import answer_rule
from rebound_tui.core.storage import store as store_module
from rebound_tui.core.storage.store import Store

COMPANIES = [
    "Acme Analytics", "Northwind", "Globex", "Initech", "Umbrella Health", "Stark Logistics",
    "Wayne Media", "Hooli", "Pied Piper", "Vandelay Imports", "Soylent Foods", "Tyrell Systems",
    "Cyberdyne Robotics", "Wonka Labs", "Oscorp", "Aperture Science", "Blue Sun", "Massive Dynamic",
]  # fmt: skip
ROLES = [
    "Backend engineer", "Data analyst", "Product designer", "Support lead", "QA engineer",
    "Site reliability engineer", "Product manager", "Frontend developer", "Technical writer",
    "Marketing coordinator", "Account manager", "Machine learning engineer",
]  # fmt: skip
STAGES = ["Application", "Phone screen", "Technical interview", "Onsite", "Final round", "Offer"]

# Plain words for believable prose; the text only has to look and weigh like real writing.
WORDS = (  # noqa: SIM905 - prose is easier to edit than a word list
    "I felt really disappointed when the recruiter called because I had prepared for weeks "
    "and thought the conversation with the team went well they asked about my experience with "
    "large systems and I answered calmly but maybe too briefly the manager seemed distracted "
    "next time I will ask more questions about the role and the people I would work with "
    "it is hard not to take it personally yet I know many good candidates are turned down "
    "for reasons that have nothing to do with them I want to keep in touch with the engineer "
    "who interviewed me she was kind and curious I learned that I should practise explaining "
    "my decisions out loud and bring concrete examples with numbers the feedback mentioned "
    "communication which surprised me a little but I can see why my answers wandered tomorrow "
    "I will update my notes send a short thank you message and apply to two more companies "
    "sleep walk call a friend cook something good and remember that one no is not every no"
).split()


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 18))
    return " ".join(words).capitalize() + rng.choice([".", ".", ".", "!", "?"])


_POOL: list[str] = []


def pooled_sentence(rng: random.Random) -> str:
    """A sentence from a fixed seeded pool: generating every word is the slow part."""
    if not _POOL:
        pool_rng = random.Random(0)
        _POOL.extend(sentence(pool_rng) for _ in range(4096))
    return _POOL[rng.getrandbits(12)]


def prose(rng: random.Random, low: int, high: int) -> str:
    """Paragraphs of sentences, between about `low` and `high` characters long."""
    target = rng.randint(low, high)
    parts: list[str] = []
    size = 0
    while size < target:
        text = pooled_sentence(rng)
        parts.append(text)
        size += len(text) + 1
        if rng.random() < 0.12:
            parts.append("\n\n")
    return " ".join(parts).replace(" \n\n ", "\n\n").strip()[:high]


def short(rng: random.Random) -> str:
    return prose(rng, 8, 60)


def _thought_record(rng: random.Random) -> dict[str, Any] | None:
    try:  # the record's keys belong to its kind; without it, skip the exercise
        from rebound_tui.core.kinds.thought_record import NUMBER_KEYS, TEXT_KEYS
    except ImportError:
        return None
    record: dict[str, Any] = {key: prose(rng, 80, 500) for key in TEXT_KEYS}
    record |= {key: rng.randint(0, 100) for key in NUMBER_KEYS}
    record["traps"] = ["Mind-reading"] if rng.random() < 0.5 else []
    return record


def answer_for(exercise: Exercise, rng: random.Random) -> Any:
    """A realistic answer for the exercise's kind, or None (skip) for a kind not known here.

    Values have the shapes the app's widgets record: text, numbers, option lists, and for
    the richer kinds rows of cells, composer blanks, pacer re-ratings, thought records.
    """
    kind = exercise.kind
    columns = getattr(exercise, "columns", ()) or ("Item", "Note")
    if kind in ("long_text", "timed_writing"):
        return prose(rng, 300, 1500)
    if kind == "short_text":
        return prose(rng, 20, 120)
    if kind == "scale":
        return rng.randint(exercise.min, exercise.max)
    if kind == "checklist":
        count = rng.randint(1, max(1, min(4, len(exercise.options))))
        return sorted(rng.sample(list(exercise.options), count), key=exercise.options.index)
    if kind == "choice":
        return rng.choice(exercise.options)
    if kind in ("rows", "if_then"):
        return [[short(rng) for _ in columns] for _ in range(rng.randint(2, 5))]
    if kind == "composer":
        fields = getattr(exercise, "fields", ())
        return {"fields": {f.id: short(rng) for f in fields}, "sent": ""}
    if kind == "pacer":
        return {"after": rng.randint(exercise.min, exercise.max), "rounds": rng.randint(1, 4)}
    if kind == "thought_record":
        return _thought_record(rng)
    return None


@contextmanager
def fake_clock(start: dt.datetime, rng: random.Random) -> Iterator[Callable[[float], None]]:
    """Replace the store's clock; yields `advance(seconds)` to move it."""
    now = [start]

    def advance(seconds: float) -> None:
        now[0] += dt.timedelta(seconds=seconds)

    def fake_now() -> str:
        return now[0].isoformat(timespec="seconds")

    original = store_module.now
    store_module.now = fake_now
    try:
        yield advance
    finally:
        store_module.now = original


def fill(store: Store, workbook: Workbook, entries: int, seed: int) -> None:
    """Create `entries` entries, every applicable exercise answered, flushing now and then."""
    rng = random.Random(seed)
    skipped: set[str] = set()
    start = dt.datetime(2021, 1, 4, 9, 0, tzinfo=dt.UTC)
    with fake_clock(start, rng) as advance:
        for number in range(entries):
            advance(rng.randint(3_600, 86_400 * 2))
            internal = rng.random() < 0.2
            date = (start + dt.timedelta(days=number // 3)).date().isoformat()
            entry = store.create_entry(
                company=rng.choice(COMPANIES),
                role=rng.choice(ROLES),
                stage=rng.choice(STAGES),
                date=date,
                internal=internal,
            )
            for section in workbook.sections:
                for exercise in section.exercises_for(internal):
                    advance(rng.randint(20, 600))
                    value = answer_for(exercise, rng)
                    if value is None:
                        skipped.add(exercise.kind)
                        continue
                    store.set_answer(entry.id, section.id, exercise.id, value)
            if (number + 1) % 2500 == 0:
                store.flush()  # keeps the journal small; the final flush writes everything
        # A returning person has seen the first-run welcome; the app then opens on home.
        store.set_setting(welcomed_setting(), True)
        store.flush()
    if skipped:
        print(
            f"make_db: left unanswered (kind unknown here): {', '.join(sorted(skipped))}",
            file=sys.stderr,
        )


def welcomed_setting() -> str:
    """The setting that says the first-run welcome was shown (the app's own constant)."""
    try:
        from rebound_tui.tui.screens.welcome import WELCOMED
    except ImportError:  # an older app without a welcome screen: harmless
        return "welcomed"
    return str(WELCOMED)


def make_db(out: Path, entries: int, *, seed: int = 1, content: Path | None = None) -> Path:
    """Write a fresh database with `entries` answered entries at `out`; return its path."""
    out = Path(out).expanduser().absolute()
    for suffix in ("", ".journal", ".bak", ".lock"):
        out.with_name(out.name + suffix).unlink(missing_ok=True)
    shutil.rmtree(out.with_name(out.name + ".entries"), ignore_errors=True)
    workbook = load_workbook(content)
    with Store(out, counts=answer_rule(workbook.sections)) as store:
        fill(store, workbook, entries, seed)
    # The store keeps a last-good copy of the file it opened; a fresh demo has none to keep.
    out.with_name(out.name + ".bak").unlink(missing_ok=True)
    return out


def single_file(db: Path) -> bytes:
    """The database in the single-file layout of earlier releases (schema 1), for the
    migration benchmark: the index's facts with each entry's answers inside."""
    import json

    index = json.loads(db.read_bytes())
    entries: dict[str, Any] = {}
    for key, record in index["entries"].items():
        own = json.loads((db.with_name(db.name + ".entries") / f"{key}.json").read_bytes())
        answers: dict[str, dict[str, Any]] = {}
        for row in own["answers"].values():
            answers.setdefault(row["section"], {})[row["exercise"]] = row["value"]
        facts = {k: v for k, v in record.items() if k != "answered"}
        entries[key] = {**facts, "updated": own["meta"]["1"]["updated"], "answers": answers}
    doc = {"entries": entries, "settings": index["settings"], "meta": {"1": {"schema": 1}}}
    return json.dumps(doc, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, required=True, help="how many entries")
    parser.add_argument("--out", type=Path, required=True, help="database file to (re)create")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--content", type=Path, help="another content folder")
    args = parser.parse_args(argv)
    if args.entries < 0:
        parser.error("--entries must be 0 or more")
    path = make_db(args.out, args.entries, seed=args.seed, content=args.content)
    print(f"{path}: {args.entries} entries, {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
