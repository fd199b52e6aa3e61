"""The lines above the table: province, year and period, money unit, the report's date.

Province from the agency header ('UBND TỈNH X', 'SỞ CÔNG THƯƠNG X', split over two lines or
cells), else from the place-and-date line; year and period from the title and the actual
column headers (a plan header gives only its year); the money unit from a line 'ĐVT: ...'.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kcstats.catalog import Catalogue, Era, Province
from kcstats.catalogue_file import YEAR_MAX, YEAR_MIN
from kcstats.reader.context import Problems
from kcstats.reader.facts import resolve_province
from kcstats.reader.format2.layout import Layout
from kcstats.reader.format2.words import Words, words_of
from kcstats.reader.grid import Grid
from kcstats.text import clean_text, fold

Cell = tuple[int, int]
ERAS: tuple[Era, ...] = ("63", "34")
PLACE_WORDS = 6  # 'Thành phố Hồ Chí Minh' is five words; a sentence quoting a date is more
_DATE = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})\b")
_PLACE_DATE = re.compile(r"^(?P<place>.*?)\s*\bngay\b[\s\d]*\bthang\b[\s\d]*\bnam\s+\d{4}\b")
_SHORT_DATE = re.compile(r"\b\d{1,2}\s+\d{1,2}\s+\d{4}\b")  # '15/6/2024' once folded
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_SHORT_MONTHS = re.compile(r"\b(\d{1,2})t\b")
_QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|1|2|3|4)\b")
_FULL_YEAR = re.compile(r"\b(?:ca nam|nam\s+\d{4})\b")
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(slots=True)
class Stated:
    value: str
    at: Cell


@dataclass(slots=True)
class Above:
    province: Province | None = None
    province_text: str | None = None
    reporting_unit: str | None = None
    year: int | None = None
    period: str | None = None
    money_unit: str | None = None  # named on a line above the table; None when no line does
    report_date: dt.date | None = None
    provinces: list[tuple[str, Cell]] = field(default_factory=list)


def read_above(grid: Grid, layout: Layout, catalogue: Catalogue, problems: Problems) -> Above:
    words = words_of(catalogue)
    above = Above()
    cells = _cells(grid, layout.header_rows[0])
    agency: list[tuple[str, Cell, str]] = []  # (name, cell, the agency text)
    unknown: list[tuple[str, Cell]] = []
    places: list[tuple[str, Cell]] = []
    texts: list[tuple[str, Cell]] = []  # what may be the title
    for at, lines in cells:
        folded_lines = []
        for line in lines:
            folded = fold(line)
            place = _PLACE_DATE.match(folded)
            if place is not None and len(place.group("place").split()) <= PLACE_WORDS:
                # 'Long An, ngày 15 tháng 6 năm 2024': the report's date and its place. A
                # line that only quotes a date ('Kèm theo báo cáo số … ngày …') is text.
                above.report_date = above.report_date or _date(folded)
                if place.group("place"):
                    places.append((place.group("place"), at))
            elif folded and folded not in words.passed_over:
                folded_lines.append(folded)
        whole = " ".join(folded_lines)
        if not whole:
            continue
        named = _agency(folded_lines, at, grid, words, catalogue)
        if named is not None:
            name, said_province = named
            if _is_province(name, catalogue):
                agency.append((name, at, clean_text(" ".join(lines))))
            elif said_province:
                unknown.append((name, at))
            continue
        unit = _unit_line(whole, words, catalogue)
        if unit is not None:
            above.money_unit = above.money_unit or unit
            continue
        texts.append((whole, at))
    _read_period(above, texts, layout, grid, catalogue, words, problems)
    _read_province(above, agency, unknown, places, grid.name, catalogue, problems)
    if above.report_date is None:
        above.report_date = _date_below(grid, layout)
    return above


def has_report_head(grid: Grid, layout: Layout, catalogue: Catalogue) -> bool:
    """Whether the lines above a table read as a report's head: an agency line, or a title
    that names a period. (Format 1's own sheets carry a plain title.)"""
    words = words_of(catalogue)
    for _, lines in _cells(grid, layout.header_rows[0]):
        for line in lines:
            folded = fold(line)
            if any(_starts(folded, p) for p in words.agency_prefixes):
                return True
            if _period_of(folded, catalogue, words) is not None:
                return True
    return False


def _cells(grid: Grid, end: int) -> list[tuple[Cell, list[str]]]:
    """Every text cell above the header row, in reading order, as its lines."""
    found = []
    for row in range(end):
        for col in range(grid.width(row)):
            value = grid.value(row, col)
            if isinstance(value, str) and value.strip():
                lines = [clean_text(line) for line in value.splitlines() if line.strip()]
                found.append(((row, col), lines))
    return found


def _date(folded: str) -> dt.date | None:
    match = _DATE.search(folded)
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date_below(grid: Grid, layout: Layout) -> dt.date | None:
    """A place-and-date line often stands above the signature, below the table."""
    for row in range(layout.first_data, grid.height):
        for col in range(grid.width(row)):
            value = grid.value(row, col)
            if isinstance(value, str) and "ng" in value.lower():
                date = _date(fold(value))
                if date is not None:
                    return date
    return None


def _agency(
    lines: list[str], at: Cell, grid: Grid, words: Words, catalogue: Catalogue
) -> tuple[str, bool] | None:
    """The province an agency line names, and whether a word 'tỉnh'/'thành phố' said so."""
    for index, line in enumerate(lines):
        prefix = next((p for p in words.agency_prefixes if _starts(line, p)), None)
        if prefix is None:
            continue
        rest = line[len(prefix) :].strip()
        named = _name_after(rest, words)
        if named is not None:
            return named
        # 'UBND TỈNH' / 'LONG AN': the name is on the next line, or in the cell below or to
        # the right; the first of them that names a province.
        following = [lines[index + 1]] if index + 1 < len(lines) else _next_cells(grid, at)
        candidates = [_name_after(f"{rest} {text}".strip(), words) for text in following]
        found = [c for c in candidates if c is not None]
        known = [c for c in found if _is_province(c[0], catalogue)]
        chosen = known or found
        return chosen[0] if chosen else None
    return None


def _is_province(name: str, catalogue: Catalogue) -> bool:
    return bool(catalogue.find_province(name, "63") or catalogue.find_province(name, "34"))


def _name_after(rest: str, words: Words) -> tuple[str, bool] | None:
    for word in words.province_words:
        match = re.search(rf"(?:^|\s){re.escape(word)}\s+(.+)$", rest)
        if match:
            return match.group(1), True
    if rest and not any(rest == w for w in words.province_words):
        return rest, False
    return None


def _next_cells(grid: Grid, at: Cell) -> list[str]:
    row, col = at
    found = []
    for r, c in ((row + 1, col), (row, col + 1)):
        value = grid.value(r, c)
        if isinstance(value, str) and value.strip():
            found.append(fold(value.splitlines()[0]))
    return found


def _starts(text: str, prefix: str) -> bool:
    return text == prefix or text.startswith(prefix + " ")


def _unit_line(folded: str, words: Words, catalogue: Catalogue) -> str | None:
    for label in words.unit_line_labels:
        if _starts(folded, label):
            return catalogue.money_unit_index.get(folded[len(label) :].strip())
    return None


def _period_of(folded: str, catalogue: Catalogue, words: Words) -> str | None:
    text = _SHORT_DATE.sub(" ", _DATE.sub(" ", folded))
    quarter = _QUARTER.search(text)
    months: int | None = None
    short = _SHORT_MONTHS.search(text)  # '6T/2024', 'TH 9T'
    if short is not None and 1 <= int(short.group(1)) <= 12:
        months = int(short.group(1))
    for match in words.months.finditer(text):
        number = match.group(1)
        n = int(number) if number.isdigit() else words.month_words[number]
        if 1 <= n <= 12:
            months = n
            break
    if quarter is not None and (months is None or quarter.start() < text.find(" thang")):
        q = _QUARTERS[quarter.group(1)]
        return _find_period(catalogue, 3 * q - 2 if q > 1 else 1, 3 * q)
    if months is not None:
        return _find_period(catalogue, 1, months)
    if _FULL_YEAR.search(text):
        return _find_period(catalogue, 1, 12)
    return None


def _find_period(catalogue: Catalogue, start: int, end: int) -> str | None:
    return next(
        (
            p.code
            for p in catalogue.periods.values()
            if (p.start_month, p.end_month) == (start, end)
        ),
        None,
    )


def _year_of(folded: str) -> int | None:
    text = _SHORT_DATE.sub(" ", _DATE.sub(" ", folded))
    for match in _YEAR.finditer(text):
        year = int(match.group(1))
        if YEAR_MIN <= year <= YEAR_MAX:
            return year
    return None


def _read_period(
    above: Above,
    texts: list[tuple[str, Cell]],
    layout: Layout,
    grid: Grid,
    catalogue: Catalogue,
    words: Words,
    problems: Problems,
) -> None:
    title = next(((t, at) for t, at in texts if _period_of(t, catalogue, words)), None)
    if title is None:
        title = next(
            ((t, at) for t, at in texts if any(_starts(t, w) for w in words.title_words)),
            texts[0] if texts else None,
        )
    title_period = _period_of(title[0], catalogue, words) if title else None
    title_year = _year_of(title[0]) if title else None
    if title is not None and title_year is None:
        title_year = next((y for t, _ in texts if (y := _year_of(t)) is not None), None)
    header_period: Stated | None = None
    header_years: list[Stated] = []
    for group, at, raw in layout.stating:
        folded = fold(raw)
        if group == "actual" and header_period is None:
            period = _period_of(folded, catalogue, words)
            if period is not None:
                header_period = Stated(period, at)
        if group in ("actual", "plan"):
            year = _year_of(folded)
            if year is not None:
                header_years.append(Stated(str(year), at))
    # The year a header disagrees with the title on, if any; else the first header's year.
    header_year = next(
        (h for h in header_years if title_year and h.value != str(title_year)),
        header_years[0] if header_years else None,
    )
    title_at = title[1] if title else layout.header_cell
    sheet = grid.name
    if title_period and header_period and title_period != header_period.value:
        _conflict("period-conflict", sheet, (title_period, title_at), header_period, problems)
    elif title_period or header_period:
        above.period = title_period or (header_period.value if header_period else None)
    else:
        problems.add(
            "period-missing",
            sheet=sheet,
            at=title_at,
            found=grid.text(*title_at) or None,
            expected="6 tháng đầu năm 2024 · Quý I · 9 tháng · Năm 2024",
        )
    if title_year and header_year and str(title_year) != header_year.value:
        _conflict("year-conflict", sheet, (str(title_year), title_at), header_year, problems)
    elif title_year or header_year:
        above.year = title_year or (int(header_year.value) if header_year else None)
    else:
        problems.add(
            "year-missing",
            sheet=sheet,
            at=title_at,
            found=grid.text(*title_at) or None,
            expected="năm 2024",
        )


def _conflict(
    code: str, sheet: str, title: tuple[str, Cell], header: Stated, problems: Problems
) -> None:
    value, at = title
    other = Grid.a1(*header.at)
    problems.add(code, sheet=sheet, at=at, found=value, expected=header.value, other=other)
    problems.add(
        code, sheet=sheet, at=header.at, found=header.value, expected=value, other=Grid.a1(*at)
    )


def _read_province(
    above: Above,
    agency: list[tuple[str, Cell, str]],
    unknown: list[tuple[str, Cell]],
    places: list[tuple[str, Cell]],
    sheet: str,
    catalogue: Catalogue,
    problems: Problems,
) -> None:
    named = [(name, at) for name, at, _ in agency]
    if not named:
        named = [
            (p, at)
            for p, at in places
            if catalogue.find_province(p, "63") or catalogue.find_province(p, "34")
        ][:1]
    if not named:
        if unknown:
            name, at = unknown[0]
            problems.add("province-unknown", sheet=sheet, at=at, found=name)
        else:
            problems.add(
                "province-missing",
                sheet=sheet,
                expected="UBND TỈNH … · SỞ CÔNG THƯƠNG … · …, ngày … tháng … năm …",
            )
        return
    first_name, first_at = named[0]
    key = _key(first_name, above, catalogue)
    for name, at in named[1:]:
        if _key(name, above, catalogue) != key:
            problems.add(
                "province-conflict",
                sheet=sheet,
                at=first_at,
                found=_display(first_name, catalogue),
                expected=_display(name, catalogue),
                other=Grid.a1(*at),
            )
            problems.add(
                "province-conflict",
                sheet=sheet,
                at=at,
                found=_display(name, catalogue),
                expected=_display(first_name, catalogue),
                other=Grid.a1(*first_at),
            )
            return
    above.province_text = _display(first_name, catalogue)
    above.reporting_unit = agency[0][2] if agency else None
    if above.year is not None and above.period is not None:
        above.province = resolve_province(
            first_name, first_at, sheet, above.year, above.period, catalogue, problems
        )
    if above.province is not None:
        above.province_text = above.province.name


def _key(name: str, above: Above, catalogue: Catalogue) -> str:
    """Which unit a name means: in the report's era when known, else in either era."""
    if above.year is not None and above.period is not None:
        era = catalogue.era_of(above.year, above.period)
        found = catalogue.find_province(name, era)
        if found is not None:
            return found.key
    for era in ERAS:
        found = catalogue.find_province(name, era)
        if found is not None:
            return found.name
    return catalogue.fold_province(name)


def _display(name: str, catalogue: Catalogue) -> str:
    found = catalogue.find_province(name, "63") or catalogue.find_province(name, "34")
    return found.name if found is not None else name
