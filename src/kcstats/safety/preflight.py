"""Preflight: look at a workbook's bytes before any parser does (stub; see issue 8)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kcstats.problems import Problem

Format = Literal["xlsx", "xls", "ods"]


@dataclass(frozen=True, slots=True)
class CellFlag:
    """What calamine cannot tell us about a cell: it reads both of these as an empty string."""

    kind: Literal["formula-without-value", "error-value"]
    text: str  # the formula ('=SUM(C5:C6)') or the error value ('#DIV/0!')


@dataclass(slots=True)
class Preflight:
    format: Format | None = None
    problems: list[Problem] = field(default_factory=list)
    # sheet name (as in the workbook) -> (row, col) zero-based -> flag
    cell_flags: dict[str, dict[tuple[int, int], CellFlag]] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def preflight(path: Path) -> Preflight:
    return Preflight(format="xlsx")
