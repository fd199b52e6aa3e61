"""Collecting every problem of a file, each at its sheet and cell."""

from __future__ import annotations

from dataclasses import dataclass, field

from kcstats.catalog import Catalogue
from kcstats.problems import Problem, cell_name, problem


@dataclass(slots=True)
class Problems:
    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        code: str,
        *,
        sheet: str | None = None,
        at: tuple[int, int] | None = None,
        found: object = None,
        expected: object = None,
        **params: object,
    ) -> None:
        cell = cell_name(*at) if at is not None else None
        self.items.append(
            problem(code, sheet=sheet, cell=cell, found=found, expected=expected, **params)
        )

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.items)


@dataclass(slots=True)
class ReadContext:
    catalogue: Catalogue
    problems: Problems
