"""Helpers for the growth tests: real report workbooks (tests/builders.py), merged, and the
growth rows looked up."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from typer.testing import CliRunner, Result

from builders import write_report
from kcstats.cli import app
from kcstats.merge import MergeResult

PERIOD_TEXT = {"Q1": "Quý 1", "H1": "6 tháng", "9M": "9 tháng", "FY": "Cả năm"}
NO_INDICATORS: dict[str, tuple[Any, ...]] = {}


def report(
    folder: Path,
    province: str,
    year: int,
    period: str = "FY",
    *,
    name: str | None = None,
    **kwargs: Any,
) -> Path:
    """A report workbook in `folder`, named after its province, year and period."""
    folder.mkdir(parents=True, exist_ok=True)
    kwargs.setdefault("indicators", NO_INDICATORS)
    file_name = name or f"{year}-{period}-{province}.xlsx".replace(" ", "_")
    return write_report(
        folder / file_name, province=province, year=year, period=PERIOD_TEXT[period], **kwargs
    )


def growth_rows(result: MergeResult | pd.DataFrame, **where: Any) -> list[dict[str, Any]]:
    """Growth rows matching every `column=value` (None matches a blank), as plain values: a
    merge's figures in triệu đồng (MergeResult.growth_decimal), as outputs.md writes them."""
    frame = result.growth_decimal() if isinstance(result, MergeResult) else result
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column].isna() if value is None else frame[column] == value
    chosen = frame[mask.to_numpy()]
    out = []
    for record in chosen.to_dict("records"):
        out.append({k: (None if v is pd.NA else v) for k, v in record.items()})
    return out


def growth_row(result: MergeResult | pd.DataFrame, **where: Any) -> dict[str, Any]:
    found = growth_rows(result, **where)
    assert len(found) == 1, (where, len(found))
    return found[0]


def total(
    result: MergeResult | pd.DataFrame,
    *,
    level: str,
    base_year: int,
    target_year: int,
    basis: str = "actual",
    region: str | None = None,
    province: str | None = None,
    period: str = "FY",
    measure: str = "funding",
    source: str | None = "total",
) -> dict[str, Any]:
    """The growth row of one place, measure and basis."""
    return growth_row(
        result,
        level=level,
        region=region,
        province=province,
        period=period,
        measure=measure,
        source=source,
        base_year=base_year,
        target_year=target_year,
        basis=basis,
    )


def fact(result: MergeResult, **where: Any) -> dict[str, Any]:
    facts = result.facts_decimal()
    mask = pd.Series(True, index=facts.index)
    for column, value in where.items():
        mask &= facts[column].isna() if value is None else facts[column] == value
    found = facts[mask.to_numpy()]
    assert len(found) == 1, (where, len(found))
    record: dict[str, Any] = found.iloc[0].to_dict()
    return {k: (None if v is pd.NA else v) for k, v in record.items()}


def D(text: str) -> Decimal:
    return Decimal(text)


def invoke(*args: str | Path, columns: int | None = None) -> Result:
    """kcstats with these arguments; its tables drawn for a terminal `columns` wide."""
    env = None if columns is None else {"COLUMNS": str(columns)}
    return CliRunner().invoke(app, [str(a) for a in args], env=env)
