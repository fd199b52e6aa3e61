"""The merge's tables as text for people: one model that the terminal (rich) and Markdown both
draw, so that they always show the same figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from kcstats.catalog import Catalogue
from kcstats.export.views import (
    MONEY_UNIT_LABEL,
    TEXT,
    Column,
    MoneyUnit,
    blocks,
    format_cell,
    format_number,
    funding_columns,
    indicator_columns,
    period_label,
    place_name,
    places,
)
from kcstats.merge.result import MergeResult
from kcstats.merge.result import records as rows_of
from kcstats.model import FileStatus
from kcstats.problems import Lang, Severity


@dataclass(slots=True)
class TextTable:
    title: str
    headers: list[str]
    numeric: list[bool]
    rows: list[list[str]] = field(default_factory=list)
    emphasis: set[int] = field(default_factory=set)  # total rows, shown bold
    section_ends: set[int] = field(default_factory=set)  # a rule after these rows


def summary_tables(
    result: MergeResult,
    catalogue: Catalogue,
    lang: Lang,
    unit: MoneyUnit,
    *,
    by_province: bool = False,
) -> list[TextTable]:
    """For each (year, period): funding by region with percent of plan, and the main
    indicators; with `by_province`, the same two tables by province under each region."""
    t = TEXT[lang]
    levels = ["province", "region", "all"] if by_province else ["region", "all"]
    table = places(result.facts, levels)
    out: list[TextTable] = []
    for year, period, block in blocks(table, catalogue):
        label = period_label(catalogue, period, year, lang)
        regional = block[block["level"].isin(["region", "all"]).to_numpy()]
        money = funding_columns(regional, lang)
        indicators = indicator_columns(regional, catalogue, lang, unit)
        unit_label = MONEY_UNIT_LABEL[unit]
        title = t["funding_title"].format(period=label, unit=unit_label)
        out.append(_draw(title, regional, money, lang, unit, t["region"], submitted=True))
        if indicators:
            title = t["indicators_title"].format(period=label)
            out.append(_draw(title, regional, indicators, lang, unit, t["region"]))
        if by_province:
            ordered = _provinces_under_regions(block)
            title = t["funding_title_province"].format(period=label, unit=unit_label)
            out.append(
                _draw(title, ordered, money, lang, unit, t["province"], submitted=True, sub=True)
            )
            if indicators:
                title = t["indicators_title_province"].format(period=label)
                out.append(_draw(title, ordered, indicators, lang, unit, t["province"], sub=True))
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


def _draw(
    title: str,
    table: pd.DataFrame,
    columns: list[Column],
    lang: Lang,
    unit: MoneyUnit,
    first_heading: str,
    *,
    submitted: bool = False,
    sub: bool = False,
) -> TextTable:
    """`submitted` adds the count of reports against the provinces expected; `sub` labels
    region rows as subtotals of the provinces above them."""
    t = TEXT[lang]
    headers = (
        [first_heading] + ([t["submitted"]] if submitted else []) + [c.heading for c in columns]
    )
    numeric = [False] + ([True] if submitted else []) + [True] * len(columns)
    out = TextTable(title, headers, numeric)
    needed = ["level", "region", "province", "submitted", "expected"]
    needed += [c.key for c in columns if c.key in table.columns]
    records = rows_of(table[needed])
    levels = [r["level"] for r in records]
    for index, row in enumerate(records):
        name = place_name(row, lang)
        cells = [t["subtotal"].format(region=name) if sub and row["level"] == "region" else name]
        if submitted:
            shown = row["level"] != "province"
            cells.append(f"{row['submitted']}/{row['expected']}" if shown else "")
        cells += [format_cell(row.get(c.key), c.kind, lang, unit) for c in columns]
        out.rows.append(cells)
        if row["level"] == "all" or (sub and row["level"] == "region"):
            out.emphasis.add(index)
        following = levels[index + 1] if index + 1 < len(levels) else None
        if (row["level"] == "region" and following == "province") or following == "all":
            out.section_ends.add(index)
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


def plan_table(
    flags: pd.DataFrame,
    catalogue: Catalogue,
    lang: Lang,
    unit: MoneyUnit,
    min_pct: float | None,
    max_pct: float | None,
) -> TextTable:
    """Provinces and regions whose funding percent of plan is outside the bounds."""
    t = TEXT[lang]
    low = "0" if min_pct is None else _percent(min_pct, lang)
    high = "∞" if max_pct is None else _percent(max_pct, lang)
    bounds = f"[{low}%, {high}%]"
    out = TextTable(
        t["plan_title"].format(bounds=bounds),
        [t["period"], t["level"], t["place"], t["plan"], t["actual"], t["pct"], t["limit"]],
        [False, False, False, True, True, True, False],
    )
    for row in rows_of(flags):
        limit_value = min_pct if row["limit"] == "min" else max_pct
        assert limit_value is not None
        limit = t[f"limit.{row['limit']}"].format(value=_percent(limit_value, lang))
        out.rows.append(
            [
                period_label(catalogue, row["period"], row["year"], lang),
                t[f"level.{row['level']}"],
                place_name(row, lang),
                format_cell(row["plan"], "money", lang, unit),
                format_cell(row["actual"], "money", lang, unit),
                format_cell(row["pct_of_plan"], "pct", lang, unit),
                limit,
            ]
        )
    return out


def _percent(value: float, lang: Lang) -> str:
    return format_number(Decimal(repr(float(value))), 4, lang, trim=True)


def files_lines(result: MergeResult, lang: Lang) -> list[str]:
    """Refused and skipped files, each with its reasons (every error, or why it was skipped),
    as lines of text: long paths and messages read better as a list than in a table."""
    t = TEXT[lang]
    lines: list[str] = []
    for f in result.files:
        if f.status == FileStatus.ACCEPTED:
            continue
        lines.append(f"{f.path}: {t[f'status.{f.status.value}']}")
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
