"""Sheet 'Thông tin': one label and its value per row, the value right of its label.

Nothing but the value may stand right of a label: the reader takes the first non-empty cell
there as the value, so hints go into input messages, never into column C.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kcstats.catalogue_file import YEAR_MAX, YEAR_MIN
from kcstats.export.safe_text import put_text
from kcstats.template.context import Context
from kcstats.template.labels import FACTS, REQUIRED_FACTS
from kcstats.template.lists import choice_rule, range_rule
from kcstats.template.style import entry, label, note, protect, title, widths

FIRST_ROW = 4  # row of the first fact; rows 1-2 hold the title and a note
VALUE_COLUMN = 2
FORMATS = {"year": "0", "prepared_on": "dd/mm/yyyy"}  # the others are text ('@')


def fact_rows() -> dict[str, int]:
    """Fact key -> its row (1-based): the label is in column A, the value in column B."""
    return {key: FIRST_ROW + offset for offset, key in enumerate(FACTS)}


def write_info(ws: Worksheet, ctx: Context) -> None:
    title(ws, "A1", ctx.say("info_title"), merge_to="B1")
    note(ws["A2"], ctx.say("info_note"))
    choice = ctx.choice
    prefilled: dict[str, str | int | None] = {
        "province": choice.province.name if choice.province else None,
        "year": choice.year,
        "period": ctx.labels.periods[choice.period] if choice.period else None,
        "money_unit": ctx.default_unit,
    }
    rows = fact_rows()
    for key, row in rows.items():
        label(ws.cell(row=row, column=1), ctx.labels.facts[key], bold=key in REQUIRED_FACTS)
        cell = ws.cell(row=row, column=VALUE_COLUMN)
        entry(cell, FORMATS.get(key, "@"))
        value = prefilled.get(key)
        if isinstance(value, str):
            put_text(cell, value)
        elif value is not None:
            cell.value = value
    _add_rules(ws, ctx, rows)
    widths(ws, {"A": 28, "B": 42})
    protect(ws)


def _add_rules(ws: Worksheet, ctx: Context, rows: dict[str, int]) -> None:
    def at(key: str) -> str:
        return f"{get_column_letter(VALUE_COLUMN)}{rows[key]}"

    units, default = ctx.units_text(), ctx.default_unit
    province = choice_rule(ctx.lists["provinces"], ctx.messages("province", era=ctx.era_text()))
    year = range_rule(YEAR_MIN, YEAR_MAX, ctx.messages("year", low=YEAR_MIN, high=YEAR_MAX))
    period = choice_rule(ctx.lists["periods"], ctx.messages("period", periods=ctx.periods_text()))
    unit = choice_rule(ctx.lists["money_units"], ctx.messages("unit", units=units, default=default))
    for rule, key in (
        (province, "province"),
        (year, "year"),
        (period, "period"),
        (unit, "money_unit"),
    ):
        ws.add_data_validation(rule)
        rule.add(at(key))
