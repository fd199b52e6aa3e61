"""The fact table of outputs.md, built with vectorised pandas from the accepted reports.

One Python pass turns the reports into integer figures at positions of a dense grid (every
report x every measure); everything after it is array work: province rows -> region rows
(groupby) -> all rows (groupby), percent of plan, and the missing provinces (merges).

The table is the fact store of kcstats.figures: `plan` and `actual` are nullable Int64, money
in thousandths of a triệu đồng (thousand đồng), counts as they are, <NA> for blank; where the
largest figure times the number of reports could pass 2^63 the same integers are Python ints
in object columns. The measure table says which rows are money. Figures become Decimal only
where they are written (kcstats.figures.shown_values).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from kcstats.catalog import Catalogue, Era
from kcstats.figures import MONEY_UNIT, PROJECTS_UNIT, SCALE, measure_table
from kcstats.model import Report
from kcstats.regions import RegionSet
from kcstats.report_figures import ActivityFigures, ReportFigureIndex

FACT_COLUMNS = [
    "level",
    "region",
    "province",
    "year",
    "period",
    "measure",
    "source",
    "activity",
    "unit",
    "plan",
    "actual",
    "pct_of_plan",
    "reports",
    "expected",
]
MISSING_COLUMNS = ["region", "year", "period", "province"]
LEVELS = ("province", "region", "all")
ERAS: tuple[Era, ...] = ("63", "34")
PCT_DECIMALS = 4
INT64_LIMIT = 2**63


@dataclass(frozen=True, slots=True)
class Measure:
    """One (measure, source) of the fact table: its unit and whether it is money."""

    measure: str
    source: str | None
    unit: str
    money: bool
    activity: str | None = None


def measures(catalogue: Catalogue, activities: Sequence[Measure] = ()) -> list[Measure]:
    """funding by source (national, local, total, counterpart, other), the `activities`
    (activity_measures), projects by source, then every indicator of the catalogue, in the
    catalogue's order."""
    sources = catalogue.sources_with_total
    out = [Measure("funding", s, MONEY_UNIT, True) for s in sources]
    out += activities
    out += [Measure("projects", s, PROJECTS_UNIT, False) for s in sources]
    out += [Measure(i.code, None, i.unit, i.kind == "money") for i in catalogue.indicators.values()]
    return out


def activity_measures(reports: Sequence[Report], catalogue: Catalogue) -> list[Measure]:
    """The activity funding rows the input needs: for each activity group some report gives
    money for, the sources given for it and `total`, in the catalogue's order. Only these:
    a merge of format-1 reports alone has no activity rows at all, and a province without a
    figure for one of them gets a blank row, as for any measure."""
    given: dict[str, set[str]] = {}
    for report in reports:
        for line in report.activity_funding:
            given.setdefault(line.activity, set()).add(line.source)
    unknown = sorted(set(given) - set(catalogue.activities))
    if unknown:  # the reader gives only the catalogue's codes; a library caller may not
        raise ValueError(f"not an activity group of the catalogue: {', '.join(unknown)}")
    out = []
    for activity in catalogue.activities:
        if activity not in given:
            continue
        out += [
            Measure("funding", source, MONEY_UNIT, True, activity)
            for source in catalogue.sources_with_total
            if source == "total" or source in given[activity]
        ]
    return out


@dataclass(slots=True)
class _Cells:
    """Non-blank figures at their positions in the dense (report x measure) grid."""

    positions: list[int]
    values: list[int]

    def add(self, position: int, value: int | None) -> None:
        if value is not None:
            self.positions.append(position)
            self.values.append(value)


@dataclass(frozen=True, slots=True)
class Built:
    facts: pd.DataFrame
    missing: pd.DataFrame
    measures: pd.DataFrame


def measures_of(specs: Sequence[Measure]) -> pd.DataFrame:
    """The measure table (kcstats.figures) of the fact table's measures, in its order."""
    return measure_table((s.measure, s.source, s.activity, s.unit, s.money) for s in specs)


def empty_facts() -> pd.DataFrame:
    return _typed(pd.DataFrame({column: [] for column in FACT_COLUMNS}))


