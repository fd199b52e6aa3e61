"""Growth rows for activity funding (outputs.md: "Activity funding gets growth rows like any
other fact"), beside and apart from the rows of all activities together."""

from __future__ import annotations

from decimal import Decimal

from growth_helpers import growth_row, growth_rows

from kcstats.catalog import load_catalogue
from kcstats.merge import merge_files
from kcstats.regions import conference_areas
from report_results import accepted


def test_activity_funding_has_growth_rows_of_its_own() -> None:
    files = [
        accepted("Hà Nội", 2023, activities={("consulting", "total"): ("100", "80")}),
        accepted(
            "Hà Nội",
            2024,
            funding={"national": ("500", "400")},
            activities={("consulting", "national"): ("150", "120"), ("media", "total"): ("9", "9")},
        ),
    ]
    result = merge_files(files, conference_areas(load_catalogue()))
    actual = growth_row(
        result, level="province", activity="consulting", source="total", basis="actual"
    )
    assert (actual["base"], actual["target"], actual["change"]) == (
        Decimal("80"),
        Decimal("120"),
        Decimal("40"),
    )
    assert actual["pct_change"] == 50.0 and actual["measure"] == "funding"
    region = growth_row(result, level="region", activity="consulting", source="total", basis="plan")
    assert (region["base"], region["target"], region["pct_change"]) == (
        Decimal("100"),
        Decimal("150"),
        50.0,
    )
    # Only the target year gives media money: no base, no change.
    media = growth_row(result, level="all", activity="media", source="total", basis="actual")
    assert (media["base"], media["target"], media["change"]) == (None, Decimal("9"), None)
    # The rows of all activities together are the reports' funding alone.
    whole = growth_rows(result, level="province", measure="funding", source="total", activity=None)
    # (No plan_vs_prior_actual row: these are H1 reports and the input holds no FY of 2023,
    # so there is no full-year actual to set a year's plan against; outputs.md.)
    assert [(r["basis"], r["base"], r["target"]) for r in whole] == [
        ("actual", None, Decimal("400")),
        ("plan", None, Decimal("500")),
    ]


def test_activity_growth_across_the_2025_merger_rolls_old_provinces_up() -> None:
    files = [
        accepted("Hà Giang", 2024, "FY", activities={("training", "total"): ("10", "7")}),
        accepted("Tuyên Quang", 2024, "FY", activities={("training", "total"): ("20", "13")}),
        accepted("Tuyên Quang", 2025, "FY", activities={("training", "total"): ("40", "30")}),
    ]
    result = merge_files(files, conference_areas(load_catalogue()))
    row = growth_row(
        result, level="province", province="Tuyên Quang", activity="training", basis="actual"
    )
    assert (row["base"], row["target"], row["base_from"]) == (
        Decimal("20"),
        Decimal("30"),
        "Hà Giang + Tuyên Quang",
    )
