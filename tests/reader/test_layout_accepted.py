"""Layouts people really send read as if they were clean: titles, blank rows, merged cells,
columns in any order, extra columns, no Mã column, section headings, one- or two-row headers."""

from __future__ import annotations

from pathlib import Path

from builders import DEFAULT_INDICATORS, info_sheet, results_sheet, write_report, write_sheets
from reading import accepted


def test_report_without_title_rows_reads_like_one_with_them(tmp_path: Path) -> None:
    titled = accepted(write_report(tmp_path / "a.xlsx", title_rows=True))
    plain = accepted(write_report(tmp_path / "b.xlsx", title_rows=False))
    assert titled == plain


def test_blank_rows_and_merged_titles_above_and_between_tables_are_passed_over(
    tmp_path: Path,
) -> None:
    clean = accepted(write_report(tmp_path / "clean.xlsx", title_rows=False))
    header = ["Nguồn kinh phí", "Số đề án kế hoạch", "Kinh phí kế hoạch"]
    header += ["Số đề án thực hiện", "Kinh phí thực hiện"]
    sheets = {
        "Thông tin": [
            ["UBND TỈNH LONG AN", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            ["SỞ CÔNG THƯƠNG", None, None, "Độc lập - Tự do - Hạnh phúc"],
            [],
            ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG"],
            [],
            ["Tỉnh/Thành phố", "Long An"],
            [],
            ["THỜI GIAN BÁO CÁO"],
            ["Năm", 2024],
            ["Kỳ báo cáo", "6 tháng"],
            [],
            ["Người lập", "Nguyễn Văn A"],
        ],
        "Kinh phí": [
            ["BIỂU 1. KINH PHÍ KHUYẾN CÔNG"],
            ["(Kèm theo báo cáo số 12/BC-SCT)"],
            [],
            header,
            ["Khuyến công quốc gia", 2, 1200, 2, 1100],
            [],
            ["Kinh phí do tỉnh bố trí"],
            ["Khuyến công địa phương", 10, 3000, 9, 2800],
            [],
        ],
        "Chỉ tiêu": [
            ["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"],
            [],
            ["STT", "Mã", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện"],
            [1, "trained_workers", "Lao động được đào tạo nghề", "lao động", 300, 320],
            [],
            ["PHẦN II. MÔ HÌNH"],
            [2, "demo_models", "Mô hình trình diễn kỹ thuật", "mô hình", 2, 1],
        ],
    }
    merged = {
        "Thông tin": ["A1:C1", "D1:F1", "A2:C2", "D2:F2", "A4:F4", "A8:D8"],
        "Kinh phí": ["A1:E1", "A2:E2", "A7:E7"],
        "Chỉ tiêu": ["A1:F1", "A6:F6"],
    }
    assert accepted(write_sheets(tmp_path / "real.xlsx", sheets, merged)) == clean


def test_columns_in_any_order_and_extra_columns_are_ignored(tmp_path: Path) -> None:
    clean = accepted(write_report(tmp_path / "clean.xlsx"))
    shuffled = write_report(
        tmp_path / "shuffled.xlsx",
        funding_columns=[
            "STT",
            "actual_money",
            "Ghi chú",
            "source",
            "plan_money",
            "actual_projects",
            "plan_projects",
        ],
        results_columns=["actual", "Ghi chú", "Đơn vị chủ trì", "unit", "plan", "label", "code"],
    )
    assert accepted(shuffled) == clean


def test_rows_are_named_by_label_when_the_code_column_is_absent(tmp_path: Path) -> None:
    clean = accepted(write_report(tmp_path / "clean.xlsx"))
    no_code = write_report(
        tmp_path / "no-code.xlsx", results_columns=["stt", "label", "unit", "plan", "actual"]
    )
    assert accepted(no_code) == clean


def test_rows_are_named_by_label_where_the_code_cell_is_blank(tmp_path: Path) -> None:
    clean = accepted(write_report(tmp_path / "clean.xlsx"))
    assert accepted(write_report(tmp_path / "blank-codes.xlsx", use_codes=False)) == clean


def test_section_heading_rows_are_passed_over(tmp_path: Path) -> None:
    clean = accepted(write_report(tmp_path / "clean.xlsx"))
    headed = write_report(
        tmp_path / "headed.xlsx",
        section_headings={"trained_workers": "I. Đào tạo nghề", "demo_models": "II. Mô hình"},
    )
    assert accepted(headed) == clean


def test_two_row_funding_header_reads_like_one_row(tmp_path: Path) -> None:
    one = accepted(write_report(tmp_path / "one.xlsx"))
    two = accepted(write_report(tmp_path / "two.xlsx", two_row_header=True))
    assert two == one
    assert len(two.funding) == 2


def test_two_row_funding_header_with_percent_and_units_reads_like_one_row(tmp_path: Path) -> None:
    options = {
        "funding": {"national": (2, "1,2", 2, "1,1"), "local": (10, 3, 9, "2,8")},
        "funding_percent": {"national": "91,7", "local": "93,3"},
        "funding_money_header_unit": "tỷ đồng",
    }
    one = accepted(write_report(tmp_path / "one.xlsx", **options))
    two = accepted(write_report(tmp_path / "two.xlsx", two_row_header=True, **options))
    assert two == one
    assert one.funding[0].actual_money == 1100


def test_report_with_blank_tables_is_accepted_with_nothing_reported(tmp_path: Path) -> None:
    blank = write_report(
        tmp_path / "blank.xlsx",
        funding={code: (None, None, None, None) for code in ("national", "local", "total")},
        indicators={"trained_workers": (None, None), "demo_models": ("", "  ")},
    )
    report = accepted(blank)
    assert report.funding == []
    assert report.indicators == []


def test_report_with_header_rows_only_is_accepted_with_nothing_reported(tmp_path: Path) -> None:
    report = accepted(write_report(tmp_path / "empty.xlsx", funding={}, indicators={}))
    assert (report.funding, report.indicators) == ([], [])


def test_two_row_funding_header_with_kinds_above_stages_reads_like_one_row(
    tmp_path: Path,
) -> None:
    clean = accepted(write_report(tmp_path / "clean.xlsx", title_rows=False))
    rows = [
        ["Nguồn kinh phí", "Số đề án", None, "Kinh phí (triệu đồng)", None],
        [None, "Kế hoạch", "Thực hiện", "Kế hoạch", "Thực hiện"],
        ["Khuyến công quốc gia", 2, 2, 1200, 1100],
        ["Khuyến công địa phương", 10, 9, 3000, 2800],
    ]
    sheets = {
        "Thông tin": info_sheet(),
        "Kinh phí": rows,
        "Chỉ tiêu": results_sheet(list(DEFAULT_INDICATORS.items())),
    }
    merged = {"Kinh phí": ["A1:A2", "B1:C1", "D1:E1"]}
    assert accepted(write_sheets(tmp_path / "a.xlsx", sheets, merged)) == clean


def test_results_headers_with_years_periods_and_notes_are_recognised(tmp_path: Path) -> None:
    indicators = {"trained_workers": (300, 320, "106,7", 280), "demo_models": (2, 1, 50, 3)}
    columns = ["stt", "code", "label", "unit", "plan", "prior", "actual", "percent"]
    clean = accepted(write_report(tmp_path / "clean.xlsx", indicators=indicators))
    headers = {
        "C3": "Nội dung",
        "D3": "ĐVT",
        "E3": "Kế hoạch năm 2024",
        "F3": "Thực hiện cùng kỳ 2023",
        "G3": "Thực hiện 6 tháng năm 2024",
        "H3": "Tỷ lệ (%)",
    }
    path = write_report(
        tmp_path / "a.xlsx",
        indicators=indicators,
        results_columns=columns,
        extra={"Chỉ tiêu": headers},
    )
    assert accepted(path) == clean
