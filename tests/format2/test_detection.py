"""Which format a workbook is read as (report-format-2.md, "Recognising it")."""

from __future__ import annotations

from pathlib import Path

from builders import write_report, write_sheets
from format2_builder import SIMPLE_TABLE, write_format2
from kcstats.model import FileStatus
from kcstats.reader import read_file
from reading import errors, warnings


def test_three_format_1_sheets_read_as_format_1(tmp_path: Path) -> None:
    result = read_file(write_report(tmp_path / "a.xlsx"))
    assert (result.status, result.format) == (FileStatus.ACCEPTED, 1)
    assert result.report is not None and result.report.format == 1


def test_a_report_table_reads_as_format_2(tmp_path: Path) -> None:
    result = read_file(write_format2(tmp_path / "a.xlsx").path)
    assert (result.status, result.format) == (FileStatus.ACCEPTED, 2)
    assert result.report is not None and result.report.format == 2


def test_the_first_visible_sheet_with_a_table_is_the_report(tmp_path: Path) -> None:
    cover = [["Công văn gửi Bộ Công Thương"], ["Kèm theo báo cáo"]]
    built = write_format2(tmp_path / "a.xlsx", before_sheets=[("Bìa", False, cover)])
    result = read_file(built.path)
    assert result.status == FileStatus.ACCEPTED
    assert {p.sheet for p in result.problems} <= {"Biểu 01"}


def test_a_hidden_sheet_is_never_the_report(tmp_path: Path) -> None:
    hidden = [["UBND TỈNH BẾN TRE"], ["BÁO CÁO 9 THÁNG NĂM 2023"], [], *SIMPLE_TABLE]
    built = write_format2(tmp_path / "a.xlsx", before_sheets=[("Nháp", True, hidden)])
    result = read_file(built.path)
    assert result.status == FileStatus.ACCEPTED
    assert (result.province, result.year, result.period) == ("Long An", 2024, "H1")
    assert warnings(result) == []


def test_a_second_sheet_with_a_table_is_warned_about_by_name(tmp_path: Path) -> None:
    second = [["Phụ lục"], [], *SIMPLE_TABLE]
    built = write_format2(tmp_path / "a.xlsx", after_sheets=[("Phụ lục 2", False, second)])
    result = read_file(built.path)
    assert result.status == FileStatus.ACCEPTED
    assert warnings(result) == [("second-table-ignored", "Phụ lục 2", "B3")]
    assert "Phụ lục 2" in result.problems[0].message("en")
    assert "Biểu 01" in result.problems[0].message("en")


def test_a_workbook_in_neither_format_is_refused_saying_what_was_looked_for(
    tmp_path: Path,
) -> None:
    path = write_sheets(tmp_path / "a.xlsx", {"Sheet1": [["Danh sách cơ sở"], ["Tên", "Địa chỉ"]]})
    result = read_file(path)
    assert errors(result) == [("layout-unknown", None, None)]
    assert result.format is None
    message = result.problems[0].message("en")
    assert "Thông tin" in message and "Kế hoạch" in message and "Sheet1" in message


def test_format_1_with_a_sheet_missing_is_still_format_1(tmp_path: Path) -> None:
    # Two of the three sheets (or the sheet "Thông tin") say which format the file meant.
    result = read_file(write_report(tmp_path / "a.xlsx", omit_sheets={"funding"}))
    assert errors(result) == [("sheet-missing", None, None)]
    assert result.format == 1


def test_a_lone_format_1_sheet_without_a_table_is_sheet_missing(tmp_path: Path) -> None:
    path = write_sheets(tmp_path / "a.xlsx", {"Kinh phí": [["Nguồn kinh phí", "Kinh phí"]]})
    result = read_file(path)
    assert [code for code, _, _ in errors(result)].count("sheet-missing") == 2
    assert result.format == 1


def test_format_2_sheets_named_like_format_1_sheets_read_as_format_2(tmp_path: Path) -> None:
    funding = [["UBND TỈNH LONG AN"], ["KINH PHÍ KHUYẾN CÔNG 6 THÁNG NĂM 2024"], *SIMPLE_TABLE]
    built = write_format2(
        tmp_path / "a.xlsx",
        sheet_name="Kết quả thực hiện",
        before_sheets=[("Kinh phí", False, funding)],
    )
    result = read_file(built.path)
    assert result.format == 2
    assert [(p.code, p.sheet) for p in result.problems] == [
        ("second-table-ignored", "Kết quả thực hiện")
    ]
