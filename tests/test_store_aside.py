"""A folder in the way of the migration to one file per entry is kept, never deleted."""

from __future__ import annotations

from pathlib import Path

from rebound_tui.core.storage.store import Store

FIXTURES = Path(__file__).parent / "fixtures"


def sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def test_a_folder_in_the_way_of_the_migration_is_kept_aside_never_deleted(tmp_path: Path) -> None:
    """A non-empty `.entries` folder that is not ours is renamed (twice in one second too);
    an empty one, left by an attempt killed before its marker, is simply replaced."""
    path = tmp_path / "data" / "rebound.json"
    original = (FIXTURES / "v1-single-file.json").read_bytes()
    path.parent.mkdir()
    folder = sibling(path, ".entries")
    for round_ in range(2):
        path.write_bytes(original)
        if (path.parent / "rebound.json.v1.bak").exists():
            (path.parent / "rebound.json.v1.bak").unlink()
        if folder.exists():
            for child in folder.iterdir():
                child.unlink()
            folder.rmdir()
        folder.mkdir()
        (folder / "theirs.txt").write_text(f"keep me {round_}")
        with Store(path):
            pass
    kept = sorted(p for p in path.parent.iterdir() if ".entries.before-" in p.name)
    assert [p.joinpath("theirs.txt").read_text() for p in kept] == ["keep me 0", "keep me 1"]
    path.write_bytes(original)
    for child in folder.iterdir():
        child.unlink()
    (path.parent / "rebound.json.v1.bak").unlink()
    with Store(path) as writer:  # the empty folder is not kept aside: nothing to keep
        assert writer.entries()
    assert len([p for p in path.parent.iterdir() if ".entries.before-" in p.name]) == 2
