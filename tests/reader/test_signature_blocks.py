"""Signature blocks, notes and 'Nơi nhận:' lists below or beside a table are passed over:
they report nothing, wherever their cells fall (report-format.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builders import DEFAULT_FUNDING, DEFAULT_INDICATORS, write_report
from reading import accepted, errors, read

# Under 'Kinh phí' (header on row 3, national and local on rows 4-5): A is the source column,
# B-E the figures. Under 'Chỉ tiêu' (header on row 3, two indicators on rows 4-5): A STT,
# B Mã, C Chỉ tiêu, D Đơn vị tính, E-H the figures.
FUNDING_SIGNATURES = {
    "A13": "Người lập biểu",
    "D13": "Giám đốc",
    "D12": "Bắc Ninh, ngày 15 tháng 6 năm 2024",
    "D14": "KT. GIÁM ĐỐC",
    "E14": "PHÓ GIÁM ĐỐC",
    "E13": dt.datetime(2024, 6, 15),
    "A17": "Nguyễn Văn An",
    "D17": "Trần Thị Bình",
    "A19": "Nơi nhận:",
    "A20": "- Như trên;",
    "B20": "- Lưu: VT.",
    "G4": "Người lập biểu",
    "H4": "Giám đốc",
}
RESULTS_SIGNATURES = {
    "A13": "Người lập biểu",
    "E13": "Giám đốc",
    "C14": "Ghi chú: số liệu ước thực hiện đến ngày 30/6",
    "F15": "KT. GIÁM ĐỐC",
    "B17": "Nguyễn Văn An",
    "F17": "Trần Thị Bình",
    "J5": "Thủ trưởng đơn vị",
}


@pytest.mark.parametrize(
    ("sheet", "cells"), [("Kinh phí", FUNDING_SIGNATURES), ("Chỉ tiêu", RESULTS_SIGNATURES)]
)
def test_a_signature_block_below_or_beside_a_table_is_passed_over(
    tmp_path: Path, sheet: str, cells: dict[str, object]
) -> None:
    report = accepted(write_report(tmp_path / "r.xlsx", extra={sheet: cells}))
    plain = accepted(write_report(tmp_path / "plain.xlsx"))
    assert report.figures() == plain.figures()
    assert len(report.funding) == len(DEFAULT_FUNDING)
    assert len(report.indicators) == len(DEFAULT_INDICATORS)


def test_words_in_a_figure_cell_of_a_known_row_are_still_refused(tmp_path: Path) -> None:
    path = write_report(tmp_path / "r.xlsx", extra={"Kinh phí": {"D4": "Giám đốc"}})
    assert errors(read(path)) == [("not-a-number", "Kinh phí", "D4")]


def test_an_unknown_row_with_a_figure_is_still_refused(tmp_path: Path) -> None:
    cells = {"A13": "Người lập biểu", "D13": 12}
    path = write_report(tmp_path / "r.xlsx", extra={"Kinh phí": cells})
    assert errors(read(path)) == [("source-unknown", "Kinh phí", "A13")]
