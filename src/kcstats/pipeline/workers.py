"""Reading files in isolated worker processes, in chunks: the heavy half of the pipeline.

Parsing untrusted bytes never happens in this process: a worker that crashes, runs out of
memory or time becomes that file's refusal (read-crashed, read-timeout), not the run's.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from itertools import accumulate
from pathlib import Path

from kcstats.catalog import load_catalogue
from kcstats.collector import collector_paused
from kcstats.model import FileResult, FileStatus, Wire, from_wire, to_wire
from kcstats.pipeline.options import Progress, ReadOptions
from kcstats.problems import problem
from kcstats.report_figures import ReportFigureIndex
from kcstats.safety.limits import Limits
from kcstats.safety.sandbox import Failure

# Below this many files one worker reads them all: a second process costs more than it saves.
PARALLEL_FROM = 200
MAX_JOBS = 4
# Files go to the workers in chunks, so that a worker seldom waits for the parent between
# two files: the first chunks are large, the last small so that the workers finish together.
# A chunk holds at most CHUNK_BYTES of files (a few hundred ms of reading, far below the
# read timeout) and at least MIN_CHUNK files, unless they are larger.
CHUNK_BYTES = 2 * 1024 * 1024
MIN_CHUNK = 4
# While this process warms up (imports pandas: about a third of a second of CPU), each
# worker reads its first chunk: together LEAD_SHARE of the files, each at most LEAD_BYTES,
# so that no worker runs out of work before this process can hand it more.
LEAD_SHARE = 0.6
LEAD_BYTES = 4 * 1024 * 1024


def automatic_jobs(files: int) -> int:
    return 1 if files < PARALLEL_FROM else max(1, min(os.cpu_count() or 1, MAX_JOBS))


def read_many(
    paths: Sequence[Path],
    options: ReadOptions | None = None,
    *,
    figures: ReportFigureIndex | None = None,
) -> list[FileResult]:
    """Read every file in isolated worker processes, results in the order of `paths`.

    Files are sent to the workers in chunks; a chunk that fails is read again one file at a
    time, so that the failure is its file's alone, exactly as if every file had been sent
    on its own (a file that hangs costs the read timeout twice).

    `options.warm_up`, when given, is called once in this process. With several workers it
    is called while they read: as soon as each worker has its first chunk (a large one,
    see LEAD_SHARE), this process warms up; nothing here starts a thread. Otherwise it is
    called when the files are read. Each chunk's results are rebuilt into FileResults as
    they come back; `figures`, when given, keeps their reports' figures as the wire carried
    them (the fact store's integers, kcstats.report_figures).
    """
    import kcstats.reader  # noqa: F401 - imported once here, before the workers fork
    from kcstats.safety.sandbox import run_isolated

    options = options or ReadOptions()
    progress, limits, warm_up = options.progress, options.limits, options.warm_up
    load_catalogue()  # loaded once here, inherited by forked workers
    paths = list(paths)
    workers = options.jobs if options.jobs is not None else automatic_jobs(len(paths))
    overlap = warm_up is not None and workers > 1 and len(paths) > 2 * MIN_CHUNK
    chunks = _chunks(paths, workers, lead=overlap)
    total = len(paths)
    held = list(accumulate(len(chunk) for chunk in chunks))
    waiting = [warm_up] if warm_up is not None else []
    done = 0

    def chunk_done(finished: int, _: int) -> None:
        nonlocal done
        if progress is not None and finished > done:
            done = finished
            progress(held[finished - 1], total)  # about: chunks end roughly in order

    def started() -> None:
        if overlap and waiting:
            waiting.pop()()

    starts = [end - len(chunk) for end, chunk in zip(held, chunks, strict=True)]
    results: dict[int, FileResult] = {}

    def chunk_read(index: int, outcome: list[Wire] | Failure) -> None:
        # The models are rebuilt here as each chunk comes back, while the workers read on.
        if not isinstance(outcome, Failure):
            for position, wire in enumerate(outcome, starts[index]):
                results[position] = from_wire(wire, figures)

    # What this process holds now, the workers inherit: frozen, the collector leaves it be
    # in the workers (no time spent walking it, no page copied for it). In here it does not
    # run while the files are read (kcstats.collector); the workers turn it back on.
    with collector_paused():
        gc.freeze()
        try:
            outcomes = _read_isolated(
                run_isolated,
                chunks,
                workers,
                limits,
                chunk_done,
                on_result=chunk_read,
                on_started=started,
            )
        finally:
            gc.unfreeze()
        if waiting:
            waiting.pop()()
        _read_failed_again(paths, chunks, outcomes, starts, results, workers, limits, figures)
    return [results[i] for i in range(total)]


def _read_failed_again(
    paths: list[Path],
    chunks: list[list[Path]],
    outcomes: list[list[Wire] | Failure],
    starts: list[int],
    results: dict[int, FileResult],
    workers: int,
    limits: Limits,
    figures: ReportFigureIndex | None,
) -> None:
    """The files of every chunk that failed, read again one at a time into `results`: a
    failure is then its file's alone."""
    from kcstats.safety.sandbox import run_isolated

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
                results[index] = from_wire(outcome[0], figures)


def _read_isolated(
    run_isolated: Callable[..., list[list[Wire] | Failure]],
    chunks: list[list[Path]],
    workers: int,
    limits: Limits,
    on_done: Progress | None,
    *,
    on_result: Callable[[int, list[Wire] | Failure], None] | None = None,
    on_started: Callable[[], object] | None = None,
) -> list[list[Wire] | Failure]:
    return run_isolated(
        [(limits, chunk) for chunk in chunks],
        read_chunk,
        jobs=workers,
        timeout=limits.read_timeout_seconds,
        memory_bytes=limits.worker_memory_bytes,
        on_done=on_done,
        on_result=on_result,
        on_started=on_started,
    )


def _chunks(paths: list[Path], workers: int, *, lead: bool = False) -> list[list[Path]]:
    """Consecutive runs of paths: each about 1/(2·workers) of what remains, down to
    MIN_CHUNK files, and never more than CHUNK_BYTES of files (a larger file goes alone).

    With `lead`, each worker's first chunk is its part of LEAD_SHARE of the files, at most
    LEAD_BYTES (see read_many's `options.warm_up`)."""
    sizes = [_size(path) for path in paths]
    chunks: list[list[Path]] = []
    start = 0
    workers = max(workers, 1)
    while start < len(paths):
        remaining = len(paths) - start
        wanted = max(MIN_CHUNK, -(-remaining // (2 * workers)))
        limit = CHUNK_BYTES
        if lead and len(chunks) < workers:
            wanted = max(MIN_CHUNK, int(len(paths) * LEAD_SHARE / workers))
            limit = LEAD_BYTES
        end, held = start, 0
        while end < len(paths) and end - start < wanted:
            if end > start and held + sizes[end] > limit:
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
