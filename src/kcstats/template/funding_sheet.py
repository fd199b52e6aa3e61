"""Sheet 'Kinh phí': a header row, the sources added into the total, the 'Tổng cộng' row that
Excel computes from them, then the sources reported beside the total."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kcstats.template.context import Context
from kcstats.template.labels import FUNDING_FIGURES
from kcstats.template.lists import number_rule
from kcstats.template.style import (
    COUNT_FORMAT,
    HEADER_HEIGHT,
    MONEY_FORMAT,
    computed,
    entry,
    header,
    label,
    note,
    protect,
    title,
    widths,
)
from kcstats.template.texts import joined

HEADER_ROW = 3
COLUMNS = ("source", *FUNDING_FIGURES)  # A source, B-E the figures


@dataclass(frozen=True, slots=True)
class FundingLayout:
    sources: dict[str, int]  # source code -> row (1-based)
    total_row: int

    @staticmethod
    def column(role: str) -> int:
        return COLUMNS.index(role) + 1


def funding_layout(ctx: Context) -> FundingLayout:
    added, beside = ctx.in_total()
    rows = {code: HEADER_ROW + 1 + i for i, code in enumerate(added)}
    total_row = HEADER_ROW + 1 + len(added)
    heading_row = total_row + 1
    rows |= {code: heading_row + 1 + i for i, code in enumerate(beside)}
    return FundingLayout(rows, total_row)


def write_funding(ws: Worksheet, ctx: Context) -> None:
    labels = ctx.labels
    last = get_column_letter(len(COLUMNS))
    title(ws, "A1", ctx.say("funding_title"), merge_to=f"{last}1")
    unit_label = labels.facts["money_unit"]
    note(ws["A2"], ctx.say("funding_note", money_unit_label=unit_label, total=labels.total))
    for col, role in enumerate(COLUMNS, start=1):
        header(ws.cell(row=HEADER_ROW, column=col), labels.funding[role])
    ws.row_dimensions[HEADER_ROW].height = HEADER_HEIGHT
    layout = funding_layout(ctx)
    counts = number_rule("whole", ctx.messages("count"))
    money = number_rule("decimal", ctx.messages("money"))
    for code, row in layout.sources.items():
        label(ws.cell(row=row, column=1), labels.sources[code])
        for role in FUNDING_FIGURES:
            cell = ws.cell(row=row, column=layout.column(role))
            is_money = role.endswith("money")
            entry(cell, MONEY_FORMAT if is_money else COUNT_FORMAT)
            (money if is_money else counts).add(cell.coordinate)
    _write_total(ws, ctx, layout)
    ws.add_data_validation(counts)
    ws.add_data_validation(money)
    widths(ws, {"A": 34, "B": 16, "C": 18, "D": 16, "E": 18})
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=2)
    protect(ws)


def _write_total(ws: Worksheet, ctx: Context, layout: FundingLayout) -> None:
    """The sum of the sources added into the total (national and local), never the others;
    blank while both are blank, because a blank is "not reported", never zero."""
    labels = ctx.labels
    added, beside = ctx.in_total()
    row = layout.total_row
    total_cell = ws.cell(row=row, column=1)
    label(total_cell, labels.total, bold=True)
    parts = " + ".join(labels.sources[c] for c in added)
    others = joined([labels.sources[c] for c in beside], ctx.lang)
    comment = ctx.say("total_comment", total=labels.total, parts=parts, others=others)
    total_cell.comment = Comment(comment, "kcstats", height=110, width=320)
    first, last = layout.sources[added[0]], layout.sources[added[-1]]
    for role in FUNDING_FIGURES:
        letter = get_column_letter(layout.column(role))
        number_format = MONEY_FORMAT if role.endswith("money") else COUNT_FORMAT
        computed(
            ws.cell(row=row, column=layout.column(role)),
            total_formula(f"{letter}{first}:{letter}{last}"),
            number_format,
        )
    if beside:
        note(ws.cell(row=row + 1, column=1), ctx.say("outside_total", total=labels.total))


def total_formula(cells: str) -> str:
    return f'=IF(COUNT({cells})=0,"",SUM({cells}))'
