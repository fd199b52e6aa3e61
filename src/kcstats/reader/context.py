"""Collecting every problem of a file, each at its sheet and cell."""

from __future__ import annotations

from dataclasses import dataclass, field

from kcstats.catalog import Catalogue
from kcstats.model import trusted
from kcstats.problems import CATALOGUE, Problem, cell_name


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
        # problem(code, ...) without validating again what the catalogue and this call
        # already make sure of (tests/perf checks that both give the same Problem).
        kind = CATALOGUE[code]
        found_text = None if found is None else str(found)
        expected_text = None if expected is None else str(expected)
        values = {"found": found_text or "", "expected": expected_text or "", **params}
        self.items.append(
            trusted(
                Problem,
                {
                    "code": code,
                    "severity": kind.severity,
                    "sheet": sheet,
                    "cell": cell,
                    "found": found_text,
                    "expected": expected_text,
                    "message_vi": kind.vi.format(**values),
                    "message_en": kind.en.format(**values),
                },
            )
        )

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.items)


@dataclass(slots=True)
class ReadContext:
    catalogue: Catalogue
    problems: Problems
