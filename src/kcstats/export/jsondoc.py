"""The JSON document of kcstats merge, with every Decimal written exactly.

json.dumps can only write a Decimal through float, which holds about 15 significant digits; a
national total in triệu đồng with 3 decimals can need more. This writer emits numbers from
their decimal text instead. The layout is json.dumps(indent=2, ensure_ascii=False), except
that an object whose values are all scalars (a fact row, a problem) sits on one line: the
document stays readable, greppable and small for a whole-country history of facts.

Tables (facts, growth, missing) are written column by column from their DataFrames, which
is what keeps `kcstats merge --format json` fast for tens of thousands of rows. Their figures
are the fact store's integers: each distinct one becomes Decimal triệu đồng (money) or an int
(counts) through kcstats.figures.shown_values, once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kcstats.export.sink import write_document

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from kcstats.export.registry import Sink
    from kcstats.export.view_options import ViewOptions
    from kcstats.merge.result import MergeResult
    from kcstats.problems import Lang

INDENT = "  "
# What json.dumps(text, ensure_ascii=False) gives for a str, without making an encoder.
_string: Callable[[str], str] = json.encoder.encode_basestring
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
        return _string(value)
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
    return _string(key)


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


class _Texts:
    """scalar_text of a table's values, quicker for the figures a fact table holds, and each
    distinct figure written once for the whole document."""

    def __init__(self) -> None:
        self.figure_texts: dict[tuple[int, bool], str] = {}  # (store integer, money) -> text

    def of(
        self, column: pd.Series, money: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(codes, texts): the text of row i is texts[codes[i]] (code -1, the last: blank).
        `money`: the column holds store integers, money where True (kcstats.figures)."""
        import numpy as np
        import pandas as pd

        if money is not None:
            return self._figures(column, money)
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        if pd.api.types.is_float_dtype(column.dtype):
            values = np.asarray(uniques, dtype="float64").tolist()
            texts = [_float_text(v) for v in values]
        else:
            values = uniques.tolist() if hasattr(uniques, "tolist") else list(uniques)
            texts = [self._text(v) for v in values]
        texts.append("null")
        return _narrow(codes, len(texts)), np.asarray(texts, dtype=object)

    def _figures(self, column: pd.Series, money: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """of() for store integers: each distinct (integer, money or count) pair, since one
        integer is a different figure in each, written once per document."""
        import numpy as np
        import pandas as pd

        from kcstats.figures import store_numbers

        values, blank = store_numbers(column)
        value_codes, uniques = pd.factorize(values)
        pairs, pair_uniques = pd.factorize(value_codes * 2 + money)
        pairs[blank] = -1
        numbers = np.asarray(uniques, dtype=values.dtype)[pair_uniques // 2].tolist()
        flags = (pair_uniques % 2 == 1).tolist()
        cache = self.figure_texts
        texts = [cache.get(key) for key in zip(numbers, flags, strict=True)]
        for n, text in enumerate(texts):
            if text is None:
                number, is_money = numbers[n], flags[n]
                texts[n] = cache[(number, is_money)] = (
                    money_text(number) if is_money else str(number)
                )
        texts.append("null")
        return _narrow(pairs, len(texts)), np.asarray(texts, dtype=object)

    @staticmethod
    def _text(value: Any) -> str:
        # Each distinct value of a column comes here once (factorised): nothing to remember.
        cls = value.__class__
        if cls is Decimal:
            return _decimal_text(value)
        if cls is int:
            return str(value)
        return scalar_text(_plain(value, False))


def money_text(number: int) -> str:
    """The JSON text of a money figure of the store (thousandths of a triệu đồng): the text
    of its kcstats.figures.shown_values Decimal (1234500 -> '1234.5', -70 -> '-0.07'), made
    from the integer: a document holds tens of thousands of distinct figures, and going
    through Decimal took a quarter of the writer's time (tests/merge/test_json_money_text.py
    checks the two agree)."""
    whole, part = divmod(-number if number < 0 else number, 1000)
    sign = "-" if number < 0 else ""
    return f"{sign}{whole}.{part:03d}".rstrip("0") if part else f"{sign}{whole}"


def _narrow(codes: np.ndarray, count: int) -> np.ndarray:
    """Codes in the smallest integer type that holds them: every column's codes are kept until
    its table is written (for 115,374 growth rows, 13 MiB as int64 and most of the writer's
    peak memory)."""
    import numpy as np

    return codes.astype(np.min_scalar_type(-count), copy=False)


def _decimal_text(value: Decimal) -> str:
    """number_text of a Decimal; str() is its 'f' format unless it shows an exponent."""
    text = str(value)
    if "E" in text or "N" in text or "n" in text:  # 1E+3; NaN, sNaN, Infinity
        return number_text(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _float_text(value: float) -> str:
    """number_text of a float: its shortest repr, as a Decimal in 'f' format."""
    text = repr(value)
    if "e" in text or "n" in text:  # 1e-05; nan, inf
        return number_text(value)
    text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


TABLE_CHUNK = 4096  # rows formatted and written at a time


def table_parts(
    frame: pd.DataFrame,
    depth: int = 1,
    texts: _Texts | None = None,
    errors: str = "surrogatepass",
    measures: pd.DataFrame | None = None,
) -> Iterator[bytes]:
    """A table as a JSON array of one-line objects, the same text dumps() gives its records,
    in UTF-8 pieces of a few thousand rows each. The figures of a fact or growth table are
    written as kcstats.figures.shown_values gives them (which rows are money: by `measures`,
    the merge's measure table, or the catalogue's).

    Each distinct value of a column is written (and encoded) once, with the text that comes
    before it in a row ('{"level": ', ', "region": ', ...; the last with '}' and the line
    break after); a piece is those texts laid out row by row by slice assignment and joined
    once: no Python work per row."""
    if frame.empty:
        yield b"[]"
        return
    import numpy as np

    from kcstats.figures import money_mask, store_columns

    texts = texts or _Texts()
    figures = store_columns(frame)
    money = money_mask(frame, measures) if figures else None
    keys = [_key(str(name)) for name in frame.columns]
    before = ["{" + keys[0] + ": ", *(f", {key}: " for key in keys[1:])]
    inner = (",\n" + INDENT * (depth + 1)).encode()
    columns = []
    for position, name in enumerate(frame.columns):
        codes, values = texts.of(frame[name], money if name in figures else None)
        after = "}" + inner.decode() if position == len(keys) - 1 else ""
        encoded = [(before[position] + v + after).encode("utf-8", errors) for v in values.tolist()]
        columns.append((codes, np.asarray(encoded, dtype=object)))
    width = len(columns)
    yield ("[\n" + INDENT * (depth + 1)).encode()
    total = len(frame)
    for start in range(0, total, TABLE_CHUNK):
        stop = min(start + TABLE_CHUNK, total)
        pieces: list[bytes] = [b""] * ((stop - start) * width)
        for position, (codes, joined) in enumerate(columns):
            pieces[position::width] = joined[codes[start:stop]].tolist()
        text = b"".join(pieces)
        yield text if stop < total else text[: -len(inner)]
    yield ("\n" + INDENT * depth + "]").encode()


def write(result: MergeResult, options: ViewOptions, sink: Sink) -> None:
    """The registry's `json`: the whole document of outputs.md, money exact."""
    write_document(sink, lambda errors: merge_parts(result, options.lang, errors))


def merge_parts(
    result: MergeResult, lang: Lang = "vi", errors: str = "surrogatepass"
) -> Iterator[bytes]:
    """merge_json(result, lang) in UTF-8 pieces, for writing a large document as it is made;
    `errors` as for str.encode (a file name may hold what UTF-8 cannot: surrogates)."""
    from kcstats.export.filedoc import conflict_groups, file_entry

    groups = conflict_groups(result.files)
    texts = _Texts()
    # The files' entries are let go once written: not held while the tables are.
    files = _indented([file_entry(f, lang) for f in result.files], 1)
    yield ('{\n  "files": ' + files).encode("utf-8", errors)
    del files
    for name, frame in (
        ("facts", result.facts),
        ("growth", result.growth),
        ("missing", result.missing),
    ):
        yield f',\n  "{name}": '.encode()
        yield from table_parts(frame, 1, texts, errors, result.measures)
    if groups:
        yield (',\n  "conflicts": ' + _indented(groups, 1)).encode("utf-8", errors)
    yield b"\n}"


def merge_json(result: MergeResult, lang: Lang = "vi") -> str:
    """The whole document of outputs.md: {files, facts, growth, missing}; the same JSON as
    dumps(result.as_dict(lang))."""
    return b"".join(merge_parts(result, lang)).decode("utf-8", "surrogatepass")


def _indented(value: Any, depth: int) -> str:
    parts: list[str] = []
    _encode(value, depth, parts)
    return "".join(parts)
