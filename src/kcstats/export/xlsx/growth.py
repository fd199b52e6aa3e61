"""The growth sheets: for each pair of years compared, funding spent in both years with its
change, this year's plan against the base year's plan and against its actual, and the change
of the main indicators; by region (with, under it, the regional funding spent over the years
that the growth chart draws), and by province in a sheet of its own. The complete growth
table, every measure and source, is in the JSON, CSV and Parquet outputs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from kcstats.catalog import Catalogue
from kcstats.export.views import (
    MONEY_UNIT_LABEL,
    TEXT,
    MoneyUnit,
    money_in,
    place_name,
)
from kcstats.export.xlsx.book import Book, Field, Kind, Table
from kcstats.figures import decimal_view, funding_total, shown_values
from kcstats.merge.result import MergeResult, iter_records

Key = tuple[int, str, int, str, str | None, str | None]  # base, period, target, place


@dataclass(slots=True)
class GrowthRows:
    """The growth sheets' rows, one per (pair of years, place), by region and by province,
    in the order they are shown."""

    regional: list[dict[str, Any]]
    provincial: list[dict[str, Any]]


def growth_rows(result: MergeResult, catalogue: Catalogue) -> GrowthRows | None:
    """Total funding's three bases and the main indicators' actual change, side by side; by
    year, period and place (regions in the region set's order, then the total)."""
    growth = result.growth
    if growth.empty:
        return None
    wanted = funding_total(growth) | (
        growth["measure"].isin(catalogue.main_indicators).to_numpy()
        & (growth["basis"] == "actual").to_numpy()
    )
    rows = _wide(decimal_view(growth[wanted], result.measures))
    order = {name: i for i, name in enumerate(result.regions.regions)}
    periods = {code: i for i, code in enumerate(catalogue.periods)}

    def place_order(key: Key) -> tuple[Any, ...]:
        return (key[2], key[0], periods[key[1]], key[3] == "all", order.get(key[4] or "", -1))

    ordered = [rows[key] for key in sorted(rows, key=place_order)]
    return GrowthRows(
        [row for row in ordered if row["level"] != "province"],
        [row for row in ordered if row["level"] == "province"],
    )


def regional_growth_sheet(
    book: Book,
    rows: GrowthRows,
    result: MergeResult,
    catalogue: Catalogue,
    unit: MoneyUnit,
    title: str,
) -> GrowthChart | None:
    """Growth by region, and under it the data of the growth chart (None: no chart)."""
    sheet = _sheet(book, "growth", title, rows.regional, catalogue, unit, provinces=False)
    chart = GrowthChart.of(result, catalogue, unit)
    if chart is not None:
        chart.write(sheet, catalogue)
    sheet.finish()
    return chart


def provincial_growth_sheet(
    book: Book, rows: GrowthRows, catalogue: Catalogue, unit: MoneyUnit, title: str
) -> None:
    if rows.provincial:
        _sheet(
            book, "growth_provinces", title, rows.provincial, catalogue, unit, provinces=True
        ).finish()


def _wide(table: pd.DataFrame) -> dict[Key, dict[str, Any]]:
    """One row per (pair of years, place): funding's three bases and the main indicators'
    change side by side."""
    out: dict[Key, dict[str, Any]] = {}
    for row in iter_records(table):
        key: Key = (
            row["base_year"],
            row["period"],
            row["target_year"],
            row["level"],
            row["region"],
            row["province"],
        )
        wide = out.setdefault(
            key,
            {
                "base_year": row["base_year"],
                "target_year": row["target_year"],
                "period": row["period"],
                "level": row["level"],
                "region": row["region"],
                "province": row["province"],
                "base_from": None,
            },
        )
        measure, basis = row["measure"], row["basis"]
        if measure == "funding":
            wide[f"{basis}.pct"] = row["pct_change"]
            if basis == "actual":
                wide["actual.base"] = row["base"]
                wide["actual.target"] = row["target"]
                wide["actual.change"] = row["change"]
            if row["base_from"] and (basis == "actual" or wide["base_from"] is None):
                wide["base_from"] = row["base_from"]
        else:
            wide[f"{measure}.pct"] = row["pct_change"]
    return out


def _fields(
    book: Book,
    rows: list[dict[str, Any]],
    catalogue: Catalogue,
    unit: MoneyUnit,
    *,
    provinces: bool,
) -> list[Field]:
    t, words = TEXT[book.lang], book.words
    fields = [
        Field("base_year", t["base_year"], "int"),
        Field("target_year", t["target_year"], "int"),
        Field("period_label", t["period"], "label"),
        Field("place", t["province"] if provinces else t["region"], "text"),
    ]
    if provinces:
        fields.insert(3, Field("region", t["region"], "text"))
        if any(row["base_from"] for row in rows):
            fields.append(Field("base_from", t["base_from"], "wrap", width=24))
    spent = words["growth.spent"].format(unit=MONEY_UNIT_LABEL[unit])
    fields += [
        Field("actual.base", words["growth.base"], "money", spent),
        Field("actual.target", words["growth.target"], "money", spent),
        Field("actual.change", t["change"], "money", spent),
        Field("actual.pct", t["pct_change"], "change_pct", spent),
    ]
    planned = words["growth.plan"]
    for basis, heading in (
        ("plan", "plan_vs_plan"),
        ("plan_vs_prior_actual", "plan_vs_prior_actual"),
    ):
        if any(row.get(f"{basis}.pct") is not None for row in rows):
            fields.append(Field(f"{basis}.pct", words[f"growth.{heading}"], "change_pct", planned))
    main = words["growth.main"]
    for code in catalogue.main_indicators:
        if any(row.get(f"{code}.pct") is not None for row in rows):
            short = catalogue.indicators[code].short(book.lang)
            fields.append(Field(f"{code}.pct", short, "change_pct", main))
    return fields


def _sheet(
    book: Book,
    name: str,
    title: str,
    ordered: list[dict[str, Any]],
    catalogue: Catalogue,
    unit: MoneyUnit,
    *,
    provinces: bool,
) -> Table:
    fields = _fields(book, ordered, catalogue, unit, provinces=provinces)
    sheet = book.table(name, title, fields, frozen=5 if provinces else 4)
    lang = book.lang
    for row in ordered:
        row["period_label"] = catalogue.periods[row["period"]].label(lang)
        row["place"] = place_name(row, lang)
        for key in ("actual.base", "actual.target", "actual.change"):
            if row.get(key) is not None:
                row[key] = money_in(row[key], unit)
        sheet.row(row, "bold" if row["level"] == "all" else "plain")
    return sheet


@dataclass(slots=True)
class GrowthChart:
    """Regional funding spent in each year of the period compared most often, under the
    regional growth table: what the growth chart draws. Only years with a figure."""

    period: str
    years: list[int]
    names: list[str]
    spent: dict[tuple[int, str], Any]
    unit: MoneyUnit
    sheet: str = ""
    header: int = 0  # spreadsheet rows (from 1) of the headings and the years
    first: int = 0
    last: int = 0
    across_merger: bool = False

    @classmethod
    def of(cls, result: MergeResult, catalogue: Catalogue, unit: MoneyUnit) -> GrowthChart | None:
        growth, facts = result.growth, result.facts
        order = list(catalogue.periods)
        regional = facts[
            (facts["level"] == "region").to_numpy()
            & funding_total(facts)
            & facts["period"].isin(set(growth["period"])).to_numpy()
            & facts["actual"].notna().to_numpy()
        ]
        if regional.empty:
            return None
        years_of = {str(p): int(n) for p, n in regional.groupby("period")["year"].nunique().items()}
        period = max(years_of, key=lambda p: (years_of[p], order.index(p)))
        if years_of[period] < 2:
            return None  # one year is no line
        chosen = regional[(regional["period"] == period).to_numpy()]
        years = sorted({int(y) for y in chosen["year"]})
        present = set(chosen["region"])
        names = [r for r in result.regions.regions if r in present]
        spent = shown_values(chosen["actual"], True)  # funding: money
        figures = {
            (int(y), str(r)): money_in(a, unit)
            for y, r, a in zip(chosen["year"], chosen["region"], spent, strict=True)
        }
        chart = cls(period, years, names, figures, unit)
        chart.across_merger = catalogue.era_of(years[0], period) != catalogue.era_of(
            years[-1], period
        )
        return chart

    def write(self, table: Table, catalogue: Catalogue) -> None:
        """The chart's data under the growth table: a title, the headings (year, regions),
        a row per year."""
        book = table.book
        t = TEXT[book.lang]
        table.gap()
        period = catalogue.periods[self.period].label(book.lang)
        table.text(
            t["growth_chart_title"].format(period=period, unit=MONEY_UNIT_LABEL[self.unit]),
            title=True,
        )
        self.sheet = table.name
        self.header = table.cells(
            [(t["year"], "text"), *((n, "text") for n in self.names)], header=True
        )
        money: list[Kind] = ["money"] * len(self.names)
        kinds: list[Kind] = ["int", *money]
        for year in self.years:
            values = [year, *(self.spent.get((year, name)) for name in self.names)]
            number = table.cells(list(zip(values, kinds, strict=True)))
            self.first = self.first or number
            self.last = number
        if self.across_merger:
            table.text(t["growth_chart_note"])