def empty_missing() -> pd.DataFrame:
    frame = pd.DataFrame({column: pd.Series([], dtype=object) for column in MISSING_COLUMNS})
    frame["year"] = frame["year"].astype("int64")
    return frame


def build(
    reports: Sequence[Report],
    regions: RegionSet,
    catalogue: Catalogue,
    figures: ReportFigureIndex | None = None,
) -> Built:
    """The fact table and the missing provinces of the accepted reports (one per province,
    year and period: duplicates are resolved before). `figures`: the reports' figures as the
    reader processes sent them (kcstats.report_figures); any report not there gives its own."""
    if not reports:
        return Built(empty_facts(), empty_missing(), measures_of(measures(catalogue)))
    places = [(r.province_key, r.year, r.period) for r in reports]
    if len(set(places)) != len(places):
        raise ValueError("two accepted reports for one province, year and period")
    specs = measures(catalogue, activity_measures(reports, catalogue))
    grid = _Grid(reports, specs, regions, catalogue, figures)
    province = grid.province_rows()
    region = _sum_rows(province, ["y", "p", "e", "g", "m"], level=1)
    everything = _sum_rows(region, ["y", "p", "e", "m"], level=2)
    region_sizes = np.zeros((len(ERAS), max(len(regions.regions), 1)), dtype="int64")
    for e, era in enumerate(ERAS):
        for g, name in enumerate(regions.regions):
            region_sizes[e, g] = regions.expected(era, name)
    region["expected"] = region_sizes[region["e"].to_numpy(), region["g"].to_numpy()]
    era_sizes = np.array([len(catalogue.provinces_of(era)) for era in ERAS], dtype="int64")
    everything["expected"] = era_sizes[everything["e"].to_numpy()]
    everything["g"] = -1
    region["k"] = -1
    everything["k"] = -1
    rows = pd.concat([province, region, everything], ignore_index=True)
    rows = rows.sort_values(["y", "p", "level", "g", "k", "m"], kind="stable", ignore_index=True)
    facts = _public(rows, specs, regions, catalogue, grid.period_codes)
    return Built(facts, grid.missing(), measures_of(specs))


