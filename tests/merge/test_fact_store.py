"""The fact store: figures held as integers (kcstats.figures), and Decimal only when written.

- The contract: `plan`/`actual` (and growth's `base`/`target`/`change`) are nullable Int64,
  money in thousandths of a triệu đồng, counts as they are, <NA> for blank; the measure table
  says which is which; facts_decimal() and the writers give Decimal triệu đồng.
- The arithmetic, over random exact figures (money with 3 decimals, counts, blanks): every
  total of the merge, and every growth change and percent, equals the same sum or ratio
  computed independently with Decimal from the reports.
- The bound: the largest figures the reader accepts stay exact, in Int64 while their sums
  fit and as Python ints beyond.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from merge_helpers import funding, report

import kcstats
from kcstats.catalog import load_catalogue
from kcstats.export.csvout import table_csv
from kcstats.export.jsondoc import merge_json
from kcstats.figures import SCALE, decimal_view, money_mask, shown_values
from kcstats.merge import merge_files
from kcstats.model import FileResult, FileStatus, FundingLine, IndicatorFigure, Report
from kcstats.regions import conference_areas

CATALOGUE = load_catalogue()
REGIONS = conference_areas(CATALOGUE)
PROVINCES = [p for p in CATALOGUE.provinces_of("63") if p.name in {
    "Long An", "Tiền Giang", "Cần Thơ", "Hà Nội", "Hải Phòng", "Đà Nẵng"}]  # fmt: skip
SOURCES = ("national", "local", "counterpart", "other")
IN_TOTAL = ("national", "local")
MONEY_INDICATOR, COUNT_INDICATOR = "consulting_revenue", "trained_workers"

money = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**12, places=3))
count = st.one_of(st.none(), st.integers(min_value=0, max_value=10**9))


def _file(province: Any, year: int, report: Report) -> FileResult:
    return FileResult(
        path=f"{year}-{province.code}.xlsx",
        status=FileStatus.ACCEPTED,
        province=province.name,
        year=year,
        period="FY",
        report=report,
    )


@st.composite
def reports(draw: st.DrawFn, years: Iterable[int] = (2024,)) -> list[FileResult]:
    positions = st.sampled_from(range(len(PROVINCES)))
    chosen = [PROVINCES[i] for i in draw(st.lists(positions, min_size=1, max_size=5, unique=True))]
    files = []
    for year in years:
        for province in chosen:
            sources = draw(st.lists(st.sampled_from(SOURCES), max_size=4, unique=True))
            lines = [
                FundingLine(
                    source=s,
                    plan_projects=draw(count),
                    plan_money=draw(money),
                    actual_projects=draw(count),
                    actual_money=draw(money),
                )
                for s in sources
            ]
            figures = [
                IndicatorFigure(code=MONEY_INDICATOR, plan=draw(money), actual=draw(money)),
                IndicatorFigure(
                    code=COUNT_INDICATOR,
                    plan=_whole(draw(count)),
                    actual=_whole(draw(count)),
                ),
            ]
            made = Report(
                province=province.name,
                province_code=province.code,
                era="63",
                year=year,
                period="FY",
                funding=lines,
                indicators=figures,
            )
            files.append(_file(province, year, made))
    return files


def _whole(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _plus(values: Iterable[Decimal | int | None]) -> Decimal | int | None:
    """A sum under the merge's blank rules: blank when every part is blank."""
    known = [v for v in values if v is not None]
    return sum(known[1:], known[0]) if known else None


def _figure(report: Report, measure: str, source: str | None, field: str) -> Any:
    """A report's own figure, from the model: Decimal triệu đồng, int, or None."""
    if measure == "funding" or measure == "projects":
        wanted = IN_TOTAL if source == "total" else (source,)
        name = f"{field}_money" if measure == "funding" else f"{field}_projects"
        return _plus(getattr(line, name) for line in report.funding if line.source in wanted)
    for figure in report.indicators:
        if figure.code == measure:
            value = getattr(figure, field)
            return value if measure == MONEY_INDICATOR or value is None else int(value)
    return None


def _expected(files: list[FileResult], level: str, region: str | None, key: tuple[Any, ...]) -> Any:
    year, measure, source, field = key
    chosen = [
        f.report
        for f in files
        if f.report is not None
        and f.report.year == year
        and (level == "all" or REGIONS.region_of(f.report.province_key) == region)
    ]
    return _plus(_figure(r, measure, source, field) for r in chosen)


