"""Template files as people save them: figures typed as text under the template's formula
totals, and formulas whose result is the empty string, in workbooks LibreOffice really saved
as .xlsx, .xls and .ods (tests/fixtures/libreoffice/README.md says how they were made)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from kcstats.annotate import FILLS, annotate_refused
from kcstats.model import FileStatus
from kcstats.problems import Problem, Severity
from kcstats.reader import read_file
from kcstats.validate import validate

FIXTURES = Path(__file__).parents[1] / "fixtures" / "libreoffice"
FORMATS = ("xlsx", "xls", "ods")
TEXT_PARTS = [("Kinh phí", "C4"), ("Kinh phí", "D4"), ("Kinh phí", "E5")]


def where(problems: list[Problem], severity: Severity) -> list[tuple[str, str | None, str | None]]:
    return [(p.code, p.sheet, p.cell) for p in problems if p.severity == severity]


@pytest.mark.parametrize("extension", FORMATS)
def test_a_formula_total_over_text_parts_is_not_refused_and_each_text_part_is_named(
    extension: str,
) -> None:
    result = read_file(FIXTURES / f"text-parts.{extension}")
    assert result.status == FileStatus.ACCEPTED
    assert where(result.problems, Severity.ERROR) == []
    assert where(result.problems, Severity.WARNING) == [
        ("number-stored-as-text", sheet, cell) for sheet, cell in TEXT_PARTS
    ]
    found = {p.cell: p.found_text() for p in result.problems}
    assert found == {"C4": "1.505", "D4": "2", "E5": "2.800,5"}
    assert result.report is not None
    lines = {line.source: line for line in result.report.funding}
    assert lines["national"].plan_money == Decimal("1505")
    assert lines["national"].actual_projects == 2
    assert lines["local"].actual_money == Decimal("2800.5")


@pytest.mark.parametrize("extension", FORMATS)
def test_a_formula_whose_result_is_empty_text_is_blank_in_every_format(extension: str) -> None:
    result = read_file(FIXTURES / f"text-parts.{extension}")
    assert result.report is not None
    figures = {f.code: f for f in result.report.indicators}
    assert "demo_models" not in figures or figures["demo_models"].actual is None
    assert figures["trained_workers"].actual == Decimal(320)


def test_the_three_formats_read_the_same_figures() -> None:
    reports = [read_file(FIXTURES / f"text-parts.{extension}").report for extension in FORMATS]
    assert all(r is not None for r in reports)
    assert len({r.figures() for r in reports if r is not None}) == 1


@pytest.mark.parametrize("extension", FORMATS)
def test_a_formula_total_wrong_even_for_the_numeric_parts_is_refused_at_the_total(
    extension: str,
) -> None:
    result = read_file(FIXTURES / f"wrong-total.{extension}")
    assert result.status == FileStatus.REFUSED
    assert where(result.problems, Severity.ERROR) == [("total-mismatch", "Kinh phí", "E6")]
    assert where(result.problems, Severity.WARNING) == [
        ("number-stored-as-text", sheet, cell) for sheet, cell in TEXT_PARTS
    ]


@pytest.mark.parametrize(
    ("name", "marks"),
    [
        ("text-parts", {"C4": Severity.WARNING, "D4": Severity.WARNING, "E5": Severity.WARNING}),
        ("wrong-total", {"E6": Severity.ERROR, "C4": Severity.WARNING, "E5": Severity.WARNING}),
    ],
)
def test_marked_copies_mark_the_text_parts(
    tmp_path: Path, name: str, marks: dict[str, Severity]
) -> None:
    files = validate([FIXTURES / f"{name}.xlsx"]).files
    (copy,) = annotate_refused(files, tmp_path / "out")
    sheet = openpyxl.load_workbook(copy)["Kinh phí"]
    for cell, severity in marks.items():
        assert sheet[cell].fill.fgColor.rgb == FILLS[severity].fgColor.rgb, cell
        assert sheet[cell].comment is not None, cell
    assert sheet["B6"].comment is None  # a total that agrees is left alone
