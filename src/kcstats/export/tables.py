"""The merge's tables for people: `merge_tables(result, view)` makes the one list of tables
that the terminal (kcstats.render.merge) and Markdown (kcstats.export.markdown) both draw, so
that they always show the same figures."""

from __future__ import annotations

from typing import Any

import pandas as pd

from kcstats.catalog import Catalogue, load_catalogue
from kcstats.catalogue_file import TOTAL
from kcstats.export.activities import ALL, activity_rows, present_regions
from kcstats.export.growth_tables import growth_tables
from kcstats.export.text_table import Cell, TextTable, cell, money_rows
from kcstats.export.view_options import ViewOptions
from kcstats.export.views import (
    MONEY_UNIT_LABEL,
    TEXT,
    Column,
    MoneyUnit,
    blocks,
    funding_columns,
    indicator_columns,
    limit_text,
    needed_columns,
    percent_text,
    period_label,
    place_name,
    places,
)
from kcstats.figures import shown_values
from kcstats.merge.result import MergeResult
from kcstats.merge.result import records as rows_of
from kcstats.model import FileStatus
from kcstats.problems import Lang, Severity
from kcstats.untrusted import name_text

__all__ = ["TextTable", "merge_tables"]


def merge_tables(
    result: MergeResult, view: ViewOptions, catalogue: Catalogue | None = None
) -> list[TextTable]:
    """Every table of the human view of a merge, in the order shown: for each period the
    funding and the main indicators (by region, and with `view.by_province` by province) and
    the funding by activity; growth on the years before; the provinces without a report; the
    places outside the plan-check bounds (`view.plan_flags`). Empty when no report was
    accepted."""
    catalogue = catalogue or load_catalogue()
    tables = summary_tables(result, catalogue, view)
    tables += growth_tables(result, catalogue, view)
    missing = missing_table(result, catalogue, view.lang)
    if missing is not None:
        tables.append(missing)
    if view.plan_flags is not None and view.check_failed:
        tables.append(plan_table(view.plan_flags, catalogue, view))
    return tables


def summary_tables(result: MergeResult, catalogue: Catalogue, view: ViewOptions) -> list[TextTable]:
    """For each (year, period): funding by region with percent of plan, and the main
    indicators; with `by_province`, the same two tables by province under each region."""
    lang, unit, by_province = view.lang, view.unit, view.by_province
    t = TEXT[lang]
    levels = ["province", "region", "all"] if by_province else ["region", "all"]
    table = places(result.facts, levels, result.measures)
    by_activity = activity_rows(result.facts, result.regions.regions, catalogue, result.measures)
    out: list[TextTable] = []
    for year, period, block in blocks(table, catalogue):
        label = period_label(catalogue, period, year, lang)
        regional = block[block["level"].isin(["region", "all"]).to_numpy()]
        money = funding_columns(regional, lang)
        indicators = indicator_columns(regional, catalogue, lang, unit)
        unit_label = MONEY_UNIT_LABEL[unit]
        title = t["funding_title"].format(period=label, unit=unit_label)
        out.append(_draw(title, regional, money, view, t["region"], submitted=True))
        if indicators:
            title = t["indicators_title"].format(period=label)
            out.append(_draw(title, regional, indicators, view, t["region"]))
        if by_province:
            ordered = _provinces_under_regions(block)
            title = t["funding_title_province"].format(period=label, unit=unit_label)
            out.append(_draw(title, ordered, money, view, t["province"], submitted=True, sub=True))
            if indicators:
                title = t["indicators_title_province"].format(period=label)
                out.append(_draw(title, ordered, indicators, view, t["province"], sub=True))
        shown = [r for r in by_activity if (r["year"], r["period"]) == (year, period)]
        if shown:
            title = t["activity_title"].format(period=label, unit=unit_label)
            regions = list(result.regions.regions)
            out.append(_activity_table(title, shown, regions, catalogue, lang, unit))
    return out


ACTIVITY_WIDTH = 14


