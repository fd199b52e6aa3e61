"""The reader: one workbook file in, one FileResult out, with every problem it has.

It implements "What the reader must accept" and "What the reader must refuse" of
report-format.md. It never prints and never raises for anything a file holds.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kcstats.catalog import Catalogue, Province, load_catalogue
from kcstats.model import FileResult, FileStatus, Report, UnmappedRow
from kcstats.problems import Problem
from kcstats.reader.context import Problems
from kcstats.reader.detect import Format2Table, detect
from kcstats.reader.facts import read_facts
from kcstats.reader.format2 import read_format2
from kcstats.reader.funding import read_funding
from kcstats.reader.results import read_results
from kcstats.reader.workbook import open_workbook
from kcstats.safety.limits import DEFAULT_LIMITS, Limits
from kcstats.safety.preflight import Preflight, preflight, read_small
from kcstats.trusted import trusted

__all__ = ["Checked", "check_file", "file_sha256", "read_file"]


@dataclass(frozen=True, slots=True)
class Checked:
    """A file's digest and what preflight found in it: the first half of reading it."""

    digest: str | None
    preflight: Preflight


def check_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> Checked:
    data = read_small(path, limits)  # read once for the digest and the checks
    # No data: not a regular file, or larger than a report may be. Preflight says which; a
    # digest of gigabytes (or of a FIFO, which never ends) is not worth having.
    digest = hashlib.sha256(data).hexdigest() if data is not None else None
    return Checked(digest, preflight(path, limits, data=data))


def read_file(
    path: Path, catalogue: Catalogue | None = None, *, checked: Checked | None = None
) -> FileResult:
    """Read one workbook. `checked`: what check_file(path) gave, when the caller checked the
    file already (kcstats.pipeline checks a whole chunk of files before parsing any: each
    half then runs on warm caches, which is quicker, with the same results)."""
    catalogue = catalogue or load_catalogue()
    checked = checked or check_file(path)
    problems = Problems()
    digest = checked.digest
    problems.items.extend(checked.preflight.problems)
    if checked.preflight.refused:
        return _result(path, FileStatus.REFUSED, digest, problems.items)
    # calamine is given the path, not the bytes: it tells the format by the file's extension
    # (what the checks were made for), where from bytes it would guess by the content.
    workbook = open_workbook(path, problems)
    if workbook is None:
        return _result(path, FileStatus.REFUSED, digest, problems.items)
    with workbook:
        found = detect(workbook, catalogue, checked.preflight, problems)
    if found is None:
        return _result(path, FileStatus.REFUSED, digest, problems.items)
    if isinstance(found, Format2Table):
        return _read_format2(path, digest, found, catalogue, problems)
    sheets = found
    facts = read_facts(sheets.info, catalogue, problems)
    funding = (
        read_funding(sheets.funding, catalogue, facts.money_unit, problems)
        if sheets.funding
        else []
    )
    results = (
        read_results(sheets.results, catalogue, facts.money_unit, problems)
        if sheets.results
        else []
    )
    return _read_report(
        path,
        digest,
        problems,
        1,
        facts.province,
        facts.province_text,
        facts.year,
        facts.period,
        {
            "money_unit": facts.money_unit,
            "reporting_unit": facts.reporting_unit,
            "prepared_by": facts.prepared_by,
            "prepared_on": facts.prepared_on,
            "note": facts.note,
            "report_date": facts.report_date,
            "funding": funding,
            "indicators": results,
            "activity_funding": [],
        },
    )


def _read_format2(
    path: Path, digest: str | None, table: Format2Table, catalogue: Catalogue, problems: Problems
) -> FileResult:
    read = read_format2(table.grid, table.layout, catalogue, problems)
    return _read_report(
        path,
        digest,
        problems,
        2,
        read.province,
        read.province_text,
        read.year,
        read.period,
        {
            "money_unit": read.money_unit,
            "reporting_unit": read.reporting_unit,
            "prepared_by": None,
            "prepared_on": None,
            "note": None,
            "report_date": read.report_date,
            "funding": read.funding,
            "indicators": read.indicators,
            "activity_funding": read.activity_funding,
        },
        unmapped=read.unmapped,
    )


def _read_report(
    path: Path,
    digest: str | None,
    problems: Problems,
    format_: Literal[1, 2],
    province: Province | None,
    province_text: str | None,
    year: int | None,
    period: str | None,
    figures: dict[str, object],
    unmapped: list[UnmappedRow] | None = None,
) -> FileResult:
    """The FileResult of a workbook read in either format: a Report where province, year and
    period are known (`figures`: the Report's other fields, in declaration order)."""
    report = None
    if province is not None and year is not None and period is not None:
        # Every value here was checked as it was read (see kcstats.model.trusted).
        report = trusted(
            Report,
            {
                "format": format_,
                "province": province.name,
                "province_code": province.code,
                "era": province.era,
                "year": year,
                "period": period,
                **figures,
            },
        )
    return _result(
        path,
        FileStatus.REFUSED if problems.has_errors else FileStatus.ACCEPTED,
        digest,
        problems.items,
        province=province.name if province else province_text,
        year=year,
        period=period,
        report=report,
        format_=format_,
        unmapped=unmapped,
    )


def _result(
    path: Path,
    status: FileStatus,
    digest: str | None,
    problems: list[Problem],
    *,
    province: str | None = None,
    year: int | None = None,
    period: str | None = None,
    report: Report | None = None,
    format_: Literal[1, 2] | None = None,
    unmapped: list[UnmappedRow] | None = None,
) -> FileResult:
    return trusted(
        FileResult,
        {
            "path": str(path),
            "status": status,
            "sha256": digest,
            "province": province,
            "year": year,
            "period": period,
            "problems": problems,
            "report": report,
            "format": format_,
            "unmapped": unmapped or [],
        },
    )


def file_sha256(path: Path, limits: Limits = DEFAULT_LIMITS) -> str | None:
    """The digest of a regular file no larger than a report may be; None otherwise."""
    data = read_small(path, limits)
    return None if data is None else hashlib.sha256(data).hexdigest()
