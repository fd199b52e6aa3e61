"""Finding the table of format 2: its header row(s), its columns, a column-number row.

Columns are found by header text in any order. A two-row header splits plan, actual and
percent into sub-columns: count and money ('Số lượng' / 'Kinh phí'), or sources ('Tổng số' /
'KCQG' / 'KCĐP' / 'Đối ứng' / 'Nguồn khác').
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kcstats.catalog import Catalogue
from kcstats.catalogue_file import SOURCE_CODES, TOTAL
from kcstats.reader.format2.words import Words, words_of
from kcstats.reader.grid import Grid
from kcstats.reader.headers import HeaderText, header_text, match_prefix
from kcstats.reader.rows import is_column_numbering

# A title block is a dozen rows: a header further down than this is no report's.
HEADER_SEARCH_ROWS = 200
GROUPS = ("plan", "actual", "percent", "prior", "prior_percent")
SOURCES = (TOTAL, *SOURCE_CODES)
Kind = Literal["simple", "count_money", "sources"]


@dataclass(frozen=True, slots=True)
class Column:
    col: int
    unit: str | None  # the money unit its header names ('Kinh phí (triệu đồng)'), if any


@dataclass(slots=True)
class Layout:
    sheet: str
    header_rows: tuple[int, ...]
    first_data: int
    kind: Kind
    single: dict[str, Column]  # row_number, label, unit, note
    # group (plan, actual, percent, prior, prior_percent) -> slot -> column. The slot is
    # 'value' for a one-row header, else count/money or a source (total, national, ...).
    groups: dict[str, dict[str, Column]] = field(default_factory=dict)
    # Top header cells that may state the year or period: (group, (row, col), text).
    stating: list[tuple[str, tuple[int, int], str]] = field(default_factory=list)

    @property
    def label_col(self) -> int:
        return self.single["label"].col

    @property
    def header_cell(self) -> tuple[int, int]:
        return (self.header_rows[0], self.label_col)

    def figure_cols(self) -> list[int]:
        return sorted(c.col for slots in self.groups.values() for c in slots.values())


def _role(text: HeaderText, words: Words) -> str | None:
    if not text.folded:
        return None
    return words.columns.exact.get(text.folded) or words.columns.prefix(text.folded)


def _sub_role(text: HeaderText, words: Words) -> str | None:
    if not text.folded:
        return None
    return words.sub_columns.get(text.folded) or match_prefix(text.folded, words.sub_columns)


def find_layout(grid: Grid, catalogue: Catalogue) -> Layout | None:
    """The first row holding a label column and a plan or actual column, read as a header."""
    words = words_of(catalogue)
    for row in range(min(grid.height, HEADER_SEARCH_ROWS)):
        width = grid.width(row)
        if width < 2:
            continue
        tops = [header_text(grid, row, c) for c in range(width)]
        roles = [_role(t, words) for t in tops]
        if "label" not in roles or not ("plan" in roles or "actual" in roles):
            continue
        return _layout(grid, row, tops, roles, words, catalogue.money_unit_index)
    return None


def _layout(
    grid: Grid,
    row: int,
    tops: list[HeaderText],
    roles: list[str | None],
    words: Words,
    units: dict[str, str],
) -> Layout:
    single: dict[str, Column] = {}
    groups: dict[str, dict[str, Column]] = {}
    stating: list[tuple[str, tuple[int, int], str]] = []
    two_rows = False
    below = row + 1
    width = max(len(tops), grid.width(below))
    spanning: str | None = None  # the group a blank top cell belongs to, left of it
    for col in range(width):
        top = tops[col] if col < len(tops) else HeaderText("", None)
        role = roles[col] if col < len(roles) else None
        bottom = header_text(grid, below, col) if below < grid.height else HeaderText("", None)
        slot = _sub_role(bottom, words)
        if role is None and not top.folded and slot is not None and spanning is not None:
            # 'Kế hoạch' written over several sub-columns without a merge (or in a file
            # whose merges the reader does not see): the blank cells right of it are its own.
            role = spanning
        if role is None:
            spanning = None
            continue
        if role not in GROUPS:
            spanning = None
            single.setdefault(role, Column(col, None))
            continue
        spanning = role
        if role not in groups:
            stating.append((role, (row, col), grid.text(row, col)))
        unit = units.get(bottom.unit or top.unit or "")
        if slot is not None:
            two_rows = True
        else:
            slot = "value"
        groups.setdefault(role, {}).setdefault(slot, Column(col, unit))
    if two_rows:
        # A group whose sub-row cell is blank is one column spanning both header rows.
        for slots in groups.values():
            if "value" in slots and len(slots) > 1:
                del slots["value"]
    slots_used = {slot for slots in groups.values() for slot in slots}
    kind: Kind = "simple"
    if slots_used & set(SOURCE_CODES):
        kind = "sources"
    elif slots_used & {"count", "money"}:
        kind = "count_money"
    header_rows = (row, below) if two_rows else (row,)
    first_data = header_rows[-1] + 1
    cols = [c.col for c in single.values()] + [
        c.col for slots in groups.values() for c in slots.values()
    ]
    if first_data < grid.height and is_column_numbering(grid, first_data, min(cols), max(cols)):
        first_data += 1
    return Layout(grid.name, header_rows, first_data, kind, single, groups, stating)
