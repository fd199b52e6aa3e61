"""Which input files are reports to read, and which are skipped (always with the reason)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kcstats.model import FileResult, FileStatus
from kcstats.problems import problem

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})


@dataclass(frozen=True, slots=True)
class Discovered:
    candidates: list[Path]
    skipped: list[FileResult]


def _skip(path: Path, code: str) -> FileResult:
    return FileResult(path=str(path), status=FileStatus.SKIPPED, problems=[problem(code)])


def _unreadable(folder: OSError) -> FileResult:
    """A folder the walk could not enter or list: refused, because the reports it may hold
    would otherwise be lost without anyone hearing of it."""
    path = folder.filename if isinstance(folder.filename, str) else str(folder.filename)
    return FileResult(
        path=path,
        status=FileStatus.REFUSED,
        problems=[problem("folder-unreadable", found=folder.strerror or str(folder))],
    )


def classify(path: Path) -> str | None:
    """The skip reason of a file, or None when it should be read as a report."""
    name = path.name
    if name.startswith("~$") or name.startswith(".~lock."):
        return "lock-file"
    if name.startswith("."):
        return "hidden-file"
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        return "not-a-report-file"
    return None


def is_special(path: Path) -> bool:
    """A FIFO, socket or device (itself or through a symlink): opening or reading one can
    block for ever or never end, so it is never read. A path that cannot be looked at is
    not special: reading it says why it cannot be read."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def discover(paths: Iterable[Path]) -> Discovered:
    """Files as given, folders searched recursively in name order; hidden folders are skipped
    whole. Symbolic links to folders are not followed (one could lead anywhere, even back up
    the tree): they are listed as skipped, as are FIFOs, sockets and devices. A folder that
    cannot be entered or listed is refused (folder-unreadable): never lost silently."""
    candidates: list[Path] = []
    skipped: list[FileResult] = []
    seen: set[Path] = set()

    def consider(
        path: Path, entry: os.DirEntry[str] | None = None, folder: Path | None = None
    ) -> None:
        # A file that is no symlink, in a folder already resolved, resolves to the folder's
        # real path and its own name: no look-up per part of its path (see _entry_kind).
        plain = entry is not None and folder is not None and _entry_kind(entry) is not None
        key = folder / path.name if plain and folder is not None else _resolved(path)
        if key in seen:
            return
        seen.add(key)
        reason = classify(path)
        if reason is None and (_entry_kind(entry) == "other" if plain else is_special(path)):
            reason = "not-a-report-file"
        if reason is None:
            candidates.append(path)
        else:
            skipped.append(_skip(path, reason))

    for root in paths:
        if not root.is_dir():
            consider(root)
            continue
        for folder, dirs, files in os.walk(root, onerror=lambda e: skipped.append(_unreadable(e))):
            hidden = sorted(d for d in dirs if d.startswith("."))
            skipped.extend(_skip(Path(folder) / d, "hidden-file") for d in hidden)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            linked, lost = _links_among(Path(folder), dirs)
            skipped.extend(_skip(Path(folder) / d, "not-a-report-file") for d in linked)
            skipped.extend(lost.values())
            dirs[:] = [d for d in dirs if d not in linked and d not in lost]
            entries = _entries(folder)
            real = Path(folder).resolve()
            for name in sorted(files):
                consider(Path(folder) / name, entries.get(name), real)
    return Discovered(candidates, skipped)


def _links_among(folder: Path, names: list[str]) -> tuple[set[str], dict[str, FileResult]]:
    """The subfolders that are symbolic links, and those that cannot even be looked at
    (refused, with the reason)."""
    linked: set[str] = set()
    lost: dict[str, FileResult] = {}
    for name in names:
        try:
            if (folder / name).is_symlink():
                linked.add(name)
        except OSError as error:
            lost[name] = _unreadable(error)
    return linked, lost


def _resolved(path: Path) -> Path:
    """The real path; for a link in a loop (a.xlsx -> b.xlsx -> a.xlsx), the link's own
    absolute path: it is then read like a link to nothing, and refused with the reason."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
        return Path(os.path.abspath(path))


def _entries(folder: str) -> dict[str, os.DirEntry[str]]:
    """The folder's entries by name (what the system said of each when listing it)."""
    try:
        with os.scandir(folder) as listing:
            return {entry.name: entry for entry in listing}
    except OSError:
        return {}


def _entry_kind(entry: os.DirEntry[str] | None) -> str | None:
    """'regular', 'folder' or 'other' (a FIFO, socket or device: is_special) for an entry
    that is not a symbolic link, as the listing told (no system call where it gave the
    type); None for a symlink or when it cannot tell."""
    if entry is None:
        return None
    try:
        if entry.is_symlink():
            return None
        if entry.is_file(follow_symlinks=False):
            return "regular"
        return "folder" if entry.is_dir(follow_symlinks=False) else "other"
    except OSError:
        return None
