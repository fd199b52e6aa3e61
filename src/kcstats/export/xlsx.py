"""The summary workbook (-o summary.xlsx), written with XlsxWriter.

A sheet per view: regional totals, charts, provinces, plan against actual, growth (when there
is any), missing reports, files and problems. Headings in Vietnamese (or English), a title
row and a frozen header row on every sheet, figures as numbers with number formats
(thousands separators, fixed decimals), native Excel charts, and every text copied from an
input written as a string that no spreadsheet will run as a formula.

Why XlsxWriter and not openpyxl, which kcstats uses to read and mark up workbooks: a whole
country's history is over a million cells (1,008 reports: 1.4 million), which openpyxl held
as objects, 21 s and 700 MB; XlsxWriter's constant_memory mode streams each row to disk as it
is written. The price is that rows go out in order, one sheet after another, so everything a
row holds (the growth sheet's chart data, on its right) is laid out before the row is written.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from kcstats import __version__
from kcstats.catalog import Catalogue, load_catalogue
from kcstats.catalogue_file import TOTAL
from kcstats.export.activities import ALL, activity_rows
from kcstats.export.atomic import short_name, write_atomic
from kcstats.export.registry import Sink
from kcstats.export.safe_text import excel_text
from kcstats.export.view_options import ViewOptions
from kcstats.export.views import (
    MONEY_UNIT_LABEL,
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
    no_activity,
    places,
)
from kcstats.figures import decimal_view, money_mask, shown_values
from kcstats.interrupts import temporary_folder
from kcstats.merge.result import MergeResult, iter_records, records
from kcstats.messages import Section
from kcstats.problems import Lang
from kcstats.untrusted import name_text

MONEY_FORMAT = "#,##0.000"
COUNT_FORMAT = "#,##0"
PCT_FORMAT = "#,##0.0"
YEAR_FORMAT = "0"
HEADER_ROW = 2
FIRST_ROW = HEADER_ROW + 1

# Sheet names and titles: the texts xlsx.sheet.* and xlsx.title.* of the message table.
SHEETS = Section("xlsx.sheet.")
TITLES = Section("xlsx.title.")
HEADER_FILL = "#DDEBF7"
CM = 37.8  # pixels a centimetre, at Excel's 96 dpi: chart sizes are given in centimetres
_NO_CONVERSION = {
    # Every text is written with write_string; these keep write() from guessing too.
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}


@dataclass(frozen=True, slots=True)
class Field:
    """A column of a sheet: heading, kind of value, and how to get it from a row dict."""

    key: str
    heading: str
    kind: Kind | str  # also "int" (year, counts of reports) and "label" (our own text)


def write(result: MergeResult, options: ViewOptions, sink: Sink) -> None:
    """The registry's `xlsx`: the summary workbook, into a file only."""
    if not isinstance(sink, Path):
        raise ValueError("the summary workbook is written to a file")
    write_summary(sink, result, load_catalogue(), options)


def write_summary(
    path: Path, result: MergeResult, catalogue: Catalogue, options: ViewOptions
) -> None:
    """Write the summary workbook atomically."""
    lang, unit = options.lang, options.unit
    write_atomic(path, lambda temporary: _write(temporary, result, catalogue, lang, unit))


def _write(
    target: Path, result: MergeResult, catalogue: Catalogue, lang: Lang, unit: MoneyUnit
) -> None:
    # constant_memory streams each sheet through a temporary file: beside the target (the
    # output's disk, not a possibly small /tmp), hidden, and removed whatever happens.
    with temporary_folder(
        prefix=f".{short_name(target.name, 200)}.", dir=target.parent, ignore_cleanup_errors=True
    ) as scratch:
        options = {"constant_memory": True, "tmpdir": scratch, **_NO_CONVERSION}
        workbook = xlsxwriter.Workbook(str(target), options)
        try:
            _fill(workbook, result, catalogue, lang, unit)
        except BaseException:
            # Closed all the same (else XlsxWriter closes it when collected, and raises
            # there); the error worth reporting is the first one.
            with contextlib.suppress(FileCreateError, OSError):
                workbook.close()
            raise
        try:
            workbook.close()
        except FileCreateError as exc:
            # XlsxWriter wraps the OSError (a full disk, say) that callers report.
            cause = exc.args[0] if exc.args else None
            raise (cause if isinstance(cause, OSError) else OSError(str(exc))) from None


