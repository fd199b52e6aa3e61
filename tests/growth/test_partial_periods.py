"""Periods other than FY: growth pairs a period only with the same period, and a plan (a
whole year's, in every period's report) is compared with the base year's FY actual, never
with a part of a year's (outputs.md, plan_vs_prior_actual)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from growth_helpers import D, growth_rows, total

import kcstats
from builders import write_report

TEXTS = {
    "FY": "Cả năm",
    "H1": "6 tháng đầu năm",
    "Q2": "Quý II",
    "Q3": "Quý III",
    "M7": "7 tháng",
    "M10": "10 tháng đầu năm",
}


def put(folder: Path, province: str, year: int, period: str, national: tuple[Any, ...]) -> None:
    write_report(
        folder / f"{year}-{period}-{province}.xlsx".replace(" ", "_"),
        province=province,
        year=year,
        period=TEXTS[period],
        funding={"national": national},
        indicators={},
    )


def test_a_partial_period_plan_is_compared_with_the_full_year_actual(tmp_path: Path) -> None:
    put(tmp_path, "Long An", 2023, "H1", (2, 1000, 1, 400))
    put(tmp_path, "Long An", 2023, "FY", (2, 1000, 2, 950))
    put(tmp_path, "Long An", 2024, "H1", (3, 1200, 1, 500))
    result = kcstats.merge(tmp_path)
    row = total(result, level="province", region="Nam", province="Long An", period="H1",
                base_year=2023, target_year=2024, basis="plan_vs_prior_actual")  # fmt: skip
    assert (row["base"], row["target"]) == (D("950"), D("1200"))
    assert row["pct_change"] == round(float((D("1200") - D("950")) / D("950") * 100), 4)
    actual = total(result, level="province", region="Nam", province="Long An", period="H1",
                   base_year=2023, target_year=2024, basis="actual")  # fmt: skip
    assert (actual["base"], actual["target"]) == (D("400"), D("500"))


def test_without_full_year_reports_of_the_base_year_the_row_is_absent(tmp_path: Path) -> None:
    put(tmp_path, "Long An", 2023, "H1", (2, 1000, 1, 400))
    put(tmp_path, "Long An", 2024, "H1", (3, 1200, 1, 500))
    result = kcstats.merge(tmp_path)
    assert growth_rows(result, basis="plan_vs_prior_actual") == []
    assert growth_rows(result, basis="actual", level="province", measure="funding",
                       source="total")  # fmt: skip


def test_each_new_period_is_compared_only_with_itself(tmp_path: Path) -> None:
    for period in ("Q2", "Q3", "M7", "M10"):
        put(tmp_path, "Long An", 2023, period, (1, 100, 1, 10))
        put(tmp_path, "Long An", 2024, period, (1, 100, 1, 20))
    result = kcstats.merge(tmp_path)
    assert set(result.facts["period"]) == {"Q2", "Q3", "M7", "M10"}
    for period in ("Q2", "Q3", "M7", "M10"):
        facts = result.facts_decimal()
        mine = facts[(facts["period"] == period) & (facts["level"] == "province")]
        national = mine[(mine["measure"] == "funding") & (mine["source"] == "national")]
        assert national["actual"].tolist() == [D("10"), D("20")], period
        row = total(result, level="province", region="Nam", province="Long An", period=period,
                    base_year=2023, target_year=2024)  # fmt: skip
        assert (row["base"], row["target"]) == (D("10"), D("20"))
    assert set(pd.unique(result.growth["period"])) == {"Q2", "Q3", "M7", "M10"}


def test_a_quarter_is_never_compared_with_months_to_date(tmp_path: Path) -> None:
    put(tmp_path, "Long An", 2023, "Q2", (1, 100, 1, 10))
    put(tmp_path, "Long An", 2024, "H1", (1, 100, 1, 20))
    put(tmp_path, "Long An", 2024, "M7", (1, 100, 1, 30))
    assert kcstats.merge(tmp_path).growth.empty


def test_across_the_merger_the_prior_full_year_is_rolled_up(tmp_path: Path) -> None:
    """H1 2026 (the 34 units) against FY 2024 (the 63 provinces) with --compare."""
    put(tmp_path, "Bắc Kạn", 2024, "FY", (1, 10, 1, 10))
    put(tmp_path, "Thái Nguyên", 2024, "FY", (1, 30, 1, 30))
    put(tmp_path, "Bắc Kạn", 2024, "H1", (1, 10, 1, 4))
    put(tmp_path, "Thái Nguyên", 2024, "H1", (1, 30, 1, 12))
    put(tmp_path, "Thái Nguyên", 2026, "H1", (1, 50, 1, 20))
    result = kcstats.merge(tmp_path, compare=(2024, 2026))
    row = total(result, level="province", region="Bắc", province="Thái Nguyên", period="H1",
                base_year=2024, target_year=2026, basis="plan_vs_prior_actual")  # fmt: skip
    assert (row["base"], row["target"]) == (D("40"), D("50"))
    assert row["base_from"] == "Bắc Kạn + Thái Nguyên"


def test_the_new_periods_fall_on_either_side_of_the_merger_by_their_last_day() -> None:
    catalogue = kcstats.catalog.load_catalogue()
    eras = {code: catalogue.era_of(2025, code) for code in ("M5", "Q2", "H1", "M7", "Q3", "Q4")}
    assert eras == {"M5": "63", "Q2": "63", "H1": "63", "M7": "34", "Q3": "34", "Q4": "34"}


def test_a_quarter_across_the_merger_is_compared_with_the_old_provinces_rolled_up(
    tmp_path: Path,
) -> None:
    put(tmp_path, "Bắc Kạn", 2024, "Q3", (1, 10, 1, 4))
    put(tmp_path, "Thái Nguyên", 2024, "Q3", (1, 30, 1, 12))
    put(tmp_path, "Thái Nguyên", 2025, "Q3", (1, 50, 1, 20))
    result = kcstats.merge(tmp_path)
    row = total(result, level="province", region="Bắc", province="Thái Nguyên", period="Q3",
                base_year=2024, target_year=2025)  # fmt: skip
    assert (row["base"], row["target"], row["base_from"]) == (
        D("16"),
        D("20"),
        "Bắc Kạn + Thái Nguyên",
    )
