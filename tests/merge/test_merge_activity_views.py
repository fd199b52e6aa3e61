"""Money by activity and region where people read it: a sheet of the summary workbook and a
table of the terminal view (within 80 columns), labelled from the catalogue."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from rich.console import Console

from kcstats.catalog import Catalogue, load_catalogue
from kcstats.export.view_options import ViewOptions
from kcstats.export.xlsx import MONEY_FORMAT, write_summary
from kcstats.merge import MergeResult, merge_files
from kcstats.regions import conference_areas
from kcstats.render.merge import render_merge
from report_results import accepted


@pytest.fixture(scope="module")
def result() -> MergeResult:
    files = [
        accepted(
            "Hà Nội",
            funding={"national": ("900", "800")},
            activities={
                ("training", "national"): ("120", "100.5"),
                ("training", "local"): ("30", "20"),
                ("consulting", "total"): ("60", "45"),
            },
        ),
        accepted("Bắc Ninh", activities={("training", "total"): ("50", "40")}),
        accepted("Cần Thơ", activities={("consulting", "total"): ("10", "12")}),
        accepted("Đà Nẵng", activities={("consulting", "total"): ("10", "12")}),
        accepted("Long An", funding={"local": ("70", "60")}, format_=1),
    ]
    return merge_files(files, conference_areas(load_catalogue()))


def _rows(sheet: Any) -> list[dict[str, Any]]:
    headers = [c.value for c in sheet[2]]
    return [dict(zip(headers, row, strict=True)) for row in sheet.iter_rows(min_row=3)]


def test_the_workbook_has_a_sheet_of_money_by_activity_and_region(
    result: MergeResult, catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "summary.xlsx"
    write_summary(path, result, catalogue, ViewOptions(lang="vi", unit="trieu"))
    workbook = openpyxl.load_workbook(path)
    names = workbook.sheetnames
    # After plan against actual (and growth, where there is any), before the missing reports.
    assert names.index("Kế hoạch - Thực hiện") < names.index("Theo hoạt động")
    assert names.index("Theo hoạt động") + 1 == names.index("Tỉnh chưa báo cáo")
    rows = _rows(workbook["Theo hoạt động"])
    labels = [r["Hoạt động"].value for r in rows]
    assert labels == [catalogue.activities[a].label("vi") for a in ("training", "consulting")]
    training, consulting = rows
    # Bắc: Hà Nội's national + local (150 / 120.5) and Bắc Ninh's total (50 / 40).
    assert (training["Bắc KH"].value, training["Bắc TH"].value) == (200, 160.5)
    assert training["Bắc TH"].number_format == MONEY_FORMAT
    assert training["Nam TH"].value is None  # no figure is never a zero
    assert (consulting["Nam KH"].value, consulting["Nam TH"].value) == (10, 12)
    assert (consulting["Tổng cộng KH"].value, consulting["Tổng cộng TH"].value) == (80, 69)
    assert consulting["Tổng cộng % KH"].value == pytest.approx(69 / 80 * 100, abs=1e-4)
    assert consulting["Miền Trung - Tây Nguyên TH"].value == 12
    # The plan-and-actual sheet names the activity of each activity row.
    plan = _rows(workbook["Kế hoạch - Thực hiện"])
    named = {r["Hoạt động"].value for r in plan}
    assert catalogue.activities["consulting"].label("vi") in named and None in named


def test_the_workbook_in_english_labels_activities_in_english(
    result: MergeResult, catalogue: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "summary.xlsx"
    write_summary(path, result, catalogue, ViewOptions(lang="en", unit="ty"))
    rows = _rows(openpyxl.load_workbook(path)["By activity"])
    assert rows[1]["Activity"].value == catalogue.activities["consulting"].label("en")
    assert rows[1]["Total actual"].value == pytest.approx(float(Decimal("0.069")))


def test_without_activity_funding_there_is_no_activity_sheet_nor_column(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    plain = merge_files(
        [accepted("Long An", funding={"local": ("70", "60")}, format_=1)],
        conference_areas(catalogue),
    )
    path = tmp_path / "summary.xlsx"
    write_summary(path, plain, catalogue, ViewOptions(lang="vi", unit="trieu"))
    workbook = openpyxl.load_workbook(path)
    assert "Theo hoạt động" not in workbook.sheetnames
    assert "Hoạt động" not in [c.value for c in workbook["Kế hoạch - Thực hiện"][2]]
    console = Console(file=io.StringIO(), width=80)
    render_merge(plain, ViewOptions(lang="vi", unit="trieu"), catalogue, console=console)
    assert "hoạt động" not in console.file.getvalue()  # type: ignore[attr-defined]


def test_the_terminal_shows_money_by_activity_within_80_columns(
    result: MergeResult, catalogue: Catalogue
) -> None:
    console = Console(file=io.StringIO(), width=80)
    render_merge(result, ViewOptions(lang="vi", unit="trieu"), catalogue, console=console)
    text: str = console.file.getvalue()  # type: ignore[attr-defined]
    start = text.index("Kinh phí theo hoạt động và vùng, 6 tháng 2024 (triệu đồng)")
    table = text[start : text.index("Tỉnh chưa có báo cáo")]
    assert max(len(line) for line in table.splitlines()) <= 80
    assert "Tư vấn" in table and "Đào tạo nghề" in table
    consulting = next(line for line in table.splitlines() if "Tư vấn" in line)
    # Bắc 45, Miền Trung - Tây Nguyên 12, Nam 12; the total's plan 80, actual 69, 86,3 %;
    # every money cell with the one decimal that some figure of the table needs.
    assert consulting.split()[-6:] == ["45,0", "12,0", "12,0", "80,0", "69,0", "86,3"]
