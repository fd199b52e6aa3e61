"""The fact table (or the growth table) as CSV, UTF-8 with a byte-order mark, numbers in the
same exact text as the JSON document (the fact store's integers shown through
kcstats.figures.decimal_view: money in triệu đồng), blanks empty, and text cells
formula-injection safe, in one of two styles:

- `standard` (the default), for programs: comma separator, dot decimal (1553.093), as
  pandas, DuckDB, R and Python's csv module read CSV;
- `excel-vi`, for a spreadsheet set to Vietnamese (decimal comma, list separator ';'), which
  reads '1553.093' as 1553093 and '-3.2341' as text: semicolon separator, comma decimal
  (1553,093; -3,2341), no thousands separator, so every figure opens as a number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from kcstats.export.jsondoc import column_texts, number_text
from kcstats.export.registry import Sink
from kcstats.export.safe_text import csv_text
from kcstats.export.sink import write_bytes
from kcstats.export.view_options import CsvStyleName, ViewOptions
from kcstats.figures import decimal_view
from kcstats.merge.result import MergeResult

BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class CsvStyle:
    separator: str
    decimal: str


STYLES: dict[CsvStyleName, CsvStyle] = {
    "standard": CsvStyle(separator=",", decimal="."),
    "excel-vi": CsvStyle(separator=";", decimal=","),
}


def _cell_writer(style: CsvStyle) -> Callable[[Any], str]:
    comma = style.decimal != "."

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return csv_text(value)
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            # A number is never text: a negative change stays -3,2341, not '-3,2341.
            text = number_text(value)
            return text.replace(".", style.decimal) if comma else text
        return csv_text(str(value))

    return cell


def table_csv(
    frame: pd.DataFrame, measures: pd.DataFrame | None = None, style: CsvStyleName = "standard"
) -> str:
    """The table as CSV text (without the byte-order mark). `measures`: the merge's measure
    table (MergeResult.measures), which says which figures are money; the catalogue's
    by default. `style`: see the module's docstring."""
    chosen = STYLES[style]
    frame = decimal_view(frame, measures)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=chosen.separator, lineterminator="\r\n")
    writer.writerow([csv_text(str(c)) for c in frame.columns])
    writer.writerows(zip(*column_texts(frame, _cell_writer(chosen)), strict=True))
    return buffer.getvalue()


def table_csv_bytes(
    frame: pd.DataFrame, measures: pd.DataFrame | None = None, style: CsvStyleName = "standard"
) -> bytes:
    return (BOM + table_csv(frame, measures, style)).encode("utf-8")


def write(result: MergeResult, options: ViewOptions, sink: Sink) -> None:
    """The registry's `csv`: the table `options.table` names (the fact table by default), in
    the style `options.csv_style` names."""
    frame = result.growth if options.table == "growth" else result.facts
    write_bytes(sink, table_csv_bytes(frame, result.measures, options.csv_style))
