"""Sheet 'Chỉ tiêu': one row per indicator, named by code or, where the code is blank, by label."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from kcstats.catalog import Catalogue, Indicator
from kcstats.model import IndicatorFigure, indicator_figure
from kcstats.numbers import whole_number
from kcstats.reader.context import Problems
from kcstats.reader.figures import read_count, read_money
from kcstats.reader.funding import check_percent
from kcstats.reader.grid import CACHED_TEXT, Grid
from kcstats.reader.headers import ColumnIndex, assign_columns, header_text
from kcstats.reader.rows import is_column_numbering, is_note_line, is_words_only
from kcstats.text import find_label, fold, fold_label

FIGURE_COLUMNS = ("plan", "actual", "prior")
# The Mã column may be absent (rows are then named by label); '%', 'Cùng kỳ' and 'Ghi chú'
# are optional. The table is found by its label column and a plan or actual column.
REQUIRED_COLUMNS = {"unit": "Đơn vị tính", "plan": "Kế hoạch", "actual": "Thực hiện"}


@dataclass(slots=True)
class ResultsTable:
    header_row: int
    columns: dict[str, int]


@lru_cache(maxsize=4)
def _column_index(catalogue: Catalogue) -> ColumnIndex:
    return ColumnIndex(
        {
            fold_label(a): role
            for role, names in catalogue.aliases.results_columns.items()
            for a in names
        }
    )


@lru_cache(maxsize=4)
def _headers(catalogue: Catalogue) -> dict[tuple[object, ...], dict[str, int]]:
    """A row's values -> the columns they head, or _NOT_HEADER: the same header in every
    report is worked out once per process."""
    return {}


_NOT_HEADER: dict[str, int] = {}  # a remembered row that is not the table's header


def find_table(grid: Grid, catalogue: Catalogue) -> ResultsTable | None:
    index = _column_index(catalogue)
    known = _headers(catalogue)
    for row in range(grid.height):
        key = grid.row_key(row)
        columns = known.get(key) if key is not None else None
        if columns is None:
            texts = {col: header_text(grid, row, col).folded for col in range(grid.width(row))}
            found = assign_columns(texts, index)
            is_header = "label" in found and ("plan" in found or "actual" in found)
            columns = found if is_header else _NOT_HEADER
            if key is not None and len(known) < 1024:
                known[key] = columns
        if columns is not _NOT_HEADER:
            return ResultsTable(row, dict(columns))
    return None


def read_results(
    grid: Grid, catalogue: Catalogue, money_unit: str, problems: Problems
) -> list[IndicatorFigure]:
    table = find_table(grid, catalogue)
    if table is None:
        problems.add(
            "header-not-found",
            sheet=grid.name,
            expected="Chỉ tiêu / Nội dung · Kế hoạch · Thực hiện",
        )
        return []
    cols = table.columns
    for role, title in REQUIRED_COLUMNS.items():
        if role not in cols:
            problems.add(
                "column-missing",
                sheet=grid.name,
                at=(table.header_row, cols["label"]),
                expected=title,
            )
    figure_cols = [cols[c] for c in (*FIGURE_COLUMNS, "percent") if c in cols]
    seen: dict[str, int] = {}
    figures: list[IndicatorFigure] = []
    label_cols = [cols[c] for c in ("code", "label") if c in cols]
    first_data = table.header_row + 1
    plain = _PlainRows.of(grid, cols, catalogue, money_unit)
    for row in range(first_data, grid.height):
        if plain is not None and row != first_data:
            made = plain.read(grid.rows[row], seen, row, problems, grid.name)
            if isinstance(made, IndicatorFigure):
                figures.append(made)
            if made is not None:
                continue
        if grid.all_empty(row, figure_cols):
            continue  # section headings such as 'I. Đào tạo nghề' report nothing
        if grid.all_empty(row, label_cols) and is_words_only(grid, row, label_cols, figure_cols):
            continue  # a signature line
        if row == first_data and is_column_numbering(
            grid, row, min(cols.values()), max(cols.values())
        ):
            continue
        indicator, at, found = _identify(grid, row, cols, catalogue)
        if indicator is None and is_note_line(grid, row, figure_cols):
            continue  # a signature block, a note or a date line below or beside the table
        if indicator is None:
            problems.add("indicator-unknown", sheet=grid.name, at=at, found=found)
            continue
        if indicator.code in seen:
            problems.add_repeated(
                "row-duplicate",
                sheet=grid.name,
                at=at,
                found=found,
                expected=seen[indicator.code] + 1,
            )
            continue
        seen[indicator.code] = row
        unit_ok, unit_code = check_unit(
            grid, row, cols.get("unit"), indicator, catalogue, money_unit, problems
        )
        if not unit_ok:
            continue
        values: dict[str, Decimal | None] = {}
        for name in FIGURE_COLUMNS:
            col = cols.get(name)
            values[name] = (
                None
                if col is None
                else read_value(grid, row, col, indicator, catalogue, unit_code, problems)
            )
        if "percent" in cols:
            check_percent(grid, row, cols["percent"], values["plan"], values["actual"], problems)
        figures.append(
            indicator_figure(indicator.code, values["plan"], values["actual"], values["prior"])
        )
    return figures


class _PlainRows:
    """The rows most reports are made of, read in fewer steps: a code the reader has seen
    name a count indicator not seen in this table, a unit text that agreed before, and
    counts stored as whole numbers (or blank), in a sheet without formulas, errors or merged
    cells and a table without a percent column; and a copy of a row already read (a
    row-duplicate, every row of a long table that repeats the catalogue). Such a row reads
    exactly as the general loop of read_results reads it, which takes every other row."""

    __slots__ = ("code_col", "codes", "figure_cols", "money_unit", "unit_col", "units")

    def __init__(
        self, cols: dict[str, int], catalogue: Catalogue, money_unit: str, code_col: int
    ) -> None:
        self.codes = _codes(catalogue)
        self.units = _units(catalogue)
        self.code_col = code_col
        self.unit_col = cols.get("unit")
        self.money_unit = money_unit
        self.figure_cols = [cols.get(name) for name in FIGURE_COLUMNS]

    @classmethod
    def of(
        cls, grid: Grid, cols: dict[str, int], catalogue: Catalogue, money_unit: str
    ) -> _PlainRows | None:
        code_col = cols.get("code")
        if grid.flags or grid.merged or code_col is None or "percent" in cols:
            return None
        return cls(cols, catalogue, money_unit, code_col)

    def read(
        self,
        cells: Sequence[object],
        seen: dict[str, int],
        row: int,
        problems: Problems,
        sheet: str,
    ) -> IndicatorFigure | bool | None:
        """The row's figure; True for a copy of a row read before (its row-duplicate added);
        None for a row the general loop must read."""
        width = len(cells)
        raw = cells[self.code_col] if self.code_col < width else None
        if type(raw) is not str:
            return None
        known = self.codes.get(raw)
        if known is None or known[0] is None:
            return None
        indicator = known[0]
        if indicator.code in seen:
            for col in self.figure_cols:
                value = cells[col] if col is not None and col < width else None
                if not (value is None or value == "" or (type(value) is str and not value.strip())):
                    problems.add_repeated(
                        "row-duplicate",
                        sheet=sheet,
                        at=(row, self.code_col),
                        found=known[1],
                        expected=seen[indicator.code] + 1,
                    )
                    return True
            return None  # nothing reported: the general loop skips such a row
        if indicator.kind != "count":
            return None
        values: list[Decimal | None] = []
        reported = False
        for col in self.figure_cols:
            value = cells[col] if col is not None and col < width else None
            if value is None or value == "":
                values.append(None)
            elif type(value) is float and 0.0 <= value < 1e15 and value.is_integer():
                values.append(whole_number(int(value)))
                reported = True
            else:
                return None
        if not reported:
            return None  # nothing reported: the general loop says what such a row is
        if self.unit_col is not None:
            unit = cells[self.unit_col] if self.unit_col < width else None
            # check_unit's key for this cell, built here: a call per row would cost.
            if (unit, indicator.code, self.money_unit, False) not in self.units:
                return None
        seen[indicator.code] = row
        return indicator_figure(indicator.code, values[0], values[1], values[2])


@lru_cache(maxsize=4)
def _codes(catalogue: Catalogue) -> dict[str, tuple[Indicator | None, str]]:
    """Code cell text -> (its indicator, the text as shown): codes repeat in every report, and
    in every row of a long one."""
    return {}


def _identify(
    grid: Grid, row: int, cols: dict[str, int], catalogue: Catalogue
) -> tuple[Indicator | None, tuple[int, int], str]:
    code_col = cols.get("code")
    if code_col is not None:
        cells = grid.rows[row]
        raw = cells[code_col] if code_col < len(cells) else None
        codes = _codes(catalogue)
        if type(raw) is str:
            # A code cell that is not blank reads as its own cleaned text (no merged cell is
            # looked at), so the same text always names the same indicator.
            remembered = codes.get(raw)
            if remembered is not None:
                return remembered[0], (row, code_col), remembered[1]
        if not grid.is_empty(row, code_col):
            code = grid.text(row, code_col)
            indicator = catalogue.indicators.get(code.strip().lower())
            if type(raw) is str and len(raw) <= CACHED_TEXT and raw.strip() and len(codes) < 16384:
                codes[raw] = (indicator, code)
            return indicator, (row, code_col), code
    label = grid.text(row, cols["label"])
    key = find_label(label, catalogue.indicator_index) if label else None
    return (catalogue.indicators[key] if key else None), (row, cols["label"]), label


def check_unit(
    grid: Grid,
    row: int,
    col: int | None,
    indicator: Indicator,
    catalogue: Catalogue,
    money_unit: str,
    problems: Problems,
    *,
    unit_aliases: bool = False,
) -> tuple[bool, str]:
    """The row's unit cell must agree with the catalogue; for money it names the row's unit.
    `unit_aliases`: format 2 also takes the unit's aliases ('người' for 'lao động')."""
    raw = grid.value(row, col) if col is not None else None
    units = _units(catalogue)
    key = (raw, indicator.code, money_unit, unit_aliases)
    if type(raw) is str:
        agreed = units.get(key)
        if agreed is not None:
            return True, agreed
    text = grid.text(row, col) if col is not None else ""
    unit = _agreed_unit(text, indicator, catalogue, money_unit, unit_aliases)
    if unit is None:
        assert col is not None
        problems.add(
            "unit-mismatch", sheet=grid.name, at=(row, col), found=text, expected=indicator.unit
        )
        return False, money_unit
    if type(raw) is str and len(raw) <= CACHED_TEXT and len(units) < 16384 and raw.strip():
        # A unit cell that is not blank reads as its own text: it agrees the same way again.
        units[key] = unit
    return True, unit


