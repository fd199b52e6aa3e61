"""A defect typed into one cell of a format-2 table gives exactly its problem, at that cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from format2_builder import write_format2
from kcstats.reader import read_file
from reading import errors, warnings

SHEET = "Biểu 01"
# The default table (format2_builder.default_rows): row 12 'Số lớp' (lớp), 13 'Số lao động',
# 15 'Hội chợ, triển lãm được tổ chức', 17 'Doanh thu tư vấn' (triệu đồng); D plan, E actual,
# F stated percent.


@pytest.mark.parametrize(
    ("cell", "value", "code"),
    [
        ("E12", "nhiều", "not-a-number"),
        ("D13", -5, "negative-number"),
        ("E13", "1.5", "ambiguous-number"),
        ("E15", 2.5, "fraction-in-count"),
        ("E12", "=D12/2", "formula-without-value"),
        ("F12", 61, "percent-mismatch"),
        ("C12", "người", "unit-mismatch"),
        ("E17", "1e20", "not-a-number"),
    ],
)
def test_a_defect_is_refused_at_its_cell(
    tmp_path: Path, cell: str, value: object, code: str
) -> None:
    built = write_format2(tmp_path / "a.xlsx", extra={cell: value})
    assert errors(read_file(built.path)) == [(code, SHEET, cell)]


def test_money_finer_than_a_thousand_đồng_is_rounded_with_a_warning(tmp_path: Path) -> None:
    built = write_format2(tmp_path / "a.xlsx", extra={"E17": "20,0004"})
    result = read_file(built.path)
    assert warnings(result) == [("money-rounded", SHEET, "E17")]
    assert result.report is not None
    revenue = next(i for i in result.report.indicators if i.code == "consulting_revenue")
    assert str(revenue.actual) == "20.000"


def test_a_wrong_source_changes_the_total_check_at_the_total_cell(tmp_path: Path) -> None:
    built = write_format2(tmp_path / "a.xlsx", extra={"D10": 3100})
    assert errors(read_file(built.path)) == [("total-mismatch", SHEET, "D7")]
