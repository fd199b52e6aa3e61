"""The summary workbook as an officer prints it (issue 15), read back with openpyxl: the page
setup of every sheet, the regional summary first with the fact table's figures exactly, charts
on their own sheets over the years that have the figure they draw, axes from zero in whole
numbers (or one decimal), and province growth for the main measures only.

How it looks printed is checked by hand with LibreOffice (README); these tests hold what
makes it print so."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from merge_helpers import report
from openpyxl.chart import BarChart, LineChart

import kcstats
from kcstats.catalog import Catalogue
from kcstats.export.view_options import ViewOptions
from kcstats.export.xlsx import MONEY_FORMAT, write_summary
from kcstats.merge import MergeResult

SAMPLES = Path(__file__).parents[2] / "sample_data"
SOUTH = SAMPLES / "south-2012-2014"
NATIONAL = SAMPLES / "national-2021"
AXIS_FORMATS = {"#,##0", "#,##0.0"}


@pytest.fixture(scope="module")
def south() -> MergeResult:
    return kcstats.merge(SOUTH)


@pytest.fixture(scope="module")
def south_book(
    south: MergeResult, catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory
) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("south") / "tong-hop.xlsx"
    write_summary(path, south, catalogue, ViewOptions(lang="vi", unit="ty"))
    return openpyxl.load_workbook(path)


def _chart(book: openpyxl.Workbook, name: str) -> Any:
    (chart,) = book[name]._charts
    return chart


def test_every_sheet_prints_a4_landscape_one_page_wide_with_titles_and_a_footer(
    south_book: openpyxl.Workbook,
) -> None:
    for ws in south_book.worksheets:
        setup = ws.page_setup
        assert setup.orientation == "landscape", ws.title
        assert int(setup.paperSize) == 9, ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        # One page wide (1 is the file format's default, which XlsxWriter leaves unwritten),
        # as many pages down as it takes.
        assert (setup.fitToWidth or 1) == 1 and setup.fitToHeight == 0, ws.title
        # The title and the header rows on every page.
        assert ws.print_title_rows in ("$1:$2", "$1:$3"), ws.title
    for sheet in [*south_book.worksheets, *south_book.chartsheets]:
        footer = sheet.oddFooter
        assert footer.left.text == f"Nguồn: {SOUTH}", sheet.title
        assert footer.center.text.startswith("Lập bằng kcstats ngày "), sheet.title
        assert footer.right.text == "Trang &P/&N", sheet.title
    for sheet in south_book.chartsheets:
        assert sheet.pageSetup.orientation == "landscape" and int(sheet.pageSetup.paperSize) == 9


def test_the_first_sheet_is_the_regional_summary_with_the_facts_figures_exactly(
    south: MergeResult, south_book: openpyxl.Workbook
) -> None:
    assert south_book.sheetnames[:4] == [
        "Tổng hợp vùng",
        "Biểu đồ vùng",
        "Theo tỉnh",
        "Biểu đồ tỉnh",
    ]
    ws = south_book["Tổng hợp vùng"]
    assert ws["A1"].value == "Tổng hợp kết quả khuyến công theo vùng (tiền: tỷ đồng)"
    # Row 2: the source (or group) over its columns; a column without one has a blank.
    groups = {c.column: c.value for c in ws[2] if c.value is not None}
    assert list(groups.values())[:5] == ["KCQG", "KCĐP", "Tổng", "Vốn đối ứng", "Đề án"]
    merged = sorted(str(m) for m in ws.merged_cells.ranges if m.min_row == 2)
    assert merged[:3] == ["C2:D2", "E2:F2", "G2:I2"]
    assert "Chỉ tiêu chính (thực hiện)" in groups.values()
    headings = [c.value for c in ws[3]]
    assert headings[:8] == ["Vùng", "Báo cáo", "TH", "% KH", "TH", "% KH", "KH", "TH"]
    lines = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    assert [line[0] for line in lines] == [
        "Cả năm 2012", "Nam", "Tổng cộng",
        "Cả năm 2013", "Nam", "Tổng cộng",
        "Cả năm 2014", "Nam", "Tổng cộng",
    ]  # fmt: skip
    assert [line[1] for line in lines if line[1]] == ["20/20", "20/63"] * 3
    assert ws["A6"].font.bold and not ws["A5"].font.bold  # the total
    # Every figure of the sheet is the fact table's, exactly (money in tỷ đồng).
    source_of = {"KCQG": "national", "KCĐP": "local", "Tổng": "total", "Vốn đối ứng": "counterpart"}
    field_of = {"KH": "plan", "TH": "actual", "% KH": "pct_of_plan"}
    facts = south.facts_decimal()
    checked = 0
    period = ""
    for row in ws.iter_rows(min_row=4):
        if row[1].value is None:
            period = row[0].value
            continue
        year = int(period.split()[-1])
        level = "all" if row[0].value == "Tổng cộng" else "region"
        for cell in row[2:]:
            group = next(g for c, g in sorted(groups.items(), reverse=True) if c <= cell.column)
            heading = ws.cell(row=3, column=cell.column).value
            if group == "Chỉ tiêu chính (thực hiện)":
                continue  # the main indicators: the next test
            measure, source = (
                ("projects", "total") if group == "Đề án" else ("funding", source_of[group])
            )
            chosen = facts[(facts["year"] == year) & (facts["level"] == level)
                           & (facts["measure"] == measure) & (facts["source"] == source)
                           & facts["activity"].isna()]  # fmt: skip
            (expected,) = chosen[field_of[heading]].tolist()
            if pd.isna(expected):  # not reported: an empty cell, never 0
                assert cell.value is None, (period, group, heading)
                continue
            if measure == "funding" and heading != "% KH":
                expected = Decimal(expected).scaleb(-3)  # triệu -> tỷ đồng
                assert cell.number_format == MONEY_FORMAT
            assert Decimal(repr(cell.value)) == Decimal(str(expected)), (period, group, heading)
            checked += 1
    assert checked > 20


def test_the_main_indicators_are_beside_the_funding_by_their_short_names(
    south: MergeResult, south_book: openpyxl.Workbook, catalogue: Catalogue
) -> None:
    ws = south_book["Tổng hợp vùng"]
    headings = [c.value for c in ws[3]]
    shorts = {catalogue.indicators[code].short("vi"): code for code in catalogue.main_indicators}
    shown = [h for h in headings if h in shorts]
    assert shown and len(shown) == len(set(shown))
    facts = south.facts_decimal()
    total_2013 = next(r for r in ws.iter_rows(min_row=4) if r[0].row == 9)
    assert total_2013[0].value == "Tổng cộng"
    for heading in shown:
        cell = total_2013[headings.index(heading)]
        chosen = facts[(facts["year"] == 2013) & (facts["level"] == "all")
                       & (facts["measure"] == shorts[heading])]  # fmt: skip
        assert cell.value == chosen["actual"].tolist()[0]


def test_charts_plot_only_the_years_that_have_the_figure_they_show(
    south_book: openpyxl.Workbook,
) -> None:
    """2014 has plans and no actuals: no chart of actuals shows it, and the line of funding
    spent stops at 2013."""
    summary = south_book["Tổng hợp vùng"]
    regions = _chart(south_book, "Biểu đồ vùng")
    band = next(c.row for c in summary["A"] if c.value == "Cả năm 2013")
    # One region in the south: its row under the 2013 band, plan and actual.
    assert [s.cat.strRef.f for s in regions.series] == [f"'Tổng hợp vùng'!$A${band + 1}"] * 2
    assert [s.val.numRef.f for s in regions.series] == [
        f"'Tổng hợp vùng'!$G${band + 1}",
        f"'Tổng hợp vùng'!$H${band + 1}",
    ]
    assert [summary[f"{c}3"].value for c in "GH"] == ["KH", "TH"] and summary["G2"].value == "Tổng"
    provinces = _chart(south_book, "Biểu đồ tỉnh")
    assert isinstance(provinces, BarChart) and provinces.grouping == "stacked"
    sheet = south_book["Theo tỉnh"]
    reference = provinces.series[0].cat.strRef.f  # 'Theo tỉnh'!$D$a:$D$b
    first, last = (int(part.split("$")[-1]) for part in reference.split("!")[1].split(":"))
    assert {sheet.cell(row=r, column=1).value for r in range(first, last + 1)} == {2013}
    assert last - first + 1 == 20  # the 20 provinces of the south
    growth = _chart(south_book, "Biểu đồ tăng trưởng")
    assert isinstance(growth, LineChart)
    ws = south_book["Tăng trưởng"]
    reference = growth.series[0].cat.numRef.f
    first, last = (int(part.split("$")[-1]) for part in reference.split("!")[1].split(":"))
    assert [ws.cell(row=r, column=1).value for r in range(first, last + 1)] == [2012, 2013]


def test_value_axes_start_at_zero_in_whole_numbers_or_one_decimal(
    south_book: openpyxl.Workbook, tmp_path: Path, catalogue: Catalogue
) -> None:
    for name in ("Biểu đồ vùng", "Biểu đồ tỉnh", "Biểu đồ tăng trưởng"):
        axis = _chart(south_book, name).y_axis
        assert axis.scaling.min == 0, name
        assert axis.numFmt.formatCode in AXIS_FORMATS, name
    # 52,95 tỷ đồng: whole numbers.
    assert _chart(south_book, "Biểu đồ vùng").y_axis.numFmt.formatCode == "#,##0"
    # 0,45 tỷ đồng: one decimal; the same in triệu đồng (450): whole numbers.
    folder = tmp_path / "small"
    report(folder, "a.xlsx", province="Long An", funding={"national": (1, 500, 1, 450)})
    small = kcstats.merge(folder)
    for unit, shown in (("ty", "#,##0.0"), ("trieu", "#,##0")):
        path = tmp_path / f"{unit}.xlsx"
        write_summary(path, small, catalogue, ViewOptions(lang="vi", unit=unit))  # type: ignore[arg-type]
        book = openpyxl.load_workbook(path)
        for name in ("Biểu đồ vùng", "Biểu đồ tỉnh"):
            axis = _chart(book, name).y_axis
            assert (axis.numFmt.formatCode, axis.scaling.min) == (shown, 0), (unit, name)


def test_province_growth_has_its_own_sheet_of_main_measures(
    south_book: openpyxl.Workbook, catalogue: Catalogue
) -> None:
    ws = south_book["Tăng trưởng theo tỉnh"]
    headings = {c.value for c in ws[3]} | {c.value for c in ws[2]}
    labels = {catalogue.indicators[code].short("vi") for code in catalogue.indicators}
    main = {catalogue.indicators[code].short("vi") for code in catalogue.main_indicators}
    assert headings & labels and headings & labels <= main
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True)]
    assert len(rows) == 20 * 2  # 20 provinces, 2012 -> 2013 and 2013 -> 2014
    assert {r[4] for r in rows} >= {"Long An", "Cần Thơ"}


def test_the_63_province_summary_is_one_short_page(catalogue: Catalogue, tmp_path: Path) -> None:
    result = kcstats.merge(NATIONAL)
    path = tmp_path / "tong-hop.xlsx"
    write_summary(path, result, catalogue, ViewOptions(lang="vi", unit="ty"))
    ws = openpyxl.load_workbook(path)["Tổng hợp vùng"]
    # Title, two header rows, the period, three regions and the total: one landscape page
    # at any scale that fits its 16 columns to the width.
    assert ws.max_row == 8 and ws.max_column <= 17
    assert [ws.cell(row=r, column=2).value for r in range(5, 9)] == [
        "28/28",
        "15/15",
        "20/20",
        "63/63",
    ]


def test_the_plan_check_marks_the_places_below_the_bound(
    south: MergeResult, catalogue: Catalogue, tmp_path: Path
) -> None:
    options = ViewOptions(lang="vi", unit="ty", min_pct=95).checked(south)
    path = tmp_path / "tong-hop.xlsx"
    write_summary(path, south, catalogue, options)
    ws = openpyxl.load_workbook(path)["Kế hoạch - Thực hiện"]
    headings = [c.value for c in ws[2]]
    assert headings[-1] == "Giới hạn"
    flagged = [r for r in ws.iter_rows(min_row=3) if r[-1].value is not None]
    assert flagged and all(r[-1].value == "dưới 95%" for r in flagged)
    assert len(flagged) == len(options.plan_flags)  # type: ignore[arg-type]
    assert all(r[0].fill.fgColor.rgb.endswith("FCE4D6") for r in flagged)


def test_the_files_sheet_names_files_from_the_source_folder(south_book: openpyxl.Workbook) -> None:
    ws = south_book["Tệp và lỗi"]
    names = [r[0] for r in ws.iter_rows(min_row=3, values_only=True)]
    assert len(names) == 60 and all(not name.startswith("/") for name in names)
    assert sorted(names) == sorted(p.name for p in SOUTH.glob("*.xlsx"))
