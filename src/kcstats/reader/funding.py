"""Sheet 'Kinh phí': one row per source of funds, with projects and money planned and done."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Literal, cast

from kcstats.catalog import Catalogue
from kcstats.catalogue_file import IN_TOTAL, SOURCE_CODES
from kcstats.messages import say
from kcstats.model import FundingLine, funding_line
from kcstats.numbers import shown_figure, shown_tolerance
from kcstats.reader.context import Problems
from kcstats.reader.figures import Stated, read_count, read_money, read_number
from kcstats.reader.grid import CACHED_TEXT, Grid
from kcstats.reader.headers import HeaderText, contains_phrase, header_text
from kcstats.reader.rows import is_column_numbering, is_note_line, is_words_only
from kcstats.text import find_label, fold_label

Role = Literal[
    "source", "percent", "plan_projects", "plan_money", "actual_projects", "actual_money"
]
FIGURE_ROLES: tuple[Role, ...] = ("plan_projects", "plan_money", "actual_projects", "actual_money")
MONEY_ROLES = ("plan_money", "actual_money")
# Every figure column is required (only '% đạt kế hoạch' is optional): a table that lacks one
# would read as "not reported" what the province may well have written somewhere else.
COLUMN_TITLES: dict[Role, str] = {
    "plan_projects": "Số đề án kế hoạch",
    "plan_money": "Kinh phí kế hoạch",
    "actual_projects": "Số đề án thực hiện",
    "actual_money": "Kinh phí thực hiện",
}
MONEY_TOLERANCE_FLOOR = Decimal("0.0005")


@dataclass(frozen=True, slots=True)
class Column:
    col: int
    unit: str | None  # money unit code named in the header, else None


@dataclass(slots=True)
class FundingTable:
    header_rows: tuple[int, ...]
    columns: dict[Role, Column]


@dataclass(slots=True)
class _Row:
    source: str
    row: int
    values: dict[str, Decimal | int | None] = field(default_factory=dict)
    stated: dict[str, Stated] = field(default_factory=dict)  # money as written, for totals
    factors: dict[str, Decimal] = field(default_factory=dict)
    typed_as_text: set[str] = field(default_factory=set)  # roles whose figure is number text


class _Classifier:
    """What header cells say; one per catalogue, remembering each distinct header text."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.words = {
            role: [fold_label(a) for a in aliases]
            for role, aliases in catalogue.aliases.funding_columns.items()
        }
        self.units = catalogue.money_unit_index
        self._parts: dict[str, frozenset[str]] = {}
        self._roles: dict[
            tuple[HeaderText, HeaderText | None], tuple[Role | None, bool, str | None]
        ] = {}
        # The table (header rows counted from 0) that two rows' values start, or
        # _NOT_HEADER: the same header in every report is worked out once per process.
        self.tables: dict[tuple[object, ...], FundingTable] = {}

    def _has(self, text: str, role: str) -> bool:
        return any(contains_phrase(text, phrase) for phrase in self.words[role])

    def parts(self, text: str) -> frozenset[str]:
        """What a header cell says: source, percent, or kind (projects/money) and stage."""
        found = self._parts.get(text)
        if found is None:
            found = frozenset(self._parts_of(text))
            if len(text) <= CACHED_TEXT and len(self._parts) < 16384:
                self._parts[text] = found
        return found

    def role(
        self, top: HeaderText, bottom: HeaderText | None
    ) -> tuple[Role | None, bool, str | None]:
        """Role of a column, whether it needed the second header row, and its money unit."""
        key = (top, bottom)
        found = self._roles.get(key)
        if found is None:
            found = self._role_of(top, bottom)
            size = len(top.folded) + (len(bottom.folded) if bottom is not None else 0)
            if size <= CACHED_TEXT and len(self._roles) < 16384:
                self._roles[key] = found
        return found

    def _parts_of(self, text: str) -> set[str]:
        if not text:
            return set()
        if self._has(text, "percent") or text.startswith("%"):
            return {"percent"}
        if self._has(text, "source"):
            return {"source"}
        found = {role for role in ("projects", "money", "plan", "actual") if self._has(text, role)}
        if "projects" in found:
            found.discard("money")  # 'Số đề án' never means money, 'Kinh phí' alone does
        return found

    def _role_of(
        self, top: HeaderText, bottom: HeaderText | None
    ) -> tuple[Role | None, bool, str | None]:
        top_parts = self.parts(top.folded)
        unit = self.units.get(top.unit) if top.unit else None
        if "source" in top_parts or "percent" in top_parts:
            return ("source" if "source" in top_parts else "percent"), False, None
        resolved = _complete(top_parts)
        if resolved is not None:
            return resolved, False, unit
        if bottom is None:
            return None, False, None
        bottom_parts = self.parts(bottom.folded)
        if bottom.unit and self.units.get(bottom.unit):
            unit = self.units.get(bottom.unit)
        if "percent" in bottom_parts:
            return "percent", True, None
        return _complete(top_parts | bottom_parts), True, unit