class _Grid:
    """The accepted reports as integer codes, and their figures on the dense grid."""

    def __init__(
        self,
        reports: Sequence[Report],
        specs: list[Measure],
        regions: RegionSet,
        catalogue: Catalogue,
        figures: ReportFigureIndex | None = None,
    ) -> None:
        self.regions = regions
        self.catalogue = catalogue
        self.n_measures = len(specs)
        self.period_codes = list(catalogue.periods)
        period_index = {code: i for i, code in enumerate(self.period_codes)}
        region_index = {name: g for g, name in enumerate(regions.regions)}
        self.province_index = {p.key: k for k, p in enumerate(catalogue.provinces)}
        measure_index = {(s.measure, s.source): m for m, s in enumerate(specs) if not s.activity}
        activity_index = {
            (s.activity, s.source): m for m, s in enumerate(specs) if s.activity is not None
        }
        in_total = set(catalogue.in_total)
        count = len(reports)
        self.y = np.empty(count, dtype="int64")
        self.p = np.empty(count, dtype="int64")
        self.e = np.empty(count, dtype="int64")
        self.g = np.empty(count, dtype="int64")
        self.k = np.empty(count, dtype="int64")
        plan, actual = _Cells([], []), _Cells([], [])
        largest = 0
        width = self.n_measures
        total_money = measure_index[("funding", "total")]
        total_projects = measure_index[("projects", "total")]
        indicator_index = {
            measure: m for (measure, source), m in measure_index.items() if source is None
        }
        scales = [SCALE if spec.money else 1 for spec in specs]
        funding_index = {s: m for (measure, s), m in measure_index.items() if measure == "funding"}
        projects_index = {
            s: m for (measure, s), m in measure_index.items() if measure == "projects"
        }
        figures_of = (figures if figures is not None else ReportFigureIndex()).of
        plan_at, plan_values = plan.positions, plan.values
        actual_at, actual_values = actual.positions, actual.values
        for r, report in enumerate(reports):
            self.y[r] = report.year
            self.p[r] = period_index[report.period]
            self.e[r] = ERAS.index(report.era)
            self.g[r] = region_index[regions.region_of(report.province_key)]
            self.k[r] = self.province_index[report.province_key]
            base = r * width
            funding, indicators, activities = figures_of(report)
            sums: list[int | None] = [None, None, None, None]  # plan/actual money, projects
            for source, plan_projects, plan_money, actual_projects, actual_money, _, _ in funding:
                line = (
                    _store_money(plan_money),
                    _store_money(actual_money),
                    plan_projects,
                    actual_projects,
                )
                money = base + funding_index[source]
                projects = base + projects_index[source]
                for positions, values, position, value in (
                    (plan_at, plan_values, money, line[0]),
                    (actual_at, actual_values, money, line[1]),
                    (plan_at, plan_values, projects, line[2]),
                    (actual_at, actual_values, projects, line[3]),
                ):
                    if value is not None:
                        positions.append(position)
                        values.append(value)
                        if value > largest:
                            largest = value
                if source in in_total:
                    sums = [_plus(a, b) for a, b in zip(sums, line, strict=True)]
            plan.add(base + total_money, sums[0])
            actual.add(base + total_money, sums[1])
            plan.add(base + total_projects, sums[2])
            actual.add(base + total_projects, sums[3])
            if activities:
                largest = max(
                    largest,
                    _add_activities(activities, base, activity_index, in_total, plan, actual),
                )
            # Plan and actual written out side by side, not looped over: a loop or a call per
            # figure doubled this, the hottest loop of the fact table (1,008 reports: 3 -> 6 ms).
            for code, plan_figure, actual_figure, _ in indicators:
                m = indicator_index[code]
                position = base + m
                if plan_figure is not None:
                    if plan_figure.__class__ is not int:
                        plan_figure = _scaled(plan_figure, scales[m])
                    plan_at.append(position)
                    plan_values.append(plan_figure)
                    if plan_figure > largest:
                        largest = plan_figure
                if actual_figure is not None:
                    if actual_figure.__class__ is not int:
                        actual_figure = _scaled(actual_figure, scales[m])
                    actual_at.append(position)
                    actual_values.append(actual_figure)
                    if actual_figure > largest:
                        largest = actual_figure
        # A sum adds at most two sources per report, over every report.
        self.exact_ints = largest * 2 * max(count, 1) >= INT64_LIMIT
        size = count * width
        self.plan = self._column(plan, size)
        self.actual = self._column(actual, size)
        self.count = count

    def _column(self, cells: _Cells, size: int) -> pd.api.extensions.ExtensionArray | np.ndarray:
        positions = np.asarray(cells.positions, dtype="int64")
        if self.exact_ints:
            column = np.full(size, None, dtype=object)
            column[positions] = np.asarray(cells.values, dtype=object)
            return column
        values = np.zeros(size, dtype="int64")
        mask = np.ones(size, dtype=bool)
        values[positions] = np.asarray(cells.values, dtype="int64")
        mask[positions] = False
        return pd.arrays.IntegerArray(values, mask)

    def province_rows(self) -> pd.DataFrame:
        width = self.n_measures
        frame = pd.DataFrame(
            {
                "y": np.repeat(self.y, width),
                "p": np.repeat(self.p, width),
                "e": np.repeat(self.e, width),
                "g": np.repeat(self.g, width),
                "k": np.repeat(self.k, width),
                "m": np.tile(np.arange(width, dtype="int64"), self.count),
                "plan": self.plan,
                "actual": self.actual,
            }
        )
        frame["reports"] = (frame["plan"].notna() | frame["actual"].notna()).astype("int64")
        frame["level"] = 0
        frame["expected"] = 1
        return frame

    def missing(self) -> pd.DataFrame:
        """For each region and (year, period) with an accepted report: its provinces without."""
        present = pd.DataFrame({"y": self.y, "p": self.p, "e": self.e, "g": self.g, "k": self.k})
        members = pd.DataFrame(
            [
                (e, g, self.province_index[p.key])
                for e, era in enumerate(ERAS)
                for g, region in enumerate(self.regions.regions)
                for p in self.regions.members(era, region)
            ],
            columns=["e", "g", "k"],
        )
        places = present[["y", "p", "e", "g"]].drop_duplicates()
        wanted = places.merge(members, on=["e", "g"])
        found = wanted.merge(
            present[["y", "p", "k"]], on=["y", "p", "k"], how="left", indicator=True
        )
        absent = found[found["_merge"] == "left_only"].sort_values(["y", "p", "g", "k"])
        if absent.empty:
            return empty_missing()
        names = np.array([p.name for p in self.catalogue.provinces], dtype=object)
        region_names = np.array(self.regions.regions, dtype=object)
        periods = np.array(self.period_codes, dtype=object)
        missing = pd.DataFrame(
            {
                "region": _objects(region_names[absent["g"].to_numpy()]),
                "year": absent["y"].to_numpy(dtype="int64"),
                "period": _objects(periods[absent["p"].to_numpy()]),
                "province": _objects(names[absent["k"].to_numpy()]),
            }
        )
        _rename(missing, absent["k"].to_numpy(), self.catalogue)
        return missing


