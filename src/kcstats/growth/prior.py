"""The optional "Cùng kỳ năm trước" (same period last year) column of a report, checked against
last year's report when the merge holds both.

A figure stated in that column (an indicator's, a funding source's money or projects, an
activity's money) is compared with the actual of the same measure in the accepted report of
the same province, the same period and the year before (an activity's total with last year's
national + local where last year split it by source); across the 2025 merger that is the
sum of the reports of the old provinces the unit was made from (blank rules as in merge). The
check is made only where last year's figure can be known: every report it needs is accepted,
and it gives a figure. A difference is a warning, `prior-year-mismatch`, added to the later
file's problems (the file stays accepted); it names the other file or files.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from kcstats.catalog import Catalogue
from kcstats.messages import Param, label, say
from kcstats.model import FileResult, FileStatus, Report
from kcstats.problems import Problem, problem

FILE_JOINER = " + "


def check_prior_year(files: Sequence[FileResult], catalogue: Catalogue) -> list[FileResult]:
    """The files, each accepted report's stated same-period-last-year figures checked against
    last year's accepted reports among `files`. A file with a difference comes back as a copy
    with a `prior-year-mismatch` warning per measure; every other file comes back as is."""
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
    stated = _stated(report)
    if not stated:
        return []
    previous = [
        accepted.get((k, report.year - 1, report.period)) for k in last_year_keys(report, catalogue)
    ]
    if not previous or any(p is None for p in previous):
        return []
    earlier = [p.report for p in previous if p is not None and p.report is not None]
    actual = _actuals(earlier)
    others = FILE_JOINER.join(p.path for p in previous if p is not None)
    problems = []
    for key, prior in stated.items():
        expected = actual.get(key)
        if expected is None and key[0] == "activity" and key[2] == "total":
            # Last year split the activity's money by source: its total is national + local.
            parts = [actual.get(("activity", key[1], s)) for s in catalogue.in_total]
            if all(p is not None for p in parts):
                expected = sum((p for p in parts if p is not None), Decimal(0))
        if expected is None or prior == expected:
            continue
        sheet, measure, name = _named(key, catalogue)
        problems.append(
            problem(
                "prior-year-mismatch",
                # Format 1 names the sheet the figure stands on; a format-2 table is one sheet
                # whose name the report does not keep, so no sheet rather than a wrong one
                # (the message names the measure and the row's indicator or source).
                sheet=catalogue.aliases.sheet_titles.get(sheet) if report.format == 1 else None,
                found=figure_text(prior),
                expected=figure_text(expected),
                other=others,
                measure=measure,
                indicator=name,
            )
        )
    return problems


# What a report states for the same period last year, and what last year's report gave, by
# measure: ("indicator", code, ""), ("money" | "projects", source, ""), or ("activity",
# activity, source).
Key = tuple[str, str, str]


def _stated(report: Report) -> dict[Key, Decimal]:
    stated: dict[Key, Decimal] = {}
    for figure in report.indicators:
        if figure.prior is not None:
            stated[("indicator", figure.code, "")] = figure.prior
    for line in report.funding:
        if line.prior_money is not None:
            stated[("money", line.source, "")] = line.prior_money
        if line.prior_projects is not None:
            stated[("projects", line.source, "")] = Decimal(line.prior_projects)
    for a in report.activity_funding:
        if a.prior_money is not None:
            stated[("activity", a.activity, a.source)] = a.prior_money
    return stated


def _actuals(reports: Sequence[Report]) -> dict[Key, Decimal]:
    """Last year's actual figures by measure, added up over the reports (blanks left out)."""
    actual: dict[Key, Decimal] = {}

    def add(key: Key, value: Decimal | int | None) -> None:
        if value is not None:
            actual[key] = actual.get(key, Decimal(0)) + value

    for r in reports:
        for figure in r.indicators:
            add(("indicator", figure.code, ""), figure.actual)
        for line in r.funding:
            add(("money", line.source, ""), line.actual_money)
            add(("projects", line.source, ""), line.actual_projects)
        for a in r.activity_funding:
            add(("activity", a.activity, a.source), a.actual_money)
    return actual


def _named(key: Key, catalogue: Catalogue) -> tuple[str, Param, Param]:
    """The sheet role, what is measured and the name of what it is measured on (parameters
    of kcstats.messages)."""
    kind, code, source = key
    if kind == "indicator":
        indicator = catalogue.indicators[code]
        return "results", say("measure.indicator"), label(indicator.label_vi, indicator.label_en)
    if kind in ("money", "projects"):
        src = catalogue.sources[code]
        return "funding", say(f"measure.{kind}"), label(src.label_vi, src.label_en)
    activity = catalogue.activities[code]
    label_vi, label_en = activity.label_vi, activity.label_en
    if source != "total":
        label_vi += f" — {catalogue.sources[source].label_vi}"
        label_en += f" — {catalogue.sources[source].label_en}"
    return "funding", say("measure.activity"), label(label_vi, label_en)


def figure_text(value: Decimal) -> str:
    """A figure as a report writes it: no thousands separator, a decimal comma ('3168',
    '54,06'), so that it reads the same in Vietnamese and is never taken for thousands."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