@lru_cache(maxsize=4)
def _classifier(catalogue: Catalogue) -> _Classifier:
    return _Classifier(catalogue)


def _complete(parts: frozenset[str]) -> Role | None:
    kinds = [kind for kind in ("projects", "money") if kind in parts]
    stages = [stage for stage in ("plan", "actual") if stage in parts]
    if len(kinds) == 1 and len(stages) == 1:
        return f"{stages[0]}_{kinds[0]}"  # type: ignore[return-value]
    return None


_NOT_HEADER = FundingTable((), {})  # a remembered row that starts no table


def find_table(grid: Grid, catalogue: Catalogue) -> FundingTable | None:
    classifier = _classifier(catalogue)
    for row in range(grid.height):
        key = _header_key(grid, row)
        known = classifier.tables.get(key) if key is not None else None
        if known is None:
            known = _table_at(grid, row, classifier)
            if key is not None and len(classifier.tables) < 1024:
                classifier.tables[key] = known
        if known is not _NOT_HEADER:
            # The same header rows, at this row: a Column cannot change, so it is shared.
            return FundingTable(tuple(row + r for r in known.header_rows), dict(known.columns))
    return None


def _header_key(grid: Grid, row: int) -> tuple[object, ...] | None:
    """What a header row and the row below it hold (what _table_at reads), or None."""
    top = grid.row_key(row)
    if top is None:
        return None
    bottom = grid.row_key(row + 1) if row + 1 < grid.height else None
    if bottom is None and row + 1 < grid.height:
        return None
    return (top, bottom)


def _table_at(grid: Grid, row: int, classifier: _Classifier) -> FundingTable:
    """The table whose header starts at `row` (its header rows counted from 0), or
    _NOT_HEADER."""
    width = max(grid.width(row), grid.width(row + 1))
    tops = [header_text(grid, row, c) for c in range(width)]
    if not any("source" in classifier.parts(t.folded) for t in tops if t.folded):
        return _NOT_HEADER
    columns: dict[Role, Column] = {}
    used_second_row = False
    for col, top in enumerate(tops):
        bottom = header_text(grid, row + 1, col) if row + 1 < grid.height else None
        role, second, unit = classifier.role(top, bottom)
        if role is None or role in columns:
            continue
        columns[role] = Column(col, unit)
        used_second_row |= second
    if "source" in columns and any(r in columns for r in FIGURE_ROLES):
        return FundingTable((0, 1) if used_second_row else (0,), columns)
    return _NOT_HEADER


