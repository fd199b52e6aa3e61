"""Opening a workbook with python-calamine and finding the three report sheets by name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from python_calamine import (
    CalamineError,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from kcstats.catalog import Catalogue
from kcstats.reader.context import Problems
from kcstats.reader.grid import Grid
from kcstats.reader.utf8_path import openable
from kcstats.safety.preflight import Preflight
from kcstats.text import find_label

ROLES = ("info", "funding", "results")


@dataclass(slots=True)
class ReportSheets:
    info: Grid | None
    funding: Grid | None
    results: Grid | None


def open_workbook(path: Path, problems: Problems) -> CalamineWorkbook | None:
    try:
        with openable(path) as name:
            return CalamineWorkbook.from_path(name)
    except PasswordError:
        problems.add("encrypted-workbook")
    except CalamineError as error:
        problems.add("damaged-workbook", found=_short(error))
    except (OSError, ValueError) as error:  # calamine raises these for unreadable containers
        problems.add("damaged-workbook", found=_short(error))
    return None


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:160]}" if text else type(error).__name__


def find_sheets(
    workbook: CalamineWorkbook, catalogue: Catalogue, preflight: Preflight, problems: Problems
) -> ReportSheets:
    candidates: dict[str, list[str]] = {role: [] for role in ROLES}
    for meta in workbook.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue
        role = find_label(meta.name, catalogue.sheet_index)
        if role is None:
            continue
        if meta.visible != SheetVisibleEnum.Visible:
            problems.add("hidden-sheet-ignored", sheet=meta.name, found=meta.name)
            continue
        candidates[role].append(meta.name)
    grids: dict[str, Grid | None] = {}
    names = ", ".join(workbook.sheet_names) or "—"
    for role in ROLES:
        title = catalogue.aliases.sheet_titles[role]
        found = candidates[role]
        if not found:
            problems.add("sheet-missing", expected=title, found=names)
            grids[role] = None
        elif len(found) > 1:
            problems.add("sheet-ambiguous", expected=title, found=", ".join(found))
            grids[role] = None
        else:
            grids[role] = load_grid(workbook, found[0], preflight, problems)
    return ReportSheets(grids["info"], grids["funding"], grids["results"])


def load_grid(
    workbook: CalamineWorkbook, name: str, preflight: Preflight, problems: Problems
) -> Grid | None:
    try:
        sheet = workbook.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges or []
    except CalamineError as error:
        problems.add("damaged-workbook", sheet=name, found=_short(error))
        return None
    grid_rows = list(rows)
    for row, col in preflight.blank_cells.get(name, ()):
        # A formula whose result is the empty string: blank, as .xlsx and .ods read it.
        if row < len(grid_rows) and col < len(grid_rows[row]):
            grid_rows[row] = [*grid_rows[row][:col], "", *grid_rows[row][col + 1 :]]
    return Grid(name, grid_rows, merged, preflight.cell_flags.get(name, {}))
