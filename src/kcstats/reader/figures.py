"""Reading one figure cell: blank, a count, money in some unit, or a stated percent."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kcstats.catalog import MoneyUnit
from kcstats.messages import say
from kcstats.numbers import Number, NumberProblem, is_whole, parse_figure, to_trieu
from kcstats.reader.context import Problems
from kcstats.reader.grid import Grid
from kcstats.text import fold

_WHOLE_NUMBER = say("expected.whole-number")


@dataclass(frozen=True, slots=True)
class Stated:
    """A figure as stated in a cell, with how many decimals it showed (for tolerance checks)."""

    value: Decimal
    decimals: int


def read_number(
    grid: Grid, row: int, col: int, problems: Problems, *, lenient_formula: bool = False
) -> Number | None:
    """The cell's number, or None when blank or refused (the problem is recorded)."""
    flag = grid.flags.get((row, col)) if grid.flags else None
    if flag is not None:
        if flag.kind == "error-value":
            problems.add("error-value", sheet=grid.name, at=(row, col), found=flag.text)
        elif lenient_formula:
            problems.add(
                "total-formula-without-value", sheet=grid.name, at=(row, col), found=flag.text
            )
        else:
            problems.add("formula-without-value", sheet=grid.name, at=(row, col), found=flag.text)
        return None
    parsed = parse_figure(grid.value(row, col))
    if isinstance(parsed, NumberProblem):
        problems.add(
            parsed.code,
            sheet=grid.name,
            at=(row, col),
            found=parsed.found,
            expected=parsed.expected,
        )
        return None
    return parsed


def read_count(
    grid: Grid, row: int, col: int, problems: Problems, *, lenient_formula: bool = False
) -> int | None:
    number = read_number(grid, row, col, problems, lenient_formula=lenient_formula)
    if number is None:
        return None
    if number.decimals and not is_whole(number.value):  # no decimals shown: whole
        problems.add(
            "fraction-in-count",
            sheet=grid.name,
            at=(row, col),
            found=format(number.value, "f"),
            expected=_WHOLE_NUMBER,
        )
        return None
    return int(number.value)


def read_money(
    grid: Grid,
    row: int,
    col: int,
    unit: MoneyUnit,
    problems: Problems,
    *,
    unit_index: dict[str, str],
    lenient_formula: bool = False,
) -> tuple[Decimal, Stated] | None:
    """Money in triệu đồng kept to 0.001, and the figure as stated (in the cell's unit).

    A unit word typed after the figure ('1.200 triệu') must name the cell's unit."""
    number = read_number(grid, row, col, problems, lenient_formula=lenient_formula)
    if number is None:
        return None
    if number.unit_word is not None:
        named = unit_index.get(fold(number.unit_word))
        if named is not None and named != unit.code:
            problems.add(
                "unit-mismatch",
                sheet=grid.name,
                at=(row, col),
                found=number.unit_word,
                expected=unit.label,
            )
            return None
    factor = unit.per_trieu
    value, rounded = to_trieu(number.value, factor)
    if rounded:
        problems.add(
            "money-rounded",
            sheet=grid.name,
            at=(row, col),
            found=format((number.value * factor).normalize(), "f"),
            expected=format(value, "f"),
        )
    return value, Stated(number.value, number.decimals)
