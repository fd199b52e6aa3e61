"""The figures of the fact store as integers, and the one place they become Decimal.

The fact table (kcstats.merge.facts) and the growth rows (kcstats.growth) hold every figure as
an integer: money in thousandths of a triệu đồng (thousand đồng), counts as they are, blank
as null. The measure table says, for each (measure, source, activity) of a merge, its unit,
whether it is money and its scale (integers per unit). Merge, plan checks and growth compute
on the integers; a writer (JSON, CSV, the terminal and Markdown tables, the workbook) turns
them into Decimal triệu đồng and int counts with :func:`shown_values`, and nowhere else.

A figure column is pandas' nullable Int64. Where the largest figure times the number of
reports could pass 2^63 (figures above about 10^15 triệu đồng: a figure typed in tỷ đồng may
be up to 10^15 tỷ), the merge holds the same integers as Python ints in an object column
(None for blank) instead, so that no sum wraps; everything here takes either.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kcstats.catalogue_file import TOTAL

if TYPE_CHECKING:
    from kcstats.catalog import Catalogue

SCALE = 1000  # store integers per triệu đồng: a thousand đồng each
MONEY_UNIT = "triệu đồng"
PROJECTS_UNIT = "đề án"
# The figure columns of the fact table and of the growth rows.
FIGURE_COLUMNS = ("plan", "actual", "base", "target", "change")
MEASURE_COLUMNS = ["measure", "source", "activity", "unit", "money", "scale"]


def measure_table(rows: Iterable[tuple[str, str | None, str | None, str, bool]]) -> pd.DataFrame:
    """The measure table of (measure, source, activity, unit, money) rows: one row each, with
    `scale`, the store's integers per unit (SCALE for money, 1 for a count)."""
    listed = list(rows)
    table = pd.DataFrame(
        {
            "measure": pd.Series([r[0] for r in listed], dtype=object),
            "source": pd.Series([r[1] for r in listed], dtype=object),
            "activity": pd.Series([r[2] for r in listed], dtype=object),
            "unit": pd.Series([r[3] for r in listed], dtype=object),
            "money": pd.Series([r[4] for r in listed], dtype=bool),
            "scale": pd.Series([SCALE if r[4] else 1 for r in listed], dtype="int64"),
        }
    )
    if table.groupby("measure")["money"].nunique().gt(1).any():
        raise ValueError("a measure is money for one source and a count for another")
    return table


def catalogue_measures(catalogue: Catalogue) -> pd.DataFrame:
    """What any merge can hold, without activities and sources: funding (money), projects
    (counts), and each indicator as its kind says. Enough to tell money by measure name."""
    rows: list[tuple[str, str | None, str | None, str, bool]] = [
        ("funding", None, None, MONEY_UNIT, True),
        ("projects", None, None, PROJECTS_UNIT, False),
    ]
    rows += [(i.code, None, None, i.unit, i.kind == "money") for i in catalogue.indicators.values()]
    return measure_table(rows)


def money_mask(frame: pd.DataFrame, measures: pd.DataFrame | None = None) -> np.ndarray:
    """True for the rows of a fact or growth table whose figures are money, by their
    `measure` (money is one thing or the other for every source and activity of a measure).
    `measures` is the merge's measure table (MergeResult.measures); by default the
    catalogue's."""
    if measures is None:
        from kcstats.catalog import load_catalogue

        measures = catalogue_measures(load_catalogue())
    money = dict(zip(measures["measure"].tolist(), measures["money"].tolist(), strict=True))
    names = frame["measure"]
    codes, uniques = pd.factorize(names)
    unknown = [name for name in uniques.tolist() if name not in money]
    if unknown:
        raise ValueError(f"not a measure of the measure table: {', '.join(map(str, unknown))}")
    flags = np.array([money[name] for name in uniques.tolist()] + [False], dtype=bool)
    mask: np.ndarray = flags[codes]
    return mask


Figures = pd.Series | pd.Index | pd.api.extensions.ExtensionArray


