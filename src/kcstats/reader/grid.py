"""A sheet as a grid of cell values anchored at A1, with what calamine cannot tell us."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kcstats.problems import cell_name
from kcstats.safety.preflight import CellFlag
from kcstats.text import clean_text, is_blank

Value = object


@dataclass(slots=True)
class Grid:
    name: str
    rows: Sequence[Sequence[Value]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    flags: dict[tuple[int, int], CellFlag] = field(default_factory=dict)

    def value(self, row: int, col: int) -> Value:
        if 0 <= row < len(self.rows):
            cells = self.rows[row]
            if 0 <= col < len(cells):
                return cells[col]
        return None

    def flag(self, row: int, col: int) -> CellFlag | None:
        return self.flags.get((row, col)) if self.flags else None

    def is_empty(self, row: int, col: int) -> bool:
        return is_blank(self.value(row, col)) and self.flag(row, col) is None

    def text(self, row: int, col: int) -> str:
        """The cell as text for matching labels: a merged cell reads its top-left value."""
        value = self.value(row, col)
        if is_blank(value):
            value = self._merged_value(row, col)
        if is_blank(value):
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return clean_text(str(value))

    def _merged_value(self, row: int, col: int) -> Value:
        for (r0, c0), (r1, c1) in self.merged:
            if r0 <= row <= r1 and c0 <= col <= c1 and (row, col) != (r0, c0):
                return self.value(r0, c0)
        return None

    @property
    def height(self) -> int:
        return len(self.rows)

    def width(self, row: int) -> int:
        return len(self.rows[row]) if 0 <= row < len(self.rows) else 0

    @staticmethod
    def a1(row: int, col: int) -> str:
        return cell_name(row, col)