MEASURES = [("funding", s) for s in (*SOURCES, "total")] + [
    ("projects", s) for s in (*SOURCES, "total")
]
MEASURES += [(MONEY_INDICATOR, None), (COUNT_INDICATOR, None)]


@settings(max_examples=60, deadline=None)
@given(reports())
def test_every_total_is_the_decimal_sum_of_the_reports(files: list[FileResult]) -> None:
    result = merge_files(files, REGIONS, CATALOGUE)
    shown = result.facts_decimal()
    for level in ("region", "all"):
        rows = shown[(shown["level"] == level).to_numpy()]
        for row in rows.to_dict("records"):
            if (row["measure"], row["source"]) not in MEASURES:
                continue
            for field in ("plan", "actual"):
                key = (row["year"], row["measure"], row["source"], field)
                assert row[field] == _expected(files, level, row["region"], key), (level, key)
    # The store itself: the same figures as integers, thousandths for money.
    store, decimals = result.facts, result.facts_decimal()
    is_money = money_mask(store, result.measures)
    for field in ("plan", "actual"):
        assert str(store[field].dtype) == "Int64"
        for value, stored, as_money in zip(decimals[field], store[field], is_money, strict=True):
            if value is None:
                assert stored is pd.NA
            else:
                assert stored == (value * SCALE if as_money else value)


@settings(max_examples=60, deadline=None)
@given(reports(years=(2023, 2024)))
def test_growth_on_the_store_equals_the_decimal_computation(files: list[FileResult]) -> None:
    result = merge_files(files, REGIONS, CATALOGUE)
    growth = result.growth_decimal()
    assert {str(result.growth[c].dtype) for c in ("base", "target", "change")} == {"Int64"}
    for row in growth.to_dict("records"):
        base, target, change = row["base"], row["target"], row["change"]
        if base is None or target is None:
            assert change is None
            assert pd.isna(row["pct_change"])
            continue
        assert change == target - base
        if base == 0:
            assert pd.isna(row["pct_change"])
        else:
            with localcontext(prec=80):  # exact for these sizes: one rounding only
                exact = (Decimal(change) / Decimal(base) * 100).quantize(
                    Decimal("0.0001"), ROUND_HALF_UP
                )
            assert row["pct_change"] == float(exact), row


def test_the_fact_table_holds_integers_and_the_measure_table_says_what_they_are(
    tmp_path: Path,
) -> None:
    report(
        tmp_path,
        "a.xlsx",
        funding={"national": (3, "1.200,5", None, 1100)},
        indicators={"consulting_revenue": ("12,345", 3), "trained_workers": (40, None)},
    )
    result = kcstats.merge(tmp_path)
    facts = result.facts
    assert str(facts["plan"].dtype) == str(facts["actual"].dtype) == "Int64"
    national = facts[
        (facts["level"] == "province").to_numpy()
        & (facts["measure"] == "funding").to_numpy()
        & (facts["source"] == "national").to_numpy()
    ].iloc[0]
    assert (national["plan"], national["actual"]) == (1_200_500, 1_100_000)  # thousand đồng
    projects = facts[
        (facts["level"] == "province").to_numpy()
        & (facts["measure"] == "projects").to_numpy()
        & (facts["source"] == "national").to_numpy()
    ].iloc[0]
    assert projects["plan"] == 3 and projects["actual"] is pd.NA  # blank stays blank
    measures = result.measures
    assert measures is not None
    assert list(measures.columns) == ["measure", "source", "activity", "unit", "money", "scale"]
    table = {(m, s): (u, bool(y), int(k)) for m, s, u, y, k in zip(
        measures["measure"], measures["source"], measures["unit"], measures["money"],
        measures["scale"], strict=True)}  # fmt: skip
    assert table[("funding", "total")] == ("triệu đồng", True, 1000)
    assert table[("projects", "total")] == ("đề án", False, 1)
    assert table[("consulting_revenue", None)] == ("triệu đồng", True, 1000)
    assert table[("trained_workers", None)] == ("lao động", False, 1)
    # Every (measure, source, activity) of the facts is in the measure table.
    pairs = set(zip(facts["measure"], facts["source"], facts["activity"], strict=True))
    assert pairs == set(zip(measures["measure"], measures["source"], measures["activity"],
                            strict=True))  # fmt: skip
    # As written: Decimal triệu đồng for money, int for counts.
    assert funding(result, "national")["plan"] == Decimal("1200.500")
    revenue = decimal_view(facts)[(facts["measure"] == "consulting_revenue").to_numpy()]
    assert revenue["plan"].iloc[0] == Decimal("12.345")


