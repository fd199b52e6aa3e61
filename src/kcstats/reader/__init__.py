"""The reader: one workbook file in, one FileResult out, with every problem it has.

It implements "What the reader must accept" and "What the reader must refuse" of
report-format.md. It never prints and never raises for anything a file holds.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kcstats.catalog import Catalogue, load_catalogue
from kcstats.model import FileResult, FileStatus, Report
from kcstats.reader.context import Problems
from kcstats.reader.facts import read_facts
from kcstats.reader.funding import read_funding
from kcstats.reader.results import read_results
from kcstats.reader.workbook import find_sheets, open_workbook
from kcstats.safety.preflight import preflight

__all__ = ["file_sha256", "read_file"]


def read_file(path: Path, catalogue: Catalogue | None = None) -> FileResult:
    catalogue = catalogue or load_catalogue()
    problems = Problems()
    digest = file_sha256(path)
    checked = preflight(path)
    problems.items.extend(checked.problems)
    if checked.refused:
        return FileResult(
            path=str(path), status=FileStatus.REFUSED, sha256=digest, problems=problems.items
        )
    workbook = open_workbook(path, problems)
    if workbook is None:
        return FileResult(
            path=str(path), status=FileStatus.REFUSED, sha256=digest, problems=problems.items
        )
    with workbook:
        sheets = find_sheets(workbook, catalogue, checked, problems)
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
    result = FileResult(
        path=str(path),
        status=FileStatus.REFUSED if problems.has_errors else FileStatus.ACCEPTED,
        sha256=digest,
        province=facts.province.name if facts.province else facts.province_text,
        year=facts.year,
        period=facts.period,
        problems=problems.items,
    )
    if facts.province is not None and facts.year is not None and facts.period is not None:
        result.report = Report(
            province=facts.province.name,
            province_code=facts.province.code,
            era=facts.province.era,
            year=facts.year,
            period=facts.period,
            money_unit=facts.money_unit,
            reporting_unit=facts.reporting_unit,
            prepared_by=facts.prepared_by,
            prepared_on=facts.prepared_on,
            note=facts.note,
            funding=funding,
            indicators=results,
        )
    return result


def file_sha256(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None
