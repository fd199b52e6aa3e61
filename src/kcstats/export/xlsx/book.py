"""The summary workbook's frame: the file (written atomically, streamed), its cell formats, the
page setup every sheet prints with, and a streamed table (a title row, one or two header
rows, then rows written one after another).

Why XlsxWriter and not openpyxl, which kcstats uses to read and mark up workbooks: openpyxl
holds every cell as an object; XlsxWriter's constant_memory mode streams each row to disk as
it is written. The price is that rows go out in order, one sheet after another, so a sheet is
laid out before its first row is written.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import xlsxwriter
from xlsxwriter.chartsheet import Chartsheet
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from kcstats.export.atomic import short_name, write_atomic
from kcstats.export.safe_text import excel_text
from kcstats.interrupts import temporary_folder
from kcstats.messages import Section
from kcstats.problems import Lang
from kcstats.untrusted import name_text

MONEY_FORMAT = "#,##0.000"
COUNT_FORMAT = "#,##0"
PCT_FORMAT = "#,##0.0"
CHANGE_FORMAT = "+#,##0.00;-#,##0.00;0.00"  # growth: signed, two decimals ("+17,16")
YEAR_FORMAT = "0"
A4 = 9  # XlsxWriter's paper code

# Sheet names, titles and other words of the workbook: the texts xlsx.* of the message table.
SHEETS = Section("xlsx.sheet.")
TITLES = Section("xlsx.title.")
WORDS = Section("xlsx.")
HEADER_FILL = "#DDEBF7"
BAND_FILL = "#F2F2F2"
GRID = "#A6A6A6"
WRAP_WIDTH = 30  # characters: a column of wrapped text (a message) unless its field says
LINE_HEIGHT = 15  # points: a line of the default font, for rows of wrapped text
FOOTER_PLACE = 90  # characters of the source folder the footer shows (Excel allows 255 in all)

# How a value is written: a number with its format (money, count, int: a year, pct, change_pct:
# a signed growth), or text (text from the inputs, label: kcstats' own words, wrap: long text
# wrapped in a fixed width, ratio: "20/63" set right).
Kind = Literal["text", "label", "wrap", "ratio", "money", "count", "int", "pct", "change_pct"]
NUMBER_FORMATS: dict[str, str] = {
    "money": MONEY_FORMAT,
    "count": COUNT_FORMAT,
    "int": YEAR_FORMAT,
    "pct": PCT_FORMAT,
    "change_pct": CHANGE_FORMAT,
}
# A row's look: plain, bold (a total), or flagged (outside the plan-check bounds, an error).
Style = Literal["plain", "bold", "flag"]
_NO_CONVERSION = {
    # Every text is written with write_string; these keep write() from guessing too.
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}


@dataclass(frozen=True, slots=True)
class Field:
    """A column of a table: the row dict's key, its heading, how its values are written, the
    heading of the group of columns it belongs to (a second header row, merged over
    neighbours of the same group), if any, and for wrapped text its width (characters)."""

    key: str
    heading: str
    kind: Kind
    group: str | None = None
    width: int = WRAP_WIDTH


def write_book(path: Path, fill: Callable[[Book], None], lang: Lang, source: str) -> None:
    """Write a workbook atomically: `fill` adds its sheets to a Book."""

    def write(temporary: Path) -> None:
        # constant_memory streams each sheet through a temporary file: beside the target (the
        # output's disk, not a possibly small /tmp), hidden, and removed whatever happens.
        with temporary_folder(
            prefix=f".{short_name(path.name, 200)}.",
            dir=temporary.parent,
            ignore_cleanup_errors=True,
        ) as scratch:
            options = {"constant_memory": True, "tmpdir": scratch, **_NO_CONVERSION}
            workbook = xlsxwriter.Workbook(str(temporary), options)
            try:
                fill(Book(workbook, lang, source))
            except BaseException:
                # Closed all the same (else XlsxWriter closes it when collected, and raises
                # there); the error worth reporting is the first one.
                with contextlib.suppress(FileCreateError, OSError):
                    workbook.close()
                raise
            try:
                workbook.close()
            except FileCreateError as exc:
                # XlsxWriter wraps the OSError (a full disk, say) that callers report.
                cause = exc.args[0] if exc.args else None
                raise (cause if isinstance(cause, OSError) else OSError(str(exc))) from None

    write_atomic(path, write)


def source_folder(paths: Sequence[str]) -> str:
    """The folder the input files share (the footer's source), as text any output can hold."""
    if not paths:
        return ""
    try:
        common = os.path.commonpath([os.path.dirname(p) or "." for p in paths])
    except ValueError:  # relative and absolute paths mixed, or several drives
        return ""
    return name_text(common)


class Book:
    """A workbook being written: its formats, and sheets that print alike."""

    def __init__(self, workbook: xlsxwriter.Workbook, lang: Lang, source: str) -> None:
        self.workbook = workbook
        self.lang: Lang = lang
        self.words = WORDS[lang]
        self.footer = _footer(self.words, source, lang)
        self._formats: dict[tuple[str, ...], Format] = {}
        self.title_format = workbook.add_format({"bold": True, "font_size": 13})
        self.note_format = workbook.add_format({"italic": True})
        header = {
            "bold": True,
            "bg_color": HEADER_FILL,
            "pattern": 1,
            "border": 1,
            "border_color": GRID,
            "text_wrap": True,
            "valign": "vcenter",
            "align": "center",
        }
        self.header_format = workbook.add_format(header)

    def format(self, kind: str, style: Style = "plain") -> Format:
        """A data cell's format: thin grid lines (the table prints as a table), the number
        format of its kind, bold for totals, a warm fill for flagged rows."""
        key = (kind, style)
        found = self._formats.get(key)
        if found is None:
            properties: dict[str, Any] = {"border": 1, "border_color": GRID, "valign": "top"}
            if kind in NUMBER_FORMATS:
                properties["num_format"] = NUMBER_FORMATS[kind]
            if kind == "wrap":
                properties["text_wrap"] = True
            if kind == "ratio":
                properties["align"] = "right"
            if kind == "band":
                properties.update(bold=True, bg_color=BAND_FILL, pattern=1)
            if style == "bold":
                properties["bold"] = True
            if style == "flag":
                properties.update(bg_color="#FCE4D6", pattern=1)
            found = self._formats[key] = self.workbook.add_format(properties)
        return found

    def sheet(self, name: str, *, header_rows: int) -> Worksheet:
        """A worksheet named by the message xlsx.sheet.<name>, set up to print: A4 landscape,
        one page wide, the title and header rows on every page, the footer."""
        sheet: Worksheet = self.workbook.add_worksheet(SHEETS[self.lang][name])
        self._page_setup(sheet)
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0, header_rows)
        return sheet

    def chartsheet(self, name: str) -> Chartsheet:
        """A sheet holding one chart, which prints on one A4 landscape page."""
        sheet: Chartsheet = self.workbook.add_chartsheet(SHEETS[self.lang][name])
        self._page_setup(sheet)
        return sheet

    def _page_setup(self, sheet: Worksheet | Chartsheet) -> None:
        """What every sheet prints with: A4 landscape, the margins, the footer."""
        sheet.set_landscape()
        sheet.set_paper(A4)
        sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        sheet.set_footer(self.footer, {"margin": 0.25})

    def table(self, name: str, title: str, fields: Sequence[Field], *, frozen: int) -> Table:
        return Table(self, name, title, fields, frozen=frozen)


