"""Drop-down lists and number rules (Excel data validation) for the cells people fill in.

The lists sit on a very hidden sheet 'Danh mục': a list written into the rule itself may
hold at most 255 characters, and the provinces alone are longer. The reader ignores hidden
sheets whose names are not report sheets, so the lists never disturb a report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from kcstats.export.safe_text import put_text
from kcstats.template.style import protect

LISTS_SHEET = "Danh mục"
TITLE_LIMIT, MESSAGE_LIMIT = 32, 255  # what Excel accepts in a rule's title and message


@dataclass(frozen=True, slots=True)
class Messages:
    prompt_title: str
    prompt: str
    error_title: str
    error: str


def add_lists(wb: Workbook, lists: dict[str, list[str]]) -> dict[str, str]:
    """Write each list in a column of the lists sheet; give the range that names each one."""
    ws = wb.create_sheet(LISTS_SHEET)
    ranges: dict[str, str] = {}
    for col, (name, items) in enumerate(lists.items(), start=1):
        for row, item in enumerate(items, start=1):
            put_text(ws.cell(row=row, column=col), item)
        letter = get_column_letter(col)
        ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(items)}"
    ws.sheet_state = "veryHidden"
    protect(ws)
    return ranges


def choice_rule(list_range: str, messages: Messages) -> DataValidation:
    """A drop-down: only the items of the list are allowed."""
    rule = DataValidation(type="list", formula1=list_range, allow_blank=True)
    return _with_messages(rule, messages)


def number_rule(kind: Literal["whole", "decimal"], messages: Messages) -> DataValidation:
    """Whole numbers (counts) or decimals (money), zero or more; blank stays allowed."""
    rule = DataValidation(type=kind, operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    return _with_messages(rule, messages)


def range_rule(low: int, high: int, messages: Messages) -> DataValidation:
    rule = DataValidation(
        type="whole", operator="between", formula1=str(low), formula2=str(high), allow_blank=True
    )
    return _with_messages(rule, messages)


def _with_messages(rule: DataValidation, messages: Messages) -> DataValidation:
    rule.showInputMessage = True
    rule.showErrorMessage = True
    rule.errorStyle = "stop"
    rule.promptTitle = _fit(messages.prompt_title, TITLE_LIMIT)
    rule.prompt = _fit(messages.prompt, MESSAGE_LIMIT)
    rule.errorTitle = _fit(messages.error_title, TITLE_LIMIT)
    rule.error = _fit(messages.error, MESSAGE_LIMIT)
    return rule


def _fit(text: str, limit: int) -> str:
    """Excel calls a file damaged when a rule's text is too long; never let it be."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
