"""kcstats validate: read every report file and say what is wrong with each, and where."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kcstats.catalog import load_catalogue
from kcstats.discover import discover
from kcstats.duplicates import resolve_duplicates
from kcstats.model import FileResult, FileStatus
from kcstats.problems import Lang

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


def read_many(
    paths: Sequence[Path], *, jobs: int | None = None, progress: Progress | None = None
) -> list[FileResult]:
    from kcstats.reader import read_file

    catalogue = load_catalogue()
    results = []
    for done, path in enumerate(paths, start=1):
        results.append(read_file(path, catalogue))
        if progress is not None:
            progress(done, len(paths))
    return results


def validate(
    paths: Iterable[Path], *, jobs: int | None = None, progress: Progress | None = None
) -> ValidationReport:
    return ValidationReport(read_reports(paths, jobs=jobs, progress=progress))