def _day(day: date, lang: Lang) -> str:
    """5/12/2026 as Vietnamese writes a date; 2026-12-05 in English (no month-day doubt)."""
    return f"{day.day}/{day.month}/{day.year}" if lang == "vi" else day.isoformat()


def _footer(words: dict[str, str], source: str, lang: Lang) -> str:
    """Left: the source folder (its end, where it is long); centre: the day it was made;
    right: the page. '&' is the footer's code character: a folder's own is doubled."""
    source = excel_text(source)  # a control character in a folder's name: not in XML
    if len(source) > FOOTER_PLACE:
        source = "…" + source[-(FOOTER_PLACE - 1) :]
    place = words["footer.source"].format(folder=source).replace("&", "&&") if source else ""
    today = date.today()
    made = words["footer.made"].format(date=_day(today, lang))
    page = words["footer.page"].format(page="&P", pages="&N")
    return f"&L{place}&C{made.replace('&', '&&')}&R{page}"


@dataclass(slots=True)
class _Width:
    """A column's width: the longest text written, and the figures' extremes (a number's
    formatted length only grows with its size, so the extremes give the widest)."""

    text: int
    low: float | int | Decimal | None = None
    high: float | int | Decimal | None = None

    def number(self, value: float | int | Decimal) -> None:
        if self.low is None or value < self.low:
            self.low = value
        if self.high is None or value > self.high:
            self.high = value

    def width(self, field_: Field) -> float:
        if field_.kind == "wrap":
            return field_.width
        kind = field_.kind
        shown = [self.text]
        for extreme in (self.low, self.high):
            if extreme is not None:
                shown.append(len(_shown_number(extreme, kind)) + 2)
        return min(max(shown), 40)


