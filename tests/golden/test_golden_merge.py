"""Acceptance tests: `kcstats merge FOLDER --format json` on the bundled sample data gives the
published figures exactly (outputs.md: the fact table, growth rows, files, missing).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from published import (
    FIGURES,
    FOLDER_SCOPE,
    GROWTH,
    PERCENTS,
    PROBLEMS,
    RESEND,
    Figure,
    Growth,
    Percent,
    printed,
)

from kcstats.catalog import load_catalogue

Merged = Callable[[str], tuple[int, dict[str, Any]]]
Row = dict[str, Any]


def number(value: object, what: str) -> Decimal:
    """A JSON number of the document as an exact Decimal."""
    assert isinstance(value, int | float) and not isinstance(value, bool), (what, value)
    return Decimal(str(value))


def _matches(row: Row, level: str, place: str, where: dict[str, object]) -> bool:
    if row.get("level") != level:
        return False
    if level == "province" and row.get("province") != place:
        return False
    if level == "region" and row.get("region") != place:
        return False
    for key, value in where.items():
        got = row.get(key)
        if key == "source":
            got = got or ""  # 'empty for indicators'
        if got != value:
            return False
    return True


def one_row(rows: list[Row], level: str, place: str, **where: object) -> Row:
    found = [row for row in rows if _matches(row, level, place, where)]
    assert len(found) == 1, f"{len(found)} rows for {level} {place or 'all'} {where}"
    return found[0]


@pytest.mark.parametrize("folder", list(FOLDER_SCOPE))
def test_merge_accepts_every_sample_report(folder: str, merged: Merged) -> None:
    code, document = merged(folder)
    statuses = {Path(f["path"]).name: f["status"] for f in document["files"]}
    assert set(statuses.values()) == {"accepted"}, statuses
    assert all(f["problems"] == [] for f in document["files"])
    assert document["missing"] == []
    assert code == 0


@pytest.mark.parametrize("folder", list(FOLDER_SCOPE))
def test_every_province_reports_funding(folder: str, merged: Merged) -> None:
    """Each region row of total funding counts every province of the region, and all report."""
    region, periods = FOLDER_SCOPE[folder]
    provinces = load_catalogue().provinces_of("63")
    expected = len([p for p in provinces if region is None or p.kc_conference_area == region])
    _, document = merged(folder)
    level, place = ("all", "") if region is None else ("region", region)
    for year, period in periods:
        row = one_row(
            document["facts"],
            level,
            place,
            year=year,
            period=period,
            measure="funding",
            source="total",
        )
        assert row["unit"] == "triệu đồng"
        assert (row["reports"], row["expected"]) == (expected, expected), (year, period)


@pytest.mark.parametrize("figure", FIGURES, ids=[f.id for f in FIGURES])
def test_published_figure_in_the_fact_table(figure: Figure, merged: Merged) -> None:
    _, document = merged(figure.folder)
    row = one_row(
        document["facts"],
        figure.level,
        figure.place,
        year=figure.year,
        period=figure.period,
        measure=figure.measure,
        source=figure.source,
    )
    assert number(row[figure.field], figure.wording) == figure.value, figure.wording


@pytest.mark.parametrize("percent", PERCENTS, ids=[f"{p.folder}:{p.measure}" for p in PERCENTS])
def test_published_percent_of_plan(percent: Percent, merged: Merged) -> None:
    _, document = merged(percent.folder)
    row = one_row(
        document["facts"],
        percent.level,
        percent.place,
        year=percent.year,
        period=percent.period,
        measure=percent.measure,
        source=percent.source,
    )
    stated = number(row["pct_of_plan"], percent.wording)
    assert printed(stated, percent.printed) == percent.printed, percent.wording
    computed = number(row["actual"], "actual") * 100 / number(row["plan"], "plan")
    assert abs(stated - computed) < Decimal("0.01"), (stated, computed)


@pytest.mark.parametrize(
    "growth", GROWTH, ids=[f"{g.folder}:{g.measure}:{g.base_year}-{g.target_year}" for g in GROWTH]
)
def test_published_growth(growth: Growth, merged: Merged) -> None:
    _, document = merged(growth.folder)
    row = one_row(
        document["growth"],
        growth.level,
        growth.place,
        period=growth.period,
        measure=growth.measure,
        source=growth.source,
        base_year=growth.base_year,
        target_year=growth.target_year,
        basis=growth.basis,
    )
    pct_change = number(row["pct_change"], growth.wording)
    shown = 100 + pct_change if growth.as_ratio else pct_change
    assert printed(shown, growth.printed) == growth.printed, growth.wording
    # The row's own figures agree with each other and with the fact table.
    base, target = number(row["base"], "base"), number(row["target"], "target")
    assert number(row["change"], "change") == target - base
    assert abs(pct_change - (target - base) * 100 / base) < Decimal("0.01")
    fields = {"actual": ("actual", "actual"), "plan": ("plan", "plan")}
    base_field, target_field = fields.get(growth.basis, ("actual", "plan"))
    for year, field, value in (
        (growth.base_year, base_field, base),
        (growth.target_year, target_field, target),
    ):
        fact = one_row(
            document["facts"],
            growth.level,
            growth.place,
            year=year,
            period=growth.period,
            measure=growth.measure,
            source=growth.source,
        )
        assert number(fact[field], field) == value, (year, field)


def test_problem_files_are_refused_each_for_its_reason(merged: Merged) -> None:
    code, document = merged("problems")
    files = {Path(f["path"]).name: f for f in document["files"]}
    assert set(files) == {*PROBLEMS, RESEND[1]}
    for name, codes in PROBLEMS.items():
        entry = files[name]
        errors = [p for p in entry["problems"] if p["severity"] == "error"]
        assert entry["status"] == "refused", name
        assert {p["code"] for p in errors} == codes, (name, errors)
        assert all(p["message"] for p in errors), name
    broken, fixed = (files[name] for name in RESEND)
    assert (fixed["status"], fixed["problems"]) == ("accepted", [])
    notes = [p["message"] for p in broken["problems"] if p["code"] == "duplicate-replaced"]
    assert len(notes) == 1 and RESEND[1] in notes[0]
    assert code == 1
