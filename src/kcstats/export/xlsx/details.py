"""The summary workbook's detail sheets: plan against actual, money by activity, the missing
reports, and the files read with every problem found."""

from __future__ import annotations

import os
from typing import Any

from kcstats.catalog import Catalogue
from kcstats.catalogue_file import TOTAL
from kcstats.export.activities import ALL, activity_rows
from kcstats.export.view_options import ViewOptions
from kcstats.export.views import MONEY_UNIT_LABEL, TEXT, limit_text, money_in
from kcstats.export.xlsx.book import Book, Field, Kind, Style
from kcstats.figures import decimal_view, money_mask
from kcstats.merge.result import MergeResult, iter_records, records
from kcstats.untrusted import name_text

_MAIN_MEASURES = ("funding", "projects")
_COUNTS: dict[str, Kind] = {"plan": "count", "actual": "count"}


def plan_sheet(
    book: Book, result: MergeResult, catalogue: Catalogue, options: ViewOptions, title: str
) -> None:
    """Plan, actual and percent of plan: every measure by region and in total, and funding by
    province (every source and activity): the plan check. The provinces' other measures
    are in the JSON, CSV and Parquet outputs (their actuals on the provinces sheet). With
    --min-pct / --max-pct, the places outside the bounds are marked."""
    t, lang, unit = TEXT[book.lang], book.lang, options.unit
    facts = result.facts
    shown = (facts["plan"].notna() | facts["actual"].notna()).to_numpy() & (
        (facts["level"] != "province").to_numpy() | (facts["measure"] == "funding").to_numpy()
    )
    chosen = facts[shown]
    money = money_mask(chosen, result.measures)
    table = decimal_view(chosen, result.measures, money)
    flags = _flags(options)
    activities = bool(chosen["activity"].notna().any())
    fields = [
        Field("year", t["year"], "int"),
        Field("period_label", t["period"], "label"),
        Field("level_label", t["level"], "label"),
        Field("region", t["region"], "text"),
        Field("province", t["province"], "text"),
        Field("measure_label", t["measure"], "label"),
        Field("source_label", t["source"], "label"),
    ]
    if activities:  # only where some report gives money per activity
        fields.append(Field("activity_label", t["activity"], "label"))
    fields += [
        Field("unit_label", t["unit"], "label"),
        # Money and counts share the plan and actual columns, each cell in its format.
        Field("plan", t["plan"], "money"),
        Field("actual", t["actual"], "money"),
        Field("pct_of_plan", t["pct"], "pct"),
        Field("reports", t["reports"], "int"),
        Field("expected", t["expected"], "int"),
    ]
    if flags is not None:
        fields.append(Field("flag", t["limit"], "label"))
    sheet = book.table("plan", title, fields, frozen=5)
    periods = {code: p.label(lang) for code, p in catalogue.periods.items()}
    levels = {level: t[f"level.{level}"] for level in ("province", "region", "all")}
    measures: dict[str, str] = {}
    sources: dict[Any, Any] = {None: None}
    for row, is_money in zip(iter_records(table), money.tolist(), strict=True):
        measure = row["measure"]
        if measure not in measures:
            measures[measure] = _measure_label(measure, catalogue, lang)
        source = row["source"]
        if source not in sources:
            sources[source] = _source_label(source, catalogue, lang)
        cells = {
            **row,
            "period_label": periods[row["period"]],
            "level_label": levels[row["level"]],
            "measure_label": measures[measure],
            "source_label": sources[source],
            "unit_label": MONEY_UNIT_LABEL[unit] if is_money else row["unit"],
        }
        if activities and row["activity"] is not None:
            cells["activity_label"] = catalogue.activities[row["activity"]].label(lang)
        if is_money:
            for name in ("plan", "actual"):
                if row[name] is not None:
                    cells[name] = money_in(row[name], unit)
        flag = None
        if flags is not None and measure == "funding" and source == TOTAL:
            flag = flags.get(_flag_key(row)) if row["activity"] is None else None
        style: Style = "plain" if row["level"] == "province" else "bold"
        if flag is not None:
            cells["flag"], style = flag, "flag"
        sheet.row(cells, style, None if is_money else _COUNTS)
    sheet.finish()


def _flag_key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["level"], row["region"], row["province"], row["year"], row["period"])


def _flags(options: ViewOptions) -> dict[tuple[Any, ...], str] | None:
    """The places outside the plan-check bounds, with the bound they pass ('dưới 80%')."""
    if options.min_pct is None and options.max_pct is None:
        return None
    out: dict[tuple[Any, ...], str] = {}
    if options.plan_flags is None:
        return out
    for row in records(options.plan_flags):
        out[_flag_key(row)] = limit_text(
            row["limit"], options.min_pct, options.max_pct, options.lang
        )
    return out


