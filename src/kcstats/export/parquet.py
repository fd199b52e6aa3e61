"""The registry's `parquet`: the fact table and the growth table for analysts who load them
into DuckDB, pandas or polars. `-o NAME.parquet` writes the fact table there and the growth
table beside it, as NAME.growth.parquet (a Parquet file holds one table).

Columns are those of the CSV and JSON tables, typed, except that each figure column (plan,
actual; base, target, change) is two: NAME_money, decimal128(38, 3) in triệu đồng, exact to
the thousand đồng, and NAME_count, int64, for the measures that are counts. A row fills the
one its measure calls for; a blank ("not reported") is null in both, never zero.
Percentages are float64 (rounded to 4 decimals, as in the tables), years and report counts
int64. pyarrow is an optional extra: pip install 'kcstats[parquet]'.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kcstats.export.atomic import write_atomic
from kcstats.export.registry import BY_NAME, Sink
from kcstats.export.view_options import ViewOptions
from kcstats.figures import decimal_view, money_mask
from kcstats.merge.result import MergeResult

if TYPE_CHECKING:
    import pyarrow as pa

MONEY_PRECISION, MONEY_SCALE = 38, 3  # decimal128's widest; 3 decimals: thousands of đồng
MONEY_UNIT = "triệu đồng"
FIGURES = {"facts": ("plan", "actual"), "growth": ("base", "target", "change")}


def write(result: MergeResult, options: ViewOptions, sink: Sink) -> None:
    """The fact table into `sink`, the growth table into its companion file beside it."""
    if not isinstance(sink, Path):
        raise ValueError("Parquet is written to files")
    facts_path, growth_path = BY_NAME["parquet"].paths(sink)
    for path, name, frame in (
        (facts_path, "facts", result.facts),
        (growth_path, "growth", result.growth),
    ):
        money = money_mask(frame, result.measures)
        table = parquet_table(decimal_view(frame, result.measures, money), FIGURES[name], money)
        write_atomic(path, partial(_write_table, table))


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet
    except ImportError as error:
        raise ImportError(BY_NAME["parquet"].needs_message("en")) from error
    return pa


def _write_table(table: pa.Table, path: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(table, str(path))


def parquet_table(frame: pd.DataFrame, figures: tuple[str, ...], money: np.ndarray) -> pa.Table:
    """The table in Arrow types: each of `figures` split into its money and count columns."""
    pa = _pyarrow()
    decimal = pa.decimal128(MONEY_PRECISION, MONEY_SCALE)
    fields, arrays = [], []
    for name in frame.columns:
        column = frame[name]
        if name in figures:
            values = _plain(column)
            fields.append(pa.field(f"{name}_money", decimal, metadata={"unit": MONEY_UNIT}))
            arrays.append(
                pa.array([v if m else None for v, m in zip(values, money, strict=True)], decimal)
            )
            fields.append(pa.field(f"{name}_count", pa.int64()))
            arrays.append(
                pa.array([None if m else v for v, m in zip(values, money, strict=True)], pa.int64())
            )
        elif pd.api.types.is_integer_dtype(column.dtype):
            fields.append(pa.field(name, pa.int64()))
            arrays.append(pa.array(_plain(column), pa.int64()))
        elif pd.api.types.is_float_dtype(column.dtype):
            fields.append(pa.field(name, pa.float64()))
            arrays.append(pa.array(_plain(column), pa.float64()))
        else:
            fields.append(pa.field(name, pa.string()))
            arrays.append(pa.array(_plain(column), pa.string()))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _plain(column: pd.Series) -> list[Any]:
    """The values as Python objects, None for every blank (None, NaN, <NA>)."""
    values = column.astype(object).tolist()
    blank = column.isna().tolist()
    return [None if b else v for v, b in zip(values, blank, strict=True)]