def store_numbers(column: Figures) -> tuple[np.ndarray, np.ndarray]:
    """A figure column as (its integers with 0 for a blank, the blank mask): int64, or an
    object array of Python ints on the store's exact path."""
    series = column if isinstance(column, pd.Series) else pd.Series(column)
    blank = series.isna().to_numpy()
    if series.dtype == object:
        numbers = np.empty(len(series), dtype=object)
        numbers[:] = [
            0 if b else int(v) for v, b in zip(series.tolist(), blank.tolist(), strict=True)
        ]
        return numbers, blank
    return series.to_numpy(dtype="int64", na_value=0), blank


def integers(column: Figures) -> tuple[list[Any], np.ndarray]:
    """A figure column as (Python ints with 0 for a blank, the blank mask)."""
    numbers, blank = store_numbers(column)
    return numbers.tolist(), blank


def shown_values(column: Figures, money: np.ndarray | bool) -> np.ndarray:
    """The edge of the fact store: store integers as a writer shows them, an object array of
    Decimal triệu đồng (money, 3 decimals: 1234500 -> Decimal('1234.500')), int (counts), or
    None (blank). `money` says which rows are money (one flag for all, or a mask)."""
    values, blank = integers(column)
    flags = (
        np.full(len(values), bool(money), dtype=bool)
        if isinstance(money, bool | np.bool_)
        else money
    )
    out = np.empty(len(values), dtype=object)
    out[:] = [
        None if is_blank else (_in_trieu(n) if is_money else n)
        for n, is_blank, is_money in zip(values, blank.tolist(), flags.tolist(), strict=True)
    ]
    return out


def store_columns(frame: pd.DataFrame) -> list[str]:
    """The figure columns of a table that hold store integers: Int64, or on the exact path
    objects that are all ints (a column already shown as Decimal is not one)."""
    found = []
    for name in FIGURE_COLUMNS:
        if name not in frame:
            continue
        column = frame[name]
        if pd.api.types.is_integer_dtype(column.dtype) or (
            column.dtype == object and all(v.__class__ is int for v in column.dropna().tolist())
        ):
            found.append(name)
    return found


def decimal_view(
    frame: pd.DataFrame, measures: pd.DataFrame | None = None, money: np.ndarray | None = None
) -> pd.DataFrame:
    """A copy of a fact or growth table (or some of its rows) with its figure columns as
    :func:`shown_values` gives them: what the fact table held before the integer store. A
    column already shown (or a table without figures) is left as it is. `money`: the
    table's :func:`money_mask` (by `measures`), where the caller has it already."""
    present = store_columns(frame)
    if not present:
        return frame
    if money is None:
        money = money_mask(frame, measures)
    view = frame.copy(deep=False)
    for name in present:
        view[name] = pd.Series(shown_values(frame[name], money), index=frame.index, dtype=object)
    return view


_EXACT_SCALEB = 10**27  # scaleb keeps 28 digits (the context's precision): beyond, text


def _in_trieu(number: int) -> Decimal:
    """Store integers -> Decimal triệu đồng with 3 decimals, exactly."""
    if -_EXACT_SCALEB < number < _EXACT_SCALEB:
        return Decimal(number).scaleb(-3)
    return Decimal(f"{number}e-3")


def no_activity(frame: pd.DataFrame) -> np.ndarray:
    """Rows of all activities together: what every view but the activity table shows (money
    given per activity is a part of them, never beside them)."""
    if "activity" not in frame:
        return np.ones(len(frame), dtype=bool)
    blank: np.ndarray = frame["activity"].isna().to_numpy()
    return blank


def funding_total(frame: pd.DataFrame) -> np.ndarray:
    """Rows of total funding (the sources in the total, added) of all activities together:
    what the plan check, the growth tables and the growth chart compare."""
    total: np.ndarray = (
        (frame["measure"] == "funding").to_numpy()
        & (frame["source"] == TOTAL).to_numpy()
        & no_activity(frame)
    )
    return total