def _activity_table(
    title: str,
    rows: list[dict[str, Any]],
    regions: list[str],
    catalogue: Catalogue,
    lang: Lang,
    unit: MoneyUnit,
) -> TextTable:
    """Money spent by activity in each region that gives some, and the total with its plan
    and percent of plan. The catalogue's label, wrapped by the terminal where it is long."""
    t = TEXT[lang]
    labels = catalogue.activities
    shown = present_regions(rows, regions)
    total = catalogue.source_short(TOTAL, lang)  # short: the table must fit 80 columns
    columns = [Column(f"{r}.actual", f"{r} {t['actual_short']}", "money") for r in shown]
    columns += [
        Column(f"{ALL}.plan", f"{total} {t['plan_short']}", "money"),
        Column(f"{ALL}.actual", f"{total} {t['actual_short']}", "money"),
        Column(f"{ALL}.pct_of_plan", t["pct"], "pct"),
    ]
    headers = [t["activity"], *(c.heading for c in columns)]
    # The catalogue's labels are long: wrapped narrow, the table fits 80 columns. A region
    # is a group of one column, the total one of three.
    out = TextTable(
        title,
        headers,
        [False] + [True] * len(columns),
        label_width=ACTIVITY_WIDTH,
        breaks=set(range(1, len(shown) + 2)),
        continued=t["continued"],
    )
    cells: list[list[Cell]] = [
        [
            labels[row["activity"]].label(lang),
            *(cell(row.get(c.key), c.kind, lang, unit) for c in columns),
        ]
        for row in rows
    ]
    out.rows = money_rows(cells, lang, unit)
    return out


def _provinces_under_regions(block: pd.DataFrame) -> pd.DataFrame:
    """Each region's provinces followed by the region's own row, then the total."""
    parts = []
    regions = block[(block["level"] == "region").to_numpy()]
    for region in regions["region"]:
        in_region = (block["region"] == region).to_numpy()
        parts.append(block[in_region & (block["level"] == "province").to_numpy()])
        parts.append(block[in_region & (block["level"] == "region").to_numpy()])
    parts.append(block[(block["level"] == "all").to_numpy()])
    ordered: pd.DataFrame = pd.concat(parts)
    return ordered


def _group_starts(columns: list[Column], offset: int) -> set[int]:
    """Where a measure and source's columns begin (KCQG TH and its % KH are one group, the
    total's plan, actual and percent another, each indicator one): the table's columns
    numbered from `offset`."""
    starts, last = set(), None
    for index, column in enumerate(columns):
        group = column.key.rsplit(".", 1)[0]
        if index and group != last:
            starts.add(offset + index)
        last = group
    return starts


def _draw(
    title: str,
    table: pd.DataFrame,
    columns: list[Column],
    view: ViewOptions,
    first_heading: str,
    *,
    submitted: bool = False,
    sub: bool = False,
) -> TextTable:
    """`submitted` adds the count of reports against the provinces expected (with the first
    group of columns); `sub` labels region rows as subtotals of the provinces above them."""
    lang, unit = view.lang, view.unit
    t = TEXT[lang]
    headers = (
        [first_heading] + ([t["submitted"]] if submitted else []) + [c.heading for c in columns]
    )
    numeric = [False] + ([True] if submitted else []) + [True] * len(columns)
    first = 2 if submitted else 1
    out = TextTable(
        title, headers, numeric, breaks=_group_starts(columns, first), continued=t["continued"]
    )
    records = rows_of(needed_columns(table, (c.key for c in columns)))
    levels = [r["level"] for r in records]
    cells: list[list[Cell]] = []
    for index, row in enumerate(records):
        name = place_name(row, lang)
        line: list[Cell] = [
            t["subtotal"].format(region=name) if sub and row["level"] == "region" else name
        ]
        if submitted:
            shown = row["level"] != "province"
            line.append(f"{row['submitted']}/{row['expected']}" if shown else "")
        line += [cell(row.get(c.key), c.kind, lang, unit) for c in columns]
        cells.append(line)
        if row["level"] == "all" or (sub and row["level"] == "region"):
            out.emphasis.add(index)
        following = levels[index + 1] if index + 1 < len(levels) else None
        if (row["level"] == "region" and following == "province") or following == "all":
            out.section_ends.add(index)
    out.rows = money_rows(cells, lang, unit)
    return out


