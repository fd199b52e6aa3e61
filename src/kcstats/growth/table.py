"""The growth rows of outputs.md: each fact row of a year against the same period and place of
another year (the year before, and the pair the user names with --compare).

Three bases for every place and measure: `actual` (actual against actual), `plan` (plan
against plan) and `plan_vs_prior_actual` (the target year's plan against the base year's
actual, how the conferences state next year's plan; a plan is the whole year's in every
period's report, so for a period other than FY its base is the base year's FY actual, and
there are no such rows where the facts hold no FY of the base year). `base`, `target` and
`change` (target - base) are the fact store's integers (kcstats.figures: Int64, thousandths of a
triệu đồng for money, counts as they are), exact; `pct_change` is change / base x 100, rounded
half away from zero to 4 decimals, blank where the base is blank or 0. A blank target gives a
blank change. A place with a figure in only one of the two years keeps its row, with the other
side blank: a province that reported in the target year but not in the base year is shown as
having no base. Rows where neither year has a figure are left out.

A comparison that spans the 2025 merger compares the 34 units with their old provinces rolled
up (see kcstats.growth.rollup); its province rows name in `base_from` the old provinces whose
figures make the base.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from kcstats.catalog import Catalogue
from kcstats.figures import store_numbers
from kcstats.growth.rollup import Key, RolledRow, joined_names, roll_up, spans_merger
from kcstats.regions import RegionSet

GROWTH_COLUMNS = [
    "level",
    "region",
    "province",
    "period",
    "measure",
    "source",
    "activity",
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
FULL_YEAR = "FY"
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
    parts = [_pair_rows(pair, sides, catalogue, regions) for pair in pairs]
    del sides
    return _frame_of_parts(parts)


_NUMBERS = {"base_year": "int64", "target_year": "int64", "pct_change": "float64"}
_FIGURES = ("base", "target", "change")


def _frame_of_parts(parts: list[dict[str, np.ndarray]]) -> pd.DataFrame:
    """The rows of every pair in one frame, with the dtypes of _frame: the object columns
    written once into one block (what the DataFrame holds), each part freed when copied."""
    texts = [name for name in GROWTH_COLUMNS if name not in _NUMBERS and name not in _FIGURES]
    total = sum(len(part["basis"]) for part in parts)
    exact = any(part["base"].dtype == object for part in parts)
    block = np.empty((total, len(texts)), dtype=object)
    numbers = {name: np.empty(total, dtype=dtype) for name, dtype in _NUMBERS.items()}
    figures = {name: np.empty(total, dtype=object if exact else "int64") for name in _FIGURES}
    blanks = {name: np.empty(total, dtype=bool) for name in _FIGURES}
    start = 0
    parts.reverse()
    while parts:
        part = parts.pop()
        stop = start + len(part["basis"])
        for column, name in enumerate(texts):
            block[start:stop, column] = part[name]
        for name, values in numbers.items():
            values[start:stop] = part[name]
        for name in _FIGURES:
            figures[name][start:stop] = part[name]
            blanks[name][start:stop] = part[f"{name}_blank"]
        start = stop
    # dtype=object: Python objects as they are (pandas would read text columns as strings).
    frame = pd.DataFrame(block, columns=texts, dtype=object, copy=False)
    for name in GROWTH_COLUMNS:
        if name in _NUMBERS:
            series = pd.Series(numbers.pop(name), dtype=_NUMBERS[name])
            if name == "pct_change":
                series = series.astype("Float64")  # NaN: blank, as _frame makes it
        elif name in _FIGURES:
            series = _figure_series(figures.pop(name), blanks.pop(name))
        else:
            continue
        frame.insert(GROWTH_COLUMNS.index(name), name, series)
    return frame


def _figure_series(values: np.ndarray, blank: np.ndarray) -> pd.Series:
    """Store integers as the fact table holds them: Int64, or Python ints (None for blank)."""
    if values.dtype == object:
        values = values.copy()
        values[blank] = None
        return pd.Series(values, dtype=object)
    return pd.Series(pd.arrays.IntegerArray(values, blank))


class _Sides:
    """The fact table split by (year, period): for each, its keys and their rows' positions;
    and the figures of every row, the store's integers."""

    def __init__(self, facts: pd.DataFrame) -> None:
        measure, source = facts["measure"].tolist(), _plain(facts["source"])
        # A fact table from before activity funding has no activity column: none is given.
        activity = _plain(facts["activity"]) if "activity" in facts else [None] * len(facts)
        self.measure_rank: dict[tuple[str, str | None, str | None], int] = {}
        for triple in zip(measure, source, activity, strict=True):
            self.measure_rank.setdefault(triple, len(self.measure_rank))
        keys = zip(
            facts["level"].tolist(),
            _plain(facts["region"]),
            _plain(facts["province"]),
            measure,
            source,
            activity,
            strict=True,
        )
        self.ranks: dict[str, dict[Key, tuple[int, int, int, int]]] = {}  # era -> key -> rank
        self.rows: dict[tuple[int, str], dict[Key, int]] = {}
        years, periods = facts["year"].tolist(), facts["period"].tolist()
        group: dict[Key, int] = {}
        last_year, last_period = None, None
        for position, (year, period, key) in enumerate(zip(years, periods, keys, strict=True)):
            if year != last_year or period != last_period:  # the facts come in runs
                group = self.rows.setdefault((int(year), period), {})
                last_year, last_period = year, period
            group[key] = position
        self.figures = {name: _Figures.of(facts[name]) for name in ("plan", "actual")}
        self.exact = any(f.numbers.dtype == object for f in self.figures.values())

    def of(self, year: int, period: str) -> dict[Key, int]:
        return self.rows.get((year, period), {})