def _fill(
    workbook: xlsxwriter.Workbook,
    result: MergeResult,
    catalogue: Catalogue,
    lang: Lang,
    unit: MoneyUnit,
) -> None:
    workbook.set_properties(
        {
            "author": f"kcstats {__version__}",
            "title": TITLES[lang]["regions"].format(unit=MONEY_UNIT_LABEL[unit]),
        }
    )
    writer = _Writer(workbook, catalogue, lang, unit)
    regions = writer.regions(result)
    charts = writer.sheet("charts")
    provinces = writer.provinces(result)
    writer.activities(result)
    writer.plan(result)
    if not result.growth.empty:
        writer.growth(result)
    writer.missing(result)
    writer.files(result)
    writer.charts(charts, regions, provinces)


@dataclass(slots=True)
class _Block:
    """Where the rows of the latest (year, period) sit in a sheet, for the charts: spreadsheet
    row numbers (from 1) and column numbers (from 1) by field key, and the rows themselves,
    whose values the charts cache (a chart shows them until the spreadsheet recalculates)."""

    sheet: str
    label: str
    first: int
    last: int
    columns: dict[str, int]
    rows: list[dict[str, Any]]


@dataclass(slots=True)
class _Width:
    """A column's width: the longest text written, and the figures' extremes (a number's
    formatted length only grows with its size, so the extremes give the widest)."""

    text: int
    low: float | int | Decimal | None = None
    high: float | int | Decimal | None = None
    formatting: str = ""

    def number(self, value: float | int | Decimal, formatting: str) -> None:
        self.formatting = formatting
        if self.low is None or value < self.low:
            self.low = value
        if self.high is None or value > self.high:
            self.high = value

    def width(self) -> int:
        shown = [self.text]
        for extreme in (self.low, self.high):
            if extreme is not None:
                shown.append(min(len(format(extreme, self.formatting)) + 2, 50))
        return max(shown)


# What a row of a table holds beyond its fields: (column from 1, value, kind), by row number.
Extra = dict[int, list[tuple[int, Any, str]]]
_Put = Callable[[Worksheet, int, int, Any, bool, _Width], None]


