"""Reading a built workbook and looking at what the reader said about it."""

from __future__ import annotations

from pathlib import Path

from kcstats.model import FileResult, FileStatus, Report
from kcstats.problems import Severity
from kcstats.reader import read_file

Where = tuple[str, str | None, str | None]  # code, sheet, cell


def read(path: Path) -> FileResult:
    return read_file(path)


def errors(result: FileResult) -> list[Where]:
    """The refusals of a file, each as (code, sheet, cell), in the order they were found."""
    return [(p.code, p.sheet, p.cell) for p in result.problems if p.severity == Severity.ERROR]


def warnings(result: FileResult) -> list[Where]:
    return [(p.code, p.sheet, p.cell) for p in result.problems if p.severity == Severity.WARNING]


def accepted(path: Path) -> Report:
    """Read a file that must be accepted without any problem, and give its report."""
    result = read_file(path)
    assert result.problems == [], [p.message("en") for p in result.problems]
    assert result.status == FileStatus.ACCEPTED
    assert result.report is not None
    return result.report


def refused(path: Path) -> FileResult:
    result = read_file(path)
    assert result.status == FileStatus.REFUSED, result.problems
    return result