class _Figures:
    """A column of store integers with one more, blank, slot at the end (position -1: no such
    row): `numbers` (int64, or Python ints on the fact store's exact path; 0 where blank) and
    `blank`."""

    def __init__(self, numbers: np.ndarray, blank: np.ndarray) -> None:
        self.numbers = numbers
        self.blank = blank

    @classmethod
    def of(cls, column: pd.Series) -> _Figures:
        numbers, blank = store_numbers(column)
        return cls(np.append(numbers, 0), np.append(blank, True))

    @classmethod
    def of_values(cls, values: list[int | None], exact: bool) -> _Figures:
        """Integers or None (blank), and the blank slot; Python ints where `exact`."""
        blank = np.array([v is None for v in values] + [True], dtype=bool)
        numbers = np.empty(len(blank), dtype=object if exact else "int64")
        numbers[:] = [0 if v is None else v for v in values] + [0]
        return cls(numbers, blank)

    def take(self, positions: np.ndarray) -> _Figures:
        return _Figures(self.numbers[positions], self.blank[positions])


# Changes below this times 10^6 stay inside int64: far beyond any budget (9 × 10^12 thousand
# đồng is 9 × 10^9 triệu). Larger ones are computed in Python, exactly as well.
_INT_LIMIT = 9 * 10**12
_FLOAT_EXACT = 2**53  # integers a float holds exactly


def _pair_rows(
    pair: YearPair, sides: _Sides, catalogue: Catalogue, regions: RegionSet
) -> dict[str, np.ndarray]:
    target = sides.of(pair.target_year, pair.period)
    base_positions = sides.of(pair.base_year, pair.period)
    rolled: list[RolledRow] | None = None
    if spans_merger(catalogue, pair.base_year, pair.target_year, pair.period):
        rolled = _rolled(base_positions, sides, catalogue, regions)
        base = {_key(row): index for index, row in enumerate(rolled)}
    else:
        base = _renamed(base_positions, pair, catalogue)
    keys = _ordered(
        list(target) + [k for k in base if k not in target], pair, sides, catalogue, regions
    )
    # (n keys x 3 bases), then flattened key-major: one row per key and basis.
    n, width = len(keys), len(BASES)
    target_at = np.fromiter((target.get(k, -1) for k in keys), dtype="int64", count=n)
    base_at = np.fromiter((base.get(k, -1) for k in keys), dtype="int64", count=n)
    base_sides = (
        {
            "plan": sides.figures["plan"].take(base_at),
            "actual": sides.figures["actual"].take(base_at),
        }
        if rolled is None
        else _rolled_figures(rolled, base_at, sides.exact)
    )
    names = np.full((n, width), None, dtype=object)
    provinces = np.array([key[0] == "province" for key in keys], dtype=bool)
    if rolled is not None:
        for b, basis in enumerate(BASES):
            base_field = BASIS_FIELDS[basis][0]
            names[provinces, b] = _rolled_names(rolled, base_at[provinces], base_field)
    before: list[_Figures] = []
    after: list[_Figures] = []
    for basis in BASES:
        base_field, target_field = BASIS_FIELDS[basis]
        before.append(base_sides[base_field])
        after.append(sides.figures[target_field].take(target_at))
    if pair.period != FULL_YEAR:
        # A plan is the whole year's in every period's report: it is compared with the base
        # year's full-year actual, never with a part of a year's. No FY reports: no rows.
        prior = _full_year_actual(pair, keys, sides, catalogue, regions)
        column = BASES.index("plan_vs_prior_actual")
        if prior is None:
            before[column] = after[column] = sides.figures["actual"].take(np.full(n, -1))
        else:
            before[column], names[:, column] = prior
            names[~provinces, column] = None
    base_numbers = np.stack([f.numbers for f in before], axis=1).reshape(-1)
    target_numbers = np.stack([f.numbers for f in after], axis=1).reshape(-1)
    base_blank = np.stack([f.blank for f in before], axis=1).reshape(-1)
    target_blank = np.stack([f.blank for f in after], axis=1).reshape(-1)
    keep = np.flatnonzero(~(base_blank & target_blank))
    base_numbers, target_numbers = base_numbers[keep], target_numbers[keep]
    base_blank, target_blank = base_blank[keep], target_blank[keep]
    both = ~base_blank & ~target_blank
    # Figures are never negative, so a change is no larger than the larger side: no int64
    # overflow (a blank side holds 0, and its change is blank).
    changes = target_numbers - base_numbers
    pct = _pct_changes(changes, base_numbers, both)
    rows = keep // width
    key_columns = np.empty((n, 6), dtype=object)
    key_columns[:] = keys if keys else np.empty((0, 6), dtype=object)
    count = len(keep)
    out = {
        name: key_columns[rows, position]
        for position, name in enumerate(
            ("level", "region", "province", "measure", "source", "activity")
        )
    }
    # Not np.full(count, period, dtype=object): that makes a new str for every row.
    out["period"] = np.empty(count, dtype=object)
    out["period"][:] = pair.period
    out["base_year"] = np.full(count, pair.base_year, dtype="int64")
    out["target_year"] = np.full(count, pair.target_year, dtype="int64")
    out["basis"] = np.asarray(BASES, dtype=object)[keep % width]
    out["base"], out["base_blank"] = base_numbers, base_blank
    out["target"], out["target_blank"] = target_numbers, target_blank
    out["change"], out["change_blank"] = changes, ~both
    out["pct_change"] = pct
    out["base_from"] = names.reshape(-1)[keep]
    return out


