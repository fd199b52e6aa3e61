"""Province, year, period, money unit and the report's date, from the lines above the table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from format2_builder import Row, write_format2
from kcstats.model import FileStatus
from kcstats.reader import read_file
from reading import errors, warnings

SHEET = "Biểu 01"


@pytest.mark.parametrize(
    "agency", ["ubnd", "sct", "sct_bare", "uy_ban_lines", "split_cells", "center", "city"]
)
def test_province_is_read_from_every_agency_header_variant(tmp_path: Path, agency: str) -> None:
    province = "Hải Phòng" if agency == "city" else "Bình Định"
    result = read_file(write_format2(tmp_path / "a.xlsx", agency=agency, province=province).path)
    assert result.status == FileStatus.ACCEPTED, result.problems
    assert result.province == province


def test_without_an_agency_header_the_place_of_the_date_line_is_the_province(
    tmp_path: Path,
) -> None:
    built = write_format2(tmp_path / "a.xlsx", agency="none", province="Thừa Thiên Huế")
    result = read_file(built.path)
    assert result.status == FileStatus.ACCEPTED, result.problems
    assert result.province == "Thừa Thiên Huế"


def test_a_place_that_is_no_province_is_not_an_error_but_no_province_is(tmp_path: Path) -> None:
    built = write_format2(
        tmp_path / "a.xlsx", agency="none", date_line="Tân An, ngày 15 tháng 6 năm 2024"
    )
    result = read_file(built.path)
    assert errors(result) == [("province-missing", SHEET, None)]


def test_two_provinces_are_refused_at_both_cells(tmp_path: Path) -> None:
    built = write_format2(
        tmp_path / "a.xlsx", agency="ubnd", extra={"A2": "SỞ CÔNG THƯƠNG TỈNH TIỀN GIANG"}
    )
    result = read_file(built.path)
    assert errors(result) == [
        ("province-conflict", SHEET, "A1"),
        ("province-conflict", SHEET, "A2"),
    ]
    assert result.problems[0].found_text() == "Long An"
    assert result.problems[0].expected_text() == "Tiền Giang"


def test_a_province_merged_away_is_refused_for_a_period_after_the_merger(tmp_path: Path) -> None:
    built = write_format2(tmp_path / "a.xlsx", province="Hà Giang", year=2025, period="FY")
    result = read_file(built.path)
    assert errors(result) == [("province-abolished", SHEET, "A1")]
    assert result.problems[0].expected_text() == "Tuyên Quang"


@pytest.mark.parametrize(
    ("title", "period", "year"),
    [
        ("KẾT QUẢ THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG 6 THÁNG ĐẦU NĂM 2024", "H1", 2024),
        ("BÁO CÁO TÌNH HÌNH THỰC HIỆN 9 tháng năm 2023", "9M", 2023),
        ("Báo cáo kết quả công tác khuyến công quý I/2025", "Q1", 2025),
        ("Báo cáo kết quả công tác khuyến công 3 tháng đầu năm 2025", "Q1", 2025),
        ("TÌNH HÌNH THỰC HIỆN QUÝ III NĂM 2024", "Q3", 2024),
        ("BÁO CÁO KHUYẾN CÔNG 7 THÁNG ĐẦU NĂM 2024", "M7", 2024),
        ("BIỂU TỔNG HỢP KẾT QUẢ KHUYẾN CÔNG NĂM 2024", "FY", 2024),
        ("BÁO CÁO KẾT QUẢ KHUYẾN CÔNG CẢ NĂM 2024", "FY", 2024),
        ("BÁO CÁO SÁU THÁNG ĐẦU NĂM 2024", "H1", 2024),
    ],
)
def test_period_and_year_come_from_the_title(
    tmp_path: Path, title: str, period: str, year: int
) -> None:
    built = write_format2(
        tmp_path / "a.xlsx", title=title, actual_header="Thực hiện", plan_header="Kế hoạch"
    )
    result = read_file(built.path)
    assert (result.period, result.year) == (period, year), result.problems


def test_a_plan_header_gives_the_year_never_the_period(tmp_path: Path) -> None:
    built = write_format2(
        tmp_path / "a.xlsx",
        title="BÁO CÁO KẾT QUẢ KHUYẾN CÔNG",
        plan_header="Kế hoạch năm 2024",
        actual_header="Thực hiện",
    )
    result = read_file(built.path)
    assert errors(result) == [("period-missing", SHEET, "A4")]
    assert result.year == 2024


def test_an_actual_header_gives_the_period_when_the_title_does_not(tmp_path: Path) -> None:
    built = write_format2(
        tmp_path / "a.xlsx",
        title="BÁO CÁO KẾT QUẢ KHUYẾN CÔNG",
        actual_header="Lũy kế 9 tháng 2024",
    )
    result = read_file(built.path)
    assert (result.status, result.period, result.year) == (FileStatus.ACCEPTED, "9M", 2024)


def test_title_and_header_that_disagree_are_refused_at_both_cells(tmp_path: Path) -> None:
    built = write_format2(tmp_path / "a.xlsx", actual_header="Thực hiện 9 tháng 2024")
    assert errors(read_file(built.path)) == [
        ("period-conflict", SHEET, "A4"),
        ("period-conflict", SHEET, "E6"),
    ]
    built = write_format2(tmp_path / "b.xlsx", actual_header="Thực hiện 6 tháng 2023")
    assert errors(read_file(built.path)) == [
        ("year-conflict", SHEET, "A4"),
        ("year-conflict", SHEET, "E6"),
    ]


def test_the_date_line_is_the_reports_date_never_its_period(tmp_path: Path) -> None:
    built = write_format2(
        tmp_path / "a.xlsx",
        period="FY",
        year=2024,
        date_line="Long An, ngày 10 tháng 01 năm 2025",
        actual_header="Thực hiện",
    )
    result = read_file(built.path)
    assert result.report is not None
    assert (result.report.year, result.report.period) == (2024, "FY")
    assert result.report.report_date == dt.date(2025, 1, 10)


ROWS = [
    Row("Khuyến công quốc gia", "triệu đồng", {"plan": 1200, "actual": 800}),
    Row("Doanh thu tư vấn phát triển công nghiệp", "nghìn đồng", {"plan": 50000, "actual": 20500}),
]


def test_the_nearest_money_unit_wins(tmp_path: Path) -> None:
    # The line above says tỷ đồng; the row's ĐVT cell (nghìn đồng) wins for its row.
    built = write_format2(tmp_path / "a.xlsx", ROWS, unit_at="row", unit_line="ĐVT: tỷ đồng")
    result = read_file(built.path)
    assert result.report is not None, result.problems
    assert result.report.funding[0].plan_money == Decimal("1200.000")  # its own ĐVT: triệu
    assert result.report.indicators[0].actual == Decimal("20.500")
    rows = [Row("Khuyến công quốc gia", None, {"plan": "1,2", "actual": "0,8"})]
    report = read_file(write_format2(tmp_path / "b.xlsx", rows, unit_line="ĐVT: tỷ đồng").path)
    assert report.report is not None
    assert report.report.funding[0].plan_money == Decimal("1200.000")
    assert report.report.money_unit == "ty"


def test_a_money_header_names_the_unit_of_its_column(tmp_path: Path) -> None:
    rows = [Row("Khuyến công quốc gia", None, {"plan": 1200, "actual": 800})]
    built = write_format2(tmp_path / "a.xlsx", rows, unit_at="header")
    result = read_file(built.path)
    assert result.problems == []
    assert result.report is not None and result.report.funding[0].actual_money == Decimal(800)


def test_no_money_unit_anywhere_is_triệu_đồng_with_a_warning_at_the_header(
    tmp_path: Path,
) -> None:
    rows = [Row("Khuyến công quốc gia", None, {"plan": 1200, "actual": 800})]
    built = write_format2(tmp_path / "a.xlsx", rows, unit_at=None)
    result = read_file(built.path)
    assert result.status == FileStatus.ACCEPTED
    assert warnings(result) == [("money-unit-assumed", SHEET, built.cells["header"])]
    assert result.report is not None and result.report.funding[0].plan_money == Decimal(1200)


def test_a_title_cell_that_quotes_a_date_keeps_its_period(tmp_path: Path) -> None:
    title = (
        "BÁO CÁO\nKết quả thực hiện công tác khuyến công 9 tháng năm 2024\n"
        "(Kèm theo Báo cáo số 1234/BC-SCT ngày 20 tháng 9 năm 2024 của Sở Công Thương)"
    )
    built = write_format2(
        tmp_path / "a.xlsx", title=title, actual_header="Thực hiện", date_line=None
    )
    result = read_file(built.path)
    assert (result.status, result.period, result.year) == (FileStatus.ACCEPTED, "9M", 2024)
    assert result.report is not None and result.report.report_date is None


@pytest.mark.parametrize(
    ("plan", "actual", "period"),
    [
        ("KH 2024", "TH 6T/2024", "H1"),
        ("Kinh phí kế hoạch", "Kinh phí thực hiện 9 tháng", "9M"),
        ("Dự toán được giao", "Ước thực hiện cả năm", "FY"),
    ],
)
def test_short_and_money_headers_give_the_columns_and_the_period(
    tmp_path: Path, plan: str, actual: str, period: str
) -> None:
    built = (
        write_format2(
            tmp_path / "a.xlsx",
            title="BÁO CÁO KHUYẾN CÔNG NĂM 2024",
            plan_header=plan,
            actual_header=actual,
        )
        if period == "FY"
        else write_format2(
            tmp_path / "a.xlsx",
            title="BÁO CÁO KHUYẾN CÔNG 2024",
            plan_header=plan,
            actual_header=actual,
        )
    )
    result = read_file(built.path)
    assert (result.status, result.period, result.year) == (FileStatus.ACCEPTED, period, 2024)
    assert result.report is not None and result.report.funding[0].actual_money == Decimal(800)


def test_an_agency_line_split_to_the_right_finds_its_province(tmp_path: Path) -> None:
    built = write_format2(
        tmp_path / "a.xlsx", agency="ubnd", extra={"A1": "UBND TỈNH", "B1": "TÂY NINH"}
    )
    result = read_file(built.path)
    assert (result.status, result.province) == (FileStatus.ACCEPTED, "Tây Ninh")
