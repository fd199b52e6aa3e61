"""The growth rows of outputs.md: each fact row of a year against the same period and place of
another year (the year before, and the pair the user names with --compare).

Three bases for every place and measure: `actual` (actual against actual), `plan` (plan
against plan) and `plan_vs_prior_actual` (the target year's plan against the base year's
actual, how the conferences state next year's plan). `change` is target - base, exact
(Decimal triệu đồng for money, int for counts); `pct_change` is change / base x 100, rounded
half away from zero to 4 decimals, blank where the base is blank or 0. A blank target gives a
blank change. A place with a figure in only one of the two years keeps its row, with the other
side blank: a province that reported in the target year but not in the base year is shown as
having no base. Rows where neither year has a figure are left out.

A comparison that spans the 2025 merger compares the 34 units with their old provinces rolled
up (see kcstats.growth.rollup); its province rows name in `base_from` the old provinces whose
figures make the base.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kcstats.catalog import Catalogue
from kcstats.growth.rollup import Figure, Key, RolledRow, joined_names, roll_up, spans_merger
from kcstats.regions import RegionSet

GROWTH_COLUMNS = [
    "level",
    "region",
    "province",
    "period",
    "measure",
    "source",
    "base_year",
    "target_year",
    "basis",
    "base",
    "target",
    "change",
    "pct_change",
    "base_from",
]
BASES = ("actual", "plan", "plan_vs_prior_actual")
# basis -> (the base year's field, the target year's field)
BASIS_FIELDS = {
    "actual": ("actual", "actual"),
    "plan": ("plan", "plan"),
    "plan_vs_prior_actual": ("actual", "plan"),
}
LEVELS = ("province", "region", "all")
PCT_DECIMALS = 4
_PCT_SCALE = int(10**PCT_DECIMALS)


@dataclass(frozen=True, slots=True, order=True)
class YearPair:
    """Two years compared for one period: the rows of (base_year, target_year, period)."""

    base_year: int
    target_year: int
    period: str


def empty_growth() -> pd.DataFrame:
    return _frame({column: [] for column in GROWTH_COLUMNS})


def year_pairs(
    facts: pd.DataFrame, catalogue: Catalogue, compare: tuple[int, int] | None = None
) -> list[YearPair]:
    """Every (year before, year, period) that the facts hold both years of, and the pair
    `compare` = (base year, target year) names for each period held in both of its years; in
    time order. A `compare` whose base year is not before its target year is a ValueError."""
    if facts.empty:
        return []
    present = {
        (int(year), str(period))
        for year, period in zip(facts["year"].tolist(), facts["period"].tolist(), strict=True)
    }
    pairs = {YearPair(y - 1, y, p) for y, p in present if (y - 1, p) in present}
    if compare is not None:
        base_year, target_year = compare
        if base_year >= target_year:
            raise ValueError(f"compare: the base year {base_year} must come before {target_year}")
        for code in catalogue.periods:
            if (base_year, code) in present and (target_year, code) in present:
                pairs.add(YearPair(base_year, target_year, code))
    order = {code: i for i, code in enumerate(catalogue.periods)}
    return sorted(pairs, key=lambda p: (p.target_year, p.base_year, order[p.period]))


def compute_growth(
    facts: pd.DataFrame,
    *,
    catalogue: Catalogue,
    regions: RegionSet,
    compare: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """The growth rows of the fact table (columns GROWTH_COLUMNS), for every year whose year
    before is in the facts and for the pair `compare` = (base year, target year).

    `regions` is the region set the facts were merged with: across the merger the base
    year's provinces are re-added into the units they became, in the units' regions."""
    pairs = year_pairs(facts, catalogue, compare)
    if not pairs:
        return empty_growth()
    sides = _Sides(facts)
    columns: dict[str, list[Any]] = {column: [] for column in GROWTH_COLUMNS}
    for pair in pairs:
        _pair_rows(pair, sides, catalogue, regions, columns)
    return _frame(columns)


class _Sides:
    """The fact table split by (year, period), as plain Python rows."""

    def __init__(self, facts: pd.DataFrame) -> None:
        measure, source = facts["measure"].tolist(), _plain(facts["source"])
        self.measure_rank: dict[tuple[str, str | None], int] = {}
        for pair in zip(measure, source, strict=True):
            self.measure_rank.setdefault(pair, len(self.measure_rank))
        self.rows: dict[tuple[int, str], list[tuple[Key, Figure | None, Figure | None]]] = {}
        columns = zip(
            facts["year"].tolist(),
            facts["period"].tolist(),
            facts["level"].tolist(),
            _plain(facts["region"]),
            _plain(facts["province"]),
            measure,
            source,
            _plain(facts["plan"]),
            _plain(facts["actual"]),
            strict=True,
        )
        for year, period, level, region, province, measure, source, plan, actual in columns:
            key: Key = (level, region, province, measure, source)
            self.rows.setdefault((int(year), period), []).append((key, plan, actual))

    def of(self, year: int, period: str) -> list[tuple[Key, Figure | None, Figure | None]]:
        return self.rows.get((year, period), [])


@dataclass(slots=True)
class _Side:
    plan: Figure | None
    actual: Figure | None
    plan_from: str | None = None
    actual_from: str | None = None

    def value(self, field: str) -> Figure | None:
        return self.plan if field == "plan" else self.actual

    def names(self, field: str) -> str | None:
        return self.plan_from if field == "plan" else self.actual_from


def _pair_rows(
    pair: YearPair,
    sides: _Sides,
    catalogue: Catalogue,
    regions: RegionSet,
    out: dict[str, list[Any]],
) -> None:
    target = {
        key: _Side(plan, actual) for key, plan, actual in sides.of(pair.target_year, pair.period)
    }
    base_rows = sides.of(pair.base_year, pair.period)
    if spans_merger(catalogue, pair.base_year, pair.target_year, pair.period):
        base = {_key(row): _rolled_side(row) for row in _rolled(base_rows, catalogue, regions)}
    else:
        base = {key: _Side(plan, actual) for key, plan, actual in base_rows}
    keys = _ordered(
        list(target) + [k for k in base if k not in target], pair, sides, catalogue, regions
    )
    blank = _Side(None, None)
    before = [base.get(key, blank) for key in keys]
    after = [target.get(key, blank) for key in keys]
    # One row per key and basis, key-major: (n keys x 3 bases) flattened row by row.
    n, width = len(keys), len(BASES)
    base_values = np.empty((n, width), dtype=object)
    target_values = np.empty((n, width), dtype=object)
    names = np.empty((n, width), dtype=object)
    provinces = np.array([key[0] == "province" for key in keys], dtype=bool)
    for b, basis in enumerate(BASES):
        base_field, target_field = BASIS_FIELDS[basis]
        base_values[:, b] = [side.value(base_field) for side in before]
        target_values[:, b] = [side.value(target_field) for side in after]
        names[:, b] = [side.names(base_field) for side in before]
    names[~provinces, :] = None
    base_flat, target_flat, names_flat = (
        a.reshape(-1) for a in (base_values, target_values, names)
    )
    keep = np.flatnonzero(
        [x is not None or y is not None for x, y in zip(base_flat, target_flat, strict=True)]
    )
    rows = keep // width
    kept_base = base_flat[keep].tolist()
    kept_target = target_flat[keep].tolist()
    changes = [
        None if x is None or y is None else y - x
        for x, y in zip(kept_base, kept_target, strict=True)
    ]
    key_columns = list(zip(*keys, strict=True)) if keys else [(), (), (), (), ()]
    for position, name in enumerate(("level", "region", "province", "measure", "source")):
        out[name].extend(np.asarray(key_columns[position], dtype=object)[rows].tolist())
    count = len(keep)
    out["period"].extend([pair.period] * count)
    out["base_year"].extend([pair.base_year] * count)
    out["target_year"].extend([pair.target_year] * count)
    out["basis"].extend(np.asarray(BASES, dtype=object)[keep % width].tolist())
    out["base"].extend(kept_base)
    out["target"].extend(kept_target)
    out["change"].extend(changes)
    out["pct_change"].extend(pct_change(c, x) for c, x in zip(changes, kept_base, strict=True))
    out["base_from"].extend(names_flat[keep].tolist())


def _ordered(
    keys: list[Key], pair: YearPair, sides: _Sides, catalogue: Catalogue, regions: RegionSet
) -> list[Key]:
    """Places in the fact table's order: provinces, regions, the total; regions in the region
    set's order, provinces in the catalogue's (of the target year's list), measures as in the
    fact table."""
    era = catalogue.era_of(pair.target_year, pair.period)
    province_rank = {p.name: i for i, p in enumerate(catalogue.provinces_of(era))}
    region_rank = {name: i for i, name in enumerate(regions.regions)}
    level_rank = {name: i for i, name in enumerate(LEVELS)}
    last_region, last_province, last_measure = (
        len(region_rank),
        len(province_rank),
        len(sides.measure_rank),
    )
    return sorted(
        keys,
        key=lambda k: (
            level_rank[k[0]],
            last_region if k[1] is None else region_rank.get(k[1], last_region),
            -1 if k[2] is None else province_rank.get(k[2], last_province),
            sides.measure_rank.get((k[3], k[4]), last_measure),
        ),
    )


def _rolled(
    rows: Sequence[tuple[Key, Figure | None, Figure | None]],
    catalogue: Catalogue,
    regions: RegionSet,
) -> list[RolledRow]:
    provinces = (
        (key[2], key[3], key[4], plan, actual)
        for key, plan, actual in rows
        if key[0] == "province" and key[2] is not None
    )
    return roll_up(provinces, catalogue, regions)


def _key(row: RolledRow) -> Key:
    return (row.level, row.region, row.province, row.measure, row.source)


def _rolled_side(row: RolledRow) -> _Side:
    return _Side(
        row.plan.value,
        row.actual.value,
        joined_names(row.plan.names),
        joined_names(row.actual.names),
    )


def pct_change(change: Figure | None, base: Figure | None) -> float | None:
    """change / base x 100, rounded half away from zero to 4 decimals; None where either is
    blank or the base is 0 (never an error or an infinity). Computed exactly, on integers."""
    if change is None or base is None or base == 0:
        return None
    change_n, change_d = _ratio(change)
    base_n, base_d = _ratio(base)
    numerator = change_n * base_d * 100 * _PCT_SCALE
    denominator = change_d * base_n
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    quotient, remainder = divmod(abs(numerator), denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    signed = quotient if numerator >= 0 else -quotient
    return signed / _PCT_SCALE


def _ratio(value: Figure) -> tuple[int, int]:
    if isinstance(value, int):
        return value, 1
    numerator, denominator = value.as_integer_ratio()
    return int(numerator), int(denominator)


def _plain(column: pd.Series) -> list[Any]:
    """A column's values with every blank (None, NaN, <NA>) as None."""
    values = column.tolist()
    blank = column.isna().to_numpy()
    if blank.any():
        for position in np.flatnonzero(blank).tolist():
            values[position] = None
    return values


def _frame(columns: Mapping[str, Iterable[Any]]) -> pd.DataFrame:
    """The public dtypes: text and figures as Python objects (None for blank), the years
    int64, pct_change Float64."""
    data: dict[str, Any] = {}
    for name in GROWTH_COLUMNS:
        values = list(columns[name])
        if name in ("base_year", "target_year"):
            data[name] = pd.Series(values, dtype="int64")
        elif name == "pct_change":
            data[name] = pd.Series(
                [np.nan if v is None else v for v in values], dtype="float64"
            ).astype("Float64")
        else:
            series = pd.Series(values, dtype=object)
            data[name] = series
    return pd.DataFrame(data, columns=GROWTH_COLUMNS)