def _measure_label(measure: str, catalogue: Catalogue, lang: str) -> str:
    if measure in _MAIN_MEASURES:
        return TEXT[lang][measure]
    return catalogue.indicators[measure].label(lang)


def _source_label(source: str | None, catalogue: Catalogue, lang: str) -> str | None:
    if source is None:
        return None
    if source == TOTAL:
        parts = " + ".join(catalogue.source_short(code, lang) for code in catalogue.in_total)
        return f"{catalogue.source_short(TOTAL, lang)} ({parts})"
    return catalogue.sources[source].label(lang)


def activities_sheet(
    book: Book, result: MergeResult, catalogue: Catalogue, options: ViewOptions, title: str
) -> None:
    """Money by activity group (rows) and region (plan and actual), with the total and its
    percent of plan: a sheet only when some report gives money per activity."""
    rows = activity_rows(result.facts, result.regions.regions, catalogue, result.measures)
    if not rows:
        return
    t, lang, unit = TEXT[book.lang], book.lang, options.unit
    fields = [
        Field("year", t["year"], "int"),
        Field("period_label", t["period"], "label"),
        Field("activity_label", t["activity"], "label"),
    ]
    for place in [*result.regions.regions, ALL]:
        name = t["all"] if place == ALL else place
        fields += [
            Field(f"{place}.plan", f"{name} {t['plan_short']}", "money"),
            Field(f"{place}.actual", f"{name} {t['actual_short']}", "money"),
        ]
    fields.append(Field(f"{ALL}.pct_of_plan", f"{t['all']} {t['pct']}", "pct"))
    sheet = book.table("activities", title, fields, frozen=3)
    for row in rows:
        cells = {
            k: money_in(v, unit) if v is not None and _is_money_key(k) else v
            for k, v in row.items()
        }
        cells["period_label"] = catalogue.periods[row["period"]].label(lang)
        cells["activity_label"] = catalogue.activities[row["activity"]].label(lang)
        sheet.row(cells)
    sheet.finish()


def _is_money_key(name: str) -> bool:
    return name.endswith((".plan", ".actual"))


def missing_sheet(book: Book, result: MergeResult, catalogue: Catalogue, title: str) -> None:
    t, lang = TEXT[book.lang], book.lang
    fields = [
        Field("year", t["year"], "int"),
        Field("period_label", t["period"], "label"),
        Field("region", t["region"], "text"),
        Field("province", t["province"], "text"),
    ]
    sheet = book.table("missing", title, fields, frozen=0)
    for row in records(result.missing):
        row["period_label"] = catalogue.periods[row["period"]].label(lang)
        sheet.row(row)
    sheet.finish()


def files_sheet(
    book: Book, result: MergeResult, catalogue: Catalogue, source: str, title: str
) -> None:
    """Every file read, and a row for each of its problems. Paths relative to the source
    folder that the footer names."""
    t, lang = TEXT[book.lang], book.lang
    fields = [
        Field("path", t["file"], "wrap", width=34),
        Field("status", t["status"], "label"),
        Field("province", t["province"], "text"),
        Field("year", t["year"], "int"),
        Field("period_label", t["period"], "label"),
        Field("code", t["code"], "label"),
        Field("severity", t["severity"], "label"),
        Field("sheet", t["sheet"], "text"),
        Field("cell", t["cell"], "text"),
        Field("found", t["found"], "wrap", width=24),
        Field("expected", t["expected_text"], "wrap", width=24),
        Field("message", t["message"], "wrap", width=48),
    ]
    sheet = book.table("files", title, fields, frozen=1)
    for f in result.files:
        head = {
            "path": _relative(f.path, source),
            "status": t[f"status.{f.status.value}"],
            "province": f.province,
            "year": f.year,
            "period_label": catalogue.periods[f.period].label(lang) if f.period else None,
        }
        if not f.problems:
            sheet.row(head)
        for p in f.problems:
            sheet.row(
                {
                    **head,
                    "code": p.code,
                    "severity": t[f"severity.{p.severity.value}"],
                    "sheet": p.sheet,
                    "cell": p.cell,
                    "found": p.found_text(lang),
                    "expected": p.expected_text(lang),
                    "message": p.message(lang),
                },
                "flag" if p.severity.value == "error" else "plain",
            )
    sheet.finish()


def _relative(path: str, source: str) -> str:
    shown = name_text(path)
    if source and shown.startswith(source.rstrip(os.sep) + os.sep):
        return shown[len(source.rstrip(os.sep)) + 1 :]
    return shown
