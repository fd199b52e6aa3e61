"""kcstats validate: read every report file and say what is wrong with each, and where."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

from kcstats.catalog import load_catalogue
from kcstats.discover import discover
from kcstats.duplicates import resolve_duplicates
from kcstats.model import FileResult, FileStatus, Wire, from_wire, to_wire
from kcstats.problems import Lang, problem
from kcstats.safety.limits import DEFAULT_LIMITS, Limits
from kcstats.safety.sandbox import Failure
from kcstats.untrusted import maybe_excerpt, name_text

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class ValidationReport:
    files: list[FileResult]

    @property
    def ok(self) -> bool:
        """True when no file was refused (skipped files are fine)."""
        return not any(f.status == FileStatus.REFUSED for f in self.files)

    def count(self, status: FileStatus) -> int:
        return sum(f.status == status for f in self.files)

    def as_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        document: dict[str, Any] = {"files": [file_entry(f, lang) for f in self.files]}
        groups = conflict_groups(self.files)
        if groups:
            document["conflicts"] = groups
        return document


def file_entry(result: FileResult, lang: Lang = "vi") -> dict[str, Any]:
    """One entry of the `files` list of outputs.md."""
    return {
        "path": name_text(result.path),
        "status": result.status.value,
        "province": maybe_excerpt(result.province),
        "year": result.year,
        "period": result.period,
        "sha256": result.sha256,
        "problems": [p.as_dict(lang) for p in result.problems],
        "format": result.format
        if result.format is not None or result.report is None
        else result.report.format,
        "unmapped": [row.model_dump() for row in result.unmapped],
    }


def conflict_groups(files: Iterable[FileResult]) -> list[dict[str, Any]]:
    """Each group of files refused as `duplicate-conflict`, once, with every member: a file's
    own problem names only a few of the others, so that the document stays linear in the
    number of files however large a group is."""
    groups: dict[tuple[str | None, int | None, str | None], list[str]] = {}
    for result in files:
        if any(p.code == "duplicate-conflict" for p in result.problems):
            key = (maybe_excerpt(result.province), result.year, result.period)
            groups.setdefault(key, []).append(name_text(result.path))
    return [
        {"province": province, "year": year, "period": period, "files": paths}
        for (province, year, period), paths in groups.items()
    ]


def read_reports(
    paths: Iterable[Path],
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    prepare: Callable[[], object] | None = None,
    prefer_newer: bool = False,
) -> list[FileResult]:
    """Discover, read and resolve duplicates: every input file ends accepted, refused or skipped.

    `prepare` is called once, here, while the workers read if they are several (see
    read_many): what the caller will need next (kcstats merge imports pandas) costs no time.
    `prefer_newer`: settle conflicting reports by their own dates (--prefer newer)."""
    found = discover(paths)
    read = read_many(found.candidates, jobs=jobs, progress=progress, prepare=prepare)
    resolved = resolve_duplicates(read, prefer_newer=prefer_newer)
    return sorted(resolved + found.skipped, key=lambda f: f.path)


# Below this many files one worker reads them all: a second process costs more than it saves.
PARALLEL_FROM = 200
MAX_JOBS = 4
# Files go to the workers in chunks, so that a worker seldom waits for the parent between
# two files: the first chunks are large, the last small so that the workers finish together.
# A chunk holds at most CHUNK_BYTES of files (a few hundred ms of reading, far below the
# read timeout) and at least MIN_CHUNK files, unless they are larger.
CHUNK_BYTES = 2 * 1024 * 1024
MIN_CHUNK = 4
# The share of the files in the chunk that one worker reads while this process prepares.
LEAD_SHARE = 0.4


def automatic_jobs(files: int) -> int:
    return 1 if files < PARALLEL_FROM else max(1, min(os.cpu_count() or 1, MAX_JOBS))


def read_many(
    paths: Sequence[Path],
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
    prepare: Callable[[], object] | None = None,
) -> list[FileResult]:
    """Read every file in isolated worker processes, results in the order of `paths`.

    Parsing untrusted bytes never happens in this process: a worker that crashes, runs out
    of memory or time becomes that file's refusal (read-crashed, read-timeout), not the run's.
    Files are sent to the workers in chunks; a chunk that fails is read again one file at a
    time, so that the failure is its file's alone, exactly as if every file had been sent
    on its own (a file that hangs costs the read timeout twice).

    `prepare`, when given, is called once in this process. With several workers it is called
    while they read: the first chunk is a single file, and as soon as it is back (and its
    worker has its next chunk) this process prepares, while the second chunk, a large one,
    keeps the other worker busy; nothing here starts a thread. Otherwise it is called when
    the files are read. Each chunk's results are rebuilt into FileResults as they come back.
    """
    import kcstats.reader  # noqa: F401 - imported once here, before the workers fork
    from kcstats.safety.sandbox import run_isolated

    load_catalogue()  # loaded once here, inherited by forked workers
    paths = list(paths)
    workers = jobs if jobs is not None else automatic_jobs(len(paths))
    overlap = prepare is not None and workers > 1 and len(paths) > 2 * MIN_CHUNK
    chunks = _chunks(paths, workers, lead=overlap)
    total = len(paths)
    held = list(accumulate(len(chunk) for chunk in chunks))
    waiting = [prepare] if prepare is not None else []
    done = 0

    def chunk_done(finished: int, _: int) -> None:
        nonlocal done
        if progress is not None and finished > done:
            done = finished
            progress(held[finished - 1], total)  # about: chunks end roughly in order
        if overlap and waiting:
            waiting.pop()()

    starts = [end - len(chunk) for end, chunk in zip(held, chunks, strict=True)]
    results: dict[int, FileResult] = {}

    def chunk_read(index: int, outcome: list[Wire] | Failure) -> None:
        # The models are rebuilt here as each chunk comes back, while the workers read on.
        if not isinstance(outcome, Failure):
            for position, wire in enumerate(outcome, starts[index]):
                results[position] = from_wire(wire)

    # What this process holds now, the workers inherit: frozen, the collector leaves it be
    # in the workers (no time spent walking it, no page copied for it) and in here.
    gc.freeze()
    try:
        outcomes = _read_isolated(
            run_isolated, chunks, workers, limits, chunk_done, on_result=chunk_read
        )
    finally:
        gc.unfreeze()
    if waiting:
        waiting.pop()()
    again: list[int] = []
    for chunk, outcome, start in zip(chunks, outcomes, starts, strict=True):
        if isinstance(outcome, Failure) and len(chunk) > 1:
            again.extend(range(start, start + len(chunk)))
        elif isinstance(outcome, Failure):
            results[start] = _failed(chunk[0], outcome, limits)
    if again:
        singles = [[paths[i]] for i in again]
        retried = _read_isolated(run_isolated, singles, min(workers, len(singles)), limits, None)
        for index, outcome in zip(again, retried, strict=True):
            if isinstance(outcome, Failure):
                results[index] = _failed(paths[index], outcome, limits)
            else:
                results[index] = from_wire(outcome[0])
    return [results[i] for i in range(total)]


def _read_isolated(
    run_isolated: Callable[..., list[list[Wire] | Failure]],
    chunks: list[list[Path]],
    workers: int,
    limits: Limits,
    on_done: Progress | None,
    *,
    on_result: Callable[[int, list[Wire] | Failure], None] | None = None,
) -> list[list[Wire] | Failure]:
    return run_isolated(
        [(limits, chunk) for chunk in chunks],
        read_chunk,
        jobs=workers,
        timeout=limits.read_timeout_seconds,
        memory_bytes=limits.worker_memory_bytes,
        on_done=on_done,
        on_result=on_result,
    )


def _chunks(paths: list[Path], workers: int, *, lead: bool = False) -> list[list[Path]]:
    """Consecutive runs of paths: each about 1/(2·workers) of what remains, down to
    MIN_CHUNK files, and never more than CHUNK_BYTES of files (a larger file goes alone).

    With `lead`, the first chunk is one file and the second LEAD_SHARE of them (see
    read_many's `prepare`)."""
    sizes = [_size(path) for path in paths]
    chunks: list[list[Path]] = []
    start = 0
    while start < len(paths):
        remaining = len(paths) - start
        wanted = max(MIN_CHUNK, -(-remaining // (2 * max(workers, 1))))
        if lead and len(chunks) < 2:
            wanted = 1 if not chunks else max(MIN_CHUNK, int(len(paths) * LEAD_SHARE))
        end, held = start, 0
        while end < len(paths) and end - start < wanted:
            if end > start and held + sizes[end] > CHUNK_BYTES:
                break
            held += sizes[end]
            end += 1
        chunks.append(paths[start:end])
        start = end
    return chunks


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def read_chunk(work: tuple[Limits, list[Path]]) -> list[Wire]:
    """What a worker does with one chunk: check every file, then parse each that passed (each
    half on warm caches: quicker than file by file), answer in plain tuples."""
    import kcstats.reader as reader

    limits, paths = work
    catalogue = load_catalogue()
    checked = [reader.check_file(path, limits) for path in paths]
    return [
        to_wire(reader.read_file(path, catalogue, checked=c))
        for path, c in zip(paths, checked, strict=True)
    ]


def read_one(path: Path) -> FileResult:
    from kcstats.reader import read_file

    return read_file(path, load_catalogue())


def _failed(path: Path, failure: Failure, limits: Limits) -> FileResult:
    from kcstats.reader import file_sha256

    code = failure.code
    found = failure.detail if code == "read-crashed" else None
    expected = f"{limits.read_timeout_seconds:g}" if code == "read-timeout" else None
    return FileResult(
        path=str(path),
        status=FileStatus.REFUSED,
        sha256=file_sha256(path, limits),
        problems=[problem(code, found=found, expected=expected)],
    )


def validate(
    paths: Iterable[Path],
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    prefer_newer: bool = False,
) -> ValidationReport:
    return ValidationReport(
        read_reports(paths, jobs=jobs, progress=progress, prefer_newer=prefer_newer)
    )
