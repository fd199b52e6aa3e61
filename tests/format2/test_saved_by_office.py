"""Format-2 files really saved by LibreOffice (.xlsx, .xls, .ods) read to the same report.
How they were made: tests/fixtures/format2/README.md."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kcstats.model import FileStatus
from kcstats.reader import read_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "format2"


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_a_report_saved_by_libreoffice_reads_in_every_file_format(suffix: str) -> None:
    result = read_file(FIXTURES / f"bao-cao-6-thang{suffix}")
    assert (result.status, result.format) == (FileStatus.ACCEPTED, 2)
    assert result.problems == []
    report = result.report
    assert report is not None
    assert (report.province, report.year, report.period) == ("Bình Định", 2024, "H1")
    assert {
        f.source: (f.plan_projects, f.plan_money, f.actual_projects, f.actual_money)
        for f in report.funding
    } == {
        "national": (2, Decimal(1200), 1, Decimal(800)),
        "local": (10, Decimal(3000), 6, Decimal(1500)),
    }
    assert {(a.activity, a.source): a.actual_money for a in report.activity_funding} == {
        ("training", "national"): Decimal(200),
        ("training", "local"): Decimal(300),
        ("consulting", "local"): Decimal(100),
    }


def test_the_three_saved_files_give_the_same_figures() -> None:
    reports = [
        read_file(FIXTURES / f"bao-cao-6-thang{s}").report for s in (".xlsx", ".xls", ".ods")
    ]
    assert all(r is not None for r in reports)
    assert len({r.figures() for r in reports if r is not None}) == 1
