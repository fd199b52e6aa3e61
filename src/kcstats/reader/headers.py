"""Finding a table's columns by their header text, in any order, with one- or two-row headers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kcstats.reader.grid import CACHED_TEXT, Grid
from kcstats.text import fold, fold_label

_PARENTHESIS = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True, slots=True)
class HeaderText:
    folded: str  # without any parenthetical
    unit: str | None  # folded text of a parenthetical, e.g. 'ty dong'


def _header(raw: str) -> HeaderText:
    # Headers repeat in every report: each distinct text is folded once per process.
    return _remembered_header(raw) if len(raw) <= CACHED_TEXT else _header_of(raw)


def _header_of(raw: str) -> HeaderText:
    units = [fold(u) for u in _PARENTHESIS.findall(raw)]
    return HeaderText(fold_label(_PARENTHESIS.sub(" ", raw)), units[-1] if units else None)


_remembered_header = lru_cache(maxsize=16384)(_header_of)
_EMPTY = _header("")


def header_text(grid: Grid, row: int, col: int) -> HeaderText:
    raw = grid.text(row, col)
    return _header(raw) if raw else _EMPTY


def contains_phrase(text: str, phrase: str) -> bool:
    """Whole-word containment of a folded phrase in folded text."""
    return f" {phrase} " in f" {text} "


class ColumnIndex:
    """Folded header alias -> column role, with the prefix matches remembered."""

    __slots__ = ("_prefixes", "exact")

    def __init__(self, exact: dict[str, str]) -> None:
        self.exact = exact
        self._prefixes: dict[str, str | None] = {}

    def prefix(self, text: str) -> str | None:
        try:
            return self._prefixes[text]
        except KeyError:
            found = self._prefixes[text] = match_prefix(text, self.exact)
            return found


def match_prefix(text: str, index: dict[str, str]) -> str | None:
    """The longest alias the header starts with ('Kế hoạch năm 2024' is 'Kế hoạch')."""
    best: tuple[int, str] | None = None
    for alias, key in index.items():
        if text.startswith(alias + " ") and (best is None or len(alias) > best[0]):
            best = (len(alias), key)
    return best[1] if best else None


def assign_columns(texts: dict[int, str], index: ColumnIndex) -> dict[str, int]:
    """Role -> column for one header row: exact aliases first, then prefixes.

    An extra column such as 'Đơn vị chủ trì' starts like 'Đơn vị' (unit); it must not take
    that role from the real 'Đơn vị tính' column, wherever the two stand.
    """
    columns: dict[str, int] = {}
    taken: set[int] = set()
    for exact in (True, False):
        for col, text in texts.items():
            if not text or col in taken:
                continue
            role = index.exact.get(text) if exact else index.prefix(text)
            if role is not None and role not in columns:
                columns[role] = col
                taken.add(col)
    return columns
