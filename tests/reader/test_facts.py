"""Sheet "Thông tin": province, year and period are required and read as values; the
province is read against the list in force at the end of the report's period."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import FACT_LABELS, info_sheet, write_report
from reading import accepted, errors, refused

INFO = "Thông tin"


def test_period_nam_right_of_ky_bao_cao_is_a_value_not_the_year_label(tmp_path: Path) -> None:
    rows = [["Kỳ báo cáo", "Năm", "Năm báo cáo", 2023], ["Tỉnh", "Long An"]]
    report = accepted(write_report(tmp_path / "a.xlsx", info_rows=rows))
    assert (report.period, report.year) == ("FY", 2023)


def test_period_nam_above_the_year_row_is_not_the_year_label(tmp_path: Path) -> None:
    rows = [["Tỉnh", "Long An"], ["Kỳ báo cáo:", None, "Năm"], ["Năm:", 2023]]
    report = accepted(write_report(tmp_path / "a.xlsx", info_rows=rows))
    assert (report.period, report.year) == ("FY", 2023)


def test_value_is_the_first_non_empty_cell_right_of_its_label(tmp_path: Path) -> None:
    rows = [["Tỉnh/Thành phố", None, None, "Long An"], ["Năm", "", "  ", 2022, "ghi chú"]]
    rows.append(["Kỳ báo cáo", None, "9 tháng"])
    report = accepted(write_report(tmp_path / "a.xlsx", info_rows=rows))
    assert (report.province, report.year, report.period) == ("Long An", 2022, "9M")


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Quý 1", "Q1"),
        ("Quý I", "Q1"),
        ("Q1", "Q1"),
        ("6 tháng", "H1"),
        ("6 tháng đầu năm", "H1"),
        ("SÁU THÁNG", "H1"),
        ("H1", "H1"),
        ("9 tháng", "9M"),
        ("Chín tháng", "9M"),
        ("Cả năm", "FY"),
        ("Năm", "FY"),
        ("12 tháng", "FY"),
        ("fy", "FY"),
        ("Báo cáo 6 tháng", "H1"),
        ("6 tháng năm 2024", "H1"),
        ("6 tháng đầu năm 2024", "H1"),
        ("Báo cáo 9 tháng đầu năm 2024", "9M"),
        ("Quý I/2024", "Q1"),
        ("Cả năm 2024", "FY"),
        ("Năm 2024", "FY"),
    ],
)
def test_period_is_read_in_vietnamese_or_as_the_code(
    tmp_path: Path, written: str, code: str
) -> None:
    assert accepted(write_report(tmp_path / "a.xlsx", period=written)).period == code


@pytest.mark.parametrize("written", [2024, "2024", "Năm 2024", 2024.0])
def test_year_is_read_as_number_or_text(tmp_path: Path, written: object) -> None:
    assert accepted(write_report(tmp_path / "a.xlsx", year=written)).year == 2024


@pytest.mark.parametrize(
    ("fact", "expected"),
    [
        ("province", ("Tỉnh/Thành phố", "Province")),
        ("year", ("Năm báo cáo", "Year")),
        ("period", ("Kỳ báo cáo", "Period")),
    ],
)
def test_required_fact_without_its_row_is_refused(
    tmp_path: Path, fact: str, expected: tuple[str, str]
) -> None:
    rows = [row for row in info_sheet() if row[0] != FACT_LABELS[fact]]
    result = refused(write_report(tmp_path / "a.xlsx", info_rows=rows))
    assert errors(result) == [("fact-missing", INFO, None)]
    shown = (result.problems[0].expected_text("vi"), result.problems[0].expected_text("en"))
    assert shown == expected


@pytest.mark.parametrize(("fact", "cell"), [("province", "B3"), ("year", "B4"), ("period", "B5")])
def test_required_fact_with_an_empty_value_is_refused_at_the_value_cell(
    tmp_path: Path, fact: str, cell: str
) -> None:
    result = refused(write_report(tmp_path / "a.xlsx", **{fact: None}))
    assert errors(result) == [("fact-missing", INFO, cell)]


@pytest.mark.parametrize("year", [1999, 2101, "hai nghìn", 2024.5, "2023-2024"])
def test_year_outside_2000_to_2100_or_unreadable_is_refused(tmp_path: Path, year: object) -> None:
    result = refused(write_report(tmp_path / "a.xlsx", year=year))
    assert errors(result) == [("year-invalid", INFO, "B4")]
    assert result.problems[0].expected_text() == "2000–2100"


@pytest.mark.parametrize("period", ["Quý 5", "tháng 7", "12 tháng 7", "M12", "Q5", 6])
def test_unknown_period_is_refused(tmp_path: Path, period: object) -> None:
    result = refused(write_report(tmp_path / "a.xlsx", period=period))
    assert errors(result) == [("period-unknown", INFO, "B5")]


@pytest.mark.parametrize("unit", ["USD", "triệu USD", "đô la"])
def test_unknown_money_unit_is_refused(tmp_path: Path, unit: str) -> None:
    result = refused(write_report(tmp_path / "a.xlsx", money_unit=unit))
    assert errors(result) == [("money-unit-unknown", INFO, "B6")]


def test_money_unit_defaults_to_trieu_dong(tmp_path: Path) -> None:
    assert accepted(write_report(tmp_path / "a.xlsx")).money_unit == "trieu"


@pytest.mark.parametrize("province", ["Sài Gòn Mới", "Tỉnh ABC", "80", "Long"])
def test_unknown_province_is_refused(tmp_path: Path, province: str) -> None:
    result = refused(write_report(tmp_path / "a.xlsx", province=province))
    assert errors(result) == [("province-unknown", INFO, "B3")]
    assert result.problems[0].found_text() == province


def test_province_abolished_in_the_reports_period_is_refused_naming_its_successor(
    tmp_path: Path,
) -> None:
    result = refused(
        write_report(tmp_path / "a.xlsx", province="Long An", year=2025, period="Cả năm")
    )
    assert errors(result) == [("province-abolished", INFO, "B3")]
    assert (result.problems[0].found_text(), result.problems[0].expected_text()) == (
        "Long An",
        "Tây Ninh",
    )
    assert "Tây Ninh" in result.problems[0].message("vi")


@pytest.mark.parametrize(
    ("province", "year", "period", "era", "code"),
    [
        ("Long An", 2025, "6 tháng", "63", "80"),
        ("Tây Ninh", 2025, "6 tháng", "63", "72"),
        ("Tây Ninh", 2025, "9 tháng", "34", "80"),
        ("Tỉnh Tuyên Quang", 2025, "Cả năm", "34", "08"),
        ("Tuyên Quang", 2024, "Cả năm", "63", "08"),
        ("Huế", 2026, "Quý 1", "34", "46"),
    ],
)
def test_province_is_read_against_the_list_in_force_at_the_end_of_the_period(
    tmp_path: Path, province: str, year: int, period: str, era: str, code: str
) -> None:
    report = accepted(
        write_report(tmp_path / "a.xlsx", province=province, year=year, period=period)
    )
    assert (report.era, report.province_code) == (era, code)


def test_province_is_checked_even_when_the_period_is_unreadable(tmp_path: Path) -> None:
    result = refused(write_report(tmp_path / "a.xlsx", province="Tỉnh ABC", period="Quý 5"))
    assert errors(result) == [("period-unknown", INFO, "B5"), ("province-unknown", INFO, "B3")]


def test_free_text_facts_are_kept(tmp_path: Path) -> None:
    rows = [*info_sheet(), ["Đơn vị báo cáo", "Sở Công Thương Long An"], ["Ngày lập", "15/7/2024"]]
    rows.append(["Ghi chú", "  Số liệu   ước tính "])
    report = accepted(write_report(tmp_path / "a.xlsx", info_rows=rows))
    assert report.reporting_unit == "Sở Công Thương Long An"
    assert report.prepared_by == "Nguyễn Văn A"
    assert report.prepared_on == "15/7/2024"
    assert report.note == "Số liệu ước tính"
