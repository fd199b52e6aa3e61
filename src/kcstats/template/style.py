"""How a template looks: which cells are labels (locked), which take figures (yellow, open)."""

from __future__ import annotations

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.worksheet import Worksheet

from kcstats.export.safe_text import put_text

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # light yellow: type here
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
COMPUTED_FILL = PatternFill("solid", fgColor="EDEDED")  # grey: Excel computes it
_THIN = Side(style="thin", color="808080")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
COUNT_FORMAT = "#,##0"
MONEY_FORMAT = "#,##0.000"
OPEN = Protection(locked=False)


def title(ws: Worksheet, ref: str, text: str, *, merge_to: str | None = None) -> None:
    put_text(ws[ref], text).font = Font(bold=True, size=13)
    if merge_to is not None:
        ws.merge_cells(f"{ref}:{merge_to}")


def note(cell: Cell, text: str) -> None:
    put_text(cell, text).font = Font(italic=True, color="595959")


HEADER_HEIGHT = 32  # points: two lines of wrapped header text


def header(cell: Cell, text: str) -> None:
    put_text(cell, text)
    cell.font = Font(bold=True)
    cell.fill = HEADER_FILL
    cell.border = BOX
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def label(cell: Cell, text: str, *, bold: bool = False) -> None:
    put_text(cell, text)
    cell.font = Font(bold=bold)
    cell.border = BOX
    cell.alignment = Alignment(vertical="center", wrap_text=True)


def entry(cell: Cell, number_format: str | None = None) -> None:
    """A cell a person fills in: yellow, boxed, and left editable on the protected sheet."""
    cell.fill = INPUT_FILL
    cell.border = BOX
    cell.protection = OPEN
    if number_format is not None:
        cell.number_format = number_format


def computed(cell: Cell, formula: str, number_format: str) -> None:
    cell.value = formula
    cell.font = Font(bold=True)
    cell.fill = COMPUTED_FILL
    cell.border = BOX
    cell.number_format = number_format


def protect(ws: Worksheet) -> None:
    """Sheet protection without a password: labels stay put, columns and rows may be resized."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def widths(ws: Worksheet, columns: dict[str, float]) -> None:
    for letter, width in columns.items():
        ws.column_dimensions[letter].width = width
