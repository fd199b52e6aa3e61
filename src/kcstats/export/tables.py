"""The merge's tables as text for people: one model that the terminal (rich) and Markdown both
draw, so that they always show the same figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from kcstats.catalog import Catalogue
from kcstats.catalogue_file import TOTAL
from kcstats.export.activities import ALL, activity_rows, present_regions
from kcstats.export.view_options import ViewOptions
from kcstats.export.views import (
    MONEY_UNIT_LABEL,
    TEXT,
    Column,
    Kind,
    MoneyUnit,
    blocks,
    format_cell,
    format_number,
    funding_columns,
    indicator_columns,
    is_blank,
    no_activity,
    period_label,
    place_name,
    places,
)
from kcstats.figures import decimal_view, shown_values
from kcstats.growth import NAME_JOINER, predecessors, spans_merger
from kcstats.merge.result import MergeResult
from kcstats.merge.result import records as rows_of
from kcstats.model import FileStatus
from kcstats.problems import Lang, Severity
from kcstats.untrusted import name_text


@dataclass(slots=True)
class TextTable:
    title: str
    headers: list[str]
    numeric: list[bool]
    rows: list[list[str]] = field(default_factory=list)
    emphasis: set[int] = field(default_factory=set)  # total rows, shown bold
    section_ends: set[int] = field(default_factory=set)  # a rule after these rows
    notes: list[str] = field(default_factory=list)  # lines shown under the table
    label_width: int | None = None  # where a label may wrap, if not the terminal's default


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
    # The catalogue's labels are long: wrapped narrow, the table fits 80 columns.
    out = TextTable(title, headers, [False] + [True] * len(columns), label_width=ACTIVITY_WIDTH)
    for row in rows:
        out.rows.append(
            [
                labels[row["activity"]].label(lang),
                *(format_cell(row.get(c.key), c.kind, lang, unit) for c in columns),
            ]
        )
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


Place = tuple[str, str | None, str | None]  # level, region, province


def growth_tables(
    result: MergeResult,
    catalogue: Catalogue,
    lang: Lang,
    unit: MoneyUnit,
    *,
    by_province: bool = False,
) -> list[TextTable]:
    """For each pair of years compared and period: total funding spent in both years, its
    change, the target year's plan against the base year's actual, and the change of the main
    indicators; by region, or with `by_province` by province under each region, with the old
    provinces each base was built from when the pair spans the 2025 merger.

    A place with a figure in the target year but none in the base year says so ('no base');
    under the table, a note says when the base year was re-added into the new units, and
    which units' bases lack some of their old provinces."""
    growth = result.growth
    if growth.empty:
        return []
    t = TEXT[lang]
    levels = ["province", "region", "all"] if by_province else ["region", "all"]
    wanted = (
        ((growth["measure"] == "funding") & (growth["source"] == "total") & no_activity(growth))
        | growth["measure"].isin(catalogue.main_indicators)
    ).to_numpy()
    if not by_province:
        wanted = wanted & _unless_unshown_provinces(growth, catalogue)
    pairs: dict[tuple[int, str, int], dict[Place, dict[tuple[str, str], dict[str, Any]]]] = {}
    for row in rows_of(decimal_view(growth[wanted], result.measures)):
        pair = (row["base_year"], row["period"], row["target_year"])
        place: Place = (row["level"], row["region"], row["province"])
        cells = pairs.setdefault(pair, {}).setdefault(place, {})
        cells[(row["measure"], row["basis"])] = row
    out: list[TextTable] = []
    for (base_year, period, target_year), by_place in pairs.items():
        spanning = spans_merger(catalogue, base_year, target_year, period)
        shown = _growth_places([p for p in by_place if p[0] in levels], by_province)
        indicators = [
            code
            for code in catalogue.main_indicators
            if any((code, "actual") in by_place[p] for p in shown)
        ]
        with_from = by_province and spanning
        headers = [
            t["province"] if by_province else t["region"],
            t["growth_actual"].format(year=base_year),
            t["growth_actual"].format(year=target_year),
            t["change"],
            t["growth_pct"],
            t["growth_plan_vs"].format(target=target_year, base=base_year),
            *(
                t["growth_indicator"].format(name=catalogue.indicators[c].short(lang))
                for c in indicators
            ),
        ]
        numeric = [False] + [True] * (len(headers) - 1)
        if with_from:
            headers.append(t["base_from"])
            numeric.append(False)
        title = t["growth_title"].format(
            target=period_label(catalogue, period, target_year, lang),
            base=period_label(catalogue, period, base_year, lang),
            unit=MONEY_UNIT_LABEL[unit],
        )
        table = TextTable(title, headers, numeric)
        for index, place in enumerate(shown):
            cells = by_place[place]
            spent = cells.get(("funding", "actual"))
            planned = cells.get(("funding", "plan_vs_prior_actual"))
            level, region, province = place
            name = place_name({"level": level, "region": region, "province": province}, lang)
            if by_province and level == "region":
                name = t["subtotal"].format(region=name)
            line = [
                name,
                _base_cell(spent, "money", lang, unit),
                _growth_cell(spent, "target", "money", lang, unit),
                _growth_cell(spent, "change", "money", lang, unit),
                _growth_cell(spent, "pct_change", "change_pct", lang, unit),
                _growth_cell(planned, "pct_change", "change_pct", lang, unit),
                *(
                    _growth_cell(
                        cells.get((code, "actual")), "pct_change", "change_pct", lang, unit
                    )
                    for code in indicators
                ),
            ]
            if with_from:
                line.append(_base_from(cells))
            table.rows.append(line)
            if level == "all" or (by_province and level == "region"):
                table.emphasis.add(index)
            following = shown[index + 1][0] if index + 1 < len(shown) else None
            if (level == "region" and following == "province") or following == "all":
                table.section_ends.add(index)
        if spanning:
            table.notes.append(t["growth_merger_note"].format(base=base_year))
            table.notes += _partial_notes(by_place, catalogue, lang)
        out.append(table)
    return out