def _heading_width(field_: Field) -> int:
    """Room for a heading wrapped on two or three lines: never narrower than its longest
    word (a column of small numbers under a long heading)."""
    if field_.kind == "wrap":
        return field_.width
    longest = max((len(word) for word in field_.heading.split()), default=0)
    return min(max(longest + 2, len(field_.heading) // 2 + 2, 8), 24)


def _shown_number(value: float | int | Decimal, kind: str) -> str:
    decimals = {"money": 3, "pct": 1, "change_pct": 2}.get(kind, 0)
    return f"{value:+,.{decimals}f}" if kind == "change_pct" else f"{value:,.{decimals}f}"


class Table:
    """A sheet holding one table, streamed: its title (row 1), the group row (when some field
    has a group) and the heading row, then rows written in order with :meth:`row`; bands (a
    title over the rows that follow, across the table) with :meth:`band`; :meth:`finish`
    sets widths, the frozen panes and the filter."""

    def __init__(
        self, book: Book, name: str, title: str, fields: Sequence[Field], *, frozen: int
    ) -> None:
        self.book = book
        self.fields = list(fields)
        grouped = any(f.group for f in fields)
        self.header_row = 2 if grouped else 1  # from 0: the row of the headings
        self.sheet = book.sheet(name, header_rows=self.header_row)
        self.name: str = self.sheet.name
        self.next_row = self.header_row + 1  # from 0
        self.frozen = frozen
        self.banded = False
        self.last_row = self.header_row  # from 0: the table's last row so far
        self._widths = [_Width(_heading_width(f)) for f in fields]
        self._wrapped = [(f.key, f.width) for f in fields if f.kind == "wrap"]
        self._layouts: dict[tuple[Any, ...], list[tuple[str, bool, Format, _Width]]] = {}
        sheet, header = self.sheet, book.header_format
        sheet.write_string(0, 0, excel_text(title), book.title_format)
        if grouped:
            sheet.set_row(1, 30)
            self._groups(header)
        sheet.set_row(self.header_row, 32)
        for col, field_ in enumerate(fields):
            sheet.write_string(self.header_row, col, excel_text(field_.heading), header)

    def _groups(self, header: Format) -> None:
        """The group row: each run of neighbouring fields of one group under one merged
        heading; above a field of no group, a blank cell in the header's look."""
        start = 0
        fields = self.fields
        while start < len(fields):
            group = fields[start].group
            end = start
            while end + 1 < len(fields) and fields[end + 1].group == group:
                end += 1
            if group is None:  # no group: a blank cell above each heading
                for col in range(start, end + 1):
                    self.sheet.write_blank(1, col, None, header)
            elif end > start:
                self.sheet.merge_range(1, start, 1, end, excel_text(group), header)
            else:
                self.sheet.write_string(1, start, excel_text(group), header)
            start = end + 1

    def band(self, text: str) -> None:
        """A title across the table over the rows that follow (a period, say)."""
        fmt = self.book.format("band")
        row = self.next_row
        if len(self.fields) > 1:
            self.sheet.merge_range(row, 0, row, len(self.fields) - 1, excel_text(text), fmt)
        else:
            self.sheet.write_string(row, 0, excel_text(text), fmt)
        self.next_row += 1
        self.banded = True

    def row(
        self,
        values: dict[str, Any],
        style: Style = "plain",
        kinds: dict[str, Kind] | None = None,
    ) -> int:
        """Write one row; a blank (None) stays an empty cell (in the table's grid). `kinds`:
        fields of this row written as another kind (a count in a column of money). Returns
        its spreadsheet row number (from 1)."""
        row = self.next_row
        sheet = self.sheet
        if self._wrapped:
            self._height(row, values)
        for col, (key, number, fmt, width) in enumerate(self._layout(style, kinds)):
            value = values.get(key)
            if value is None:
                sheet.write_blank(row, col, None, fmt)
            elif number:
                sheet.write_number(row, col, value, fmt)
                width.number(value)
            else:
                text = excel_text(str(value))
                sheet.write_string(row, col, text, fmt)
                if len(text) + 2 > width.text:
                    width.text = min(len(text) + 2, 60)
        self.next_row += 1
        self.last_row = row
        return row + 1

    def _height(self, row: int, values: dict[str, Any]) -> None:
        """A row tall enough for its wrapped text, set before its cells are written (rows
        are streamed); spreadsheet programs do not all fit it themselves (LibreOffice keeps
        one line and lets the text run over the rows below)."""
        lines = 1
        for key, width in self._wrapped:
            value = values.get(key)
            if value is not None:
                # About as many characters a line as the column is wide, less a margin.
                per_line = max(width - 3, 1)
                text = str(value)
                needed = sum(-(-max(len(part), 1) // per_line) for part in text.split("\n"))
                lines = max(lines, needed)
        if lines > 1:
            self.sheet.set_row(row, LINE_HEIGHT * min(lines, 20))

    def _layout(
        self, style: Style, kinds: dict[str, Kind] | None
    ) -> list[tuple[str, bool, Format, _Width]]:
        """For each field: its key, whether it is a number, its format, its width; worked
        out once for each look of a row (the plan sheet writes 20,000 rows)."""
        cache_key = (style, None if kinds is None else tuple(sorted(kinds.items())))
        found = self._layouts.get(cache_key)
        if found is None:
            found = []
            for field_, width in zip(self.fields, self._widths, strict=True):
                kind = field_.kind if kinds is None else kinds.get(field_.key, field_.kind)
                found.append(
                    (field_.key, kind in NUMBER_FORMATS, self.book.format(kind, style), width)
                )
            self._layouts[cache_key] = found
        return found

    def gap(self) -> None:
        """An empty row."""
        self.next_row += 1

    def text(self, text: str, *, title: bool = False) -> int:
        """A line of text in the first column (a note, or a small table's title): its row
        number (from 1)."""
        row = self.next_row
        fmt = self.book.title_format if title else self.book.note_format
        self.sheet.write_string(row, 0, excel_text(text), fmt)
        self.next_row += 1
        return row + 1

    def cells(self, values: Sequence[tuple[Any, Kind]], *, header: bool = False) -> int:
        """A row of values from the first column on, beside the table's own fields (a small
        table under it); headings in the header's look. Its row number (from 1)."""
        row = self.next_row
        for col, (value, kind) in enumerate(values):
            if header:
                self.sheet.write_string(row, col, excel_text(str(value)), self.book.header_format)
            elif value is None:
                self.sheet.write_blank(row, col, None, self.book.format(kind))
            elif kind in NUMBER_FORMATS:
                self.sheet.write_number(row, col, value, self.book.format(kind))
            else:
                self.sheet.write_string(row, col, excel_text(str(value)), self.book.format(kind))
        self.next_row += 1
        return row + 1

    def finish(self, *, autofilter: bool = True) -> Worksheet:
        sheet = self.sheet
        for col, (field_, width) in enumerate(zip(self.fields, self._widths, strict=True)):
            sheet.set_column(col, col, width.width(field_))
        sheet.freeze_panes(self.header_row + 1, self.frozen)
        if autofilter and not self.banded:
            last = max(self.last_row, self.header_row + 1)
            sheet.autofilter(self.header_row, 0, last, len(self.fields) - 1)
        return sheet
