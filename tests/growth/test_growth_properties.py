"""Properties of growth over generated figures.

- The same figures written as year Y and year Y+1 (real workbooks) give change 0 everywhere,
  and pct_change 0, or blank where the base is 0; also across the merger, for units whose
  extent did not change.
- Across the merger, a unit's base is the sum of its old provinces' figures (blank when none
  had one) and `base_from` names exactly those that had one; a region's base is the sum of
  its new units' bases.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import write_report
from kcstats.catalog import Province, load_catalogue
from kcstats.growth import joined_names
from kcstats.merge import merge, merge_files
from kcstats.model import FileResult, FileStatus, FundingLine, IndicatorFigure, Report
from kcstats.regions import conference_areas

CATALOGUE = load_catalogue()
REGIONS = conference_areas(CATALOGUE)
# Units whose extent and name did not change on 1 July 2025 (Hà Nội, Cao Bằng, Nghệ An, ...).
UNCHANGED = [
    unit.name
    for unit in CATALOGUE.provinces_of("34")
    if unit.predecessors == [unit.code] and CATALOGUE.by_key[f"63:{unit.code}"].name == unit.name
]
PERIODS = {"H1": "6 tháng", "FY": "Cả năm"}

money = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**9, places=3))
count = st.one_of(st.none(), st.integers(min_value=0, max_value=10**6))
funding_line = st.tuples(count, money, count, money)


@st.composite
def same_figures(draw: st.DrawFn) -> dict[str, Any]:
    provinces = draw(st.lists(st.sampled_from(UNCHANGED), min_size=1, max_size=3, unique=True))
    return {
        "year": draw(st.integers(min_value=2020, max_value=2030)),
        "period": draw(st.sampled_from(sorted(PERIODS))),
        "provinces": {
            name: {
                "funding": draw(
                    st.dictionaries(
                        st.sampled_from(["national", "local", "counterpart"]), funding_line,
                        min_size=1,
                    )
                ),
                "indicators": {
                    "trained_workers": (draw(count), draw(count)),
                    "demo_models": (draw(count), draw(count)),
                    "consulting_revenue": (draw(money), draw(money)),
                },
            }
            for name in provinces
        },
    }  # fmt: skip


def _cell(value: Decimal | int | None) -> Any:
    return float(value) if isinstance(value, Decimal) else value


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(same_figures())
def test_identical_years_grow_by_zero(example: dict[str, Any]) -> None:
    year, period = example["year"], example["period"]
    with tempfile.TemporaryDirectory() as folder:
        for name, figures in example["provinces"].items():
            for y in (year, year + 1):
                write_report(
                    Path(folder) / f"{y}-{name}.xlsx",
                    province=name,
                    year=y,
                    period=PERIODS[period],
                    funding={s: tuple(map(_cell, f)) for s, f in figures["funding"].items()},
                    indicators={c: tuple(map(_cell, f)) for c, f in figures["indicators"].items()},
                )
        result = merge(folder)
    assert result.ok, [p.message("en") for f in result.files for p in f.problems]
    growth = result.growth_decimal()
    assert set(zip(growth["base_year"], growth["target_year"], strict=True)) <= {(year, year + 1)}
    spanning = CATALOGUE.era_of(year, period) != CATALOGUE.era_of(year + 1, period)
    for row in growth.to_dict("records"):
        if row["basis"] == "plan_vs_prior_actual":
            continue  # plan against actual: a real change even for identical years
        assert row["base"] == row["target"] and row["base"] is not None, row
        assert row["change"] == 0, row
        pct = row["pct_change"]
        assert pd.isna(pct) if row["base"] == 0 else pct == 0, row
        expected_from = row["province"] if spanning and row["level"] == "province" else None
        assert row["base_from"] == expected_from, row


# Across the merger, with report models (many examples, no workbooks) -----------------------

OLD: list[Province] = CATALOGUE.provinces_of("63")
NEW: list[Province] = CATALOGUE.provinces_of("34")


def _report(place: Province, year: int, actual: Decimal | None, workers: int | None) -> FileResult:
    report = Report(
        province=place.name,
        province_code=place.code,
        era=place.era,
        year=year,
        period="FY",
        funding=[FundingLine(source="national", actual_money=actual)],
        indicators=[]
        if workers is None
        else [IndicatorFigure(code="demo_models", actual=Decimal(workers))],
    )
    return FileResult(
        path=f"{year}-{place.code}.xlsx",
        status=FileStatus.ACCEPTED,
        province=place.name,
        year=year,
        period="FY",
        report=report,
    )


@st.composite
def two_eras(draw: st.DrawFn) -> tuple[dict[str, tuple[Decimal | None, int | None]], list[str]]:
    old = draw(st.lists(st.sampled_from(OLD), min_size=1, max_size=20, unique_by=lambda p: p.key))
    figures = {p.key: (draw(money), draw(count)) for p in old}
    new = draw(st.lists(st.sampled_from(NEW), min_size=1, max_size=10, unique_by=lambda p: p.key))
    return figures, [p.key for p in new]


def _sum(values: Sequence[Any]) -> Any:
    present = [v for v in values if v is not None]
    return sum(present[1:], present[0]) if present else None


@settings(max_examples=60, deadline=None)
@given(two_eras())
def test_a_rolled_up_base_is_the_sum_of_the_old_provinces(
    example: tuple[dict[str, tuple[Decimal | None, int | None]], list[str]],
) -> None:
    figures, new_keys = example
    files = [_report(CATALOGUE.by_key[k], 2024, *f) for k, f in figures.items()]
    files += [_report(CATALOGUE.by_key[k], 2025, Decimal(1), 1) for k in new_keys]
    result = merge_files(files, REGIONS, CATALOGUE)
    growth = result.growth_decimal()
    growth = growth[(growth["basis"] == "actual").to_numpy()]
    rows = {
        (r["level"], r["region"], r["province"], r["measure"], r["source"]): r
        for r in growth.to_dict("records")
    }
    region_sums: dict[str, list[Any]] = {}
    for unit in NEW:
        old = [CATALOGUE.by_key[f"63:{code}"] for code in unit.predecessors]
        parts = [figures[p.key] for p in old if p.key in figures]
        region = REGIONS.region_of(unit.key)
        for measure, source, position in (("funding", "national", 0), ("demo_models", None, 1)):
            values = [part[position] for part in parts]
            base = _sum(values)
            row = rows.get(("province", region, unit.name, measure, source))
            had = [p.name for p in old if p.key in figures and figures[p.key][position] is not None]
            if base is None and unit.key not in new_keys:
                assert row is None
                continue
            assert row is not None, (unit.name, measure)
            assert row["base"] == base
            assert row["base_from"] == joined_names(had)
            if measure == "funding":
                region_sums.setdefault(region, []).append(base)
    for region, bases in region_sums.items():
        row = rows.get(("region", region, None, "funding", "national"))
        expected = _sum(bases)
        assert (None if row is None else row["base"]) == expected, region
