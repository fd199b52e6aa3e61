"""Sheet 'Hướng dẫn': what to enter where, in which unit, and what a blank means."""

from __future__ import annotations

import math

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from kcstats.export.safe_text import put_text
from kcstats.template.context import Context
from kcstats.template.labels import FACTS, FUNDING_FIGURES, REQUIRED_FACTS, RESULT_FIGURES
from kcstats.template.style import header, label, protect, title, widths
from kcstats.template.texts import joined

TEXT_WIDTH = 100  # characters in column B


def guide_lines(ctx: Context) -> list[tuple[str, str]]:
    """(kind, text) in reading order; kind is 'heading' or 'item'."""
    labels, say = ctx.labels, ctx.say
    facts = labels.facts
    added, beside = ctx.in_total()
    total, units, default = labels.total, ctx.units_text(), ctx.default_unit
    parts = " + ".join(labels.sources[c] for c in added)
    others = joined([labels.sources[c] for c in beside], ctx.lang)
    sheets = "”, “".join(ctx.sheet(role) for role in ("info", "funding", "results"))
    optional = [facts[k] for k in FACTS if k not in REQUIRED_FACTS and k != "money_unit"]
    money = [
        labels.indicators[i.code] for i in ctx.catalogue.indicators.values() if i.kind == "money"
    ]
    return [
        ("heading", say("guide_general")),
        ("item", say("guide_general_1")),
        ("item", say("guide_general_2", sheets=sheets)),
        ("item", say("guide_general_3")),
        ("item", say("guide_general_4")),
        ("item", say("guide_general_5", note=labels.results["note"])),
        ("heading", say("guide_info", sheet=ctx.sheet("info"))),
        ("item", say("guide_info_province", label=facts["province"])),
        ("item", say("guide_info_year", label=facts["year"])),
        ("item", say("guide_info_period", label=facts["period"], periods=ctx.periods_text())),
        ("item", say("guide_info_unit", label=facts["money_unit"], units=units, default=default)),
        ("item", say("guide_info_optional", labels=", ".join(optional))),
        ("heading", say("guide_funding", sheet=ctx.sheet("funding"))),
        (
            "item",
            say("guide_funding_1", columns=", ".join(labels.funding[r] for r in FUNDING_FIGURES)),
        ),
        ("item", say("guide_funding_2", default=default)),
        ("item", say("guide_funding_3", total=total, parts=parts)),
        ("item", say("guide_funding_4", others=others, total=total)),
        ("heading", say("guide_results", sheet=ctx.sheet("results"))),
        (
            "item",
            say(
                "guide_results_1",
                columns=joined([labels.results[r] for r in RESULT_FIGURES], ctx.lang),
            ),
        ),
        ("item", say("guide_results_2", unit=labels.results["unit"])),
        (
            "item",
            say(
                "guide_results_3", money=", ".join(money), unit=labels.results["unit"], units=units
            ),
        ),
        ("item", say("guide_results_4")),
        ("heading", say("guide_send")),
        ("item", say("guide_send_1")),
        ("item", say("guide_send_2")),
        ("item", say("guide_send_3")),
    ]


def write_guide(ws: Worksheet, ctx: Context) -> None:
    title(ws, "A1", ctx.say("guide_title"), merge_to="E1")
    put_text(ws["A2"], _target(ctx)).font = Font(italic=True)
    row = 4
    for kind, line in guide_lines(ctx):
        if kind == "heading":
            row += 1
            put_text(ws.cell(row=row, column=1), line).font = Font(bold=True, size=12)
        else:
            put_text(ws.cell(row=row, column=1), "•").alignment = Alignment(vertical="top")
            cell = put_text(ws.cell(row=row, column=2), line)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[row].height = 15 * math.ceil(len(line) / TEXT_WIDTH)
        row += 1
    _write_catalogue(ws, ctx, row + 1)
    widths(ws, {"A": 4, "B": TEXT_WIDTH + 4, "C": 24, "D": 14, "E": 14})
    protect(ws)


def _target(ctx: Context) -> str:
    choice, unset = ctx.choice, ctx.say("guide_unset")
    return ctx.say(
        "guide_for",
        province=choice.province.name if choice.province else unset,
        period=ctx.labels.periods[choice.period] if choice.period else unset,
        year=choice.year or unset,
        era=ctx.era_text(),
    )


def _write_catalogue(ws: Worksheet, ctx: Context, row: int) -> None:
    """The indicators as a table: label, code, unit, kind of number."""
    put_text(ws.cell(row=row, column=1), ctx.say("guide_catalogue")).font = Font(bold=True, size=12)
    row += 1
    results = ctx.labels.results
    for col, text in enumerate(
        (results["label"], results["code"], results["unit"], ctx.say("guide_kind")), start=2
    ):
        header(ws.cell(row=row, column=col), text)
    for indicator in ctx.catalogue.indicators.values():
        row += 1
        kind = ctx.say(f"guide_kind_{indicator.kind}")
        for col, text in enumerate(
            (ctx.labels.indicators[indicator.code], indicator.code, indicator.unit, kind), start=2
        ):
            label(ws.cell(row=row, column=col), text)
