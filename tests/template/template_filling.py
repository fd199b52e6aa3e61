"""Filling a template the way a person does in Excel: open it, type into cells, save.

Cells are found the way a person finds them, by the labels and headers on the sheet, never
by fixed addresses, so that these helpers keep working if the layout moves.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from kcstats.catalog import load_catalogue
from kcstats.problems import Lang
from kcstats.template.labels import FUNDING_FIGURES, RESULT_FIGURES, labels
from kcstats.template.results_sheet import COLUMNS

INFO, FUNDING, RESULTS = "Thông tin", "Kinh phí", "Chỉ tiêu"


def header_columns(ws: Worksheet, headers: Mapping[str, str]) -> tuple[int, dict[str, int]]:
    """The row holding every header text, and role -> column (1-based)."""
    for row in ws.iter_rows():
        found = {str(c.value): c.column for c in row if c.value is not None}
        if all(text in found for text in headers.values()):
            return row[0].row, {role: found[text] for role, text in headers.items()}
    raise AssertionError(f"no header row with {list(headers.values())} in {ws.title}")


def row_of(ws: Worksheet, column: int, text: str, below: int = 0) -> int:
    for (cell,) in ws.iter_rows(min_row=below + 1, min_col=column, max_col=column):
        if cell.value == text:
            return int(cell.row)
    raise AssertionError(f"{text!r} not in column {column} of {ws.title}")


def fact_cell(wb: openpyxl.Workbook, key: str, lang: Lang = "vi") -> Cell:
    ws = wb[INFO]
    row = row_of(ws, 1, labels(load_catalogue(), lang).facts[key])
    return ws.cell(row=row, column=2)


def funding_cell(wb: openpyxl.Workbook, source: str, role: str, lang: Lang = "vi") -> Cell:
    texts = labels(load_catalogue(), lang)
    ws = wb[FUNDING]
    header, cols = header_columns(ws, texts.funding)
    row = row_of(
        ws, cols["source"], texts.sources[source] if source != "total" else texts.total, header
    )
    return ws.cell(row=row, column=cols[role])


def indicator_cell(wb: openpyxl.Workbook, code: str, role: str, lang: Lang = "vi") -> Cell:
    results = {k: v for k, v in labels(load_catalogue(), lang).results.items() if k in COLUMNS}
    ws = wb[RESULTS]
    header, cols = header_columns(ws, results)
    return ws.cell(row=row_of(ws, cols["code"], code, header), column=cols[role])


def fill(
    path: Path,
    *,
    lang: Lang = "vi",
    facts: Mapping[str, Any] | None = None,
    funding: Mapping[str, Sequence[Any]] | None = None,
    indicators: Mapping[str, Sequence[Any]] | None = None,
    units: Mapping[str, str] | None = None,
) -> Path:
    """Type figures into a template and save it. funding: source -> (plan projects, plan
    money, actual projects, actual money); indicators: code -> (plan, actual, prior). None
    leaves a cell as it was."""
    wb = openpyxl.load_workbook(path)
    for key, value in (facts or {}).items():
        fact_cell(wb, key, lang).value = value
    for source, values in (funding or {}).items():
        for role, value in zip(FUNDING_FIGURES, values, strict=False):
            if value is not None:
                funding_cell(wb, source, role, lang).value = value
    for code, values in (indicators or {}).items():
        for role, value in zip(RESULT_FIGURES, values, strict=False):
            if value is not None:
                indicator_cell(wb, code, role, lang).value = value
    for code, unit in (units or {}).items():
        indicator_cell(wb, code, "unit", lang).value = unit
    wb.save(path)
    return path
