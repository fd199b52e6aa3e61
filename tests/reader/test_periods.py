"""Every period of report-format.md read from 'Kỳ báo cáo', in Vietnamese or as its code,
with or without its year: stored as the code, shown in Vietnamese."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import write_report
from kcstats.catalog import load_catalogue
from kcstats.text import fold
from reading import accepted

WRITTEN = [
    ("Quý II", "Q2"),
    ("Quý 2", "Q2"),
    ("Q2", "Q2"),
    ("Quý II/2024", "Q2"),
    ("Quý III", "Q3"),
    ("QUÝ III NĂM 2024", "Q3"),
    ("Quý IV", "Q4"),
    ("q4", "Q4"),
    ("Tháng 1", "M1"),
    ("2 tháng đầu năm", "M2"),
    ("4 tháng", "M4"),
    ("5 tháng đầu năm 2024", "M5"),
    ("7 tháng", "M7"),
    ("Bảy tháng đầu năm", "M7"),
    ("Báo cáo 8 tháng đầu năm 2024", "M8"),
    ("10 tháng đầu năm", "M10"),
    ("M10", "M10"),
    ("11 tháng năm 2024", "M11"),
    ("Quý I", "Q1"),
    ("6 tháng", "H1"),
    ("9 tháng đầu năm", "9M"),
    ("Cả năm", "FY"),
]


@pytest.mark.parametrize(("text", "code"), WRITTEN)
def test_period_is_read_in_vietnamese_or_as_its_code(tmp_path: Path, text: str, code: str) -> None:
    assert accepted(write_report(tmp_path / "r.xlsx", period=text)).period == code


def test_every_period_code_has_a_vietnamese_label_that_reads_back() -> None:
    catalogue = load_catalogue()
    assert len(catalogue.periods) == 15
    for code, period in catalogue.periods.items():
        assert period.label("vi") and period.label("vi") != code
        assert catalogue.period_index[fold(period.label_vi)] == code
        assert catalogue.period_index[fold(code)] == code
