"""A table for people, as text: what the terminal and Markdown both draw (kcstats.export.tables
makes them). Money is put in as `Money` and formatted when the table is complete, so that every
money cell of a table has one format."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from kcstats.export.views import (
    BLANK,
    Kind,
    MoneyUnit,
    format_number,
    is_blank,
    money_in,
)
from kcstats.problems import Lang

# Triệu đồng are kept to 0.001 (a thousand đồng): no money figure needs more decimals.
MONEY_DECIMALS = 3
# Decimals of the other figures: percent of plan one, growth two, counts none.
DECIMALS = {"pct": 1, "change_pct": 2}


@dataclass(frozen=True, slots=True)
class Money:
    """A money cell before its table's format is known: triệu đồng, and whether a positive
    figure is shown with its sign (a change)."""

    value: Decimal
    signed: bool = False


Cell = str | Money


def cell(value: Any, kind: Kind, lang: Lang, unit: MoneyUnit, *, signed: bool = False) -> Cell:
    """A figure of a table: money kept as Money until its table's format is known; a
    percent change with its sign."""
    if kind == "text":
        return "" if is_blank(value) else str(value)
    if is_blank(value):
        return BLANK
    if kind == "money":
        return Money(Decimal(value), signed=signed)
    text = format_number(value, DECIMALS.get(kind, 0), lang)
    return "+" + text if signed and value > 0 else text


@dataclass(slots=True)
class TextTable:
    """Title, headings and rows of text. `keys` leading columns name the row (a place);
    `breaks` are the columns where a group of columns starts (a funding source, an
    indicator, a basis of growth): a terminal too narrow for the whole table shows it in
    parts cut there, each with the key columns again and the title followed by `continued`."""

    title: str
    headers: list[str]
    numeric: list[bool]
    rows: list[list[str]] = field(default_factory=list)
    emphasis: set[int] = field(default_factory=set)  # total rows, shown bold
    section_ends: set[int] = field(default_factory=set)  # a rule after these rows
    notes: list[str] = field(default_factory=list)  # lines shown under the table
    label_width: int | None = None  # where a label may wrap, if not the terminal's default
    keys: int = 1
    breaks: set[int] = field(default_factory=set)
    continued: str = ""

    def groups(self) -> list[list[int]]:
        """The columns after the keys, in their groups (one group when there is no break)."""
        groups: list[list[int]] = []
        for column in range(self.keys, len(self.headers)):
            if not groups or column in self.breaks:
                groups.append([])
            groups[-1].append(column)
        return groups

    def part(self, columns: list[int], *, first: bool, last: bool) -> TextTable:
        """The table cut down to `columns` (in order): the first part keeps the title, the
        others say they continue it; the notes go under the last."""
        title = self.title if first else f"{self.title} {self.continued}".rstrip()
        return replace(
            self,
            title=title,
            headers=[self.headers[c] for c in columns],
            numeric=[self.numeric[c] for c in columns],
            rows=[[row[c] for c in columns] for row in self.rows],
            notes=self.notes if last else [],
            breaks=set(),
        )


def money_decimals(values: Iterable[Decimal], unit: MoneyUnit) -> int:
    """Decimals of a table's money: in tỷ đồng always 3 (a million đồng); in triệu đồng the
    fewest (0 to 3) that show every figure of the table exactly, the same for all of them."""
    if unit == "ty":
        return MONEY_DECIMALS
    needed = 0
    for value in values:
        exponent = value.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > needed:
            needed = min(-exponent, MONEY_DECIMALS)
            if needed == MONEY_DECIMALS:
                break
    return needed


def format_money(money: Money, decimals: int, lang: Lang, unit: MoneyUnit) -> str:
    text = format_number(money_in(money.value, unit), decimals, lang)
    return "+" + text if money.signed and money.value > 0 else text


def money_rows(rows: list[list[Cell]], lang: Lang, unit: MoneyUnit) -> list[list[str]]:
    """The rows with every money cell formatted alike: one number of decimals for them all
    (money_decimals), the language's separators."""
    decimals = money_decimals(
        (cell.value for row in rows for cell in row if isinstance(cell, Money)), unit
    )
    return [
        [
            format_money(cell, decimals, lang, unit) if isinstance(cell, Money) else cell
            for cell in row
        ]
        for row in rows
    ]