def _pct_changes(changes: np.ndarray, bases: np.ndarray, both: np.ndarray) -> np.ndarray:
    """pct_change of every row (NaN where it is None), on int64 where change x 10^6 fits, in
    Python (pct_change) for the few others and on the exact path: the same numbers."""
    pct = np.full(len(changes), np.nan, dtype="float64")
    wanted = both & (bases != 0)  # a base of 0: no percent, nothing to compute
    if changes.dtype == object:
        fast = np.zeros(len(changes), dtype=bool)
    else:
        fast = wanted & (np.abs(changes) < _INT_LIMIT)
    numerator = changes[fast] * (100 * _PCT_SCALE)
    denominator = bases[fast]
    negative = denominator < 0
    numerator[negative] = -numerator[negative]
    denominator = np.abs(denominator)
    quotient, remainder = np.divmod(np.abs(numerator), denominator)
    quotient += 2 * remainder >= denominator
    signed = np.where(numerator >= 0, quotient, -quotient)
    pct[fast] = signed / _PCT_SCALE
    # Past 2^53 the division starts from a rounded float: such a percent (over 9 × 10^11 %)
    # is divided again in Python, whose int / int rounds once, as pct_change does.
    inexact = np.flatnonzero(fast)[np.abs(signed) >= _FLOAT_EXACT]
    fast[inexact] = False
    for position in np.flatnonzero(wanted & ~fast).tolist():
        value = pct_change(int(changes[position]), int(bases[position]))
        if value is not None:
            pct[position] = value
    return pct


def _ordered(
    keys: list[Key], pair: YearPair, sides: _Sides, catalogue: Catalogue, regions: RegionSet
) -> list[Key]:
    """Places in the fact table's order: provinces, regions, the total; regions in the region
    set's order, provinces in the catalogue's (of the target year's list), measures as in the
    fact table."""
    era = catalogue.era_of(pair.target_year, pair.period)
    ranks = sides.ranks.get(era)
    if ranks is None:
        ranks = sides.ranks[era] = {}
    missing = [key for key in keys if key not in ranks]
    if missing:
        province_rank = {p.name: i for i, p in enumerate(catalogue.provinces_of(era))}
        region_rank = {name: i for i, name in enumerate(regions.regions)}
        level_rank = {name: i for i, name in enumerate(LEVELS)}
        last_region, last_province, last_measure = (
            len(region_rank),
            len(province_rank),
            len(sides.measure_rank),
        )
        for k in missing:
            ranks[k] = (
                level_rank[k[0]],
                last_region if k[1] is None else region_rank.get(k[1], last_region),
                -1 if k[2] is None else province_rank.get(k[2], last_province),
                sides.measure_rank.get((k[3], k[4], k[5]), last_measure),
            )
    return sorted(keys, key=ranks.__getitem__)


