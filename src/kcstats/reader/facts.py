"""Sheet 'Thông tin': pairs of label and value; the value is the first non-empty cell right of it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kcstats.catalog import Catalogue, Era, Province
from kcstats.catalogue_file import YEAR_MAX, YEAR_MIN
from kcstats.messages import Param, say
from kcstats.reader.context import Problems
from kcstats.reader.dates import read_date
from kcstats.reader.grid import Grid
from kcstats.text import clean_text, find_label, fold

_YEAR_IN_TEXT = re.compile(r"(?<!\d)(\d{4})(?!\d)")
# A period often carries its year: '6 tháng đầu năm 2024', 'Quý I/2024', 'Cả năm 2024'. The
# 'năm' before the year may belong to the period ('Cả năm', 'đầu năm') or not ('6 tháng năm').
_TRAILING_YEARS = (re.compile(r"\s*\d{4}$"), re.compile(r"\s*nam\s*\d{4}$"))


@dataclass(slots=True)
class FactCell:
    value: object
    at: tuple[int, int]  # the value's cell, or where it belongs (right of the label)
    label: str


@dataclass(slots=True)
class Facts:
    province: Province | None = None
    province_text: str | None = None
    year: int | None = None
    period: str | None = None
    money_unit: str = "trieu"
    reporting_unit: str | None = None
    prepared_by: str | None = None
    prepared_on: str | None = None
    report_date: dt.date | None = None  # read from Ngày lập, for --prefer newer
    note: str | None = None


def collect_pairs(grid: Grid, index: dict[str, str]) -> dict[str, FactCell]:
    """Label -> value cell. A value is never read as a label: scanning resumes right of it."""
    found: dict[str, FactCell] = {}
    for row in range(grid.height):
        col, width = 0, grid.width(row)
        while col < width:
            raw = grid.value(row, col)
            key = find_label(raw, index) if isinstance(raw, str) else None
            if key is None or not isinstance(raw, str):
                col += 1
                continue
            value_col = next((c for c in range(col + 1, width) if not grid.is_empty(row, c)), None)
            if key not in found:
                if value_col is None:
                    found[key] = FactCell(None, (row, col + 1), clean_text(raw))
                else:
                    found[key] = FactCell(
                        grid.value(row, value_col), (row, value_col), clean_text(raw)
                    )
            col = width if value_col is None else value_col + 1
    return found


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = clean_text(str(value))
    return text or None


def read_facts(grid: Grid | None, catalogue: Catalogue, problems: Problems) -> Facts:
    facts = Facts(money_unit=catalogue.report.default_money_unit)
    if grid is None:
        return facts  # the missing sheet is the problem; its facts are not reported again
    pairs = collect_pairs(grid, catalogue.fact_index)
    sheet = grid.name
    flagged: set[str] = set()
    for key, cell in list(pairs.items()):
        flag = grid.flag(*cell.at)
        if flag is not None:
            # A formula never computed, or an error value: calamine reads it as ''.
            problems.add(flag.kind, sheet=sheet, at=cell.at, found=flag.text)
            flagged.add(key)
            del pairs[key]

    def missing(label: Param, key: str) -> None:
        """No label at all: no cell to name. A label with nothing right of it: that cell.
        A value that is a formula or an error has had its own problem reported already."""
        if key not in flagged:
            cell = pairs.get(key)
            problems.add("fact-missing", sheet=sheet, at=cell.at if cell else None, expected=label)

    year_cell = pairs.get("year")
    if year_cell is None or year_cell.value is None:
        missing(say("fact.year"), "year")
    else:
        facts.year = _read_year(year_cell.value)
        if facts.year is None:
            found = _as_text(year_cell.value)
            problems.add(
                "year-invalid",
                sheet=sheet,
                at=year_cell.at,
                found=found,
                expected=f"{YEAR_MIN}–{YEAR_MAX}",
            )

    period_cell = pairs.get("period")
    if period_cell is None or period_cell.value is None:
        missing(say("fact.period"), "period")
    else:
        facts.period = _read_period(period_cell.value, catalogue)
        if facts.period is None:
            choices = ", ".join(f"{p.code} ({p.label_vi})" for p in catalogue.periods.values())
            problems.add(
                "period-unknown",
                sheet=sheet,
                at=period_cell.at,
                found=_as_text(period_cell.value),
                expected=choices,
            )

    unit_cell = pairs.get("money_unit")
    if unit_cell is not None and unit_cell.value is not None:
        unit = catalogue.money_unit_index.get(fold(str(unit_cell.value)))
        if unit is None:
            choices = ", ".join(u.label for u in catalogue.money_units.values())
            problems.add(
                "money-unit-unknown",
                sheet=sheet,
                at=unit_cell.at,
                found=_as_text(unit_cell.value),
                expected=choices,
            )
        else:
            facts.money_unit = unit

    province_cell = pairs.get("province")
    if province_cell is None or province_cell.value is None:
        missing(say("fact.province"), "province")
    else:
        facts.province_text = _as_text(province_cell.value)
        facts.province = _read_province(facts, province_cell, catalogue, problems, sheet)

    for key in ("reporting_unit", "prepared_by", "prepared_on", "note"):
        free_text = pairs.get(key)
        if free_text is not None:
            setattr(facts, key, _as_text(free_text.value))
    signed = pairs.get("prepared_on")
    if signed is not None:
        facts.report_date = read_date(signed.value)
    return facts


def _read_year(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        year = int(value) if float(value).is_integer() else None
    elif isinstance(value, str):
        years = _YEAR_IN_TEXT.findall(value)
        year = int(years[0]) if len(years) == 1 else None
    else:
        year = None
    return year if year is not None and YEAR_MIN <= year <= YEAR_MAX else None


def _read_period(value: object, catalogue: Catalogue) -> str | None:
    folded = fold(str(value))
    index = catalogue.period_index
    for text in (folded, folded.removeprefix("bao cao ")):
        for candidate in (text, *(pattern.sub("", text) for pattern in _TRAILING_YEARS)):
            if candidate in index:
                return index[candidate]
    return None


def _read_province(
    facts: Facts, cell: FactCell, catalogue: Catalogue, problems: Problems, sheet: str | None
) -> Province | None:
    return resolve_province(
        facts.province_text or "", cell.at, sheet, facts.year, facts.period, catalogue, problems
    )


def resolve_province(
    name: str,
    at: tuple[int, int] | None,
    sheet: str | None,
    year: int | None,
    period: str | None,
    catalogue: Catalogue,
    problems: Problems,
) -> Province | None:
    """The province a name means in the era of the report's period (both formats)."""
    if year is not None and period is not None:
        era: Era = catalogue.era_of(year, period)
        province = catalogue.find_province(name, era)
        if province is not None:
            # A rename that kept the unit: the name and kind of the period's end, and a
            # warning where the report still says the former name.
            end = catalogue.periods[period].end_date(year)
            rename = catalogue.renamed_from(province, name, end)
            if rename is not None:
                problems.add(
                    "province-renamed",
                    sheet=sheet,
                    at=at,
                    found=name,
                    expected=rename.name,
                    since=f"{rename.valid_from.day}/{rename.valid_from.month}/"
                    f"{rename.valid_from.year}",
                )
            return catalogue.as_of(province, end)
        successor = catalogue.successor_of(name) if era == "34" else None
        if successor is not None:
            problems.add(
                "province-abolished", sheet=sheet, at=at, found=name, expected=successor.name
            )
            return None
    elif catalogue.find_province(name, "63") or catalogue.find_province(name, "34"):
        return None  # a real name; which era it belongs to waits for a readable year and period
    problems.add("province-unknown", sheet=sheet, at=at, found=name)
    return None
