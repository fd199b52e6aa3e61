"""Accepted reports built in code, as the reader gives them (format 1 or 2), for the tests of
what the merge and its outputs do with them. Built through the public constructors, so that
every model is validated."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from decimal import Decimal

from kcstats.catalog import load_catalogue
from kcstats.model import (
    ActivityFunding,
    FileResult,
    FileStatus,
    FundingLine,
    IndicatorFigure,
    Report,
    UnmappedRow,
)

Money = str | int | None
# (activity, source) -> (plan, actual) in triệu đồng
Activities = Mapping[tuple[str, str], tuple[Money, Money]]


def money(value: Money) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.001"))


def accepted(
    province: str,
    year: int = 2024,
    period: str = "H1",
    *,
    funding: Mapping[str, tuple[Money, Money]] | None = None,
    activities: Activities | None = None,
    indicators: Mapping[str, tuple[Money, Money]] | None = None,
    unmapped: Iterable[UnmappedRow] = (),
    format_: int = 2,
) -> FileResult:
    """The FileResult of an accepted report of `province` (a name of the 63-province list
    for years before 2025, else of the 34), with funding by source (plan, actual money),
    activity funding and indicators."""
    catalogue = load_catalogue()
    era = catalogue.era_of(year, period)
    place = next(p for p in catalogue.provinces_of(era) if p.name == province)
    report = Report(
        format=format_,
        province=place.name,
        province_code=place.code,
        era=era,
        year=year,
        period=period,
        funding=[
            FundingLine(source=source, plan_money=money(plan), actual_money=money(actual))
            for source, (plan, actual) in (funding or {}).items()
        ],
        indicators=[
            IndicatorFigure(code=code, plan=money(plan), actual=money(actual))
            for code, (plan, actual) in (indicators or {}).items()
        ],
        activity_funding=[
            ActivityFunding(
                activity=activity, source=source, plan_money=money(plan), actual_money=money(actual)
            )
            for (activity, source), (plan, actual) in (activities or {}).items()
        ],
    )
    return FileResult(
        path=f"{year}-{period}-{place.code}-f{format_}.xlsx",
        status=FileStatus.ACCEPTED,
        sha256=hashlib.sha256(f"{province} {year} {period} {format_}".encode()).hexdigest(),
        province=place.name,
        year=year,
        period=period,
        report=report,
        format=format_,
        unmapped=list(unmapped),
    )