def _renamed(rows: dict[Key, int], pair: YearPair, catalogue: Catalogue) -> dict[Key, int]:
    """The base year's rows with each province named as in the target year's period: a
    province renamed in between (Thừa Thiên Huế, the city Huế from 2025) is one place."""
    end = catalogue.periods[pair.period].end_date(pair.target_year)
    era = catalogue.era_of(pair.target_year, pair.period)
    names = {
        name: now
        for p in catalogue.provinces_of(era)
        if p.renamed
        for now in (catalogue.as_of(p, end).name,)
        for name in catalogue.names_of(p)
        if name != now
    }
    # Only a base row under another name than the target's needs a new key: without one,
    # every key would come out as it went in (the rows of 14 year pairs, 78,000 keys).
    if not names or not any(k[2] in names for k in rows if k[0] == "province"):
        return rows
    return {
        (k[0], k[1], names.get(k[2], k[2]) if k[0] == "province" and k[2] else k[2], *k[3:]): at
        for k, at in rows.items()
    }


def _full_year_actual(
    pair: YearPair, keys: list[Key], sides: _Sides, catalogue: Catalogue, regions: RegionSet
) -> tuple[_Figures, np.ndarray] | None:
    """The base year's FY actual of each key, rolled up into the 34 units where the base
    year's FY names the 63 and the target year's period the 34; and the old provinces that
    make each rolled-up figure. None when the facts hold no FY of the base year."""
    rows = sides.of(pair.base_year, FULL_YEAR)
    if not rows:
        return None
    names = np.full(len(keys), None, dtype=object)
    if catalogue.era_of(pair.base_year, FULL_YEAR) == "63" and (
        catalogue.era_of(pair.target_year, pair.period) == "34"
    ):
        rolled = _rolled(rows, sides, catalogue, regions)
        index = {_key(row): i for i, row in enumerate(rolled)}
        at = np.fromiter((index.get(k, -1) for k in keys), dtype="int64", count=len(keys))
        figures = _rolled_figures(rolled, at, sides.exact)["actual"]
        return figures, _rolled_names(rolled, at, "actual")
    at = np.fromiter((rows.get(k, -1) for k in keys), dtype="int64", count=len(keys))
    return sides.figures["actual"].take(at), names


def _rolled(
    rows: Mapping[Key, int], sides: _Sides, catalogue: Catalogue, regions: RegionSet
) -> list[RolledRow]:
    plan, actual = sides.figures["plan"], sides.figures["actual"]

    def figure(figures: _Figures, position: int) -> int | None:
        return None if figures.blank[position] else int(figures.numbers[position])

    provinces = (
        (key[2], key[3], key[4], key[5], figure(plan, position), figure(actual, position))
        for key, position in rows.items()
        if key[0] == "province" and key[2] is not None
    )
    return roll_up(provinces, catalogue, regions)


def _key(row: RolledRow) -> Key:
    return (row.level, row.region, row.province, row.measure, row.source, row.activity)


def _rolled_figures(
    rolled: list[RolledRow], positions: np.ndarray, exact: bool
) -> dict[str, _Figures]:
    """The rolled-up base's figures at `positions` (-1: no such row)."""
    return {
        "plan": _Figures.of_values([row.plan.value for row in rolled], exact).take(positions),
        "actual": _Figures.of_values([row.actual.value for row in rolled], exact).take(positions),
    }


def _rolled_names(rolled: list[RolledRow], positions: np.ndarray, field: str) -> np.ndarray:
    """The old provinces whose `field` figures make the rolled-up base at `positions`."""
    names = np.empty(len(rolled) + 1, dtype=object)
    names[:] = [
        *(joined_names((row.plan if field == "plan" else row.actual).names) for row in rolled),
        None,
    ]
    taken: np.ndarray = names[positions]
    return taken


def pct_change(change: Decimal | int | None, base: Decimal | int | None) -> float | None:
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


def _ratio(value: Decimal | int) -> tuple[int, int]:
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
    """The public dtypes: text as Python objects (None for blank), figures Int64 (store
    integers), the years int64, pct_change Float64 (from floats, NaN for blank)."""
    data: dict[str, Any] = {}
    for name in GROWTH_COLUMNS:
        values = columns[name]
        if not isinstance(values, np.ndarray):
            values = list(values)
        if name in ("base_year", "target_year"):
            data[name] = pd.Series(values, dtype="int64")
        elif name == "pct_change":
            data[name] = pd.Series(
                [np.nan if v is None else v for v in values]
                if isinstance(values, list)
                else values,
                dtype="float64",
            ).astype("Float64")
        elif name in _FIGURES:
            data[name] = pd.Series(values, dtype="Int64")
        else:
            data[name] = pd.Series(values, dtype=object)
    return pd.DataFrame(data, columns=GROWTH_COLUMNS)
