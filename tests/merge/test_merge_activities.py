"""Activity funding in the fact table (outputs.md `activity`): the money a format-2 report
gives per activity group, summed per province, region and all like the other funding facts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import hypothesis.strategies as st
import pandas as pd
import pytest
from hypothesis import given, settings
from merge_helpers import rows

from kcstats.catalog import Catalogue, load_catalogue
from kcstats.merge import FACT_COLUMNS, merge_files
from kcstats.model import FileResult
from kcstats.regions import conference_areas
from report_results import accepted

REGIONS = conference_areas(load_catalogue())


def merged(files: list[FileResult]) -> Any:
    return merge_files(files, REGIONS)


def one(result: Any, **where: Any) -> dict[str, Any]:
    found = rows(result, **where)
    assert len(found) == 1, (where, len(found))
    return {k: (None if v is pd.NA else v) for k, v in found.iloc[0].to_dict().items()}


def test_money_split_by_source_gives_each_source_and_a_total_of_national_and_local() -> None:
    result = merged(
        [
            accepted(
                "Hà Nội",
                activities={
                    ("training", "national"): ("100.5", "40"),
                    ("training", "local"): ("20", None),
                    ("training", "counterpart"): ("7", "3"),
                },
            ),
            accepted("Bắc Ninh", activities={("training", "total"): ("30", "12.345")}),
        ]
    )
    ha_noi = {"level": "province", "province": "Hà Nội", "activity": "training"}
    assert one(result, **ha_noi, source="national")["plan"] == Decimal("100.5")
    assert one(result, **ha_noi, source="counterpart")["actual"] == Decimal("3")
    total = one(result, **ha_noi, source="total")
    # national + local; the counterpart funds are never in the total; a blank adds nothing.
    assert (total["plan"], total["actual"]) == (Decimal("120.5"), Decimal("40"))
    assert total["unit"] == "triệu đồng" and total["measure"] == "funding"
    # A report that gives only a total gives the total row alone; its sources stay blank.
    bac_ninh = {"level": "province", "province": "Bắc Ninh", "activity": "training"}
    assert one(result, **bac_ninh, source="total")["actual"] == Decimal("12.345")
    national = one(result, **bac_ninh, source="national")
    assert (national["plan"], national["actual"], national["reports"]) == (None, None, 0)
    region = one(result, level="region", region="Bắc", activity="training", source="total")
    assert (region["plan"], region["actual"]) == (Decimal("150.5"), Decimal("52.345"))
    assert (region["reports"], region["expected"]) == (2, REGIONS.expected("63", "Bắc"))
    assert region["pct_of_plan"] == round(float(Decimal("52.345") / Decimal("150.5") * 100), 4)
    everything = one(result, level="all", activity="training", source="national")
    assert (everything["plan"], everything["reports"], everything["expected"]) == (
        Decimal("100.5"),
        1,
        len(load_catalogue().provinces_of("63")),
    )


def test_only_the_activities_and_sources_some_report_gives_have_rows() -> None:
    result = merged(
        [
            accepted("Long An", activities={("consulting", "total"): ("5", "4")}),
            accepted("Tiền Giang", activities={("media", "national"): ("1", "1")}),
        ]
    )
    facts = result.facts
    given = facts[facts["activity"].notna().to_numpy()]
    pairs = set(zip(given["activity"], given["source"], strict=True))
    assert pairs == {("consulting", "total"), ("media", "national"), ("media", "total")}
    assert set(given["measure"]) == {"funding"}
    # Every place has every row, as for the other measures: blank where not given.
    assert len(rows(result, level="province", province="Long An", activity="media")) == 2
    # Activity rows follow the funding rows of their place, in the catalogue's order.
    place = facts[(facts["province"] == "Long An").to_numpy()]
    measures = list(zip(place["measure"], place["source"], place["activity"], strict=True))
    funding_end = measures.index(("funding", "other", None))
    assert measures[funding_end + 1 : funding_end + 4] == [
        ("funding", "total", "consulting"),
        ("funding", "national", "media"),
        ("funding", "total", "media"),
    ]


def test_a_merge_without_activity_funding_has_no_activity_rows() -> None:
    result = merged([accepted("Long An", funding={"national": ("5", "4")}, format_=1)])
    assert list(result.facts.columns) == FACT_COLUMNS
    assert result.facts["activity"].isna().all()


def test_activity_funding_only_in_stated_totals_reads_as_the_total_of_each_side() -> None:
    # National and local given for the plan only: the actual total is the stated one.
    result = merged(
        [
            accepted(
                "Cần Thơ",
                activities={
                    ("clusters", "national"): ("10", None),
                    ("clusters", "local"): ("5", None),
                    ("clusters", "total"): ("99", "14"),
                },
            )
        ]
    )
    total = one(result, level="province", activity="clusters", source="total")
    assert (total["plan"], total["actual"]) == (Decimal("15"), Decimal("14"))


Figure = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**7, places=3))
SOURCES = ("national", "local", "counterpart", "other", "total")


@st.composite
def reports_with_activities(draw: st.DrawFn) -> list[FileResult]:
    catalogue = load_catalogue()
    provinces = draw(
        st.lists(
            st.sampled_from(catalogue.provinces_of("63")),
            min_size=1,
            max_size=6,
            unique_by=lambda p: p.code,
        )
    )
    files = []
    for province in provinces:
        funding = draw(st.dictionaries(st.sampled_from(SOURCES[:4]), st.tuples(Figure, Figure)))
        activities = draw(
            st.dictionaries(
                st.tuples(st.sampled_from(list(catalogue.activities)), st.sampled_from(SOURCES)),
                st.tuples(Figure, Figure),
                max_size=6,
            )
        )
        files.append(accepted(province.name, funding=funding, activities=activities))
    return files


def _without_activities(files: list[FileResult]) -> list[FileResult]:
    out = []
    for f in files:
        assert f.report is not None
        report = f.report.model_copy(update={"activity_funding": []})
        out.append(f.model_copy(update={"report": report}))
    return out


@settings(max_examples=40, deadline=None)
@given(reports_with_activities())
def test_activity_facts_never_change_the_other_facts(files: list[FileResult]) -> None:
    with_them = merged(files).facts
    without = merged(_without_activities(files)).facts
    kept = with_them[with_them["activity"].isna().to_numpy()].reset_index(drop=True)
    assert kept.equals(without)


@settings(max_examples=40, deadline=None)
@given(reports_with_activities())
def test_activity_sums_are_exact_and_blank_stays_blank(files: list[FileResult]) -> None:
    catalogue: Catalogue = load_catalogue()
    facts = merged(files).facts_decimal()
    expected: dict[tuple[str, str], list[Decimal | None]] = {}
    counts: dict[tuple[str, str], int] = {}
    for f in files:
        assert f.report is not None
        lines = {(a.activity, a.source): a for a in f.report.activity_funding}
        for activity in {a for a, _ in lines}:
            per_source: dict[str, tuple[Decimal | None, Decimal | None]] = {
                s: (lines[(activity, s)].plan_money, lines[(activity, s)].actual_money)
                for s in SOURCES
                if (activity, s) in lines
            }
            split = [per_source.get(s, (None, None)) for s in ("national", "local")]
            stated = per_source.get("total", (None, None))
            sides = []
            for side in (0, 1):
                parts = [p[side] for p in split if p[side] is not None]
                sides.append(sum(parts, Decimal(0)) if parts else stated[side])
            per_source["total"] = (sides[0], sides[1])
            for source, figures in per_source.items():
                sums = expected.setdefault((activity, source), [None, None])
                for side in (0, 1):
                    if figures[side] is not None:
                        sums[side] = (sums[side] or Decimal(0)) + figures[side]
                if any(v is not None for v in figures):
                    counts[(activity, source)] = counts.get((activity, source), 0) + 1
    everything = facts[(facts["level"] == "all").to_numpy() & facts["activity"].notna().to_numpy()]
    got = {
        (a, s): [p, q]
        for a, s, p, q in zip(
            everything["activity"],
            everything["source"],
            everything["plan"],
            everything["actual"],
            strict=True,
        )
    }
    assert set(got) == set(expected)
    for pair, sums in expected.items():
        assert got[pair] == sums, pair
        assert all(v is None or v.as_tuple().exponent == -3 for v in got[pair])
    reported = dict(
        zip(
            zip(everything["activity"], everything["source"], strict=True),
            everything["reports"],
            strict=True,
        )
    )
    assert reported == {pair: counts.get(pair, 0) for pair in expected}
    assert set(everything["activity"]) <= set(catalogue.activities)


def test_an_activity_the_catalogue_does_not_know_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="not an activity group of the catalogue: weaving"):
        merged([accepted("Long An", activities={("weaving", "total"): ("1", "1")})])


def test_plan_checks_look_at_the_funding_of_all_activities_together() -> None:
    # Hà Nội spends 90% of its funding plan, but only 10% of its training plan.
    result = merged(
        [
            accepted(
                "Hà Nội",
                funding={"national": ("100", "90")},
                activities={("training", "national"): ("50", "5")},
            )
        ]
    )
    assert result.plan_check(min_pct=50).empty
    flagged = result.plan_check(min_pct=95)
    assert list(flagged["level"]) == ["province", "region"]
    # 90 triệu đồng, as the fact store holds money: in thousand đồng.
    assert set(flagged["actual"]) == {int(Decimal("90") * 1000)}
