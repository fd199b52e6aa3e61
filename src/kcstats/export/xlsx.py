"""The summary workbook (-o summary.xlsx), written with openpyxl.

A sheet per view: regional totals, charts, provinces, plan against actual, growth (when there
is any), missing reports, files and problems. Headings in Vietnamese (or English), a title
row and a frozen header row on every sheet, figures as numbers with number formats
(thousands separators, fixed decimals), native Excel charts, and every text copied from an
input written as a string that no spreadsheet will run as a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kcstats import __version__
from kcstats.catalog import Catalogue
from kcstats.export.atomic import write_atomic
from kcstats.export.safe_text import put_text
from kcstats.export.views import (
    MONEY_UNIT_LABEL,
    SOURCE_SHORT,
    TEXT,
    Column,
    Kind,
    MoneyUnit,
    blocks,
    funding_columns,
    indicator_columns,
    is_blank,
    key,
    money_in,
    places,
)
from kcstats.merge.result import MergeResult, records
from kcstats.problems import Lang

MONEY_FORMAT = "#,##0.000"
COUNT_FORMAT = "#,##0"
PCT_FORMAT = "#,##0.0"
YEAR_FORMAT = "0"
HEADER_ROW = 2
FIRST_ROW = HEADER_ROW + 1

SHEETS = {
    "vi": {
        "regions": "Tổng hợp vùng",
        "charts": "Biểu đồ",
        "provinces": "Theo tỉnh",
        "plan": "Kế hoạch - Thực hiện",
        "growth": "Tăng trưởng",
        "missing": "Tỉnh chưa báo cáo",
        "files": "Tệp và lỗi",
    },
    "en": {
        "regions": "Regional totals",
        "charts": "Charts",
        "provinces": "Provinces",
        "plan": "Plan vs actual",
        "growth": "Growth",
        "missing": "Missing reports",
        "files": "Files and problems",
    },
}
TITLES = {
    "vi": {
        "regions": "Tổng hợp kết quả khuyến công theo vùng (tiền: {unit})",
        "provinces": "Kết quả khuyến công theo tỉnh (tiền: {unit})",
        "plan": "Kế hoạch và thực hiện, mọi chỉ tiêu có số liệu (tiền: {unit})",
        "growth": "Tăng trưởng so với năm trước (tiền: {unit})",
        "missing": "Tỉnh chưa có báo cáo trong kỳ mà các tỉnh khác cùng vùng đã báo cáo",
        "files": "Các tệp đã đọc và các vấn đề tìm thấy",
        "charts": "Biểu đồ kinh phí khuyến công",
        "chart_regions": "Kinh phí khuyến công: kế hoạch và thực hiện theo vùng, {period} ({unit})",
        "chart_provinces": "Kinh phí khuyến công thực hiện theo tỉnh, {period} ({unit})",
    },
    "en": {
        "regions": "Khuyến công results by region (money: {unit})",
        "provinces": "Khuyến công results by province (money: {unit})",
        "plan": "Plan and actual, every measure with a figure (money: {unit})",
        "growth": "Growth on the year before (money: {unit})",
        "missing": "Provinces without a report for a period that others of their region reported",
        "files": "Files read and problems found",
        "charts": "Khuyến công funding charts",
        "chart_regions": "Khuyến công funding: plan and actual by region, {period} ({unit})",
        "chart_provinces": "Khuyến công funding spent by province, {period} ({unit})",
    },
}
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_BORDER = Border(bottom=Side(style="thin"))
TOTAL_FONT = Font(bold=True)


@dataclass(frozen=True, slots=True)
class Field:
    """A column of a sheet: heading, kind of value, and how to get it from a row dict."""

    key: str
    heading: str
    kind: Kind | str  # also "int" (year, counts of reports) and "label" (our own text)


def write_summary(
    path: Path, result: MergeResult, catalogue: Catalogue, *, lang: Lang, unit: MoneyUnit
) -> None:
    """Write the summary workbook atomically."""
    workbook = build_workbook(result, catalogue, lang=lang, unit=unit)
    write_atomic(path, lambda temporary: workbook.save(temporary))


def build_workbook(
    result: MergeResult, catalogue: Catalogue, *, lang: Lang, unit: MoneyUnit
) -> Workbook:
    workbook = Workbook()
    workbook.properties.creator = f"kcstats {__version__}"
    workbook.properties.title = TITLES[lang]["regions"].format(unit=MONEY_UNIT_LABEL[unit])
    writer = _Writer(workbook, catalogue, lang, unit)
    regions = writer.regions(result)
    charts = writer.sheet("charts")
    provinces = writer.provinces(result)
    writer.plan(result)
    if not result.growth.empty:
        writer.growth(result)
    writer.missing(result)
    writer.files(result)
    writer.charts(charts, regions, provinces)
    default = workbook.worksheets[0]
    workbook.active = default
    return workbook


@dataclass(slots=True)
class _Block:
    """Where the rows of the latest (year, period) sit in a sheet, for the charts."""

    sheet: Worksheet
    label: str
    first: int
    last: int
    columns: dict[str, int]


class _Writer:
    def __init__(self, workbook: Workbook, catalogue: Catalogue, lang: Lang, unit: MoneyUnit):
        self.workbook = workbook
        self.catalogue = catalogue
        self.lang: Lang = lang
        self.unit: MoneyUnit = unit
        self.t = TEXT[lang]
        self._first_sheet = True

    # Sheets ---------------------------------------------------------------------------

    def sheet(self, name: str) -> Worksheet:
        if self._first_sheet:
            sheet = self.workbook.active
            assert sheet is not None
            sheet.title = SHEETS[self.lang][name]
            self._first_sheet = False
            return sheet
        return self.workbook.create_sheet(SHEETS[self.lang][name])

    def table(
        self,
        name: str,
        fields: Sequence[Field],
        rows: Sequence[dict[str, Any]],
        *,
        frozen_columns: int,
        emphasis: Sequence[bool] | None = None,
    ) -> Worksheet:
        sheet = self.sheet(name)
        title = TITLES[self.lang][name].format(unit=MONEY_UNIT_LABEL[self.unit])
        put_text(sheet.cell(row=1, column=1), title)
        sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
        widths = [min(max(len(f.heading) // 2, 8), 24) for f in fields]
        for col, field in enumerate(fields, start=1):
            cell = sheet.cell(row=HEADER_ROW, column=col)
            put_text(cell, field.heading)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.border = HEADER_BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.row_dimensions[HEADER_ROW].height = 48
        for offset, row in enumerate(rows):
            r = FIRST_ROW + offset
            bold = emphasis is not None and emphasis[offset]
            for col, field in enumerate(fields, start=1):
                value = row.get(field.key)
                if is_blank(value):
                    continue  # a blank stays an empty cell
                cell = sheet.cell(row=r, column=col)
                shown = self._put(cell, value, field.kind)
                if bold:
                    cell.font = TOTAL_FONT
                widths[col - 1] = max(widths[col - 1], min(len(shown) + 2, 50))
        for col, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(col)].width = width
        sheet.freeze_panes = f"{get_column_letter(frozen_columns + 1)}{FIRST_ROW}"
        last_row = FIRST_ROW + max(len(rows), 1) - 1
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(fields))}{last_row}"
        return sheet

    def _put(self, cell: Any, value: Any, kind: str) -> str:
        """Write one value; give back roughly the text it shows, for the column width."""
        if kind in ("text", "label"):
            put_text(cell, str(value))
            return str(value)
        if kind == "money":
            number = money_in(value, self.unit)
            cell.value = number
            cell.number_format = MONEY_FORMAT
            return f"{number:,.3f}"
        if kind == "pct":
            cell.value = float(value)
            cell.number_format = PCT_FORMAT
            return f"{float(value):,.1f}"
        if kind == "count":
            cell.value = int(value)
            cell.number_format = COUNT_FORMAT
            return f"{int(value):,}"
        if kind == "int":
            cell.value = int(value)
            cell.number_format = YEAR_FORMAT
            return str(int(value))
        raise ValueError(f"unknown column kind {kind}")

    def _place_fields(self, table: pd.DataFrame, *, province: bool) -> list[Field]:
        t = self.t
        fields = [
            Field("year", t["year"], "int"),
            Field("period_label", t["period"], "label"),
            Field("region_label", t["region"], "text"),
        ]
        if province:
            fields.append(Field("province", t["province"], "text"))
        else:
            fields += [
                Field("submitted", t["submitted"], "int"),
                Field("expected", t["expected"], "int"),
            ]
        columns: list[Column] = funding_columns(table, self.lang, wide=True)
        columns += indicator_columns(table, self.catalogue, self.lang, self.unit, every=True)
        fields += [Field(c.key, c.heading, c.kind) for c in columns]
        return fields

    def _place_rows(self, table: pd.DataFrame) -> list[dict[str, Any]]:
        rows = records(table)
        for row in rows:
            row["period_label"] = self.catalogue.periods[row["period"]].label(self.lang)
            row["region_label"] = self.t["all"] if row["level"] == "all" else row["region"]
        return rows

    def regions(self, result: MergeResult) -> _Block | None:
        table = places(result.facts, ["region", "all"])
        rows = self._place_rows(table)
        fields = self._place_fields(table, province=False)
        sheet = self.table(
            "regions", fields, rows, frozen_columns=3, emphasis=[r["level"] == "all" for r in rows]
        )
        return self._latest(sheet, table, fields, level="region")

    def provinces(self, result: MergeResult) -> _Block | None:
        table = places(result.facts, ["province"])
        fields = self._place_fields(table, province=True)
        sheet = self.table("provinces", fields, self._place_rows(table), frozen_columns=4)
        return self._latest(sheet, table, fields, level="province")

    def _latest(
        self, sheet: Worksheet, table: pd.DataFrame, fields: list[Field], *, level: str
    ) -> _Block | None:
        parts = blocks(table, self.catalogue)
        if not parts:
            return None
        year, period, block = parts[-1]
        positions = [i for i, lv in zip(block.index, block["level"], strict=True) if lv == level]
        if not positions:
            return None
        where = {f.key: col for col, f in enumerate(fields, start=1)}
        label = f"{self.catalogue.periods[period].label(self.lang)} {year}"
        row_of = {index: FIRST_ROW + n for n, index in enumerate(table.index)}
        return _Block(sheet, label, row_of[positions[0]], row_of[positions[-1]], where)

    def plan(self, result: MergeResult) -> None:
        t = self.t
        facts = result.facts
        shown = facts[(facts["plan"].notna() | facts["actual"].notna()).to_numpy()]
        rows = records(shown)
        for row in rows:
            self._name_place_and_measure(row)
            money = row["unit"] == "triệu đồng"
            row["unit_label"] = MONEY_UNIT_LABEL[self.unit] if money else row["unit"]
            _split_by_kind(row, ("plan", "actual"), money)
        fields = [
            Field("year", t["year"], "int"),
            *self._place_and_measure_fields(),
            Field("unit_label", t["unit"], "label"),
            *self._figure_fields(("plan", "actual")),
        ]
        fields += [
            Field("pct_of_plan", t["pct"], "pct"),
            Field("reports", t["reports"], "int"),
            Field("expected", t["expected"], "int"),
        ]
        self.table(
            "plan",
            fields,
            rows,
            frozen_columns=5,
            emphasis=[r["level"] != "province" for r in rows],
        )

    def _place_and_measure_fields(self) -> list[Field]:
        t = self.t
        return [
            Field("period_label", t["period"], "label"),
            Field("level_label", t["level"], "label"),
            Field("region", t["region"], "text"),
            Field("province", t["province"], "text"),
            Field("measure_label", t["measure"], "label"),
            Field("source_label", t["source"], "label"),
        ]

    def _figure_fields(self, names: tuple[str, ...]) -> list[Field]:
        """A money figure and a count never share a row; a column each keeps both formatted."""
        t, unit = self.t, MONEY_UNIT_LABEL[self.unit]
        money = [Field(f"{n}_money", f"{t[n]} ({unit})", "money") for n in names]
        counts = [Field(f"{n}_count", f"{t[n]} ({t['count']})", "count") for n in names]
        return money + counts

    def _name_place_and_measure(self, row: dict[str, Any]) -> None:
        """Words for a fact or growth row's period, level, measure and source."""
        row["period_label"] = self.catalogue.periods[row["period"]].label(self.lang)
        row["level_label"] = self.t[f"level.{row['level']}"]
        row["measure_label"] = self._measure_label(row["measure"])
        row["source_label"] = self._source_label(row["source"])

    def growth(self, result: MergeResult) -> None:
        t = self.t
        rows = records(result.growth)
        for row in rows:
            self._name_place_and_measure(row)
            row["basis_label"] = t[f"basis.{row['basis']}"]
            _split_by_kind(row, ("base", "target", "change"), self._is_money(row["measure"]))
        fields = [
            Field("base_year", t["base_year"], "int"),
            Field("target_year", t["target_year"], "int"),
            *self._place_and_measure_fields(),
            Field("basis_label", t["basis"], "label"),
            *self._figure_fields(("base", "target", "change")),
        ]
        fields.append(Field("pct_change", t["pct_change"], "pct"))
        fields.append(Field("base_from", t["base_from"], "text"))
        sheet = self.table("growth", fields, rows, frozen_columns=6)
        self._growth_chart(sheet, result, first_column=len(fields) + 2)

    def _growth_chart(self, sheet: Worksheet, result: MergeResult, *, first_column: int) -> None:
        """Right of the growth table: total funding spent by region in each year of the
        period compared most often, and a line chart of it (a native Excel chart)."""
        growth, facts = result.growth, result.facts
        order = list(self.catalogue.periods)
        compared = set(growth["period"])
        regional = facts[
            (facts["level"] == "region").to_numpy()
            & (facts["measure"] == "funding").to_numpy()
            & (facts["source"] == "total").to_numpy()
            & facts["period"].isin(compared).to_numpy()
        ]
        if regional.empty:
            return
        years_of = {str(p): int(n) for p, n in regional.groupby("period")["year"].nunique().items()}
        period = max(years_of, key=lambda p: (years_of[p], order.index(p)))
        chosen = regional[(regional["period"] == period).to_numpy()]
        years = sorted({int(y) for y in chosen["year"]})
        names = [r for r in result.regions.regions if r in set(chosen["region"])]
        spent = {
            (int(y), r): a
            for y, r, a in zip(chosen["year"], chosen["region"], chosen["actual"], strict=True)
        }
        t = self.t
        for offset, heading in enumerate([t["year"], *names]):
            cell = sheet.cell(row=HEADER_ROW, column=first_column + offset)
            put_text(cell, heading)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.border = HEADER_BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            width = 8 if offset == 0 else min(max(len(heading) + 2, 12), 26)
            sheet.column_dimensions[get_column_letter(first_column + offset)].width = width
        for r, year in enumerate(years, start=FIRST_ROW):
            self._put(sheet.cell(row=r, column=first_column), year, "int")
            for offset, name in enumerate(names, start=1):
                value = spent.get((year, name))
                if not is_blank(value):
                    self._put(sheet.cell(row=r, column=first_column + offset), value, "money")
        last = FIRST_ROW + len(years) - 1
        anchor = last + 2
        if self.catalogue.era_of(years[0], period) != self.catalogue.era_of(years[-1], period):
            put_text(sheet.cell(row=last + 1, column=first_column), t["growth_chart_note"])
            anchor += 1
        unit = MONEY_UNIT_LABEL[self.unit]
        chart = LineChart()
        chart.title = t["growth_chart_title"].format(
            period=self.catalogue.periods[period].label(self.lang), unit=unit
        )
        chart.y_axis.title = unit
        chart.y_axis.numFmt = MONEY_FORMAT
        chart.x_axis.title = t["year"]
        for offset in range(1, len(names) + 1):
            values = Reference(
                sheet, min_col=first_column + offset, min_row=HEADER_ROW, max_row=last
            )
            chart.add_data(values, titles_from_data=True)
        chart.set_categories(
            Reference(sheet, min_col=first_column, min_row=FIRST_ROW, max_row=last)
        )
        chart.width, chart.height = 20, 10
        sheet.add_chart(chart, f"{get_column_letter(first_column)}{anchor}")

    def missing(self, result: MergeResult) -> None:
        t = self.t
        rows = records(result.missing)
        for row in rows:
            row["period_label"] = self.catalogue.periods[row["period"]].label(self.lang)
        fields = [
            Field("year", t["year"], "int"),
            Field("period_label", t["period"], "label"),
            Field("region", t["region"], "text"),
            Field("province", t["province"], "text"),
        ]
        self.table("missing", fields, rows, frozen_columns=0)

    def files(self, result: MergeResult) -> None:
        t = self.t
        rows: list[dict[str, Any]] = []
        for f in result.files:
            head = {
                "path": f.path,
                "status": t[f"status.{f.status.value}"],
                "province": f.province,
                "year": f.year,
                "period_label": self.catalogue.periods[f.period].label(self.lang)
                if f.period
                else None,
            }
            if not f.problems:
                rows.append(head)
            for p in f.problems:
                rows.append(
                    {
                        **head,
                        "code": p.code,
                        "severity": t[f"severity.{p.severity.value}"],
                        "sheet": p.sheet,
                        "cell": p.cell,
                        "found": p.found,
                        "expected": p.expected,
                        "message": p.message(self.lang),
                    }
                )
        fields = [
            Field("path", t["file"], "text"),
            Field("status", t["status"], "label"),
            Field("province", t["province"], "text"),
            Field("year", t["year"], "int"),
            Field("period_label", t["period"], "label"),
            Field("code", t["code"], "label"),
            Field("severity", t["severity"], "label"),
            Field("sheet", t["sheet"], "text"),
            Field("cell", t["cell"], "text"),
            Field("found", t["found"], "text"),
            Field("expected", t["expected_text"], "text"),
            Field("message", t["message"], "text"),
        ]
        self.table("files", fields, rows, frozen_columns=1)

    # Labels ---------------------------------------------------------------------------

    def _measure_label(self, measure: str) -> str:
        if measure in ("funding", "projects"):
            return self.t[measure]
        return self.catalogue.indicators[measure].label(self.lang)

    def _source_label(self, source: str | None) -> str | None:
        if source is None:
            return None
        if source == "total":
            s = SOURCE_SHORT[self.lang]
            return f"{s['total']} ({s['national']} + {s['local']})"
        return self.catalogue.sources[source].label(self.lang)

    def _is_money(self, measure: str) -> bool:
        if measure == "funding":
            return True
        indicator = self.catalogue.indicators.get(measure)
        return indicator is not None and indicator.kind == "money"

    # Charts ---------------------------------------------------------------------------

    def charts(self, sheet: Worksheet, regions: _Block | None, provinces: _Block | None) -> None:
        unit = MONEY_UNIT_LABEL[self.unit]
        titles = TITLES[self.lang]
        put_text(sheet.cell(row=1, column=1), titles["charts"])
        sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
        anchor_row = 3
        if regions is not None:
            chart = BarChart()
            chart.type = "col"
            chart.grouping = "clustered"
            chart.title = titles["chart_regions"].format(period=regions.label, unit=unit)
            chart.y_axis.title = unit
            chart.y_axis.numFmt = MONEY_FORMAT
            _show_axes(chart)
            for field, heading in (("plan", self.t["plan"]), ("actual", self.t["actual"])):
                column = regions.columns[key("funding", "total", field)]
                values = Reference(
                    regions.sheet, min_col=column, min_row=regions.first, max_row=regions.last
                )
                chart.series.append(Series(values, title=heading))
            _text_categories(chart, regions, "region_label")
            chart.width, chart.height = 24, 12
            sheet.add_chart(chart, f"A{anchor_row}")
            anchor_row += 26
        if provinces is not None:
            chart = BarChart()
            chart.type = "bar"
            chart.grouping = "stacked"
            chart.overlap = 100
            chart.title = titles["chart_provinces"].format(period=provinces.label, unit=unit)
            chart.x_axis.title = None
            chart.y_axis.title = unit
            chart.y_axis.numFmt = MONEY_FORMAT
            _show_axes(chart)
            shorts = SOURCE_SHORT[self.lang]
            for source in ("national", "local"):
                column = provinces.columns[key("funding", source, "actual")]
                values = Reference(
                    provinces.sheet, min_col=column, min_row=provinces.first, max_row=provinces.last
                )
                chart.series.append(Series(values, title=shorts[source]))
            _text_categories(chart, provinces, "province")
            count = provinces.last - provinces.first + 1
            chart.width, chart.height = 24, max(8.0, 0.55 * count + 3)
            sheet.add_chart(chart, f"A{anchor_row}")


def _show_axes(chart: BarChart) -> None:
    """Spreadsheet programs hide the axes of an openpyxl 3.1 chart unless told otherwise."""
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def _text_categories(chart: BarChart, block: _Block, column: str) -> None:
    """Category labels from a column of names, as a string reference (set_categories would
    make it a number reference)."""
    ref = Reference(
        block.sheet, min_col=block.columns[column], min_row=block.first, max_row=block.last
    )
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=str(ref)))


def _split_by_kind(row: dict[str, Any], names: tuple[str, ...], money: bool) -> None:
    """Copy each figure into its money or its count column (see _figure_fields)."""
    for name in names:
        row[f"{name}_money" if money else f"{name}_count"] = row[name]
