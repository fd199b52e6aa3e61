"""kcstats.merge(paths): read every report, resolve duplicates, and merge the accepted ones."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pandas as pd

from kcstats.catalog import Catalogue, load_catalogue
from kcstats.growth import check_prior_year, compute_growth
from kcstats.merge.facts import build
from kcstats.merge.result import MergeResult
from kcstats.model import FileResult, FileStatus
from kcstats.regions import RegionSet, region_set

PathLike = str | os.PathLike[str]
Progress = Callable[[int, int], None]


def merge(
    paths: PathLike | Iterable[PathLike],
    *,
    regions: str | Path | RegionSet = "conference",
    jobs: int | None = None,
    progress: Progress | None = None,
    compare: tuple[int, int] | None = None,
    prefer_newer: bool = False,
) -> MergeResult:
    """Read report files and folders and merge the accepted reports.

    `regions` is 'conference' (the khuyến công conference areas, the default),
    'socioeconomic', the path of a CSV province,region table, or a RegionSet. `compare` is
    the (base year, target year) pair for growth rows besides each year against the one
    before. `prefer_newer` settles two accepted reports of one province, year and period
    that differ by their own dates (--prefer newer). Raises kcstats.regions.RegionError when the region set cannot be used (a usage
    error).
    """
    catalogue = load_catalogue()
    chosen = region_set(regions, catalogue)
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    from kcstats.validate import read_reports

    files = read_reports(
        [Path(p) for p in paths], jobs=jobs, progress=progress, prefer_newer=prefer_newer
    )
    return merge_files(files, chosen, catalogue, compare=compare)


def merge_files(
    files: Sequence[FileResult],
    regions: RegionSet,
    catalogue: Catalogue | None = None,
    *,
    compare: tuple[int, int] | None = None,
) -> MergeResult:
    """Merge already-read files (as kcstats.validate.read_reports gives them).

    The files' stated "Cùng kỳ năm trước" figures are checked against last year's reports
    first (kcstats.growth.check_prior_year): a difference is a warning on the later file."""
    catalogue = catalogue or load_catalogue()
    files = check_prior_year(files, catalogue)
    reports = [f.report for f in files if f.status == FileStatus.ACCEPTED and f.report]
    regions.check_complete(catalogue, {r.era for r in reports})
    built = build(reports, regions, catalogue)
    growth = growth_rows(built.facts, catalogue, regions, compare)
    return MergeResult(list(files), built.facts, built.missing, growth, regions, built.measures)


def growth_rows(
    facts: pd.DataFrame,
    catalogue: Catalogue,
    regions: RegionSet,
    compare: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """Year-on-year rows of the fact table (kcstats.growth.compute_growth): each year against
    the one before, and the pair `compare` names; across the 2025 merger in the units of the
    34 and their regions in `regions`."""
    return compute_growth(facts, catalogue=catalogue, regions=regions, compare=compare)