class _Writer:
    def __init__(
        self, workbook: xlsxwriter.Workbook, catalogue: Catalogue, lang: Lang, unit: MoneyUnit
    ):
        self.workbook = workbook
        self.catalogue = catalogue
        self.lang: Lang = lang
        self.unit: MoneyUnit = unit
        self.t = TEXT[lang]
        self.title_format = workbook.add_format({"bold": True, "font_size": 13})
        self.header_format = workbook.add_format(
            {
                "bold": True,
                "bg_color": HEADER_FILL,
                "pattern": 1,
                "bottom": 1,
                "text_wrap": True,
                "valign": "vcenter",
                "align": "center",
            }
        )
        self._formats: dict[tuple[str | None, bool], Format | None] = {}
        self._put: dict[str, _Put] = {
            "text": self._put_text,
            "label": self._put_text,
            "money": self._put_money,
            "pct": self._number_writer(PCT_FORMAT, float, ",.1f"),
            "count": self._number_writer(COUNT_FORMAT, int, ",d"),
            "int": self._number_writer(YEAR_FORMAT, int, "d"),
        }

    # Sheets ---------------------------------------------------------------------------

    def sheet(self, name: str) -> Worksheet:
        sheet: Worksheet = self.workbook.add_worksheet(SHEETS[self.lang][name])
        return sheet

    def title(self, sheet: Worksheet, text: str) -> None:
        sheet.write_string(0, 0, excel_text(text), self.title_format)

    def header(self, sheet: Worksheet, column: int, text: str) -> None:
        """A heading in the header row; `column` from 1."""
        sheet.write_string(HEADER_ROW - 1, column - 1, excel_text(text), self.header_format)

    def table(
        self,
        name: str,
        fields: Sequence[Field],
        rows: Iterable[dict[str, Any]],
        *,
        frozen_columns: int,
        emphasis: Callable[[dict[str, Any]], bool] | None = None,
        extra_headers: Sequence[tuple[int, str, int]] = (),
        extra: Extra | None = None,
    ) -> Worksheet:
        """A sheet holding one table. `extra_headers` (column from 1, heading, width) and
        `extra` are cells right of the table, written with the rows they stand on."""
        sheet = self.sheet(name)
        self.title(sheet, TITLES[self.lang][name].format(unit=MONEY_UNIT_LABEL[self.unit]))
        sheet.set_row(HEADER_ROW - 1, 48)  # before the row is written: it is streamed
        widths = [_Width(min(max(len(f.heading) // 2, 8), 24)) for f in fields]
        for col, field_ in enumerate(fields, start=1):
            self.header(sheet, col, field_.heading)
        for col, heading, extra_width in extra_headers:
            self.header(sheet, col, heading)
            sheet.set_column(col - 1, col - 1, extra_width)
        extra = extra or {}
        puts = [(field_.key, self._put[field_.kind]) for field_ in fields]
        spare = _Width(0)
        count = 0
        for offset, row in enumerate(rows):
            row_number = FIRST_ROW - 1 + offset  # from 0, as XlsxWriter counts
            count += 1
            bold = emphasis is not None and emphasis(row)
            for col, (name_, put) in enumerate(puts):
                value = row.get(name_)
                if not is_blank(value):  # a blank stays an empty cell
                    put(sheet, row_number, col, value, bold, widths[col])
            for col, value, kind in extra.pop(row_number + 1, ()):
                self._put[kind](sheet, row_number, col - 1, value, False, spare)
        for number in sorted(extra):  # extra cells below the table's last row
            for col, value, kind in extra[number]:
                self._put[kind](sheet, number - 1, col - 1, value, False, spare)
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width.width())
        sheet.freeze_panes(FIRST_ROW - 1, frozen_columns)
        last_row = FIRST_ROW + max(count, 1) - 1
        sheet.autofilter(HEADER_ROW - 1, 0, last_row - 1, len(fields) - 1)
        return sheet

    def _format(self, number_format: str | None, bold: bool) -> Format | None:
        key_ = (number_format, bold)
        if key_ not in self._formats:
            properties: dict[str, Any] = {}
            if number_format is not None:
                properties["num_format"] = number_format
            if bold:
                properties["bold"] = True
            self._formats[key_] = self.workbook.add_format(properties) if properties else None
        return self._formats[key_]

    def _put_text(
        self, sheet: Worksheet, row: int, col: int, value: Any, bold: bool, width: _Width
    ) -> None:
        text = excel_text(str(value))
        sheet.write_string(row, col, text, self._format(None, bold))
        width.text = max(width.text, min(len(text) + 2, 50))

    def _put_money(
        self, sheet: Worksheet, row: int, col: int, value: Any, bold: bool, width: _Width
    ) -> None:
        number = money_in(value, self.unit)
        sheet.write_number(row, col, number, self._format(MONEY_FORMAT, bold))
        width.number(number, ",.3f")

    def _number_writer(
        self, number_format: str, convert: Callable[[Any], float | int], shown: str
    ) -> _Put:
        def put(
            sheet: Worksheet, row: int, col: int, value: Any, bold: bool, width: _Width
        ) -> None:
            number = convert(value)
            sheet.write_number(row, col, number, self._format(number_format, bold))
            width.number(number, shown)

        return put

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
        table = places(result.facts, ["region", "all"], result.measures)
        rows = self._place_rows(table)
        fields = self._place_fields(table, province=False)
        sheet = self.table(
            "regions", fields, rows, frozen_columns=3, emphasis=lambda r: r["level"] == "all"
        )
        return self._latest(sheet, table, rows, fields, level="region")

    def provinces(self, result: MergeResult) -> _Block | None:
        table = places(result.facts, ["province"], result.measures)
        fields = self._place_fields(table, province=True)
        rows = self._place_rows(table)
        sheet = self.table("provinces", fields, rows, frozen_columns=4)
        return self._latest(sheet, table, rows, fields, level="province")

    def _latest(
        self,
        sheet: Worksheet,
        table: pd.DataFrame,
        rows: list[dict[str, Any]],
        fields: list[Field],
        *,
        level: str,
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
        row_of = {index: n for n, index in enumerate(table.index)}
        first, last = row_of[positions[0]], row_of[positions[-1]]
        shown = rows[first : last + 1]
        return _Block(sheet.name, label, FIRST_ROW + first, FIRST_ROW + last, where, shown)

    def activities(self, result: MergeResult) -> None:
        """Money by activity group (rows) and region (plan and actual), with the total and
        its percent of plan: a sheet only when some report gives money per activity."""
        rows = activity_rows(result.facts, result.regions.regions, self.catalogue, result.measures)
        if not rows:
            return
        t = self.t
        fields = [
            Field("year", t["year"], "int"),
            Field("period_label", t["period"], "label"),
            Field("activity_label", t["activity"], "label"),
        ]
        for place in [*result.regions.regions, ALL]:
            name = t["all"] if place == ALL else place
            fields += [
                Field(f"{place}.plan", f"{name} {t['plan_short']}", "money"),
                Field(f"{place}.actual", f"{name} {t['actual_short']}", "money"),
            ]
        fields.append(Field(f"{ALL}.pct_of_plan", f"{t['all']} {t['pct']}", "pct"))
        for row in rows:
            row["period_label"] = self.catalogue.periods[row["period"]].label(self.lang)
            row["activity_label"] = self.catalogue.activities[row["activity"]].label(self.lang)
        sheet = self.table("activities", fields, rows, frozen_columns=3)
        # Printed, as these tables go to the conference: one page wide, landscape.
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)

    def plan(self, result: MergeResult) -> None:
        t = self.t
        facts = result.facts
        shown = _with_money(
            facts[(facts["plan"].notna() | facts["actual"].notna()).to_numpy()], result
        )

        def words(row: dict[str, Any]) -> dict[str, Any]:
            self._name_place_and_measure(row)
            money = row.pop(_MONEY)
            row["unit_label"] = MONEY_UNIT_LABEL[self.unit] if money else row["unit"]
            _split_by_kind(row, ("plan", "actual"), money)
            return row

        fields = [
            Field("year", t["year"], "int"),
            *self._place_and_measure_fields(result),
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
            map(words, iter_records(shown)),
            frozen_columns=5,
            emphasis=lambda r: r["level"] != "province",
        )

    def _place_and_measure_fields(self, result: MergeResult) -> list[Field]:
        t = self.t
        return [
            Field("period_label", t["period"], "label"),
            Field("level_label", t["level"], "label"),
            Field("region", t["region"], "text"),
            Field("province", t["province"], "text"),
            Field("measure_label", t["measure"], "label"),
            Field("source_label", t["source"], "label"),
        ] + (
            # Only where some report gives money per activity: else the column is always empty.
            [Field("activity_label", t["activity"], "label")]
            if result.facts["activity"].notna().any()
            else []
        )

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
        activity = row.get("activity")
        row["activity_label"] = (
            None if activity is None else self.catalogue.activities[activity].label(self.lang)
        )

    def growth(self, result: MergeResult) -> None:
        t = self.t

        def words(row: dict[str, Any]) -> dict[str, Any]:
            self._name_place_and_measure(row)
            row["basis_label"] = t[f"basis.{row['basis']}"]
            _split_by_kind(row, ("base", "target", "change"), row.pop(_MONEY))
            return row

        fields = [
            Field("base_year", t["base_year"], "int"),
            Field("target_year", t["target_year"], "int"),
            *self._place_and_measure_fields(result),
            Field("basis_label", t["basis"], "label"),
            *self._figure_fields(("base", "target", "change")),
        ]
        fields.append(Field("pct_change", t["pct_change"], "pct"))
        fields.append(Field("base_from", t["base_from"], "text"))
        chart = _GrowthChart.of(self, result, first_column=len(fields) + 2)
        sheet = self.table(
            "growth",
            fields,
            map(words, iter_records(_with_money(result.growth, result))),
            frozen_columns=6,
            extra_headers=chart.headers if chart is not None else (),
            extra=chart.cells if chart is not None else None,
        )
        if chart is not None:
            chart.draw(self, sheet)

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
                "path": name_text(f.path),
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
                        "found": p.found_text(self.lang),
                        "expected": p.expected_text(self.lang),
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
        if source == TOTAL:
            short, parts = self.catalogue.source_short, self.catalogue.in_total
            added = " + ".join(short(code, self.lang) for code in parts)
            return f"{short(TOTAL, self.lang)} ({added})"
        return self.catalogue.sources[source].label(self.lang)

    # Charts ---------------------------------------------------------------------------

    def chart_value(self, value: Any) -> float | None:
        """A money figure as a chart caches it, in the display unit."""
        return None if is_blank(value) else float(money_in(value, self.unit))

    def charts(self, sheet: Worksheet, regions: _Block | None, provinces: _Block | None) -> None:
        unit = MONEY_UNIT_LABEL[self.unit]
        titles = TITLES[self.lang]
        self.title(sheet, titles["charts"])
        anchor_row = 3
        value_axis = {"name": unit, "num_format": MONEY_FORMAT}
        if regions is not None:
            chart = self.workbook.add_chart({"type": "column"})
            chart.set_title(
                {"name": titles["chart_regions"].format(period=regions.label, unit=unit)}
            )
            chart.set_y_axis(value_axis)
            for field_, heading in (("plan", self.t["plan"]), ("actual", self.t["actual"])):
                chart.add_series(
                    _series(regions, key("funding", "total", field_), "region_label", heading, self)
                )
            chart.set_size({"width": 24 * CM, "height": 12 * CM})
            sheet.insert_chart(f"A{anchor_row}", chart)
            anchor_row += 26
        if provinces is not None:
            chart = self.workbook.add_chart({"type": "bar", "subtype": "stacked"})
            chart.set_title(
                {"name": titles["chart_provinces"].format(period=provinces.label, unit=unit)}
            )
            # In a bar chart the value axis runs across: XlsxWriter calls it the x axis.
            chart.set_x_axis(value_axis)
            for source in self.catalogue.in_total:
                short = self.catalogue.source_short(source, self.lang)
                series = _series(
                    provinces, key("funding", source, "actual"), "province", short, self
                )
                chart.add_series({**series, "overlap": 100})
            count = provinces.last - provinces.first + 1
            chart.set_size({"width": 24 * CM, "height": max(8.0, 0.55 * count + 3) * CM})
            sheet.insert_chart(f"A{anchor_row}", chart)


def _series(
    block: _Block, values: str, categories: str, name: str, writer: _Writer
) -> dict[str, Any]:
    """A chart series over a column of a block, with the block's names as its categories,
    and the data it shows cached in the chart (as Excel caches it)."""
    value_col, category_col = block.columns[values] - 1, block.columns[categories] - 1
    first, last = block.first - 1, block.last - 1
    return {
        "name": name,
        "values": [block.sheet, first, value_col, last, value_col],
        "categories": [block.sheet, first, category_col, last, category_col],
        "values_data": [writer.chart_value(row.get(values)) for row in block.rows],
        "categories_data": [
            "" if is_blank(row.get(categories)) else str(row.get(categories)) for row in block.rows
        ],
    }


@dataclass(slots=True)
class _GrowthChart:
    """Right of the growth table: total funding spent by region in each year of the period
    compared most often, and a line chart of it (a native Excel chart)."""

    first_column: int
    period: str
    years: list[int]
    names: list[str]
    headers: list[tuple[int, str, int]] = field(default_factory=list)
    cells: Extra = field(default_factory=dict)
    spent: dict[tuple[int, str], Any] = field(default_factory=dict)
    across_merger: bool = False

    @classmethod
    def of(cls, writer: _Writer, result: MergeResult, *, first_column: int) -> _GrowthChart | None:
        growth, facts, catalogue = result.growth, result.facts, writer.catalogue
        order = list(catalogue.periods)
        compared = set(growth["period"])
        regional = facts[
            (facts["level"] == "region").to_numpy()
            & (facts["measure"] == "funding").to_numpy()
            & (facts["source"] == "total").to_numpy()
            & no_activity(facts)
            & facts["period"].isin(compared).to_numpy()
        ]
        if regional.empty:
            return None
        years_of = {str(p): int(n) for p, n in regional.groupby("period")["year"].nunique().items()}
        period = max(years_of, key=lambda p: (years_of[p], order.index(p)))
        chosen = regional[(regional["period"] == period).to_numpy()]
        years = sorted({int(y) for y in chosen["year"]})
        names = [r for r in result.regions.regions if r in set(chosen["region"])]
        chart = cls(first_column, period, years, names)
        spent = shown_values(chosen["actual"], True)  # funding: money
        chart.spent = {
            (int(y), r): a for y, r, a in zip(chosen["year"], chosen["region"], spent, strict=True)
        }
        t = writer.t
        for offset, heading in enumerate([t["year"], *names]):
            width = 8 if offset == 0 else min(max(len(heading) + 2, 12), 26)
            chart.headers.append((first_column + offset, heading, width))
        for row, year in enumerate(years, start=FIRST_ROW):
            cells = chart.cells.setdefault(row, [(first_column, year, "int")])
            for offset, name in enumerate(names, start=1):
                value = chart.spent.get((year, name))
                if not is_blank(value):
                    cells.append((first_column + offset, value, "money"))
        chart.across_merger = catalogue.era_of(years[0], period) != catalogue.era_of(
            years[-1], period
        )
        if chart.across_merger:
            note = (first_column, t["growth_chart_note"], "label")
            chart.cells.setdefault(chart.last + 1, []).append(note)
        return chart

    @property
    def last(self) -> int:
        return FIRST_ROW + len(self.years) - 1

    def draw(self, writer: _Writer, sheet: Worksheet) -> None:
        t, unit = writer.t, MONEY_UNIT_LABEL[writer.unit]
        chart = writer.workbook.add_chart({"type": "line"})
        chart.set_title(
            {
                "name": t["growth_chart_title"].format(
                    period=writer.catalogue.periods[self.period].label(writer.lang), unit=unit
                )
            }
        )
        chart.set_y_axis({"name": unit, "num_format": MONEY_FORMAT})
        chart.set_x_axis({"name": t["year"]})
        year_col, first, last = self.first_column - 1, FIRST_ROW - 1, self.last - 1
        for offset, name in enumerate(self.names, start=1):
            col = year_col + offset
            chart.add_series(
                {
                    "name": [sheet.name, HEADER_ROW - 1, col],
                    "name_data": name,
                    "categories": [sheet.name, first, year_col, last, year_col],
                    "values": [sheet.name, first, col, last, col],
                    "categories_data": list(self.years),
                    "values_data": [
                        writer.chart_value(self.spent.get((year, name))) for year in self.years
                    ],
                }
            )
        chart.set_size({"width": 20 * CM, "height": 10 * CM})
        anchor = self.last + 2 + (1 if self.across_merger else 0)
        sheet.insert_chart(anchor - 1, year_col, chart)


_MONEY = "_money"  # a row's flag: its figures are money (kcstats.figures.money_mask)


def _with_money(table: pd.DataFrame, result: MergeResult) -> pd.DataFrame:
    """Fact or growth rows with their figures shown (Decimal triệu đồng, int) and the flag
    _MONEY that says which are money, from the merge's measure table."""
    shown = decimal_view(table, result.measures)
    return shown.assign(**{_MONEY: money_mask(table, result.measures)})


def _split_by_kind(row: dict[str, Any], names: tuple[str, ...], money: bool) -> None:
    """Copy each figure into its money or its count column (see _figure_fields)."""
    for name in names:
        row[f"{name}_money" if money else f"{name}_count"] = row[name]
