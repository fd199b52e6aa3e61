"""The reading pipeline: discover -> preflight and sandbox -> reader -> duplicates.

One entry, :func:`read_reports`: every input path becomes FileResults, each accepted, refused
or skipped; `kcstats.validate` shows them and `kcstats.merge` merges the accepted ones. The
files are parsed in worker processes (kcstats.pipeline.workers), never in this one.

Light to import: the reader is imported when files are read, pandas never.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from kcstats.discover import discover
from kcstats.duplicates import resolve_duplicates
from kcstats.model import FileResult
from kcstats.pipeline.options import Progress, ReadOptions
from kcstats.pipeline.workers import read_many
from kcstats.report_figures import ReportFigureIndex

__all__ = ["PathLike", "Progress", "ReadOptions", "read_many", "read_reports"]

PathLike = str | os.PathLike[str]


def read_reports(
    paths: PathLike | Iterable[PathLike],
    options: ReadOptions | None = None,
    *,
    figures: ReportFigureIndex | None = None,
) -> list[FileResult]:
    """Discover, read and resolve duplicates: every input file (a path, or files and folders
    searched recursively) ends accepted, refused or skipped, in the order of their paths.
    `figures`, when given, keeps each report's figures as the fact store's integers, as the
    reader processes sent them (kcstats.merge builds its fact table from them)."""
    options = options or ReadOptions()
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    found = discover([Path(p) for p in paths])
    read = read_many(found.candidates, options, figures=figures)
    resolved = resolve_duplicates(read, prefer_newer=options.prefer_newer)
    return sorted(resolved + found.skipped, key=lambda f: f.path)
