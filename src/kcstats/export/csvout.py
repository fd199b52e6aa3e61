"""The fact table (or the growth table) as CSV: UTF-8 with a byte-order mark, numbers in the
same exact text as the JSON document (the fact store's integers shown through
kcstats.figures.decimal_view: money in triệu đồng), blanks empty, and text cells
formula-injection safe."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pandas as pd

from kcstats.export.jsondoc import column_texts, number_text
from kcstats.export.registry import Sink
from kcstats.export.safe_text import csv_text
from kcstats.export.sink import write_bytes
from kcstats.export.view_options import ViewOptions
from kcstats.figures import decimal_view
from kcstats.merge.result import MergeResult

BOM = "\ufeff"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return number_text(value)
    return csv_text(str(value))


def table_csv(frame: pd.DataFrame, measures: pd.DataFrame | None = None) -> str:
    """The table as CSV text (without the byte-order mark). `measures`: the merge's measure
    table (MergeResult.measures), which says which figures are money; the catalogue's
    by default."""
    frame = decimal_view(frame, measures)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_text(str(c)) for c in frame.columns])
    writer.writerows(zip(*column_texts(frame, _cell), strict=True))
    return buffer.getvalue()


def table_csv_bytes(frame: pd.DataFrame, measures: pd.DataFrame | None = None) -> bytes:
    return (BOM + table_csv(frame, measures)).encode("utf-8")


def write(result: MergeResult, options: ViewOptions, sink: Sink) -> None:
    """The registry's `csv`: the table `options.table` names, the fact table by default."""
    frame = result.growth if options.table == "growth" else result.facts
    write_bytes(sink, table_csv_bytes(frame, result.measures))
