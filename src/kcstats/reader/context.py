"""Collecting every problem of a file, each at its sheet and cell."""

from __future__ import annotations

from dataclasses import dataclass, field

from kcstats.catalog import Catalogue
from kcstats.problems import Problem, cell_name, problem_at
from kcstats.trusted import trusted_like


@dataclass(slots=True)
class Problems:
    items: list[Problem] = field(default_factory=list)
    # add_repeated's problems by (code, sheet, found, expected), at their first cell.
    _repeated: dict[tuple[str, str | None, object, object], Problem] = field(default_factory=dict)

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
        self.items.append(problem_at(code, sheet, cell, found, expected, params))

    def add_repeated(
        self, code: str, *, sheet: str | None, at: tuple[int, int], found: str, expected: object
    ) -> None:
        """add(), for a problem that many rows may repeat at their own cells with the same
        parameters (every copy of a row in a long table): its parameters are made once."""
        key = (code, sheet, found, expected)
        cell = cell_name(*at)
        first = self._repeated.get(key)
        if first is None:
            first = self._repeated[key] = problem_at(code, sheet, cell, found, expected, {})
            self.items.append(first)
        else:
            self.items.append(trusted_like(first, cell=cell))

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.items)


@dataclass(slots=True)
class ReadContext:
    catalogue: Catalogue
    problems: Problems
