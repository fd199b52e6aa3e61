"""A template filled in as a person would (open, type, save) is accepted by kcstats validate
with exactly the figures typed; a blank one reads as 'nothing reported', never as zeros."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from template_filling import FUNDING, fill, funding_cell
from typer.testing import CliRunner

from builders import set_stored_values
from kcstats.cli import app
from kcstats.model import FileResult, FileStatus, FundingLine, IndicatorFigure
from kcstats.problems import Lang, Severity
from kcstats.template import write_template
from kcstats.validate import validate

FUNDING_TYPED = {
    "national": (3, 1200.5, 2, 1100),
    "local": (10, 3000, 9, 2800.25),
    "counterpart": (0, 0, 1, 15),
    "other": (None, None, 1, 2.5),
}
INDICATORS_TYPED = {
    "trained_workers": (300, 320, 280),
    "demo_models": (0, 0, None),
    "consulting_revenue": (150.5, 160.25, None),
    "media_items": (None, 12, 10),
}
FUNDING_READ = [
    FundingLine(
        source="national",
        plan_projects=3,
        plan_money=Decimal("1200.5"),
        actual_projects=2,
        actual_money=Decimal("1100"),
    ),
    FundingLine(
        source="local",
        plan_projects=10,
        plan_money=Decimal("3000"),
        actual_projects=9,
        actual_money=Decimal("2800.25"),
    ),
    FundingLine(
        source="counterpart",
        plan_projects=0,
        plan_money=Decimal("0"),
        actual_projects=1,
        actual_money=Decimal("15"),
    ),
    FundingLine(source="other", actual_projects=1, actual_money=Decimal("2.5")),
]
INDICATORS_READ = {
    "trained_workers": IndicatorFigure(
        code="trained_workers", plan=Decimal(300), actual=Decimal(320), prior=Decimal(280)
    ),
    "demo_models": IndicatorFigure(code="demo_models", plan=Decimal(0), actual=Decimal(0)),
    "consulting_revenue": IndicatorFigure(
        code="consulting_revenue", plan=Decimal("150.5"), actual=Decimal("160.25")
    ),
    "media_items": IndicatorFigure(code="media_items", actual=Decimal(12), prior=Decimal(10)),
}
# openpyxl saves the 'Tổng cộng' formulas without a computed value; the reader says so and
# computes the total itself. Nothing else may be said about a template.
TOTAL_WITHOUT_VALUE = "total-formula-without-value"


def read_one(path: Path) -> FileResult:
    (result,) = validate([path]).files
    return result


def only_total_warnings(result: FileResult) -> None:
    others = [p for p in result.problems if p.code != TOTAL_WITHOUT_VALUE]
    assert others == [], [p.message("en") for p in others]
    assert all(p.severity == Severity.WARNING and p.sheet == FUNDING for p in result.problems)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_filled_template_is_accepted_with_exactly_the_figures_typed(
    tmp_path: Path, lang: Lang
) -> None:
    path = write_template(
        tmp_path / "bao-cao.xlsx", province="Long An", year=2024, period="H1", lang=lang
    )
    fill(path, lang=lang, funding=FUNDING_TYPED, indicators=INDICATORS_TYPED)

    result = read_one(path)

    assert result.status == FileStatus.ACCEPTED
    only_total_warnings(result)
    assert result.report is not None
    assert (result.report.province, result.report.year, result.report.period) == (
        "Long An",
        2024,
        "H1",
    )
    assert result.report.funding == FUNDING_READ
    assert {f.code: f for f in result.report.indicators} == INDICATORS_READ


def test_filled_template_is_accepted_by_the_validate_command(tmp_path: Path) -> None:
    path = write_template(tmp_path / "bao-cao.xlsx", province="Cà Mau", year=2025, period="FY")
    fill(path, funding=FUNDING_TYPED, indicators=INDICATORS_TYPED)

    run = CliRunner().invoke(app, ["validate", str(path), "--format", "json"])

    assert run.exit_code == 0, run.output
    (entry,) = json.loads(run.stdout)["files"]
    assert (entry["status"], entry["province"], entry["year"], entry["period"]) == (
        "accepted",
        "Cà Mau",
        2025,
        "FY",
    )
    assert {p["code"] for p in entry["problems"]} <= {TOTAL_WITHOUT_VALUE}


def test_template_filled_without_prefilled_facts_is_accepted(tmp_path: Path) -> None:
    path = write_template(tmp_path / "bao-cao.xlsx")
    fill(
        path,
        facts={"province": "TP. Hồ Chí Minh", "year": 2025, "period": "9 tháng"},
        indicators={"fairs_held": (2, 3)},
    )

    result = read_one(path)

    assert result.status == FileStatus.ACCEPTED
    assert result.report is not None
    assert (result.report.province_key, result.report.period) == ("34:79", "9M")
    assert result.report.indicators == [
        IndicatorFigure(code="fairs_held", plan=Decimal(2), actual=Decimal(3))
    ]


def test_blank_template_reads_as_nothing_reported_never_as_zeros(tmp_path: Path) -> None:
    path = write_template(tmp_path / "bao-cao.xlsx", province="Long An", year=2024, period="FY")

    result = read_one(path)

    assert result.status == FileStatus.ACCEPTED
    only_total_warnings(result)
    assert result.report is not None
    figures = [v for line in result.report.funding for k, v in line if k != "source"]
    figures += [v for fig in result.report.indicators for k, v in fig if k != "code"]
    assert all(v is None for v in figures)


def test_blank_template_saved_by_a_spreadsheet_validates_without_any_problem(
    tmp_path: Path,
) -> None:
    """Excel saves the computed totals (0 for blank sources): then nothing at all is said."""
    path = write_template(tmp_path / "bao-cao.xlsx", province="Long An", year=2024, period="FY")
    set_stored_values(path, FUNDING, {cell: "0" for cell in total_cells(path)})

    result = read_one(path)

    assert result.problems == []
    assert result.report is not None
    assert result.report.funding == [] and result.report.indicators == []


def test_filled_template_with_computed_totals_saved_validates_without_any_problem(
    tmp_path: Path,
) -> None:
    path = write_template(tmp_path / "bao-cao.xlsx", province="Long An", year=2024, period="FY")
    fill(path, funding=FUNDING_TYPED)
    sums = ("13", "4200.5", "11", "3900.25")  # national + local, as Excel computes them
    set_stored_values(path, FUNDING, dict(zip(total_cells(path), sums, strict=True)))

    result = read_one(path)

    assert result.problems == []
    assert result.report is not None and result.report.funding == FUNDING_READ


def test_money_unit_chosen_in_the_template_scales_the_money_read(tmp_path: Path) -> None:
    path = write_template(tmp_path / "bao-cao.xlsx", province="Long An", year=2024, period="FY")
    fill(
        path,
        facts={"money_unit": "tỷ đồng"},
        funding={"national": (1, 1.2, 1, 1.1)},
        indicators={"consulting_revenue": (500, 650)},
        units={"consulting_revenue": "nghìn đồng"},
    )

    result = read_one(path)

    assert result.status == FileStatus.ACCEPTED
    assert result.report is not None
    assert result.report.funding == [
        FundingLine(
            source="national",
            plan_projects=1,
            plan_money=Decimal(1200),
            actual_projects=1,
            actual_money=Decimal(1100),
        )
    ]
    assert result.report.indicators == [
        IndicatorFigure(code="consulting_revenue", plan=Decimal("0.5"), actual=Decimal("0.65"))
    ]


def total_cells(path: Path) -> list[str]:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    return [
        funding_cell(wb, "total", role).coordinate
        for role in ("plan_projects", "plan_money", "actual_projects", "actual_money")
    ]
