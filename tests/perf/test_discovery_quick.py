"""discover() looks each file up once, from the folder listing, where it used to resolve
every path part by part: it finds exactly what the straightforward way finds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kcstats.discover import Discovered, _skip, classify, discover, is_special


def discover_slowly(paths: list[Path]) -> Discovered:
    """discover() as it was written before it was made quick (resolve and stat each file)."""
    candidates: list[Path] = []
    skipped = []
    seen: set[Path] = set()

    def consider(path: Path) -> None:
        key = path.resolve()
        if key in seen:
            return
        seen.add(key)
        reason = classify(path)
        if reason is None and is_special(path):
            reason = "not-a-report-file"
        if reason is None:
            candidates.append(path)
        else:
            skipped.append(_skip(path, reason))

    for root in paths:
        if not root.is_dir():
            consider(root)
            continue
        for folder, dirs, files in os.walk(root):
            hidden = sorted(d for d in dirs if d.startswith("."))
            skipped.extend(_skip(Path(folder) / d, "hidden-file") for d in hidden)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            linked = [d for d in dirs if (Path(folder) / d).is_symlink()]
            skipped.extend(_skip(Path(folder) / d, "not-a-report-file") for d in linked)
            dirs[:] = [d for d in dirs if d not in linked]
            for name in sorted(files):
                consider(Path(folder) / name)
    return Discovered(candidates, skipped)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs or symlinks to test with")
def test_quick_discovery_finds_what_resolving_each_path_finds(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "a" / "b").mkdir(parents=True)
    (inbox / ".hidden").mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for path in (
        inbox / "one.xlsx",
        inbox / "a" / "two.xlsx",
        inbox / "a" / "b" / "three.ods",
        inbox / "notes.txt",
        inbox / "~$one.xlsx",
        inbox / ".secret.xlsx",
        inbox / ".hidden" / "four.xlsx",
        elsewhere / "five.xlsx",
    ):
        path.write_bytes(b"PK\x03\x04")
    os.mkfifo(inbox / "pipe.xlsx")
    (inbox / "copy.xlsx").symlink_to(inbox / "one.xlsx")  # the same file twice: once
    (inbox / "a" / "outside.xlsx").symlink_to(elsewhere / "five.xlsx")
    (inbox / "a" / "to-pipe.xlsx").symlink_to(inbox / "pipe.xlsx")
    (inbox / "a" / "broken.xlsx").symlink_to(tmp_path / "missing.xlsx")
    (inbox / "linked").symlink_to(elsewhere)
    for given in (
        [inbox],
        [inbox / "a", inbox],
        [inbox / "one.xlsx", inbox],
        [elsewhere / "five.xlsx", inbox],
        [inbox / "a" / "outside.xlsx", elsewhere],
    ):
        quick, slow = discover(given), discover_slowly(given)
        assert quick.candidates == slow.candidates
        assert quick.skipped == slow.skipped
    assert discover([inbox]).candidates  # something to compare