def _add_activities(
    activities: Sequence[ActivityFigures],
    base: int,
    index: Mapping[tuple[str, str | None], int],
    in_total: AbstractSet[str],
    plan: _Cells,
    actual: _Cells,
) -> int:
    """A report's activity funding on the grid: each source as given, and `total` as
    national + local where the report splits the money by source, else the total it states.
    Gives the largest figure placed."""
    given: dict[tuple[str, str], list[int | None]] = {}
    for activity, source, plan_money, actual_money, _ in activities:
        figures = given.setdefault((activity, source), [None, None])
        figures[0] = _plus(figures[0], _store_money(plan_money))
        figures[1] = _plus(figures[1], _store_money(actual_money))
    split: dict[str, list[int | None]] = {}
    stated: dict[str, list[int | None]] = {}
    for (activity, source), figures in given.items():
        if source == "total":
            stated[activity] = figures
            continue
        plan.add(base + index[(activity, source)], figures[0])
        actual.add(base + index[(activity, source)], figures[1])
        if source in in_total:
            sums = split.setdefault(activity, [None, None])
            split[activity] = [_plus(a, b) for a, b in zip(sums, figures, strict=True)]
    largest = 0
    for activity in {*split, *stated}:
        position = base + index[(activity, "total")]
        own, told = split.get(activity, [None, None]), stated.get(activity, [None, None])
        for cells, side in ((plan, 0), (actual, 1)):
            value = own[side] if own[side] is not None else told[side]
            cells.add(position, value)
            largest = max(largest, value or 0)
    for figures in given.values():
        largest = max(largest, *(v or 0 for v in figures))
    return largest


def _store_money(value: int | Decimal | None) -> int | None:
    """Money as the store's integer: what the wire carried is one already."""
    if value is None or isinstance(value, int):
        return value
    return _scaled(value, SCALE)


def _scaled(value: int | Decimal, scale: int) -> int:
    """A Decimal figure as the store's integer, `scale` to a unit (SCALE for money): exact for
    what the reader gives (kept to 0.001), half up beyond."""
    scaled = value * scale
    number = int(scaled)
    if number != scaled:
        number = int(Decimal(scaled).to_integral_value(ROUND_HALF_UP))
    return number


def _plus(a: int | None, b: int | None) -> int | None:
    """Blank + blank is blank; a blank beside a figure adds nothing."""
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def _sum_rows(rows: pd.DataFrame, keys: list[str], level: int) -> pd.DataFrame:
    """Rows of the next level up: plan and actual summed (blank where every part is blank),
    reports counted."""
    grouped = rows.groupby(keys, sort=False)
    summed = grouped[["plan", "actual"]].sum(min_count=1)
    summed["reports"] = grouped["reports"].sum()
    summed = summed.reset_index()
    summed["level"] = level
    return summed


