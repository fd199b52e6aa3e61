"""The growth tables of the human view (terminal and Markdown): funding and the main
indicators of a year against an earlier one, on the three bases of outputs.md."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kcstats.catalog import Catalogue
from kcstats.export.text_table import Cell, TextTable, cell, money_rows
from kcstats.export.view_options import ViewOptions
from kcstats.export.views import MONEY_UNIT_LABEL, TEXT, period_label, place_name
from kcstats.figures import decimal_view, funding_total
from kcstats.growth import NAME_JOINER, predecessors, spans_merger
from kcstats.growth.table import FULL_YEAR
from kcstats.merge.result import MergeResult
from kcstats.merge.result import records as rows_of
from kcstats.problems import Lang

Place = tuple[str, str | None, str | None]  # level, region, province
Cells = dict[tuple[str, str], dict[str, Any]]  # (measure, basis) -> growth row
PRIOR = "plan_vs_prior_actual"


def growth_tables(result: MergeResult, catalogue: Catalogue, view: ViewOptions) -> list[TextTable]:
    """For each pair of years compared and period, by region (or with `by_province` by
    province under each region), in groups of columns:

    - funding spent (actual against actual): both years, the change and its percent;
    - the target year's funding plan, against the base year's plan (plan against plan) and
      against the base year's actual (plan against prior actual: for a period other than FY
      the base year's full-year actual, and said so in the heading; without FY reports of
      the base year the column is left out and a note under the table says why);
    - the change of each main indicator (actual against actual);
    - across the 2025 merger, with `by_province`, the old provinces each base was built from.

    A place with a figure in the target year but none in the base year says so ('no base');
    under the table, a note says when the base year was re-added into the new units, and
    which units' bases lack some of their old provinces."""
    growth = result.growth
    if growth.empty:
        return []
    by_province = view.by_province
    levels = ["province", "region", "all"] if by_province else ["region", "all"]
    wanted = funding_total(growth) | growth["measure"].isin(catalogue.main_indicators).to_numpy()
    if not by_province:
        wanted = wanted & _unless_unshown_provinces(growth, catalogue)
    pairs: dict[tuple[int, str, int], dict[Place, Cells]] = {}
    for row in rows_of(decimal_view(growth[wanted], result.measures)):
        pair = (row["base_year"], row["period"], row["target_year"])
        place: Place = (row["level"], row["region"], row["province"])
        cells = pairs.setdefault(pair, {}).setdefault(place, {})
        cells[(row["measure"], row["basis"])] = row
    return [
        _growth_table(pair, by_place, catalogue, view, levels) for pair, by_place in pairs.items()
    ]


def _growth_table(
    pair: tuple[int, str, int],
    by_place: dict[Place, Cells],
    catalogue: Catalogue,
    view: ViewOptions,
    levels: list[str],
) -> TextTable:
    base_year, period, target_year = pair
    lang, unit, by_province = view.lang, view.unit, view.by_province
    t = TEXT[lang]
    spanning = spans_merger(catalogue, base_year, target_year, period)
    shown = _growth_places([p for p in by_place if p[0] in levels], by_province)
    indicators = [
        code
        for code in catalogue.main_indicators
        if any((code, "actual") in by_place[p] for p in shown)
    ]
    # Plan against prior actual: a part of a year's plan is the whole year's, compared with
    # the base year's full-year actual (growth.table); none where there is no FY report.
    with_prior = any(("funding", PRIOR) in by_place[p] for p in shown)
    prior_heading = "growth_plan_vs" if period == FULL_YEAR else "growth_plan_vs_full"
    with_from = by_province and spanning
    years = {"target": target_year, "base": base_year}
    headers = [
        t["province"] if by_province else t["region"],
        t["growth_actual"].format(year=base_year),
        t["growth_actual"].format(year=target_year),
        t["change"],
        t["growth_pct"],
        t["growth_plan"].format(year=target_year),
        t["growth_plan_vs_plan"].format(**years),
    ]
    if with_prior:
        headers.append(t[prior_heading].format(**years))
    breaks = {1, 5}
    for code in indicators:
        breaks.add(len(headers))
        headers.append(t["growth_indicator"].format(name=catalogue.indicators[code].short(lang)))
    numeric = [False] + [True] * (len(headers) - 1)
    if with_from:
        breaks.add(len(headers))
        headers.append(t["base_from"])
        numeric.append(False)
    title = t["growth_title"].format(
        target=period_label(catalogue, period, target_year, lang),
        base=period_label(catalogue, period, base_year, lang),
        unit=MONEY_UNIT_LABEL[unit],
    )
    table = TextTable(title, headers, numeric, breaks=breaks, continued=t["continued"])
    rows: list[list[Cell]] = []
    for index, place in enumerate(shown):
        cells = by_place[place]
        spent = cells.get(("funding", "actual"))
        planned = cells.get(("funding", "plan"))
        prior = cells.get(("funding", PRIOR))
        level, region, province = place
        name = place_name({"level": level, "region": region, "province": province}, lang)
        if by_province and level == "region":
            name = t["subtotal"].format(region=name)
        plan = planned if planned is not None else prior
        line: list[Cell] = [
            name,
            _base_cell(spent, lang, view),
            _figure(spent, "target", "money", view),
            _figure(spent, "change", "money", view),
            _figure(spent, "pct_change", "change_pct", view),
            _figure(plan, "target", "money", view),
            _figure(planned, "pct_change", "change_pct", view),
        ]
        if with_prior:
            line.append(_figure(prior, "pct_change", "change_pct", view))
        line += [
            _figure(cells.get((code, "actual")), "pct_change", "change_pct", view)
            for code in indicators
        ]
        if with_from:
            line.append(_base_from(cells))
        rows.append(line)
        if level == "all" or (by_province and level == "region"):
            table.emphasis.add(index)
        following = shown[index + 1][0] if index + 1 < len(shown) else None
        if (level == "region" and following == "province") or following == "all":
            table.section_ends.add(index)
    table.rows = money_rows(rows, lang, unit)
    if not with_prior:
        table.notes.append(t["growth_prior_absent"].format(**years))
    if spanning:
        table.notes.append(t["growth_merger_note"].format(base=base_year))
        table.notes += _partial_notes(by_place, catalogue, lang)
    return table


def _figure(row: dict[str, Any] | None, name: str, kind: Any, view: ViewOptions) -> Cell:
    """A figure of a growth row; a change or percent with its sign."""
    value = None if row is None else row[name]
    signed = name in ("change", "pct_change")
    return cell(value, kind, view.lang, view.unit, signed=signed)


def _base_cell(row: dict[str, Any] | None, lang: Lang, view: ViewOptions) -> Cell:
    if row is not None and row["base"] is None and row["target"] is not None:
        return TEXT[lang]["no_base"]
    return _figure(row, "base", "money", view)


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


def _base_from(cells: Cells) -> str:
    """The old provinces whose figures make a unit's base, from its funding rows."""
    for basis in ("actual", "plan"):
        row = cells.get(("funding", basis))
        if row is not None and row["base_from"]:
            return str(row["base_from"])
    return ""


def _partial_notes(by_place: dict[Place, Cells], catalogue: Catalogue, lang: Lang) -> list[str]:
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
