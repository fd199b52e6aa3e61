"""Thừa Thiên Huế became the centrally-run city Huế on 1 January 2025, the unit unchanged:
names and kinds by period, and the old name in a 2025 report read as Huế with a warning."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

import kcstats
from builders import write_report
from kcstats.catalog import load_catalogue
from kcstats.model import FileStatus
from reading import read, warnings

OLD, NEW = "Thừa Thiên Huế", "Huế"


@pytest.mark.parametrize(
    ("written", "year", "period", "name", "era", "renamed"),
    [
        (OLD, 2024, "Cả năm", OLD, "63", False),
        (OLD, 2025, "Quý I", NEW, "63", True),
        ("Tỉnh Thừa Thiên - Huế", 2025, "6 tháng", NEW, "63", True),
        (NEW, 2025, "6 tháng", NEW, "63", False),
        ("Thành phố Huế", 2025, "Quý I", NEW, "63", False),
        (OLD, 2025, "Cả năm", NEW, "34", True),
        (NEW, 2026, "9 tháng", NEW, "34", False),
    ],
)
def test_the_name_is_the_one_in_force_at_the_end_of_the_period(
    tmp_path: Path, written: str, year: int, period: str, name: str, era: str, renamed: bool
) -> None:
    result = read(write_report(tmp_path / "r.xlsx", province=written, year=year, period=period))
    assert result.status == FileStatus.ACCEPTED
    assert result.report is not None
    assert (result.province, result.report.province, result.report.era) == (name, name, era)
    expected = [("province-renamed", "Thông tin", "B3")] if renamed else []
    assert warnings(result) == expected
    if renamed:
        problem = result.problems[0]
        assert problem.found_text() == written and problem.expected_text() == NEW
        assert "1/1/2025" in problem.message("vi")


def test_the_kind_changes_with_the_name() -> None:
    catalogue = load_catalogue()
    old = catalogue.find_province(OLD, "63")
    assert old is not None and (old.name, old.kind) == (OLD, "province")
    before = catalogue.as_of(old, dt.date(2024, 12, 31))
    after = catalogue.as_of(old, dt.date(2025, 3, 31))
    assert (before.name, before.kind) == (OLD, "province")
    assert (after.name, after.kind, after.key) == (NEW, "city", old.key)


def test_merge_names_the_place_by_period_and_compares_it_as_one(tmp_path: Path) -> None:
    for written, year, actual in ((OLD, 2024, 10), (OLD, 2025, 20), (NEW, 2026, 30)):
        write_report(
            tmp_path / f"{year}.xlsx",
            province=written,
            year=year,
            period="6 tháng",
            funding={"national": (1, 10, 1, actual)},
        )
    result = kcstats.merge(tmp_path)
    facts = result.facts
    national = facts[
        (facts["level"] == "province")
        & (facts["measure"] == "funding")
        & (facts["source"] == "national")
    ]
    assert list(zip(national["year"], national["province"], strict=True)) == [
        (2024, OLD),
        (2025, NEW),
        (2026, NEW),
    ]
    growth = result.growth_decimal()
    rows = growth[
        (growth["level"] == "province")
        & (growth["measure"] == "funding")
        & (growth["source"] == "national")
        & (growth["basis"] == "actual")
    ]
    pairs = list(
        zip(
            rows["base_year"],
            rows["target_year"],
            rows["province"],
            rows["base"],
            rows["target"],
            strict=True,
        )
    )
    assert pairs == [
        (2024, 2025, NEW, Decimal("10"), Decimal("20")),
        (2025, 2026, NEW, Decimal("20"), Decimal("30")),
    ]
    missing = result.missing
    assert OLD not in set(missing["province"]) and NEW not in set(missing["province"])
