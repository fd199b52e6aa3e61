"""The JSON document of kcstats merge, with every Decimal written exactly.

json.dumps can only write a Decimal through float, which holds about 15 significant digits; a
national total in triệu đồng with 3 decimals can need more. This writer emits numbers from
their decimal text instead. The layout is json.dumps(indent=2, ensure_ascii=False), except
that an object whose values are all scalars (a fact row, a problem) sits on one line: the
document stays readable, greppable and small for a whole-country history of facts.

Tables (facts, growth, missing) are written column by column from their DataFrames, which
is what keeps `kcstats merge --format json` fast for tens of thousands of rows.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kcstats.export.atomic import write_bytes_atomic

if TYPE_CHECKING:
    import pandas as pd

    from kcstats.merge.result import MergeResult
    from kcstats.problems import Lang

INDENT = "  "
_SCALARS = (str, int, float, Decimal, type(None))


def number_text(value: Decimal | int | float) -> str:
    """The shortest exact text of a number: 1200.000 -> '1200', 54.060 -> '54.06'."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a figure")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} cannot be written as a JSON number")
        value = Decimal(repr(value))
    if not value.is_finite():
        raise ValueError(f"{value} cannot be written as a JSON number")
    text = format(value, "f")  # exact, whatever the context's precision
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def scalar_text(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float | Decimal):
        return number_text(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps(document: Any) -> str:
    parts: list[str] = []
    _encode(document, 0, parts)
    return "".join(parts)


def _encode(value: Any, depth: int, out: list[str]) -> None:
    if isinstance(value, dict):
        if not value:
            out.append("{}")
        elif all(isinstance(v, _SCALARS) for v in value.values()):
            out.append(_flat_object(value))
        else:
            inner = "\n" + INDENT * (depth + 1)
            out.append("{")
            for index, (key, item) in enumerate(value.items()):
                out.append(("," if index else "") + inner + _key(key) + ": ")
                _encode(item, depth + 1, out)
            out.append("\n" + INDENT * depth + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = "\n" + INDENT * (depth + 1)
        out.append("[")
        for index, item in enumerate(value):
            out.append(("," if index else "") + inner)
            _encode(item, depth + 1, out)
        out.append("\n" + INDENT * depth + "]")
    else:
        out.append(scalar_text(value))


def _key(key: object) -> str:
    if not isinstance(key, str):
        raise TypeError(f"JSON keys must be text, not {type(key).__name__}")
    return json.dumps(key, ensure_ascii=False)


def _flat_object(value: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{_key(k)}: {scalar_text(v)}" for k, v in value.items()) + "}"


# Tables, column by column ---------------------------------------------------------------


def column_texts(frame: pd.DataFrame, text: Callable[[Any], str]) -> list[list[str]]:
    """Each column of a table as texts: `text` applied to the plain value of each distinct
    value (None for a blank, int, Decimal for a float column, or the object held), once."""
    import numpy as np
    import pandas as pd

    columns = []
    for name in frame.columns:
        column = frame[name]
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        floats = pd.api.types.is_float_dtype(column.dtype)
        texts = [text(_plain(u, floats)) for u in uniques] + [text(None)]  # code -1: blank
        columns.append(np.asarray(texts, dtype=object)[codes].tolist())
    return columns


def _plain(value: Any, floats: bool) -> Any:
    if floats:
        return Decimal(repr(float(value)))
    if isinstance(value, int | str | Decimal):
        return value
    if hasattr(value, "item"):  # a numpy scalar
        return value.item()
    return value


def table_json(frame: pd.DataFrame, depth: int = 1) -> str:
    """A table as a JSON array of one-line objects, the same text dumps() gives its records."""
    if frame.empty:
        return "[]"
    names = [_key(str(name)).replace("%", "%%") for name in frame.columns]
    row = "{" + ", ".join(f"{name}: %s" for name in names) + "}"
    columns = column_texts(frame, scalar_text)
    inner = ",\n" + INDENT * (depth + 1)
    lines = [row % values for values in zip(*columns, strict=True)]
    return "[\n" + INDENT * (depth + 1) + inner.join(lines) + "\n" + INDENT * depth + "]"


def merge_json(result: MergeResult, lang: Lang = "vi") -> str:
    """The whole document of outputs.md: {files, facts, growth, missing}; the same JSON as
    dumps(result.as_dict(lang))."""
    from kcstats.validate import file_entry

    files = [file_entry(f, lang) for f in result.files]
    parts = [
        '{\n  "files": ' + _indented(files, 1),
        '  "facts": ' + table_json(result.facts),
        '  "growth": ' + table_json(result.growth),
        '  "missing": ' + table_json(result.missing),
    ]
    return ",\n".join(parts) + "\n}"


def _indented(value: Any, depth: int) -> str:
    parts: list[str] = []
    _encode(value, depth, parts)
    return "".join(parts)


def write_json(path: Path, text: str) -> None:
    write_bytes_atomic(path, (text + "\n").encode("utf-8"))
