"""The first two sheets: the regional summary as the terminal shows it (for each period, funding
by source with percent of plan, projects, the main indicators and reports n/N, a region a
row and the total), and the same figures for every province.

The columns are the terminal's (kcstats.export.views: funding_columns, indicator_columns), under
two header rows: the source or group above, plan / actual / % of plan below."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from kcstats.catalog import Catalogue
from kcstats.export.views import (
    TEXT,
    Column,
    MoneyUnit,
    blocks,
    funding_columns,
    indicator_columns,
    money_in,
    needed_columns,
    period_label,
    place_name,
    places,
)
from kcstats.export.xlsx.book import Book, Field, Kind, Table
from kcstats.merge.result import MergeResult, records

_SUB = {"plan": "plan_short", "actual": "actual_short", "pct_of_plan": "pct"}


@dataclass(slots=True)
class Block:
    """Where one period's rows sit in a sheet, for the charts: the sheet, the period's words,
    the spreadsheet rows (from 1) of its places, the columns (from 0) by field key, and
    the rows' values (which the charts cache)."""

    sheet: str
    label: str
    first: int
    last: int
    columns: dict[str, int]
    rows: list[dict[str, Any]]

    def has(self, key: str) -> bool:
        """Some place of the period has a figure in this column."""
        return key in self.columns and any(row.get(key) is not None for row in self.rows)


def figure_fields(
    table: pd.DataFrame, book: Book, catalogue: Catalogue, unit: MoneyUnit
) -> list[Field]:
    """The terminal's figure columns for `table` (a `places` table), grouped by source."""
    lang = book.lang
    t = TEXT[lang]
    fields = []
    for column in funding_columns(table, lang):
        measure, source, figure = column.key.split(".")
        group = t["projects"] if measure == "projects" else catalogue.source_short(source, lang)
        fields.append(Field(column.key, t[_SUB[figure]], _kind(column), group))
    main = book.words["main_indicators"]
    for column in indicator_columns(table, catalogue, lang, unit):
        fields.append(Field(column.key, column.heading, _kind(column), main))
    return fields


def _kind(column: Column) -> Kind:
    return "money" if column.kind == "money" else "pct" if column.kind == "pct" else "count"


def shown_row(
    row: dict[str, Any], fields: list[Field], unit: MoneyUnit, base: dict[str, Any]
) -> dict[str, Any]:
    """A places row's figures as cells show them: money in the unit shown, exactly."""
    out = dict(base)
    for field_ in fields:
        value = row.get(field_.key)
        if value is not None and field_.kind == "money":
            value = money_in(value, unit)
        out[field_.key] = value
    return out


def regions_sheet(
    book: Book, result: MergeResult, catalogue: Catalogue, unit: MoneyUnit, title: str
) -> list[Block]:
    """The regional summary; the rows of each period (regions only), for the charts."""
    lang = book.lang
    t = TEXT[lang]
    table = places(result.facts, ["region", "all"], result.measures)
    figures = figure_fields(table, book, catalogue, unit)
    fields = [
        Field("place", t["region"], "text"),
        Field("submitted", t["submitted"], "ratio"),
        *figures,
    ]
    sheet = book.table("regions", title, fields, frozen=1)
    columns = {f.key: col for col, f in enumerate(fields)}
    out = []
    for year, period, block in blocks(table, catalogue):
        label = period_label(catalogue, period, year, lang)
        sheet.band(label)
        shown: list[dict[str, Any]] = []
        first = last = 0
        for row in records(needed_columns(block, (f.key for f in figures))):
            cells = shown_row(
                row,
                figures,
                unit,
                {
                    "place": place_name(row, lang),
                    "submitted": f"{row['submitted']}/{row['expected']}",
                },
            )
            total = row["level"] == "all"
            number = sheet.row(cells, "bold" if total else "plain")
            if not total:
                shown.append(cells)
                first = first or number
                last = number
        if shown:
            out.append(Block(sheet.name, label, first, last, columns, shown))
    sheet.finish(autofilter=False)
    return out


def provinces_sheet(
    book: Book, result: MergeResult, catalogue: Catalogue, unit: MoneyUnit, title: str
) -> list[Block]:
    """Every province's figures, the terminal's columns, a period after another; the rows
    of each period, for the charts."""
    lang = book.lang
    t = TEXT[lang]
    table = places(result.facts, ["province"], result.measures)
    figures = figure_fields(table, book, catalogue, unit)
    fields = [
        Field("year", t["year"], "int"),
        Field("period_label", t["period"], "label"),
        Field("region", t["region"], "text"),
        Field("province", t["province"], "text"),
        *figures,
    ]
    sheet: Table = book.table("provinces", title, fields, frozen=4)
    columns = {f.key: col for col, f in enumerate(fields)}
    out = []
    for year, period, block in blocks(table, catalogue):
        words = catalogue.periods[period].label(lang)
        shown = []
        first = 0
        number = 0
        for row in records(needed_columns(block, (f.key for f in figures))):
            base = {
                "year": year,
                "period_label": words,
                "region": row["region"],
                "province": row["province"],
            }
            cells = shown_row(row, figures, unit, base)
            number = sheet.row(cells)
            first = first or number
            shown.append(cells)
        if shown:
            label = period_label(catalogue, period, year, lang)
            out.append(Block(sheet.name, label, first, number, columns, shown))
    sheet.finish()
    return out
