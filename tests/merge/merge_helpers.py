"""Helpers for the merge tests: real report workbooks (tests/builders.py) and looking up rows
of the fact table."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from typer.testing import CliRunner, Result

from builders import write_report
from kcstats.cli import app
from kcstats.merge import MergeResult

NO_INDICATORS: dict[str, tuple[Any, Any]] = {}


def report(folder: Path, name: str, **kwargs: Any) -> Path:
    """A report workbook in `folder`; by default with no indicator rows."""
    folder.mkdir(parents=True, exist_ok=True)
    kwargs.setdefault("indicators", NO_INDICATORS)
    return write_report(folder / name, **kwargs)


def rows(result: MergeResult | pd.DataFrame, **where: Any) -> pd.DataFrame:
    """Fact rows matching every `column=value` (None matches a blank); a merge's with its
    figures in triệu đồng (MergeResult.facts_decimal), as outputs.md writes them."""
    facts = result.facts_decimal() if isinstance(result, MergeResult) else result
    mask = pd.Series(True, index=facts.index)
    for column, value in where.items():
        mask &= facts[column].isna() if value is None else facts[column] == value
    return facts[mask.to_numpy()]


def row(result: MergeResult | pd.DataFrame, **where: Any) -> dict[str, Any]:
    """The one fact row matching `where`."""
    found = rows(result, **where)
    assert len(found) == 1, (where, len(found))
    record: dict[str, Any] = found.iloc[0].to_dict()
    return {k: (None if v is pd.NA else v) for k, v in record.items()}


def funding(
    result: MergeResult | pd.DataFrame,
    source: str,
    *,
    level: str = "all",
    region: str | None = None,
    province: str | None = None,
    year: int = 2024,
    period: str = "H1",
    measure: str = "funding",
) -> dict[str, Any]:
    return row(
        result,
        level=level,
        region=region,
        province=province,
        year=year,
        period=period,
        measure=measure,
        source=source,
    )


def D(text: str) -> Decimal:
    return Decimal(text)


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])