def missing_table(result: MergeResult, catalogue: Catalogue, lang: Lang) -> TextTable | None:
    """Per (year, period) and region: the provinces with no accepted report."""
    if result.missing.empty:
        return None
    t = TEXT[lang]
    out = TextTable(
        t["missing_title"],
        [t["period"], t["region"], t["missing_count"], t["province"]],
        [False, False, True, False],
    )
    grouped: dict[tuple[int, str, str], list[str]] = {}
    for row in rows_of(result.missing):
        grouped.setdefault((row["year"], row["period"], row["region"]), []).append(row["province"])
    for (year, period, region), names in grouped.items():
        label = period_label(catalogue, period, year, lang)
        out.rows.append([label, region, str(len(names)), ", ".join(names)])
    return out


def plan_table(flags: pd.DataFrame, catalogue: Catalogue, options: ViewOptions) -> TextTable:
    """Provinces and regions whose funding percent of plan is outside the bounds."""
    lang, unit = options.lang, options.unit
    min_pct, max_pct = options.min_pct, options.max_pct
    t = TEXT[lang]
    low = "0" if min_pct is None else percent_text(min_pct, lang)
    high = "∞" if max_pct is None else percent_text(max_pct, lang)
    bounds = f"[{low}%, {high}%]"
    out = TextTable(
        t["plan_title"].format(bounds=bounds),
        [t["period"], t["level"], t["place"], t["plan"], t["actual"], t["pct"], t["limit"]],
        [False, False, False, True, True, True, False],
        keys=3,
    )
    # Funding totals (MergeResult.plan_check): money, in the store's integers.
    shown = flags.assign(
        plan=shown_values(flags["plan"], True), actual=shown_values(flags["actual"], True)
    )
    cells: list[list[Cell]] = []
    for row in rows_of(shown):
        cells.append(
            [
                period_label(catalogue, row["period"], row["year"], lang),
                t[f"level.{row['level']}"],
                place_name(row, lang),
                cell(row["plan"], "money", lang, unit),
                cell(row["actual"], "money", lang, unit),
                cell(row["pct_of_plan"], "pct", lang, unit),
                limit_text(row["limit"], min_pct, max_pct, lang),
            ]
        )
    out.rows = money_rows(cells, lang, unit)
    return out


def files_lines(result: MergeResult, lang: Lang) -> list[str]:
    """Refused and skipped files, each with its reasons (every error, or why it was skipped),
    as lines of text: long paths and messages read better as a list than in a table."""
    t = TEXT[lang]
    lines: list[str] = []
    for f in result.files:
        if f.status == FileStatus.ACCEPTED:
            continue
        lines.append(f"{name_text(f.path)}: {t[f'status.{f.status.value}']}")
        reasons = [p for p in f.problems if p.severity != Severity.WARNING] or f.problems
        for p in reasons:
            where = "!".join(x for x in (p.sheet, p.cell) if x)
            lines.append(f"  - {where + ': ' if where else ''}{p.message(lang)}")
    return [t["files_title"] + ":", *lines] if lines else []


def summary_line(result: MergeResult, lang: Lang) -> list[str]:
    t = TEXT[lang]
    lines = [
        t["summary"].format(
            a=result.count(FileStatus.ACCEPTED),
            r=result.count(FileStatus.REFUSED),
            s=result.count(FileStatus.SKIPPED),
        )
    ]
    warnings = sum(
        p.severity == Severity.WARNING
        for f in result.files
        if f.status == FileStatus.ACCEPTED
        for p in f.problems
    )
    if warnings:
        lines.append(t["warnings"].format(w=warnings))
    return lines
