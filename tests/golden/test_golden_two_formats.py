"""Acceptance: sample_data/north-2024-h1-two-formats/, the northern H1 2023 and 2024 reports
written mostly as format-2 tables in many layouts with some format-1 workbooks among them,
merged by `kcstats merge FOLDER --format json`, gives the same published figures as the
format-1 folder north-2024-h1: consulting revenue 4,87 tỷ đồng, 49,1% of plan, 153,7% of
H1 2023 (published.py), and activity funding that adds up to each report's funding."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from published import FIGURES, GROWTH, PERCENTS, printed

from kcstats.catalog import load_catalogue

FOLDER = "north-2024-h1-two-formats"
SAME_AS = "north-2024-h1"  # the format-1 folder whose published figures this one gives too
Merged = Callable[[str], tuple[int, dict[str, Any]]]
Row = dict[str, Any]


def number(value: object) -> Decimal:
    assert isinstance(value, int | float) and not isinstance(value, bool), value
    return Decimal(str(value))


def find(rows: list[Row], **where: object) -> list[Row]:
    """Rows whose fields equal `where`; '' matches a null source or activity."""
    found = []
    for row in rows:
        if all((row.get(k) or "") == v if v == "" else row.get(k) == v for k, v in where.items()):
            found.append(row)
    return found


def one(rows: list[Row], **where: object) -> Row:
    found = find(rows, **where)
    assert len(found) == 1, (where, len(found))
    return found[0]


def place(level: str, name: str) -> dict[str, object]:
    return {"level": level, **({"region": name} if level == "region" else {})}


def test_every_report_of_both_formats_is_accepted_without_a_word(merged: Merged) -> None:
    code, document = merged(FOLDER)
    files = document["files"]
    assert code == 0
    assert {f["status"] for f in files} == {"accepted"}
    assert all(f["problems"] == [] and f["unmapped"] == [] for f in files)
    formats = [f["format"] for f in files]
    assert formats.count(2) > 2 * formats.count(1) > 0  # mostly format 2, some format 1
    provinces = [p for p in load_catalogue().provinces_of("63") if p.kc_conference_area == "Bắc"]
    for year in (2023, 2024):
        given = sorted(f["province"] for f in files if f["year"] == year)
        assert given == sorted(p.name for p in provinces), year
    assert document["missing"] == []
    names = {Path(f["path"]).name for f in files}
    assert len(names) == len(files) == 2 * len(provinces)


@pytest.mark.parametrize("figure", [f for f in FIGURES if f.folder == SAME_AS], ids=lambda f: f.id)
def test_published_figure(figure: Any, merged: Merged) -> None:
    _, document = merged(FOLDER)
    row = one(
        document["facts"],
        **place(figure.level, figure.place),
        year=figure.year,
        period=figure.period,
        measure=figure.measure,
        source=figure.source,
        activity="",
    )
    assert number(row[figure.field]) == figure.value, figure.wording


@pytest.mark.parametrize(
    "percent", [p for p in PERCENTS if p.folder == SAME_AS], ids=lambda p: p.measure
)
def test_published_percent_of_plan(percent: Any, merged: Merged) -> None:
    _, document = merged(FOLDER)
    row = one(
        document["facts"],
        **place(percent.level, percent.place),
        year=percent.year,
        period=percent.period,
        measure=percent.measure,
        source=percent.source,
        activity="",
    )
    assert printed(number(row["pct_of_plan"]), percent.printed) == percent.printed


@pytest.mark.parametrize(
    "growth", [g for g in GROWTH if g.folder == SAME_AS], ids=lambda p: p.measure
)
def test_published_growth(growth: Any, merged: Merged) -> None:
    _, document = merged(FOLDER)
    row = one(
        document["growth"],
        **place(growth.level, growth.place),
        period=growth.period,
        measure=growth.measure,
        source=growth.source,
        activity="",
        base_year=growth.base_year,
        target_year=growth.target_year,
        basis=growth.basis,
    )
    shown = number(row["pct_change"]) + (100 if growth.as_ratio else 0)
    assert printed(shown, growth.printed) == growth.printed, growth.wording


def test_activity_funding_adds_up_to_each_reports_funding(merged: Merged) -> None:
    """The generator shares each report's national and local money among its activity
    sections; read back, a province's activity totals add up to its funding total, and a
    region's activity rows are the sums of its provinces'."""
    _, document = merged(FOLDER)
    facts = document["facts"]
    provinces_with_activities = 0
    for year in (2023, 2024):
        rows = [f for f in facts if f["year"] == year and f["measure"] == "funding"]
        for province in {f["province"] for f in rows if f["level"] == "province"}:
            mine = [f for f in rows if f["province"] == province and f["source"] == "total"]
            parts = [f for f in mine if f["activity"] and f["reports"]]
            if not parts:
                continue  # a format-1 report: no money per activity
            provinces_with_activities += 1
            whole = one(mine, activity="")
            for side in ("plan", "actual"):
                spent = sum((number(f[side]) for f in parts if f[side] is not None), Decimal(0))
                assert spent == number(whole[side]), (province, year, side)
        for activity in {f["activity"] for f in rows if f["activity"]}:
            for source in ("national", "local", "total"):
                region = find(rows, level="region", region="Bắc", activity=activity, source=source)
                if not region:
                    continue
                parts = find(rows, level="province", activity=activity, source=source)
                for side in ("plan", "actual"):
                    values = [number(f[side]) for f in parts if f[side] is not None]
                    expected = sum(values, Decimal(0)) if values else None
                    got = region[0][side]
                    assert (None if got is None else number(got)) == expected
    assert provinces_with_activities > 30


def test_the_summary_workbook_shows_the_activity_money_of_the_facts(
    merged: Merged, tmp_path: Path
) -> None:
    """`kcstats merge FOLDER -o summary.xlsx --money-unit trieu`: the sheet of money by activity
    holds the region rows of the fact table, labelled from the catalogue."""
    import openpyxl
    from typer.testing import CliRunner

    from kcstats.cli import app

    folder = Path(__file__).parents[2] / "sample_data" / FOLDER
    out = tmp_path / "summary.xlsx"
    done = CliRunner().invoke(app, ["merge", str(folder), "-o", str(out), "--money-unit", "trieu"])
    assert done.exit_code == 0, done.output
    sheet = openpyxl.load_workbook(out, read_only=True)["Theo hoạt động"]
    lines = list(sheet.iter_rows(min_row=2, values_only=True))
    headers, rows = lines[0], lines[1:]
    at = {h: i for i, h in enumerate(headers)}
    labels = {a.label("vi"): code for code, a in load_catalogue().activities.items()}
    _, document = merged(FOLDER)
    seen = 0
    for row in rows:
        fact = one(
            document["facts"],
            level="region",
            region="Bắc",
            year=row[at["Năm"]],
            measure="funding",
            source="total",
            activity=labels[row[at["Hoạt động"]]],
        )
        for side, heading in (("plan", "Bắc KH"), ("actual", "Bắc TH")):
            assert row[at[heading]] == pytest.approx(float(number(fact[side])))
        seen += 1
    given = [
        f
        for f in find(document["facts"], level="region", measure="funding", source="total")
        if f["activity"] and f["reports"]
    ]
    assert seen == len(given) > 0  # a sheet row for each activity with money, each year
