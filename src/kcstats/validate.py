"""kcstats validate: read every report file and say what is wrong with each, and where."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kcstats.catalog import load_catalogue
from kcstats.discover import discover
from kcstats.duplicates import resolve_duplicates
from kcstats.model import FileResult, FileStatus
from kcstats.problems import Lang, problem
from kcstats.safety.limits import DEFAULT_LIMITS, Limits
from kcstats.safety.sandbox import Failure

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
        return {"files": [file_entry(f, lang) for f in self.files]}


def file_entry(result: FileResult, lang: Lang = "vi") -> dict[str, Any]:
    """One entry of the `files` list of outputs.md."""
    return {
        "path": result.path,
        "status": result.status.value,
        "province": result.province,
        "year": result.year,
        "period": result.period,
        "sha256": result.sha256,
        "problems": [p.as_dict(lang) for p in result.problems],
    }


def read_reports(
    paths: Iterable[Path], *, jobs: int | None = None, progress: Progress | None = None
) -> list[FileResult]:
    """Discover, read and resolve duplicates: every input file ends accepted, refused or skipped."""
    found = discover(paths)
    read = read_many(found.candidates, jobs=jobs, progress=progress)
    return sorted(resolve_duplicates(read) + found.skipped, key=lambda f: f.path)


# Below this many files one worker reads them all: a second process costs more than it saves.
PARALLEL_FROM = 200


def automatic_jobs(files: int) -> int:
    return 1 if files < PARALLEL_FROM else max(1, min(os.cpu_count() or 1, 4))


def read_many(
    paths: Sequence[Path],
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[FileResult]:
    """Read every file in isolated worker processes, results in the order of `paths`.

    Parsing untrusted bytes never happens in this process: a worker that crashes, runs out
    of memory or time becomes that file's refusal (read-crashed, read-timeout), not the run's.
    """
    from kcstats.safety.sandbox import run_isolated

    load_catalogue()  # loaded once here, inherited by forked workers
    workers = jobs if jobs is not None else automatic_jobs(len(paths))
    outcomes = run_isolated(
        list(paths),
        read_one,
        jobs=workers,
        timeout=limits.read_timeout_seconds,
        memory_bytes=limits.worker_memory_bytes,
        on_done=progress,
    )
    return [
        _failed(path, outcome, limits) if isinstance(outcome, Failure) else outcome
        for path, outcome in zip(paths, outcomes, strict=True)
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
        sha256=file_sha256(path),
        problems=[problem(code, found=found, expected=expected)],
    )


def validate(
    paths: Iterable[Path], *, jobs: int | None = None, progress: Progress | None = None
) -> ValidationReport:
    return ValidationReport(read_reports(paths, jobs=jobs, progress=progress))