def read_funding(
    grid: Grid, catalogue: Catalogue, money_unit: str, problems: Problems
) -> list[FundingLine]:
    table = find_table(grid, catalogue)
    if table is None:
        problems.add(
            "header-not-found",
            sheet=grid.name,
            expected="Nguồn kinh phí · Số đề án / Kinh phí · Kế hoạch / Thực hiện",
        )
        return []
    source_col = table.columns["source"].col
    for role in FIGURE_ROLES:
        if role not in table.columns:
            problems.add(
                "column-missing",
                sheet=grid.name,
                at=(table.header_rows[0], source_col),
                expected=COLUMN_TITLES[role],
            )
    rows: dict[str, _Row] = {}
    total: _Row | None = None
    figure_cols = [c.col for role, c in table.columns.items() if role != "source"]
    all_cols = [c.col for c in table.columns.values()]
    first_data = table.header_rows[-1] + 1
    for row in range(first_data, grid.height):
        if grid.all_empty(row, figure_cols):
            continue  # headings, notes: nothing reported on this row
        if grid.is_empty(row, source_col) and is_words_only(grid, row, [source_col], figure_cols):
            continue  # a signature line
        if row == first_data and is_column_numbering(grid, row, min(all_cols), max(all_cols)):
            continue
        label = grid.text(row, source_col)
        source = find_label(label, catalogue.source_index) if label else None
        if source is None and is_note_line(grid, row, figure_cols):
            continue  # a signature block, a note or a date line below or beside the table
        if source is None:
            expected = ", ".join(s.label_vi for s in catalogue.sources.values())
            problems.add(
                "source-unknown",
                sheet=grid.name,
                at=(row, source_col),
                found=label,
                expected=expected,
            )
            continue
        if source in rows or (source == "total" and total is not None):
            first = total.row if source == "total" and total else rows[source].row
            problems.add(
                "row-duplicate",
                sheet=grid.name,
                at=(row, source_col),
                found=label,
                expected=first + 1,
            )
            continue
        parsed = _read_row(grid, row, source, table, catalogue, money_unit, problems)
        if source == "total":
            total = parsed
        else:
            rows[source] = parsed
    if total is not None:
        _check_total(grid, table, total, rows, problems)
    return [_line(code, rows[code].values) for code in SOURCE_CODES if code in rows]


def _line(source: str, values: dict[str, Decimal | int | None]) -> FundingLine:
    plan_money, actual_money = values.get("plan_money"), values.get("actual_money")
    plan_projects, actual_projects = values.get("plan_projects"), values.get("actual_projects")
    return funding_line(
        source,
        cast("int | None", plan_projects),
        cast("Decimal | None", plan_money),
        cast("int | None", actual_projects),
        cast("Decimal | None", actual_money),
        None,  # format 1 has no same-period-last-year column for funding
        None,
    )


def _read_row(
    grid: Grid,
    row: int,
    source: str,
    table: FundingTable,
    catalogue: Catalogue,
    money_unit: str,
    problems: Problems,
) -> _Row:
    lenient = source == "total"
    parsed = _Row(source, row)
    for role in FIGURE_ROLES:
        column = table.columns.get(role)
        if column is None:
            continue
        if isinstance(grid.value(row, column.col), str) and not grid.is_empty(row, column.col):
            parsed.typed_as_text.add(role)
        if role in MONEY_ROLES:
            unit = catalogue.money_units[column.unit or money_unit]
            money = read_money(
                grid,
                row,
                column.col,
                unit,
                problems,
                unit_index=catalogue.money_unit_index,
                lenient_formula=lenient,
            )
            parsed.values[role] = money[0] if money else None
            if money:
                parsed.stated[role] = money[1]
                parsed.factors[role] = unit.per_trieu
        else:
            parsed.values[role] = read_count(
                grid, row, column.col, problems, lenient_formula=lenient
            )
    percent = table.columns.get("percent")
    if percent is not None:
        check_percent(
            grid,
            row,
            percent.col,
            parsed.values.get("plan_money"),
            parsed.values.get("actual_money"),
            problems,
            lenient,
        )
    return parsed