def _unless_unshown_provinces(growth: pd.DataFrame, catalogue: Catalogue) -> np.ndarray:
    """Rows but the province rows that a table by region does not use: it uses them only
    for the notes of a comparison that spans the 2025 merger."""
    province = (growth["level"] == "province").to_numpy()
    keep = ~province
    pairs = growth.loc[province, ["base_year", "target_year", "period"]].drop_duplicates()
    for base_year, target_year, period in pairs.itertuples(index=False):
        if spans_merger(catalogue, int(base_year), int(target_year), str(period)):
            keep |= (
                province
                & (growth["base_year"] == base_year).to_numpy()
                & (growth["target_year"] == target_year).to_numpy()
                & (growth["period"] == period).to_numpy()
            )
    return keep


def _growth_places(found: list[Place], by_province: bool) -> list[Place]:
    """Regions in the growth table's order (then the total); with `by_province`, each region's
    provinces above it."""
    regions = [p for p in found if p[0] == "region"]
    everything = [p for p in found if p[0] == "all"]
    if not by_province:
        return regions + everything
    ordered: list[Place] = []
    provinces = [p for p in found if p[0] == "province"]
    names = [r[1] for r in regions]
    for region in regions:
        ordered += [p for p in provinces if p[1] == region[1]]
        ordered.append(region)
    ordered += [p for p in provinces if p[1] not in names]
    return ordered + everything


def _growth_cell(
    row: dict[str, Any] | None, name: str, kind: Kind, lang: Lang, unit: MoneyUnit
) -> str:
    """A figure of a growth row; a change or percent with its sign."""
    value = None if row is None else row[name]
    text = format_cell(value, kind, lang, unit)
    if name in ("change", "pct_change") and value is not None and not is_blank(value) and value > 0:
        return "+" + text
    return text


def _base_cell(row: dict[str, Any] | None, kind: Kind, lang: Lang, unit: MoneyUnit) -> str:
    if row is not None and row["base"] is None and row["target"] is not None:
        return TEXT[lang]["no_base"]
    return _growth_cell(row, "base", kind, lang, unit)


def _base_from(cells: dict[tuple[str, str], dict[str, Any]]) -> str:
    """The old provinces whose figures make a unit's base, from its funding rows."""
    for basis in ("actual", "plan"):
        row = cells.get(("funding", basis))
        if row is not None and row["base_from"]:
            return str(row["base_from"])
    return ""


def _partial_notes(
    by_place: dict[Place, dict[tuple[str, str], dict[str, Any]]], catalogue: Catalogue, lang: Lang
) -> list[str]:
    """Units whose rolled-up base lacks some of their old provinces (funding spent, or
    planned where nothing was spent)."""
    t = TEXT[lang]
    units = {p.name: p for p in catalogue.provinces_of("34")}
    notes = []
    for (level, _region, province), cells in by_place.items():
        if level != "province" or province not in units:
            continue
        had = _base_from(cells)
        if not had:
            continue
        names = had.split(NAME_JOINER)
        lacking = [p.name for p in predecessors(catalogue, units[province]) if p.name not in names]
        if lacking:
            notes.append(
                t["growth_partial_note"].format(unit=province, had=had, lacking=", ".join(lacking))
            )
    return notes


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
    low = "0" if min_pct is None else _percent(min_pct, lang)
    high = "∞" if max_pct is None else _percent(max_pct, lang)
    bounds = f"[{low}%, {high}%]"
    out = TextTable(
        t["plan_title"].format(bounds=bounds),
        [t["period"], t["level"], t["place"], t["plan"], t["actual"], t["pct"], t["limit"]],
        [False, False, False, True, True, True, False],
    )
    # Funding totals (MergeResult.plan_check): money, in the store's integers.
    shown = flags.assign(
        plan=shown_values(flags["plan"], True), actual=shown_values(flags["actual"], True)
    )
    for row in rows_of(shown):
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
