"""--annotate marks a refused format-2 file at the cells of its problems."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from format2_builder import Row, write_format2
from kcstats.annotate import FILLS, annotate_refused
from kcstats.problems import Severity
from kcstats.reader import read_file
from kcstats.validate import validate

SHEET = "Biểu 01"
RED = FILLS[Severity.ERROR].fgColor.rgb
YELLOW = FILLS[Severity.WARNING].fgColor.rgb


def test_a_refused_format_2_file_is_marked_at_its_problem_cells(tmp_path: Path) -> None:
    rows = [
        Row("Tổng cộng", "triệu đồng", {"plan": 4300, "actual": 2300}),
        Row("Khuyến công quốc gia", "triệu đồng", {"plan": 1200, "actual": 800}, "1"),
        Row("Khuyến công địa phương", "triệu đồng", {"plan": 3000, "actual": 1500}, "2"),
        Row("Đào tạo nghề", None, {}, "I"),
        Row("Số lớp", "mô hình", {"plan": 2, "actual": 1}, "1"),
        Row("Chi phí khai giảng", "triệu đồng", {"plan": 5, "actual": 4}, "2"),
    ]
    inbox = tmp_path / "in"
    inbox.mkdir()
    built = write_format2(
        inbox / "ca-mau.xlsx", rows, province="Cà Mau", actual_header="Thực hiện 9 tháng 2024"
    )
    files = validate([inbox]).files
    (copy,) = annotate_refused(files, tmp_path / "out")
    marks = {(p.code, p.cell): p.severity for p in files[0].problems if p.sheet == SHEET and p.cell}
    assert marks == {
        ("period-conflict", "A4"): Severity.ERROR,
        ("period-conflict", "E6"): Severity.ERROR,
        ("total-mismatch", "D7"): Severity.ERROR,
        ("unit-mismatch", "C11"): Severity.ERROR,
        ("row-not-in-catalogue", "B12"): Severity.WARNING,
    }
    sheet = openpyxl.load_workbook(copy)[SHEET]
    for (code, cell), severity in marks.items():
        marked = sheet[cell]
        colour = RED if severity == Severity.ERROR else YELLOW
        assert marked.fill.fgColor.rgb == colour, (code, cell)
        assert marked.comment is not None and f"[{code}]" in marked.comment.text
    again = read_file(copy)
    assert [(p.code, p.cell) for p in again.problems] == [
        (p.code, p.cell) for p in read_file(built.path).problems
    ]
