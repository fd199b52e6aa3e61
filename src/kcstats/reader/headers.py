"""Finding a table's columns by their header text, in any order, with one- or two-row headers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kcstats.reader.grid import Grid
from kcstats.text import fold, fold_label

_PARENTHESIS = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True, slots=True)
class HeaderText:
    folded: str  # without any parenthetical
    unit: str | None  # folded text of a parenthetical, e.g. 'ty dong'


def header_text(grid: Grid, row: int, col: int) -> HeaderText:
    raw = grid.text(row, col)
    units = [fold(u) for u in _PARENTHESIS.findall(raw)]
    return HeaderText(fold_label(_PARENTHESIS.sub(" ", raw)), units[-1] if units else None)


def contains_phrase(text: str, phrase: str) -> bool:
    """Whole-word containment of a folded phrase in folded text."""
    return f" {phrase} " in f" {text} "


def match_prefix(text: str, index: dict[str, str]) -> str | None:
    """The longest alias the header starts with ('Kế hoạch năm 2024' is 'Kế hoạch')."""
    best: tuple[int, str] | None = None
    for alias, key in index.items():
        if text.startswith(alias + " ") and (best is None or len(alias) > best[0]):
            best = (len(alias), key)
    return best[1] if best else None


def assign_columns(texts: dict[int, str], index: dict[str, str]) -> dict[str, int]:
    """Role -> column for one header row: exact aliases first, then prefixes.

    An extra column such as 'Đơn vị chủ trì' starts like 'Đơn vị' (unit); it must not take
    that role from the real 'Đơn vị tính' column, wherever the two stand.
    """
    columns: dict[str, int] = {}
    for exact in (True, False):
        for col, text in texts.items():
            if not text or col in columns.values():
                continue
            role = index.get(text) if exact else match_prefix(text, index)
            if role is not None and role not in columns:
                columns[role] = col
    return columns
