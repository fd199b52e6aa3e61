"""A sheet as a grid of cell values anchored at A1, with what calamine cannot tell us."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kcstats.problems import cell_name
from kcstats.safety.preflight import CellFlag
from kcstats.text import clean_text

Value = object


CACHED_TEXT = 256  # longer texts are not remembered: a hostile file must not fill memory


@lru_cache(maxsize=16384)
def _cleaned(value: str) -> str:
    return clean_text(value)


def _cell_text(value: str) -> str:
    # Labels repeat in every report: each distinct text is cleaned once per process.
    return _cleaned(value) if len(value) <= CACHED_TEXT else clean_text(value)


def _blank(value: Value) -> bool:
    """kcstats.text.is_blank, inlined where every cell of a table is looked at."""
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


@dataclass(slots=True)
class Grid:
    name: str
    rows: Sequence[Sequence[Value]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    flags: dict[tuple[int, int], CellFlag] = field(default_factory=dict)

    def value(self, row: int, col: int) -> Value:
        if row >= 0 and col >= 0:
            try:
                return self.rows[row][col]
            except IndexError:
                return None
        return None

    def flag(self, row: int, col: int) -> CellFlag | None:
        return self.flags.get((row, col)) if self.flags else None

    def is_empty(self, row: int, col: int) -> bool:
        value = self.value(row, col)
        if value is None or value == "" or (isinstance(value, str) and not value.strip()):
            return not self.flags or (row, col) not in self.flags
        return False

    def all_empty(self, row: int, cols: list[int]) -> bool:
        """is_empty of every one of cols, on one row."""
        rows = self.rows
        cells: Sequence[Value] = rows[row] if 0 <= row < len(rows) else ()
        width = len(cells)
        flags = self.flags
        for col in cols:
            value = cells[col] if 0 <= col < width else None
            if value is None or value == "" or (isinstance(value, str) and not value.strip()):
                if flags and (row, col) in flags:
                    return False
                continue
            return False
        return True

    def text(self, row: int, col: int) -> str:
        """The cell as text for matching labels: a merged cell reads its top-left value."""
        value = self.value(row, col)
        if _blank(value):
            if not self.merged:
                return ""
            value = self._merged_value(row, col)
            if _blank(value):
                return ""
        if isinstance(value, str):
            return _cell_text(value)
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return clean_text(str(value))

    def _merged_value(self, row: int, col: int) -> Value:
        for (r0, c0), (r1, c1) in self.merged:
            if r0 <= row <= r1 and c0 <= col <= c1 and (row, col) != (r0, c0):
                return self.value(r0, c0)
        return None

    def row_key(self, row: int) -> tuple[Value, ...] | None:
        """The row's values, to remember what a row of headers says: the same values read
        the same way (text() looks at nothing else where no cell is merged). None where
        some cell is merged, holds a long text (a cache must not hold a hostile cell) or a
        boolean (True == 1 == 1.0 as keys, but TRUE reads 'True' and 1.0 reads '1')."""
        if self.merged:
            return None
        cells = self.rows[row] if 0 <= row < len(self.rows) else ()
        for value in cells:
            if type(value) is str:
                if len(value) > CACHED_TEXT:
                    return None
            elif type(value) is bool:
                return None
        return tuple(cells)

    @property
    def height(self) -> int:
        return len(self.rows)

    def width(self, row: int) -> int:
        return len(self.rows[row]) if 0 <= row < len(self.rows) else 0

    @staticmethod
    def a1(row: int, col: int) -> str:
        return cell_name(row, col)
