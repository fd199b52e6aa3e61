"""The optional "Cùng kỳ năm trước" (same period last year) column of a report, checked against
last year's report when the merge holds both.

A figure stated in that column is compared with the indicator's actual in the accepted report
of the same province, the same period and the year before; across the 2025 merger that is the
sum of the reports of the old provinces the unit was made from (blank rules as in merge). The
check is made only where last year's figure can be known: every report it needs is accepted,
and it gives a figure. A difference is a warning, `prior-year-mismatch`, added to the later
file's problems (the file stays accepted); it names the other file or files.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from kcstats.catalog import Catalogue
from kcstats.model import FileResult, FileStatus, Report
from kcstats.problems import Problem, problem

FILE_JOINER = " + "


def check_prior_year(files: Sequence[FileResult], catalogue: Catalogue) -> list[FileResult]:
    """The files, each accepted report's stated same-period-last-year figures checked against
    last year's accepted reports among `files`. A file with a difference comes back as a copy
    with a `prior-year-mismatch` warning per indicator; every other file comes back as is."""
    accepted: dict[tuple[str, int, str], FileResult] = {}
    for f in files:
        if f.status == FileStatus.ACCEPTED and f.report is not None:
            r = f.report
            accepted[(r.province_key, r.year, r.period)] = f
    out: list[FileResult] = []
    for f in files:
        report = f.report if f.status == FileStatus.ACCEPTED else None
        found = [] if report is None else _mismatches(report, accepted, catalogue)
        out.append(f.model_copy(update={"problems": [*f.problems, *found]}) if found else f)
    return out


def last_year_keys(report: Report, catalogue: Catalogue) -> list[str]:
    """The province keys whose reports for the year before make this report's last year: its
    own, or across the merger those of the old provinces its unit was made from."""
    era = catalogue.era_of(report.year - 1, report.period)
    if era == report.era:
        return [report.province_key]
    unit = catalogue.by_key[report.province_key]
    return [f"{era}:{code}" for code in unit.predecessors]


def _mismatches(
    report: Report, accepted: dict[tuple[str, int, str], FileResult], catalogue: Catalogue
) -> list[Problem]:
    stated = [figure for figure in report.indicators if figure.prior is not None]
    if not stated:
        return []
    previous = [
        accepted.get((k, report.year - 1, report.period)) for k in last_year_keys(report, catalogue)
    ]
    if not previous or any(p is None for p in previous):
        return []
    earlier = [p for p in previous if p is not None]
    actual: dict[str, Decimal] = {}
    for f in earlier:
        assert f.report is not None
        for figure in f.report.indicators:
            if figure.actual is not None:
                actual[figure.code] = actual.get(figure.code, Decimal(0)) + figure.actual
    others = FILE_JOINER.join(f.path for f in earlier)
    sheet = catalogue.aliases.sheet_titles.get("results")
    problems = []
    for figure in stated:
        expected = actual.get(figure.code)
        if expected is None or figure.prior is None or figure.prior == expected:
            continue
        indicator = catalogue.indicators[figure.code]
        problems.append(
            problem(
                "prior-year-mismatch",
                sheet=sheet,
                found=figure_text(figure.prior),
                expected=figure_text(expected),
                other=others,
                indicator=indicator.label_vi,
                indicator_en=indicator.label_en,
            )
        )
    return problems


def figure_text(value: Decimal) -> str:
    """A figure as a report writes it: no thousands separator, a decimal comma ('3168',
    '54,06'), so that it reads the same in Vietnamese and is never taken for thousands."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
