"""Growth rows on real workbooks: the seeds' published arithmetic, the three bases, blanks and
zeros, same period only, and --compare pairs."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
from growth_helpers import D, growth_rows, report, total

import kcstats
from kcstats.catalog import Catalogue
from kcstats.export.views import format_number
from kcstats.figures import decimal_view
from kcstats.growth import GROWTH_COLUMNS, compute_growth, pct_change, year_pairs
from kcstats.merge import MergeResult
from kcstats.regions import conference_areas

TY = "tỷ đồng"


@pytest.fixture(scope="module")
def merged(south: Path) -> MergeResult:
    return kcstats.merge(south)


def printed(value: float, decimals: int) -> str:
    return format_number(Decimal(repr(value)), decimals, "en")


def test_2013_spent_2_1_percent_more_than_2012(merged: MergeResult) -> None:
    row = total(merged, level="region", region="Nam", base_year=2012, target_year=2013)
    assert (row["base"], row["target"]) == (D("52950.000"), D("54060.000"))
    assert row["change"] == D("1110.000") and isinstance(row["change"], Decimal)
    assert row["pct_change"] == pytest.approx(2.0963)
    assert printed(row["pct_change"], 1) == "2.1"  # "2013 tăng 2,1% so với 2012"
    assert format_number(Decimal(repr(row["pct_change"])), 1, "vi") == "2,1"
    assert row["base_from"] is None  # the comparison does not span the merger


def test_the_2014_plan_is_17_16_percent_above_2013_actual(merged: MergeResult) -> None:
    row = total(
        merged,
        level="region",
        region="Nam",
        base_year=2013,
        target_year=2014,
        basis="plan_vs_prior_actual",
    )
    assert (row["base"], row["target"]) == (D("54060.000"), D("63335.000"))
    assert row["change"] == D("9275.000")
    assert row["pct_change"] == 17.1569  # rounded to 4 decimals, like pct_of_plan
    assert printed(row["pct_change"], 2) == "17.16"
    everything = total(
        merged, level="all", base_year=2013, target_year=2014, basis="plan_vs_prior_actual"
    )
    assert everything["pct_change"] == 17.1569


def test_each_basis_compares_its_own_fields(merged: MergeResult) -> None:
    plan = total(merged, level="region", region="Nam", base_year=2013, target_year=2014,
                 basis="plan")  # fmt: skip
    assert (plan["base"], plan["target"], plan["change"]) == (
        D("55100.000"),
        D("63335.000"),
        D("8235.000"),
    )
    assert plan["pct_change"] == 14.9456
    # 2014 has no actual yet: a blank target gives a blank change and percent.
    actual = total(merged, level="region", region="Nam", base_year=2013, target_year=2014)
    assert (actual["base"], actual["target"]) == (D("54060.000"), None)
    assert actual["change"] is None and actual["pct_change"] is None
    # 2012 has no plan: a blank base, so no change.
    no_plan = total(merged, level="all", base_year=2012, target_year=2013, basis="plan")
    assert (no_plan["base"], no_plan["target"], no_plan["change"]) == (
        None,
        D("55100.000"),
        None,
    )
    assert no_plan["pct_change"] is None


def test_counts_are_exact_integers(merged: MergeResult) -> None:
    projects = total(merged, level="province", region="Nam", province="Long An",
                     base_year=2012, target_year=2013, measure="projects", source="national")  # fmt: skip
    assert (projects["base"], projects["target"], projects["change"]) == (46, 50, 4)
    assert all(type(projects[k]) is int for k in ("base", "target", "change"))
    assert projects["pct_change"] == pytest.approx(8.6957)
    workers = total(merged, level="all", base_year=2012, target_year=2013,
                    measure="trained_workers", source=None)  # fmt: skip
    assert (workers["base"], workers["target"], workers["change"]) == (3200, 3324, 124)


def test_a_zero_base_gives_no_percent_never_an_error(merged: MergeResult) -> None:
    row = total(merged, level="province", region="Nam", province="Long An", base_year=2012,
                target_year=2013, measure="demo_models", source=None)  # fmt: skip
    assert (row["base"], row["target"], row["change"]) == (0, 4, 4)
    assert row["pct_change"] is None
    assert pct_change(0, 0) is None and pct_change(None, 5) is None and pct_change(5, None) is None
    assert pct_change(Decimal("-4.500"), Decimal("10.000")) == -45.0


def test_same_period_only(merged: MergeResult, catalogue: Catalogue) -> None:
    """H1 2013 has no H1 2012 to compare with; FY is never compared with H1."""
    assert growth_rows(merged, period="H1") == []
    pairs = year_pairs(merged.facts, catalogue)
    assert [(p.base_year, p.target_year, p.period) for p in pairs] == [
        (2012, 2013, "FY"),
        (2013, 2014, "FY"),
    ]


def test_columns_and_types(merged: MergeResult) -> None:
    growth = merged.growth
    assert list(growth.columns) == GROWTH_COLUMNS
    assert str(growth["base_year"].dtype) == "int64"
    assert str(growth["pct_change"].dtype) == "Float64"
    assert set(growth["basis"]) == {"actual", "plan", "plan_vs_prior_actual"}
    # Every row has a figure on at least one side, and change = target - base exactly.
    for row in growth.to_dict("records"):
        assert row["base"] is not None or row["target"] is not None
        if row["base"] is not None and row["target"] is not None:
            assert row["change"] == row["target"] - row["base"]
        else:
            assert row["change"] is None


def test_pct_change_is_rounded_half_away_from_zero() -> None:
    # 1/8 = 0.125 % -> 0.125; 1/80000 x 100 = 0.00125 -> 0.0013 (half up, not to even).
    assert pct_change(1, 800) == 0.125
    assert pct_change(1, 80000) == 0.0013
    assert pct_change(-1, 80000) == -0.0013
    exact = (Decimal(2) * 100 / Decimal(3)).quantize(Decimal("0.0001"), ROUND_HALF_UP)
    assert pct_change(2, 3) == float(exact)


def test_compare_adds_a_chosen_pair(merged: MergeResult, catalogue: Catalogue) -> None:
    regions = conference_areas(catalogue)
    growth = compute_growth(merged.facts, catalogue=catalogue, regions=regions,
                            compare=(2012, 2014))  # fmt: skip
    row = total(decimal_view(growth), level="region", region="Nam", base_year=2012, target_year=2014,
                basis="plan_vs_prior_actual")  # fmt: skip
    assert (row["base"], row["target"], row["change"]) == (
        D("52950.000"),
        D("63335.000"),
        D("10385.000"),
    )
    assert row["pct_change"] == 19.6128
    # The adjacent pairs are still there, each once; an adjacent --compare adds nothing.
    same = compute_growth(merged.facts, catalogue=catalogue, regions=regions,
                          compare=(2012, 2013))  # fmt: skip
    pd.testing.assert_frame_equal(same, merged.growth)
    pairs = {(b, t) for b, t in zip(growth["base_year"], growth["target_year"], strict=True)}
    assert pairs == {(2012, 2013), (2013, 2014), (2012, 2014)}
    # A pair the input does not hold gives nothing.
    none = compute_growth(merged.facts, catalogue=catalogue, regions=regions,
                          compare=(2010, 2014))  # fmt: skip
    pd.testing.assert_frame_equal(none, merged.growth)


def test_a_province_without_a_base_year_report_has_no_base(tmp_path: Path) -> None:
    report(tmp_path, "Long An", 2023, "H1", funding={"national": (1, 100, 1, 80)})
    report(tmp_path, "Long An", 2024, "H1", funding={"national": (1, 100, 1, 90)})
    report(tmp_path, "Tiền Giang", 2024, "H1", funding={"national": (1, 50, 1, 40)})
    result = kcstats.merge(tmp_path)
    row = total(result, level="province", region="Nam", province="Tiền Giang", period="H1",
                base_year=2023, target_year=2024)  # fmt: skip
    assert (row["base"], row["target"], row["change"], row["pct_change"]) == (
        None,
        D("40.000"),
        None,
        None,
    )
    # The region compares what it holds each year: Long An alone, then both.
    region = total(result, level="region", region="Nam", period="H1", base_year=2023,
                   target_year=2024)  # fmt: skip
    assert (region["base"], region["target"]) == (D("80.000"), D("130.000"))


def test_no_second_year_no_growth(tmp_path: Path) -> None:
    report(tmp_path, "Long An", 2024, "H1")
    result = kcstats.merge(tmp_path)
    assert result.growth.empty and list(result.growth.columns) == GROWTH_COLUMNS


def test_the_library_takes_compare_too(south: Path, catalogue: Catalogue) -> None:
    result = kcstats.merge(south, compare=(2012, 2014))
    growth = result.growth
    assert (2012, 2014) in set(zip(growth["base_year"], growth["target_year"], strict=True))
    with pytest.raises(ValueError, match="base year 2014 must come before 2012"):
        year_pairs(result.facts, catalogue, compare=(2014, 2012))
