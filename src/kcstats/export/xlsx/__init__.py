"""The summary workbook (-o tong-hop.xlsx), written with XlsxWriter, for an officer to attach
and print.

Its sheets, in order: the regional summary as the terminal shows it, a chart of it, every
province's figures and a chart of them, plan against actual, growth by region with a chart
and by province (main measures), money by activity, missing reports, and the files read with
their problems. Every sheet prints on A4 landscape, one page wide, its title and header rows
on every page, a footer naming the source folder, the day and the page; every chart sits on
a sheet of its own. Headings in Vietnamese or English; figures are numbers with number
formats; every text copied from an input is written as a string no spreadsheet runs.

- book: the file, formats, page setup and the streamed table every sheet is;
- summary: the regional summary and the provinces; growth: the growth sheets;
- details: plan against actual, activities, missing reports, files; charts: the charts.
"""

from __future__ import annotations

from pathlib import Path

from kcstats import __version__
from kcstats.catalog import Catalogue, load_catalogue
from kcstats.export.registry import Sink
from kcstats.export.view_options import ViewOptions
from kcstats.export.views import MONEY_UNIT_LABEL
from kcstats.export.xlsx.book import (
    CHANGE_FORMAT,
    COUNT_FORMAT,
    MONEY_FORMAT,
    PCT_FORMAT,
    TITLES,
    Book,
    source_folder,
    write_book,
)
from kcstats.export.xlsx.charts import growth_chart, provinces_chart, regions_chart
from kcstats.export.xlsx.details import activities_sheet, files_sheet, missing_sheet, plan_sheet
from kcstats.export.xlsx.growth import growth_rows, provincial_growth_sheet, regional_growth_sheet
from kcstats.export.xlsx.summary import provinces_sheet, regions_sheet
from kcstats.merge.result import MergeResult

__all__ = [
    "CHANGE_FORMAT",
    "COUNT_FORMAT",
    "MONEY_FORMAT",
    "PCT_FORMAT",
    "write",
    "write_summary",
]


def write(result: MergeResult, options: ViewOptions, sink: Sink) -> None:
    """The registry's `xlsx`: the summary workbook, into a file only."""
    if not isinstance(sink, Path):
        raise ValueError("the summary workbook is written to a file")
    write_summary(sink, result, load_catalogue(), options)


def write_summary(
    path: Path, result: MergeResult, catalogue: Catalogue, options: ViewOptions
) -> None:
    """Write the summary workbook atomically."""
    source = source_folder([f.path for f in result.files])

    def fill(book: Book) -> None:
        _fill(book, result, catalogue, options, source)

    write_book(path, fill, options.lang, source)


def _fill(
    book: Book, result: MergeResult, catalogue: Catalogue, options: ViewOptions, source: str
) -> None:
    lang, unit = options.lang, options.unit
    titles = TITLES[lang]
    money = MONEY_UNIT_LABEL[unit]
    book.workbook.set_properties(
        {"author": f"kcstats {__version__}", "title": titles["regions"].format(unit=money)}
    )
    regions = regions_sheet(book, result, catalogue, unit, titles["regions"].format(unit=money))
    regions_chart(book, regions, unit)
    provinces = provinces_sheet(
        book, result, catalogue, unit, titles["provinces"].format(unit=money)
    )
    provinces_chart(book, provinces, catalogue, unit)
    plan_sheet(book, result, catalogue, options, titles["plan"].format(unit=money))
    growth = growth_rows(result, catalogue)
    if growth is not None:
        title = titles["growth"].format(unit=money)
        chart = regional_growth_sheet(book, growth, result, catalogue, unit, title)
        if chart is not None:
            growth_chart(book, chart, catalogue)
        title = titles["growth_provinces"].format(unit=money)
        provincial_growth_sheet(book, growth, catalogue, unit, title)
    activities_sheet(book, result, catalogue, options, titles["activities"].format(unit=money))
    missing_sheet(book, result, catalogue, titles["missing"])
    files_sheet(book, result, catalogue, source, titles["files"])