def _public(
    rows: pd.DataFrame,
    specs: list[Measure],
    regions: RegionSet,
    catalogue: Catalogue,
    period_codes: list[str],
) -> pd.DataFrame:
    """The integer-coded rows as the fact table of outputs.md."""
    m = rows["m"].to_numpy()
    plan_numbers = _as_floats(rows["plan"])
    actual_numbers = _as_floats(rows["actual"])
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.round(actual_numbers / plan_numbers * 100, PCT_DECIMALS)
    pct_known = ~np.isnan(plan_numbers) & ~np.isnan(actual_numbers) & (plan_numbers != 0)
    g = rows["g"].to_numpy()
    k = rows["k"].to_numpy()
    region_names = np.array([*regions.regions, None], dtype=object)  # -1 -> None
    province_names = np.array([*(p.name for p in catalogue.provinces), None], dtype=object)
    facts = pd.DataFrame(
        {
            "level": _objects(np.array(LEVELS, dtype=object)[rows["level"].to_numpy()]),
            "region": _objects(region_names[g]),
            "province": _objects(province_names[k]),
            "year": rows["y"].to_numpy(dtype="int64"),
            "period": _objects(np.array(period_codes, dtype=object)[rows["p"].to_numpy()]),
            "measure": _objects(np.array([s.measure for s in specs], dtype=object)[m]),
            "source": _objects(np.array([s.source for s in specs], dtype=object)[m]),
            "activity": _objects(np.array([s.activity for s in specs], dtype=object)[m]),
            "unit": _objects(np.array([s.unit for s in specs], dtype=object)[m]),
            "plan": _figures(rows["plan"]),
            "actual": _figures(rows["actual"]),
            "pct_of_plan": pd.array(np.where(pct_known, pct, np.nan), dtype="Float64"),
            "reports": rows["reports"].to_numpy(dtype="int64"),
            "expected": rows["expected"].to_numpy(dtype="int64"),
        }
    )
    _rename(facts, k, catalogue)
    return _typed(facts)


def _rename(table: pd.DataFrame, k: np.ndarray, catalogue: Catalogue) -> None:
    """A province renamed without a merger (Thừa Thiên Huế, the city Huế from 2025) is named
    as it was at the end of each row's period: `k` is each row's index in the catalogue's
    provinces (-1 where the row is no province's)."""
    for index, province in enumerate(catalogue.provinces):
        if not province.renamed:
            continue
        rows = np.flatnonzero(k == index)
        if len(rows) == 0:
            continue
        years, periods = table["year"].to_numpy()[rows], table["period"].to_numpy()[rows]
        names = [
            catalogue.province_name(province, int(y), str(p))
            for y, p in zip(years, periods, strict=True)
        ]
        column = table["province"].to_numpy(dtype=object).copy()
        column[rows] = names
        table["province"] = _objects(column)


def _objects(values: np.ndarray) -> pd.Series:
    """Python objects as they are: pandas would otherwise infer a string dtype and turn
    None into NaN."""
    return pd.Series(values, dtype=object)


def _as_floats(column: pd.Series) -> np.ndarray:
    if column.dtype == object:
        return np.array([np.nan if v is None else float(v) for v in column], dtype="float64")
    return column.to_numpy(dtype="float64", na_value=np.nan)


def _figures(column: pd.Series) -> pd.Series:
    """A summed figure column as the store holds it: Int64, or Python ints (None for blank)
    on the exact path."""
    if column.dtype == object:
        return _objects(np.array([None if pd.isna(v) else int(v) for v in column], dtype=object))
    return column.astype("Int64").reset_index(drop=True)


def _typed(facts: pd.DataFrame) -> pd.DataFrame:
    """The dtypes of the public table: text as Python objects (None for blank), figures Int64
    (or Python ints on the exact path), percent of plan Float64, counts int64."""
    for column in (
        "level",
        "region",
        "province",
        "period",
        "measure",
        "source",
        "activity",
        "unit",
    ):
        facts[column] = facts[column].astype(object)
    for column in ("plan", "actual"):
        if facts[column].dtype != object or len(facts) == 0:
            facts[column] = facts[column].astype("Int64")
    for column in ("year", "reports", "expected"):
        facts[column] = facts[column].astype("int64")
    facts["pct_of_plan"] = facts["pct_of_plan"].astype("Float64")
    return facts[FACT_COLUMNS]
