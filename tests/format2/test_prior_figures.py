"""The "Cùng kỳ năm trước" column on funding, total and section rows (report-format-2.md):
kept as the report's own prior-year figures, a total's checked against its sources', and
never part of what makes two files copies of one report."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

import kcstats
from format2_builder import Row, write_format2
from kcstats.reader import read_file


def rows(
    *,
    total_prior: object = 1150,
    national_prior: object = 350,
    local_prior: object = 800,
    section_prior: object = 250,
    actual: int = 900,
) -> list[Row]:
    def prior(value: object) -> dict[str, object]:
        return {} if value is None else {"prior": value}

    return [
        Row("Tổng cộng (A+B)", "triệu đồng", {"plan": 3000, "actual": 400 + actual}
            | prior(total_prior)),
        Row("Khuyến công quốc gia", "triệu đồng", {"plan": 1000, "actual": 400}
            | prior(national_prior), "A"),
        Row("Số đề án", "đề án", {"plan": 2, "actual": 1, "prior": 3}),
        Row("Khuyến công địa phương", "triệu đồng", {"plan": 2000, "actual": actual}
            | prior(local_prior), "B"),
        Row("Đào tạo nghề", "triệu đồng", {"plan": 500, "actual": 300} | prior(section_prior),
            "I"),
        Row("Lao động được đào tạo nghề", "người", {"plan": 100, "actual": 50, "prior": 40}),
    ]  # fmt: skip


def test_priors_on_funding_section_and_total_rows_are_kept(tmp_path: Path) -> None:
    built = write_format2(tmp_path / "a.xlsx", rows(), prior=True)
    result = read_file(built.path)
    assert result.problems == []  # the total's 1150 is 350 + 800: a checked statement
    assert result.report is not None
    funding = {
        f.source: (f.prior_projects, f.prior_money, f.actual_money) for f in result.report.funding
    }
    assert funding == {
        "national": (3, Decimal(350), Decimal(400)),
        "local": (None, Decimal(800), Decimal(900)),
    }
    (training,) = result.report.activity_funding
    assert (training.activity, training.source) == ("training", "total")
    assert (training.actual_money, training.prior_money) == (Decimal(300), Decimal(250))
    (workers,) = result.report.indicators
    assert (workers.code, workers.prior) == ("trained_workers", Decimal(40))


def test_a_total_prior_that_differs_from_its_sources_priors_is_a_total_mismatch(
    tmp_path: Path,
) -> None:
    built = write_format2(tmp_path / "a.xlsx", rows(total_prior=1200), prior=True)
    result = read_file(built.path)
    assert [(p.code, p.found_text(), p.expected_text()) for p in result.problems] == [
        ("total-mismatch", "1.200", "1.150")
    ]
    assert result.problems[0].cell == f"{built.columns['prior']}7"


def test_a_total_prior_with_nothing_to_check_it_against_is_a_warning(tmp_path: Path) -> None:
    table = rows(national_prior=None, local_prior=None, section_prior=None)
    built = write_format2(tmp_path / "a.xlsx", table, prior=True)
    result = read_file(built.path)
    assert result.status == "accepted"
    assert [(p.code, p.severity.value, p.found_text()) for p in result.problems] == [
        ("prior-total-unchecked", "warning", "1.150")
    ]
    assert result.report is not None
    assert all(f.prior_money is None for f in result.report.funding)


def test_a_section_prior_is_checked_against_the_rows_under_it(tmp_path: Path) -> None:
    table = [
        *rows()[:4],
        Row("Đào tạo nghề", "triệu đồng", {"plan": 500, "actual": 300, "prior": 250}, "I"),
        Row("Khuyến công quốc gia", "triệu đồng", {"plan": 200, "actual": 100, "prior": 90}),
        Row("Khuyến công địa phương", "triệu đồng", {"plan": 300, "actual": 200, "prior": 100}),
    ]
    result = read_file(write_format2(tmp_path / "a.xlsx", table, prior=True).path)
    assert [(p.code, p.found_text(), p.expected_text()) for p in result.problems] == [
        ("total-mismatch", "250", "190")
    ]


def test_copies_with_different_priors_but_equal_plan_and_actual_are_copies(
    tmp_path: Path,
) -> None:
    write_format2(tmp_path / "a.xlsx", rows(), prior=True)
    write_format2(
        tmp_path / "b.xlsx",
        rows(total_prior=1160, national_prior=360, section_prior=240),
        prior=True,
    )
    a, b = read_file(tmp_path / "a.xlsx"), read_file(tmp_path / "b.xlsx")
    assert a.report is not None and b.report is not None
    assert a.report != b.report and a.report.figures() == b.report.figures()
    result = kcstats.merge(tmp_path)
    codes = sorted(p.code for f in result.files for p in f.problems)
    assert "duplicate-conflict" not in codes and "duplicate-copy" in codes


def test_a_sources_as_columns_table_keeps_priors_by_source(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"], ws["A2"] = "UBND TỈNH LONG AN", "SỞ CÔNG THƯƠNG"
    ws["A4"] = "BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG 6 THÁNG ĐẦU NĂM 2024"
    ws["F5"] = "ĐVT: triệu đồng"
    ws["A6"], ws["B6"], ws["C6"] = "STT", "Nội dung", "ĐVT"
    groups = (("D", "F", "Kế hoạch năm 2024"), ("G", "I", "Thực hiện 6 tháng 2024"),
              ("J", "L", "Cùng kỳ năm trước"))  # fmt: skip
    for start, end, text in groups:
        ws[f"{start}6"] = text
        ws.merge_cells(f"{start}6:{end}6")
    columns = "DEFGHIJKL"
    for i, col in enumerate(columns):
        ws[f"{col}7"] = ("Tổng số", "KCQG", "KCĐP")[i % 3]
    table = [
        ("", "Tổng cộng", "triệu đồng", (3000, 1000, 2000, 1300, 400, 900, 1150, 350, 800)),
        ("", "Số đề án", "đề án", (12, 2, 10, 7, 1, 6, 9, 3, 6)),
        ("I", "Đào tạo nghề", "triệu đồng", (500, 200, 300, 300, 100, 200, 260, 100, 150)),
    ]
    for row, (number, label, unit, values) in enumerate(table, start=8):
        ws[f"A{row}"], ws[f"B{row}"], ws[f"C{row}"] = number, label, unit
        for col, value in zip(columns, values, strict=True):
            ws[f"{col}{row}"] = value
    wb.save(tmp_path / "a.xlsx")
    result = read_file(tmp_path / "a.xlsx")
    assert result.report is not None
    assert {f.source: (f.prior_projects, f.prior_money) for f in result.report.funding} == {
        "national": (3, Decimal(350)),
        "local": (6, Decimal(800)),
    }
    priors = {a.source: a.prior_money for a in result.report.activity_funding}
    assert priors == {"national": Decimal(100), "local": Decimal(150)}
    # The section's stated Tổng số for last year, 260, is not 100 + 150.
    assert [(p.code, p.cell, p.found_text()) for p in result.problems] == [
        ("total-mismatch", "J10", "260")
    ]