@lru_cache(maxsize=4)
def _units(catalogue: Catalogue) -> dict[tuple[object, str, str, bool], str]:
    """(unit cell text, indicator, the report's money unit, aliases taken) -> the row's unit,
    for the unit texts found to agree."""
    return {}


def _agreed_unit(
    text: str, indicator: Indicator, catalogue: Catalogue, money_unit: str, unit_aliases: bool
) -> str | None:
    """The row's unit where its unit cell's text agrees with the catalogue (a blank cell
    does: the report's money unit), else None."""
    if not text:
        return money_unit
    folded = fold(text)
    if indicator.kind == "money":
        return catalogue.money_unit_index.get(folded)
    if folded in (catalogue.unit_names(indicator.unit) if unit_aliases else {fold(indicator.unit)}):
        return money_unit
    return None


def read_value(
    grid: Grid,
    row: int,
    col: int,
    indicator: Indicator,
    catalogue: Catalogue,
    unit_code: str,
    problems: Problems,
) -> Decimal | None:
    if indicator.kind == "count":
        if not grid.flags:
            # What most count cells hold: a whole number stored as such, or nothing. Read as
            # read_count reads it (no problem can come of either), without its steps.
            cells = grid.rows[row]
            raw = cells[col] if col < len(cells) else None
            if type(raw) is float and 0.0 <= raw < 1e15 and raw.is_integer():
                return whole_number(int(raw))
            if raw is None or raw == "":
                return None
        count = read_count(grid, row, col, problems)
        return None if count is None else whole_number(count)
    unit = catalogue.money_units[unit_code]
    money = read_money(grid, row, col, unit, problems, unit_index=catalogue.money_unit_index)
    return None if money is None else money[0]