def check_percent(
    grid: Grid,
    row: int,
    col: int,
    plan: Decimal | int | None,
    actual: Decimal | int | None,
    problems: Problems,
    lenient: bool = False,
    code: str = "percent-mismatch",
) -> None:
    """A stated '% đạt kế hoạch' must agree with actual / plan × 100, to its last shown digit.
    (`plan` is the base of the percent: with code prior-percent-mismatch, last year's figure.)

    Excel often stores a percent-formatted cell as a fraction (0,491 shown as 49,1%), so a
    stated value that agrees as a fraction agrees too.
    """
    flag = grid.flag(row, col)
    if flag is not None and flag.text == "#DIV/0!" and not plan:
        return  # Excel's answer to a percent of a zero or blank plan, as kcstats's own is null
    stated = read_number(grid, row, col, problems, lenient_formula=lenient)
    if stated is None or plan is None or actual is None or plan == 0:
        return
    computed = Decimal(actual) * 100 / Decimal(plan)
    floor = Decimal("0.000001")
    as_percent = abs(stated.value - computed) <= max(shown_tolerance(stated.decimals), floor)
    as_fraction = abs(stated.value * 100 - computed) <= max(
        shown_tolerance(max(stated.decimals - 2, 0)), floor
    )
    if not (as_percent or as_fraction):
        problems.add(
            code,
            sheet=grid.name,
            at=(row, col),
            found=shown_figure(stated.value),
            expected=shown_figure(computed.quantize(Decimal("0.01"))),
        )


def _check_total(
    grid: Grid, table: FundingTable, total: _Row, rows: dict[str, _Row], problems: Problems
) -> None:
    """A stated total of national and local is checked against their sum, never added in.

    A total that a spreadsheet computed (the template's SUM) leaves out the parts typed as
    text: when it agrees with the parts stored as numbers, the difference is the text parts',
    not the province's, and the total stands. A total that agrees with neither sum is refused
    at the total cell. Either way each text part gets number-stored-as-text, at its cell."""
    parts = [rows[s] for s in IN_TOTAL if s in rows]
    for role in FIGURE_ROLES:
        stated = total.values.get(role)
        if stated is None:
            continue
        present = [Decimal(v) for p in parts if (v := p.values.get(role)) is not None]
        if _total_agrees(total, role, present):
            continue
        # Only a total stored as a number can be a formula's result; a total typed as text
        # is the province's own statement, checked against every part.
        as_text = [
            p
            for p in parts
            if role in p.typed_as_text
            and p.values.get(role) is not None
            and role not in total.typed_as_text
        ]
        stored = [
            Decimal(v)
            for p in parts
            if role not in p.typed_as_text and (v := p.values.get(role)) is not None
        ]
        # The text parts are marked either way: they are what to retype.
        for part in as_text:
            col = table.columns[role].col
            # What it reads as, in the unit the cell is written in (as the total is told).
            read = part.stated[role].value if role in part.stated else part.values[role]
            problems.add(
                "number-stored-as-text",
                sheet=grid.name,
                at=(part.row, col),
                found=grid.text(part.row, col),
                expected=shown_figure(Decimal(read or 0)),
            )
        if as_text and _total_agrees(total, role, stored):
            continue
        computed = sum(present, Decimal(0))
        # Both in the unit the total cell is written in, the way it is written there.
        factor = total.factors.get(role, Decimal(1))
        written = total.stated[role].value if role in total.stated else Decimal(stated)
        problems.add(
            "total-mismatch",
            sheet=grid.name,
            at=(total.row, table.columns[role].col),
            found=shown_figure(written),
            expected=shown_figure(computed / factor) if present else say("expected.blank"),
        )


def _total_agrees(total: _Row, role: Role, present: list[Decimal]) -> bool:
    """The stated total equals the sum of `present` (beyond rounding of its last digit)."""
    stated = total.values.get(role)
    computed = sum(present, Decimal(0))
    if not present:
        return stated == 0
    if role in MONEY_ROLES:
        shown, factor = total.stated[role], total.factors[role]
        tolerance = max(shown_tolerance(shown.decimals) * factor, MONEY_TOLERANCE_FLOOR)
        return abs(shown.value * factor - computed) <= tolerance
    return Decimal(stated or 0) == computed
