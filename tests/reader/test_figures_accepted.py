"""Figures are read exactly: stored numbers as Excel shows them, Vietnamese number text,
saved formula values, money in any unit kept to 0.001 triệu đồng; blank is never zero."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from builders import set_stored_values, write_report
from kcstats.model import FundingLine, IndicatorFigure
from kcstats.problems import Severity
from reading import accepted, read, warnings


def test_stored_number_is_read_to_15_significant_digits(tmp_path: Path) -> None:
    path = write_report(tmp_path / "a.xlsx", funding={"national": (2, 0.3, 2, 0.8)})
    # Excel stores =0.1+0.2 as 0.30000000000000004 and shows 0.3.
    set_stored_values(path, "Kinh phí", {"C4": "0.30000000000000004", "E4": "0.7999999999999999"})
    set_stored_values(path, "Chỉ tiêu", {"E4": "300.00000000000006"})
    report = accepted(path)
    assert report.funding[0].plan_money == Decimal("0.3")
    assert report.funding[0].actual_money == Decimal("0.8")
    assert report.indicators[0].plan == 300


@pytest.mark.parametrize(
    ("plan", "actual", "read_as"),
    [
        ("1.505", "1.234,5", (1505, Decimal("1234.5"))),
        ("54,06", "54,060", (Decimal("54.06"), Decimal("54.06"))),
        ("1 505", "2 800,25", (1505, Decimal("2800.25"))),
        ("12 triệu đồng", " 3.000\u00a0", (12, 3000)),
        (1200, "1.100", (1200, 1100)),
    ],
)
def test_vietnamese_number_text_reads_as_its_value(
    tmp_path: Path, plan: str, actual: str, read_as: tuple[Decimal, Decimal]
) -> None:
    path = write_report(tmp_path / "a.xlsx", funding={"national": ("2", plan, "2 đề án", actual)})
    line = accepted(path).funding[0]
    assert (line.plan_projects, line.actual_projects) == (2, 2)
    assert (line.plan_money, line.actual_money) == read_as


def test_count_typed_with_a_unit_word_reads_as_its_value(tmp_path: Path) -> None:
    path = write_report(
        tmp_path / "a.xlsx", indicators={"machinery_facilities": ("12 cơ sở", "1.505")}
    )
    assert accepted(path).indicators == [
        IndicatorFigure(code="machinery_facilities", plan=Decimal(12), actual=Decimal(1505))
    ]


def test_money_finer_than_a_thousand_dong_is_rounded_with_a_warning(tmp_path: Path) -> None:
    path = write_report(tmp_path / "a.xlsx", funding={"national": (2, "1.200,0005", 2, 1100.0004)})
    result = read(path)
    assert result.status == "accepted"
    assert warnings(result) == [
        ("money-rounded", "Kinh phí", "C4"),
        ("money-rounded", "Kinh phí", "E4"),
    ]
    assert (result.problems[0].found_text(), result.problems[0].expected_text()) == (
        "1200.0005",
        "1200.001",
    )
    assert result.report is not None
    line = result.report.funding[0]
    assert (line.plan_money, line.actual_money) == (Decimal("1200.001"), Decimal("1100.000"))


def test_money_in_dong_finer_than_a_thousand_is_rounded_half_away_from_zero(
    tmp_path: Path,
) -> None:
    path = write_report(
        tmp_path / "a.xlsx",
        money_unit="đồng",
        funding={"national": (2, 1_200_000_500, 2, 1_100_000_499)},
    )
    result = read(path)
    assert [p.severity for p in result.problems] == [Severity.WARNING, Severity.WARNING]
    assert result.report is not None
    line = result.report.funding[0]
    assert (line.plan_money, line.actual_money) == (Decimal("1200.001"), Decimal("1100.000"))


def test_formula_with_a_saved_value_reads_as_that_value(tmp_path: Path) -> None:
    clean = accepted(write_report(tmp_path / "clean.xlsx"))
    path = write_report(
        tmp_path / "formulas.xlsx",
        funding={
            "national": (2, "=600+600", 2, 1100),
            "local": (10, 3000, "=4+5", 2800),
            "total": ("=B4+B5", "=C4+C5", "=D4+D5", "=E4+E5"),
        },
    )
    set_stored_values(path, "Kinh phí", {"C4": "1200", "D5": "9"})
    set_stored_values(path, "Kinh phí", {"B6": "12", "C6": "4200", "D6": "11", "E6": "3900"})
    assert accepted(path) == clean


def test_blank_figure_is_not_reported_never_zero(tmp_path: Path) -> None:
    path = write_report(
        tmp_path / "a.xlsx",
        funding={"national": (2, None, "  ", 1100), "local": (0, "\u00a0", None, 0)},
        indicators={"trained_workers": (None, 320), "demo_models": (0, " ")},
    )
    report = accepted(path)
    assert report.funding == [
        FundingLine(source="national", plan_projects=2, actual_money=Decimal(1100)),
        FundingLine(source="local", plan_projects=0, actual_money=Decimal(0)),
    ]
    assert report.indicators == [
        IndicatorFigure(code="trained_workers", actual=Decimal(320)),
        IndicatorFigure(code="demo_models", plan=Decimal(0)),
    ]


@pytest.mark.parametrize(
    ("unit", "national", "code"),
    [
        ("tỷ đồng", ("1,2", "1,1"), "ty"),
        ("tỉ đồng", ("1,2", "1,1"), "ty"),
        ("Tỷ", ("1,2", "1,1"), "ty"),
        ("triệu đồng", (1200, 1100), "trieu"),
        ("nghìn đồng", ("1.200.000", 1_100_000), "nghin"),
        ("ngàn đồng", (1_200_000, 1_100_000), "nghin"),
        ("đồng", ("1.200.000.000", 1_100_000_000), "dong"),
        ("VNĐ", (1_200_000_000, 1_100_000_000), "dong"),
    ],
)
def test_money_in_any_unit_reads_in_trieu_dong(
    tmp_path: Path, unit: str, national: tuple[object, object], code: str
) -> None:
    plan, actual = national
    path = write_report(
        tmp_path / "a.xlsx", money_unit=unit, funding={"national": (2, plan, 2, actual)}
    )
    report = accepted(path)
    assert report.money_unit == code
    assert report.funding == [
        FundingLine(
            source="national",
            plan_projects=2,
            plan_money=Decimal(1200),
            actual_projects=2,
            actual_money=Decimal(1100),
        )
    ]


@pytest.mark.parametrize("two_row_header", [False, True])
def test_money_header_unit_wins_over_the_report_unit(tmp_path: Path, two_row_header: bool) -> None:
    path = write_report(
        tmp_path / "a.xlsx",
        money_unit="triệu đồng",
        funding_money_header_unit="tỷ đồng",
        two_row_header=two_row_header,
        funding={"national": (2, "1,2", 2, 1.1)},
    )
    line = accepted(path).funding[0]
    assert (line.plan_money, line.actual_money) == (1200, 1100)


@pytest.mark.parametrize(
    ("unit_cell", "report_unit", "written", "trieu"),
    [
        ("tỷ đồng", None, "1,5", Decimal(1500)),
        ("triệu đồng", "tỷ đồng", 1500, Decimal(1500)),
        ("Nghìn đồng", None, "1.500.000", Decimal(1500)),
        (None, "tỷ đồng", 1.5, Decimal(1500)),
        (None, None, 1500, Decimal(1500)),
    ],
)
def test_money_indicator_reads_in_the_unit_its_row_names(
    tmp_path: Path, unit_cell: str | None, report_unit: str | None, written: object, trieu: Decimal
) -> None:
    path = write_report(
        tmp_path / "a.xlsx",
        money_unit=report_unit,
        indicators={"consulting_revenue": (written, None)},
        indicator_units={"consulting_revenue": unit_cell},
    )
    assert accepted(path).indicators == [IndicatorFigure(code="consulting_revenue", plan=trieu)]


def test_counterpart_and_other_sources_are_read_but_never_in_the_total(tmp_path: Path) -> None:
    path = write_report(
        tmp_path / "a.xlsx",
        funding={
            "national": (2, 1200, 2, 1100),
            "local": (10, 3000, 9, 2800),
            "counterpart": (None, 5000, None, 4500),
            "other": (1, 700, 1, 650),
            "total": (12, 4200, 11, 3900),
        },
    )
    report = accepted(path)
    assert [line.source for line in report.funding] == ["national", "local", "counterpart", "other"]
    assert report.funding[2].actual_money == 4500


def test_stated_total_is_checked_never_added_in(tmp_path: Path) -> None:
    without = accepted(write_report(tmp_path / "a.xlsx"))
    path = write_report(
        tmp_path / "b.xlsx",
        funding={
            "national": (2, 1200, 2, 1100),
            "local": (10, 3000, 9, 2800),
            "total": (12, 4200, 11, 3900),
        },
    )
    assert accepted(path) == without
