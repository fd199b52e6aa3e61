"""Which of the two report formats a workbook follows: one small step before reading it.

Format 1 is kcstats' own three sheets; format 2 is the administrative report table
(report-format-2.md): the first visible sheet, in tab order, that holds a table header.
A workbook with the sheet "Thông tin" or all three format-1 sheets is format 1 (what it
lacks is `sheet-missing`). Otherwise a format-2 table makes it format 2, unless two format-1
sheets are there and the table has no report head above it (an agency line, a title naming
a period): that is a format-1 file that lost a sheet. A workbook with neither is refused
`layout-unknown`. Only sheets that passed preflight are read, within its limits.
"""

from __future__ import annotations

from dataclasses import dataclass

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from kcstats.catalog import Catalogue
from kcstats.messages import say
from kcstats.reader.context import Problems
from kcstats.reader.format2.above import has_report_head
from kcstats.reader.format2.layout import Layout, find_layout
from kcstats.reader.grid import Grid
from kcstats.reader.workbook import ReportSheets, find_sheets, load_grid
from kcstats.safety.preflight import Preflight
from kcstats.text import find_label

LOOKED_FOR = say("layout.looked-for")


@dataclass(slots=True)
class Format2Table:
    grid: Grid
    layout: Layout


def detect(
    workbook: CalamineWorkbook, catalogue: Catalogue, preflight: Preflight, problems: Problems
) -> ReportSheets | Format2Table | None:
    """The report's sheets (format 1), its table (format 2), or None: refused, with why."""
    visible = [
        meta.name
        for meta in workbook.sheets_metadata
        if meta.typ == SheetTypeEnum.WorkSheet and meta.visible == SheetVisibleEnum.Visible
    ]
    roles = {find_label(name, catalogue.sheet_index) for name in visible} - {None}
    if "info" in roles or len(roles) == 3:
        return find_sheets(workbook, catalogue, preflight, problems)
    # Sheets named 'Kinh phí' and 'Kết quả thực hiện' may be a format-1 file that lost its
    # sheet "Thông tin", or a format-2 report whose sheets happen to be named so: the lines
    # above its table (an agency line, a title naming the period) tell which.
    found = Problems()
    table = _first_table(workbook, visible, catalogue, preflight, found)
    if table is not None and (
        len(roles) < 2 or has_report_head(table.grid, table.layout, catalogue)
    ):
        problems.items.extend(found.items)
        return table
    if roles:
        return find_sheets(workbook, catalogue, preflight, problems)
    problems.items.extend(found.items)  # a sheet that could not be read, say
    problems.add(
        "layout-unknown", expected=LOOKED_FOR, found=", ".join(workbook.sheet_names) or "—"
    )
    return None


def _first_table(
    workbook: CalamineWorkbook,
    visible: list[str],
    catalogue: Catalogue,
    preflight: Preflight,
    problems: Problems,
) -> Format2Table | None:
    found: Format2Table | None = None
    for name in visible:
        grid = load_grid(workbook, name, preflight, problems)
        if grid is None:
            continue
        layout = find_layout(grid, catalogue)
        if layout is None:
            continue
        if found is None:
            found = Format2Table(grid, layout)
        else:
            problems.add(
                "second-table-ignored",
                sheet=name,
                at=layout.header_cell,
                found=name,
                expected=found.grid.name,
            )
    return found
