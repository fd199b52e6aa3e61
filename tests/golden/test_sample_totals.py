"""Reader-level golden test: the sample workbooks, read with kcstats.pipeline.read_reports and
added up here, give the published figures exactly. It needs the reader only, not merge, so it
holds the sample data to its promise on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path

import pytest
from published import (
    FIGURES,
    FOLDER_SCOPE,
    GROWTH,
    PERCENTS,
    PROBLEMS,
    RESEND,
    Figure,
    Growth,
    Percent,
    printed,
)
from python_calamine import CalamineWorkbook

from kcstats.catalog import Catalogue, load_catalogue
from kcstats.model import FileResult, FileStatus, Report
from kcstats.pipeline import read_reports
from kcstats.problems import Severity


@pytest.fixture(scope="module")
def read(sample_folder: Callable[[str], Path]) -> Callable[[str], list[FileResult]]:
    """Every file of a sample folder through the reader, once per folder."""
    cache: dict[str, list[FileResult]] = {}

    def run(name: str) -> list[FileResult]:
        if name not in cache:
            cache[name] = read_reports([sample_folder(name)])
        return cache[name]

    return run


def _reports(results: Iterable[FileResult]) -> list[Report]:
    return [r.report for r in results if r.status == FileStatus.ACCEPTED and r.report is not None]


def _in_place(report: Report, level: str, place: str, catalogue: Catalogue) -> bool:
    if level == "all":
        return True
    if level == "province":
        return report.province == place
    return catalogue.by_key[report.province_key].kc_conference_area == place


def total(
    reports: Iterable[Report],
    *,
    level: str,
    place: str,
    year: int,
    period: str,
    measure: str,
    source: str,
    field: str,
) -> Decimal | None:
    """What a fact-table row (outputs.md) holds, added up from the reports: None when no
    report gives the figure (blank is not zero)."""
    catalogue = load_catalogue()
    values: list[Decimal] = []
    for report in reports:
        if (report.year, report.period) != (year, period):
            continue
        if not _in_place(report, level, place, catalogue):
            continue
        if measure in ("funding", "projects"):
            wanted = ("national", "local") if source == "total" else (source,)
            name = f"{field}_{'money' if measure == 'funding' else 'projects'}"
            for line in report.funding:
                value = getattr(line, name)
                if line.source in wanted and value is not None:
                    values.append(Decimal(value))
        else:
            for figure in report.indicators:
                value = getattr(figure, field)
                if figure.code == measure and value is not None:
                    values.append(value)
    return sum(values, Decimal(0)) if values else None


@pytest.mark.parametrize("folder", list(FOLDER_SCOPE))
def test_every_sample_report_is_accepted_without_a_problem(
    folder: str, read: Callable[[str], list[FileResult]]
) -> None:
    results = read(folder)
    complaints = {
        Path(r.path).name: [f"{p.code} {p.sheet}!{p.cell}: {p.message('en')}" for p in r.problems]
        for r in results
        if r.problems or r.status != FileStatus.ACCEPTED
    }
    assert complaints == {}


@pytest.mark.parametrize("folder", list(FOLDER_SCOPE))
def test_each_folder_holds_one_report_per_province_and_period(
    folder: str, read: Callable[[str], list[FileResult]]
) -> None:
    region, periods = FOLDER_SCOPE[folder]
    provinces = [
        p
        for p in load_catalogue().provinces_of("63")
        if region is None or p.kc_conference_area == region
    ]
    expected = sorted((p.key, year, period) for p in provinces for year, period in periods)
    found = sorted((r.province_key, r.year, r.period) for r in _reports(read(folder)))
    assert found == expected


@pytest.mark.parametrize("figure", FIGURES, ids=[f.id for f in FIGURES])
def test_published_figure_is_the_sum_of_the_province_reports(
    figure: Figure, read: Callable[[str], list[FileResult]]
) -> None:
    got = total(
        _reports(read(figure.folder)),
        level=figure.level,
        place=figure.place,
        year=figure.year,
        period=figure.period,
        measure=figure.measure,
        source=figure.source,
        field=figure.field,
    )
    assert got == figure.value, f"{figure.wording}: the reports add up to {got}"


@pytest.mark.parametrize("percent", PERCENTS, ids=[f"{p.folder}:{p.measure}" for p in PERCENTS])
def test_published_percent_of_plan(
    percent: Percent, read: Callable[[str], list[FileResult]]
) -> None:
    reports = _reports(read(percent.folder))
    where = {
        "level": percent.level,
        "place": percent.place,
        "year": percent.year,
        "period": percent.period,
        "measure": percent.measure,
        "source": percent.source,
    }
    plan, actual = total(reports, **where, field="plan"), total(reports, **where, field="actual")
    assert plan and actual is not None
    assert printed(actual * 100 / plan, percent.printed) == percent.printed, percent.wording


@pytest.mark.parametrize(
    "growth", GROWTH, ids=[f"{g.folder}:{g.measure}:{g.base_year}-{g.target_year}" for g in GROWTH]
)
def test_published_growth(growth: Growth, read: Callable[[str], list[FileResult]]) -> None:
    reports = _reports(read(growth.folder))
    where = {
        "level": growth.level,
        "place": growth.place,
        "period": growth.period,
        "measure": growth.measure,
        "source": growth.source,
    }
    base_field = "plan" if growth.basis == "plan" else "actual"
    target_field = "actual" if growth.basis == "actual" else "plan"
    base = total(reports, **where, year=growth.base_year, field=base_field)
    target = total(reports, **where, year=growth.target_year, field=target_field)
    assert base and target is not None
    value = target * 100 / base if growth.as_ratio else (target - base) * 100 / base
    assert printed(value, growth.printed) == growth.printed, growth.wording


def test_hoa_binh_types_its_figures_as_vietnamese_text(
    sample_folder: Callable[[str], Path], read: Callable[[str], list[FileResult]]
) -> None:
    """The famous case: '1.505' is one thousand five hundred and five, not one point five."""
    (result,) = [r for r in read("national-2021") if r.province == "Hòa Bình"]
    workbook = CalamineWorkbook.from_path(result.path)
    texts = {
        value
        for name in workbook.sheet_names
        for row in workbook.get_sheet_by_name(name).to_python()
        for value in row
        if isinstance(value, str)
    }
    assert {"1.505", "1.100"} <= texts
    assert result.report is not None
    actual = {line.source: line.actual_money for line in result.report.funding}
    assert actual["national"] == Decimal("1100")
    assert actual["national"] + actual["local"] == Decimal("1505")  # type: ignore[operator]


def test_problem_files_are_each_refused_for_their_reason(
    read: Callable[[str], list[FileResult]],
) -> None:
    results = {Path(r.path).name: r for r in read("problems")}
    assert set(results) == {*PROBLEMS, RESEND[1]}
    assert results[RESEND[1]].status == FileStatus.ACCEPTED
    for name, codes in PROBLEMS.items():
        result = results[name]
        errors = [p for p in result.problems if p.severity == Severity.ERROR]
        assert result.status == FileStatus.REFUSED, name
        assert {p.code for p in errors} == codes, (name, [p.message("en") for p in errors])
        for p in errors:
            assert p.message("vi") and p.message("en"), (name, p.code)
            if p.code in ("ambiguous-number", "total-mismatch", "negative-number"):
                assert p.sheet and p.cell and p.found_text(), (name, p)


def test_problem_messages_say_what_to_do(read: Callable[[str], list[FileResult]]) -> None:
    problems = {
        (Path(r.path).name, p.code): p for r in read("problems") for p in r.problems if p.code
    }
    assert problems["ambiguous-number.xlsx", "ambiguous-number"].found_text() == "1.5"
    assert "1,5" in problems["ambiguous-number.xlsx", "ambiguous-number"].message("en")
    assert "Tây Ninh" in problems["province-abolished.xlsx", "province-abolished"].message("en")
    replaced = problems[RESEND[0], "duplicate-replaced"]
    assert RESEND[1] in replaced.message("en") and RESEND[1] in replaced.message("vi")


def test_folders_merged_together_keep_every_valid_report(
    sample_folder: Callable[[str], Path],
) -> None:
    """problems/ holds a corrected resend of a report that north-2024-h1/ holds too: read
    together, that report counts once and every report of the folder stays accepted."""
    north = sample_folder("north-2024-h1")
    together = {r.path: r for r in read_reports([north, sample_folder("problems")])}
    for path, result in together.items():
        if Path(path).parent == north:
            assert result.status == FileStatus.ACCEPTED, (path, result.problems)
    counted = str(north / "2024-h1-bac-ninh.xlsx")
    copy = together[str(sample_folder("problems") / RESEND[1])]
    assert copy.status == FileStatus.SKIPPED
    assert [(p.code, p.found_text()) for p in copy.problems] == [("duplicate-copy", counted)]
    broken = together[str(sample_folder("problems") / RESEND[0])]
    assert broken.status == FileStatus.REFUSED
    assert [p.found_text() for p in broken.problems if p.code == "duplicate-replaced"] == [counted]
