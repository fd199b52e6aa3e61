"""The summary workbook's charts, each on a sheet of its own (a chart sheet prints on one page,
never cut): plan and actual funding by region, funding spent by province and source, and
regional funding spent over the years.

A chart shows a period only where it has the figure it draws (a year of plans without any
actual gets no "actual" chart), its value axis starts at zero, and its numbers are whole (or
one decimal below 10) in the unit of the tables. Each series caches the values it shows, as
Excel does, for programs that draw a chart without computing its cells."""

from __future__ import annotations

from typing import Any

from kcstats.catalog import Catalogue
from kcstats.catalogue_file import TOTAL
from kcstats.export.views import MONEY_UNIT_LABEL, TEXT, MoneyUnit, key
from kcstats.export.xlsx.book import Book
from kcstats.export.xlsx.growth import GrowthChart
from kcstats.export.xlsx.summary import Block

WHOLE = "#,##0"
ONE_DECIMAL = "#,##0.0"
TITLE_FONT = {"size": 13, "bold": True}


def axis_format(values: list[float | None]) -> str:
    """Whole numbers, or one decimal where the largest figure is under 10 (0,5 tỷ đồng)."""
    largest = max((v for v in values if v is not None), default=0.0)
    return WHOLE if largest >= 10 else ONE_DECIMAL


def value_axis(name: str, values: list[float | None]) -> dict[str, Any]:
    return {
        "name": name,
        "min": 0,
        "num_format": axis_format(values),
        "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
    }


def latest(blocks: list[Block], keys: list[str]) -> Block | None:
    """The latest period with some figure in one of `keys` (the actuals a chart draws)."""
    return next((b for b in reversed(blocks) if any(b.has(k) for k in keys)), None)


def series(block: Block, values: str, categories: str, name: str) -> dict[str, Any]:
    """A series over a column of a block, the block's place names its categories."""
    value_col, category_col = block.columns[values], block.columns[categories]
    first, last = block.first - 1, block.last - 1
    return {
        "name": name,
        "values": [block.sheet, first, value_col, last, value_col],
        "categories": [block.sheet, first, category_col, last, category_col],
        "values_data": [_number(row.get(values)) for row in block.rows],
        "categories_data": [str(row.get(categories) or "") for row in block.rows],
    }


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def regions_chart(book: Book, blocks: list[Block], unit: MoneyUnit) -> None:
    """Plan and actual funding by region, in the latest period with actual funding."""
    plan, actual = key("funding", TOTAL, "plan"), key("funding", TOTAL, "actual")
    block = latest(blocks, [actual])
    if block is None:
        return
    t, label = TEXT[book.lang], MONEY_UNIT_LABEL[unit]
    chart = book.workbook.add_chart({"type": "column"})
    shown = [(plan, t["plan"])] if block.has(plan) else []
    shown.append((actual, t["actual"]))
    values: list[float | None] = []
    for column, name in shown:
        one = series(block, column, "place", name)
        # Labels a little finer than the axis: 55,1 tỷ đồng, 1.553 triệu đồng.
        one["data_labels"] = {"value": True, "num_format": ONE_DECIMAL if unit == "ty" else WHOLE}
        values += one["values_data"]
        chart.add_series(one)
    title = book.words["title.chart_regions"].format(period=block.label, unit=label)
    chart.set_title({"name": title, "name_font": TITLE_FONT})
    chart.set_y_axis(value_axis(label, values))
    chart.set_legend({"position": "bottom"})
    book.chartsheet("chart_regions").set_chart(chart)


def provinces_chart(book: Book, blocks: list[Block], catalogue: Catalogue, unit: MoneyUnit) -> None:
    """Funding spent by province, a bar per province stacked by source, in the latest
    period with some."""
    keys = [key("funding", source, "actual") for source in catalogue.in_total]
    block = latest(blocks, keys)
    if block is None:
        return
    label = MONEY_UNIT_LABEL[unit]
    # Columns, the names under them turned upright: on a landscape page 63 provinces get
    # 4 mm each, room for every name (bars across would give them 2 mm, and lose half).
    chart = book.workbook.add_chart({"type": "column", "subtype": "stacked"})
    totals = [0.0] * len(block.rows)
    for source, column in zip(catalogue.in_total, keys, strict=True):
        if not block.has(column):
            continue
        one = series(block, column, "province", catalogue.source_short(source, book.lang))
        totals = [a + (b or 0.0) for a, b in zip(totals, one["values_data"], strict=True)]
        chart.add_series({**one, "overlap": 100, "gap": 50})
    title = book.words["title.chart_provinces"].format(period=block.label, unit=label)
    chart.set_title({"name": title, "name_font": TITLE_FONT})
    chart.set_y_axis(value_axis(label, list(totals)))
    chart.set_x_axis({"interval_unit": 1, "num_font": {"rotation": -90, "size": 8}})
    chart.set_legend({"position": "bottom"})
    book.chartsheet("chart_provinces").set_chart(chart)


def growth_chart(book: Book, data: GrowthChart, catalogue: Catalogue) -> None:
    """Regional funding spent over the years (a line a region), from under the growth table."""
    t, label = TEXT[book.lang], MONEY_UNIT_LABEL[data.unit]
    chart = book.workbook.add_chart({"type": "line"})
    period = catalogue.periods[data.period].label(book.lang)
    title = t["growth_chart_title"].format(period=period, unit=label)
    chart.set_title({"name": title, "name_font": TITLE_FONT})
    values: list[float | None] = []
    first, last = data.first - 1, data.last - 1
    for offset, name in enumerate(data.names, start=1):
        spent = [_number(data.spent.get((year, name))) for year in data.years]
        values += spent
        chart.add_series(
            {
                "name": [data.sheet, data.header - 1, offset],
                "name_data": name,
                "categories": [data.sheet, first, 0, last, 0],
                "values": [data.sheet, first, offset, last, offset],
                "categories_data": list(data.years),
                "values_data": spent,
                "marker": {"type": "circle", "size": 6},
            }
        )
    chart.set_y_axis(value_axis(label, values))
    chart.set_x_axis({"name": t["year"]})
    chart.set_legend({"position": "bottom"})
    book.chartsheet("chart_growth").set_chart(chart)
