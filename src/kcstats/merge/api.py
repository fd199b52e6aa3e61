"""kcstats.merge(paths, options) -> MergeResult: the library's merge, used by the CLI, the
tests and library users alike. Read every report, resolve duplicates, merge the accepted ones.

Light to import: the files are read (kcstats.pipeline) before pandas is imported, which
happens while the workers read (MergeOptions.reading).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kcstats.catalog import Catalogue, load_catalogue
from kcstats.collector import collector_paused
from kcstats.merge.options import MergeOptions
from kcstats.model import FileResult, FileStatus
from kcstats.pipeline import PathLike, read_reports
from kcstats.regions import RegionSet, region_set
from kcstats.report_figures import ReportFigureIndex

if TYPE_CHECKING:
    from kcstats.merge.result import MergeResult


def merge(
    paths: PathLike | Iterable[PathLike], options: MergeOptions | None = None, **fields: Any
) -> MergeResult:
    """Read report files and folders and merge the accepted reports.

    `fields` (regions=..., compare=..., ...) stand for MergeOptions' fields, or replace those
    of `options`. Raises kcstats.regions.RegionError when the region set cannot be used (a
    usage error), before any file is read when it can tell then.
    """
    options = replace(options or MergeOptions(), **fields)
    catalogue = load_catalogue()
    chosen = region_set(options.regions, catalogue)
    figures = ReportFigureIndex()
    files = read_reports(paths, options.reading(), figures=figures)
    return merge_files(files, chosen, catalogue, compare=options.compare, figures=figures)


def merge_files(
    files: Sequence[FileResult],
    regions: RegionSet,
    catalogue: Catalogue | None = None,
    *,
    compare: tuple[int, int] | None = None,
    figures: ReportFigureIndex | None = None,
) -> MergeResult:
    """Merge already-read files (as kcstats.pipeline.read_reports gives them).

    The files' stated "Cùng kỳ năm trước" figures are checked against last year's reports
    first (kcstats.growth.check_prior_year): a difference is a warning on the later file.
    Growth rows: each year against the one before, and the pair `compare` names; across the
    2025 merger in the units of the 34 and their regions in `regions`. `figures`: the
    reports' figures as read_reports kept them (else each report gives its own); emptied
    once the fact table is built."""
    from kcstats.growth import check_prior_year, compute_growth
    from kcstats.merge.facts import build
    from kcstats.merge.result import MergeResult

    catalogue = catalogue or load_catalogue()
    with collector_paused():  # tens of thousands of objects and arrays, no cycles among them
        files = check_prior_year(files, catalogue)
        reports = [f.report for f in files if f.status == FileStatus.ACCEPTED and f.report]
        regions.check_complete(catalogue, {r.era for r in reports})
        built = build(reports, regions, catalogue, figures)
        if figures is not None:
            figures.clear()  # the fact table was all they were kept for: not held through growth
        growth = compute_growth(built.facts, catalogue=catalogue, regions=regions, compare=compare)
    return MergeResult(list(files), built.facts, built.missing, growth, regions, built.measures)