def test_shown_values_is_exact_for_any_integer() -> None:
    column = pd.Series([1, None, 10**30 + 1, 0, 5], dtype=object)
    shown = shown_values(column, True).tolist()
    assert shown == [Decimal("0.001"), None, Decimal("1000000000000000000000000000.001"),
                     Decimal(0), Decimal("0.005")]  # fmt: skip
    assert all(v is None or v.as_tuple().exponent == -3 for v in shown)
    assert shown_values(pd.Series([7, None], dtype="Int64"), False).tolist() == [7, None]


LARGEST = 999_999_999_999_999  # the largest whole figure the reader accepts (below 10^15)
OTHERS = ["Tiền Giang", "Cần Thơ", "Hà Nội", "Hải Phòng", "Đà Nẵng"]


@pytest.mark.parametrize(("reports", "dtype"), [(2, "Int64"), (5, "object")])
def test_the_largest_figures_stay_exact_in_int64_and_beyond(
    tmp_path: Path, reports: int, dtype: str
) -> None:
    # 10^15 triệu đồng is 10^18 thousand đồng: two such reports sum inside int64
    # (2^63 ≈ 9.2 × 10^18), five could not, and are summed as Python ints.
    for index, name in enumerate(["Long An", *OTHERS][:reports]):
        report(
            tmp_path,
            f"{index}.xlsx",
            province=name,
            funding={"national": (1, LARGEST, 1, LARGEST), "local": (1, LARGEST, None, None)},
        )
    result = kcstats.merge(tmp_path)
    assert result.ok
    assert str(result.facts["plan"].dtype) == dtype
    expected = Decimal(LARGEST) * 2 * reports
    assert funding(result, "total")["plan"] == expected
    assert funding(result, "total")["actual"] == Decimal(LARGEST) * reports
    document = json.loads(merge_json(result), parse_float=Decimal, parse_int=Decimal)
    totals = [
        f
        for f in document["facts"]
        if f["level"] == "all" and f["measure"] == "funding" and f["source"] == "total"
    ]
    assert [f["plan"] for f in totals] == [expected]
    assert f"{expected}" in table_csv(result.facts, result.measures)


def _funding_only(name: str, plan: str, actual: str, year: int = 2024) -> FileResult:
    province = next(p for p in PROVINCES if p.name == name)
    line = FundingLine(source="national", plan_money=Decimal(plan), actual_money=Decimal(actual))
    made = Report(
        province=province.name, province_code=province.code, era="63", year=year, period="FY",
        funding=[line],
    )  # fmt: skip
    return _file(province, year, made)


def test_plan_checks_compare_the_integers_exactly_with_a_fractional_limit() -> None:
    files = [
        _funding_only("Hà Nội", "1000", "905"),  # exactly 90.5% of plan
        _funding_only("Long An", "1000", "904.999"),  # just below
    ]
    result = merge_files(files, REGIONS, CATALOGUE)
    low = result.plan_check(min_pct=90.5)
    assert list(zip(low["level"], low["region"], low["province"], strict=True)) == [
        ("province", "Nam", "Long An"),
        ("region", "Nam", None),
    ]
    assert low["actual"].tolist() == [904_999, 904_999]  # thousand đồng, as the store holds it
    high = result.plan_check(max_pct=Decimal("90.4999"))
    assert list(zip(high["province"], high["limit"], strict=True)) == [
        ("Hà Nội", "max"),
        (None, "max"),
    ]


def test_a_huge_percent_change_is_rounded_once() -> None:
    # 416,010,000.502 against 0.012 triệu đồng is +3,466,750,004,083.3333 %: past 2^53
    # ten-thousandths, where dividing a float would round twice (found by the test above).
    files = [
        _funding_only("Hà Nội", "1", "0.012", year=2024),
        _funding_only("Hà Nội", "1", "416010000.502", year=2025),
    ]
    result = merge_files(files, REGIONS, CATALOGUE)
    growth = result.growth_decimal()
    row = growth[
        (growth["level"] == "province").to_numpy()
        & (growth["source"] == "national").to_numpy()
        & (growth["basis"] == "actual").to_numpy()
    ].iloc[0]
    assert row["change"] == Decimal("416010000.490")
    assert row["pct_change"] == float(Decimal("3466750004083.3333"))
