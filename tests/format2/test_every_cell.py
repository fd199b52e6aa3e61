"""Every figure cell of the table ends as part of a fact, a checked statement, an unmapped
row or a problem (report-format-2.md): change any one of them and what kcstats says about the
file changes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from format2_builder import Row, write_format2
from kcstats.model import FileResult
from kcstats.reader import read_file

FIGURE_KEYS = {
    "plan", "actual", "percent", "prior", "prior_percent",
    "plan_count", "plan_money", "actual_count", "actual_money", "percent_count", "percent_money",
    "plan_total", "plan_national", "plan_local", "actual_total", "actual_national", "actual_local",
}  # fmt: skip

WITH_UNKNOWN_ROWS = [
    Row("Tổng cộng (A+B)", "triệu đồng", {"plan": 4200, "actual": 2300, "percent": "54,76"}),
    Row("Khuyến công quốc gia", "triệu đồng", {"plan": 1200, "actual": 800}, "A"),
    Row("Khuyến công địa phương", "triệu đồng", {"plan": 3000, "actual": 1500}, "B"),
    Row("Nâng cao năng lực quản lý", None, {}, "I"),
    Row("Số lớp", "lớp", {"plan": 4, "actual": 3, "prior": 2, "prior_percent": 150}, "1"),
    Row("Chi phí giảng viên", "triệu đồng", {"plan": 80, "actual": 60, "prior": 40}, "2"),
    Row("Hoạt động đột xuất", "triệu đồng", {"plan": 20, "actual": 10}, "II"),
    Row("Số cuộc kiểm tra", "cuộc", {"plan": 3, "actual": 2}, "1"),
]
WITH_PRIORS_ON_FUNDING = [
    Row("Tổng cộng (A+B)", "triệu đồng", {"plan": 3000, "actual": 1300, "prior": 1150}),
    Row("Khuyến công quốc gia", "triệu đồng", {"plan": 1000, "actual": 400, "prior": 350}, "A"),
    Row("Số đề án", "đề án", {"plan": 2, "actual": 1, "prior": 3}),
    Row("Khuyến công địa phương", "triệu đồng", {"plan": 2000, "actual": 900, "prior": 800}, "B"),
    Row("Đào tạo nghề", "triệu đồng", {"plan": 500, "actual": 300, "prior": 250}, "I"),
    Row("Lao động được đào tạo nghề", "người", {"plan": 100, "actual": 50, "prior": 40}),
    Row("Tư vấn, trợ giúp", None, {}, "II"),
    Row("Khuyến công quốc gia", "triệu đồng", {"plan": 200, "actual": 100, "prior": 90}),
    Row("Khuyến công địa phương", "triệu đồng", {"plan": 300, "actual": 200, "prior": 100}),
]
LAYOUTS = {
    "one-row": {},
    "count-and-money": {"header": "count_money"},
    "sources-as-columns": {"header": "sources"},
    "unknown-rows-and-last-year": {"rows": WITH_UNKNOWN_ROWS, "prior": True},
    "last-year-on-funding-and-sections": {
        "rows": WITH_PRIORS_ON_FUNDING,
        "prior": True,
        "percent": False,
    },
}


def said(result: FileResult) -> object:
    report = result.report.model_dump() if result.report else None
    return (
        [(p.code, p.cell, p.message("en")) for p in result.problems],
        report,
        [u.model_dump() for u in result.unmapped],
    )


@pytest.mark.parametrize("layout", LAYOUTS)
def test_changing_any_figure_cell_changes_what_is_said(tmp_path: Path, layout: str) -> None:
    built = write_format2(tmp_path / "base.xlsx", **LAYOUTS[layout])  # type: ignore[arg-type]
    baseline = said(read_file(built.path))
    letters = {built.columns[k] for k in FIGURE_KEYS if k in built.columns}
    wb = openpyxl.load_workbook(built.path)
    ws = wb.active
    assert ws is not None
    cells = [
        cell.coordinate
        for row in ws.iter_rows(min_row=7)
        for cell in row
        if get_column_letter(cell.column) in letters and isinstance(cell.value, int | float)
    ]
    assert len(cells) >= 10
    silent = []
    for ref in cells:
        changed = openpyxl.load_workbook(built.path)
        sheet = changed.active
        assert sheet is not None
        sheet[ref] = sheet[ref].value + 7
        path = tmp_path / f"{ref}.xlsx"
        changed.save(path)
        if said(read_file(path)) == baseline:
            silent.append(ref)
    assert silent == []
