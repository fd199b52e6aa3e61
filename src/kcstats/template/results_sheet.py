"""Sheet 'Chỉ tiêu': every indicator of the catalogue, in catalogue order, with its code, label
and unit filled in and its figures left for the province."""

from __future__ import annotations

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from kcstats.catalog import Indicator
from kcstats.export.safe_text import put_text
from kcstats.template.context import Context
from kcstats.template.labels import RESULT_FIGURES
from kcstats.template.lists import choice_rule, number_rule
from kcstats.template.style import (
    BOX,
    COUNT_FORMAT,
    HEADER_HEIGHT,
    MONEY_FORMAT,
    entry,
    header,
    label,
    note,
    protect,
    title,
    widths,
)

HEADER_ROW = 3
COLUMNS = ("number", "code", "label", "unit", *RESULT_FIGURES, "note")  # A..H


def column(role: str) -> int:
    return COLUMNS.index(role) + 1


def indicator_rows(ctx: Context) -> dict[str, int]:
    """Indicator code -> its row (1-based), in catalogue order below the header."""
    return {code: HEADER_ROW + 1 + i for i, code in enumerate(ctx.catalogue.indicators)}


def write_results(ws: Worksheet, ctx: Context) -> None:
    title(ws, "A1", ctx.say("results_title"), merge_to="H1")
    note(ws["A2"], ctx.say("results_note"))
    for col, role in enumerate(COLUMNS, start=1):
        header(ws.cell(row=HEADER_ROW, column=col), ctx.labels.results[role])
    ws.row_dimensions[HEADER_ROW].height = HEADER_HEIGHT
    counts = number_rule("whole", ctx.messages("count"))
    money = number_rule("decimal", ctx.messages("money"))
    units = ctx.units_text()
    row_unit = choice_rule(
        ctx.lists["money_units"], ctx.messages("unit", prompt="row_unit_prompt", units=units)
    )
    for number, (code, row) in enumerate(indicator_rows(ctx).items(), start=1):
        indicator = ctx.catalogue.indicators[code]
        is_money = indicator.kind == "money"
        _write_identity(ws, ctx, row, number, indicator)
        unit_cell = ws.cell(row=row, column=column("unit"))
        if is_money:  # a money row may be stated in any money unit: the cell is a drop-down
            entry(unit_cell)
            row_unit.add(unit_cell.coordinate)
        for role in RESULT_FIGURES:
            cell = ws.cell(row=row, column=column(role))
            entry(cell, MONEY_FORMAT if is_money else COUNT_FORMAT)
            (money if is_money else counts).add(cell.coordinate)
        entry(ws.cell(row=row, column=column("note")), "@")
    for rule in (counts, money, row_unit):
        ws.add_data_validation(rule)
    widths(ws, {"A": 6, "B": 24, "C": 62, "D": 14, "E": 14, "F": 14, "G": 16, "H": 28})
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=column("plan"))
    protect(ws)


def _write_identity(
    ws: Worksheet, ctx: Context, row: int, number: int, indicator: Indicator
) -> None:
    """Row number, code, label (with its explanation as a comment) and unit: all locked."""
    stt = ws.cell(row=row, column=column("number"), value=number)
    stt.border = BOX
    stt.alignment = Alignment(horizontal="center", vertical="center")
    code = put_text(ws.cell(row=row, column=column("code")), indicator.code)
    code.border = BOX
    code.font = Font(color="595959")
    code.alignment = Alignment(vertical="center")
    name = ws.cell(row=row, column=column("label"))
    label(name, ctx.labels.indicators[indicator.code])
    name.comment = Comment(indicator_comment(ctx, indicator), "kcstats", height=200, width=360)
    unit = ws.cell(row=row, column=column("unit"))
    label(unit, indicator.unit)
    unit.alignment = Alignment(horizontal="center", vertical="center")


def indicator_comment(ctx: Context, indicator: Indicator) -> str:
    """What the indicator counts, in which unit, and what a blank means."""
    other = indicator.label_en if ctx.lang == "vi" else indicator.label_vi
    kind = (
        ctx.say("indicator_money", units=ctx.units_text())
        if indicator.kind == "money"
        else ctx.say("indicator_count")
    )
    return "\n".join(
        [
            indicator.label(ctx.lang),
            *([indicator.definition(ctx.lang)] if indicator.definition(ctx.lang) else []),
            ctx.say("indicator_code", code=indicator.code),
            ctx.say("indicator_unit", unit=indicator.unit),
            kind,
            ctx.say("indicator_blank"),
            ctx.say("indicator_other_language", label=other),
        ]
    )
