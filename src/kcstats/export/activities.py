"""Money by activity group and region: the table of the summary workbook's activity sheet and
of the terminal, from the fact table's activity funding rows (source `total`: national +
local, or the total a report states where it does not split the money)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from kcstats.catalog import Catalogue
from kcstats.figures import decimal_view
from kcstats.merge.result import records

ALL = "all"


def activity_rows(
    facts: pd.DataFrame,
    regions: Sequence[str],
    catalogue: Catalogue,
    measures: pd.DataFrame | None = None,
) -> list[dict[str, Any]]:
    """One row per (year, period, activity group) with money, in time order then the
    catalogue's order of activities: `year`, `period`, `activity`, and for each region name
    and for ALL the keys `{place}.plan`, `{place}.actual` (Decimal triệu đồng, as
    kcstats.figures.decimal_view shows them), `{place}.pct_of_plan`. Empty when no report
    gives money per activity."""
    if "activity" not in facts:
        return []
    chosen = (
        facts["activity"].notna().to_numpy()
        & (facts["source"] == "total").to_numpy()
        & facts["level"].isin(["region", ALL]).to_numpy()
    )
    sub = facts[chosen]
    if sub.empty:
        return []
    sub = decimal_view(sub, measures)
    fields = ["year", "period", "activity", "level", "region", "plan", "actual", "pct_of_plan"]
    table: dict[tuple[int, str, str], dict[str, Any]] = {}
    for fact in records(sub[fields]):
        if fact["plan"] is None and fact["actual"] is None and fact["level"] == ALL:
            continue  # no place gives money for it in this period
        row = table.setdefault(
            (fact["year"], fact["period"], fact["activity"]),
            {"year": fact["year"], "period": fact["period"], "activity": fact["activity"]},
        )
        place = ALL if fact["level"] == ALL else fact["region"]
        for name in ("plan", "actual", "pct_of_plan"):
            row[f"{place}.{name}"] = fact[name]
    periods = {code: i for i, code in enumerate(catalogue.periods)}
    activities = {code: i for i, code in enumerate(catalogue.activities)}
    shown = [row for row in table.values() if f"{ALL}.plan" in row]
    return sorted(shown, key=lambda r: (r["year"], periods[r["period"]], activities[r["activity"]]))


def present_regions(rows: Sequence[dict[str, Any]], regions: Sequence[str]) -> list[str]:
    """The regions, in the region set's order, where some row has a figure."""
    return [
        name
        for name in regions
        if any(
            row.get(f"{name}.plan") is not None or row.get(f"{name}.actual") is not None
            for row in rows
        )
    ]
