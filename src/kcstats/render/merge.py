"""The human view of kcstats merge: regional totals, the provinces (--by province), growth on
the year before, the missing provinces and the plan checks on standard output; refused and skipped files on
standard error."""

from __future__ import annotations

import os
import sys

import pandas as pd
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kcstats.catalog import Catalogue
from kcstats.export.tables import (
    TextTable,
    files_lines,
    growth_tables,
    missing_table,
    plan_table,
    summary_line,
    summary_tables,
)
from kcstats.export.views import TEXT, MoneyUnit
from kcstats.merge.result import MergeResult
from kcstats.problems import Lang

PIPE_WIDTH = 160
LABEL_WIDTH = 24


def table_console(*, stderr: bool = False) -> Console:
    """A console as wide as the terminal, or 160 columns when the output goes to a file or a
    pipe (and COLUMNS does not say otherwise), so that wide tables are not squeezed."""
    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty() or os.environ.get("COLUMNS"):
        return Console(stderr=stderr)
    return Console(stderr=stderr, width=PIPE_WIDTH)


def rich_table(model: TextTable) -> Table:
    """Every text as plain Text: names and messages from the inputs are never rich markup."""
    table = Table(
        title=Text(model.title), title_justify="left", title_style="bold", box=box.SIMPLE_HEAD
    )
    for index, (heading, numeric) in enumerate(zip(model.headers, model.numeric, strict=True)):
        # A figure is never broken and a place name only past LABEL_WIDTH characters; the
        # headings wrap instead when the terminal is narrow.
        longest = max((len(row[index]) for row in model.rows), default=0)
        table.add_column(
            Text(heading),
            justify="right" if numeric else "left",
            overflow="fold",
            min_width=longest if numeric else min(longest, LABEL_WIDTH),
        )
    for index, row in enumerate(model.rows):
        table.add_row(
            *(Text(cell) for cell in row),
            style="bold" if index in model.emphasis else None,
            end_section=index in model.section_ends,
        )
    return table


def render_merge(
    result: MergeResult,
    catalogue: Catalogue,
    *,
    lang: Lang,
    unit: MoneyUnit,
    by_province: bool = False,
    plan_flags: pd.DataFrame | None = None,
    min_pct: float | None = None,
    max_pct: float | None = None,
    console: Console | None = None,
) -> None:
    """Results on `console` (standard output by default)."""
    out = console or table_console()
    tables = summary_tables(result, catalogue, lang, unit, by_province=by_province)
    if not tables:
        out.print(TEXT[lang]["no_reports"])
    models = list(tables)
    models += growth_tables(result, catalogue, lang, unit, by_province=by_province)
    missing = missing_table(result, catalogue, lang)
    if missing is not None:
        models.append(missing)
    if plan_flags is not None and not plan_flags.empty:
        models.append(plan_table(plan_flags, catalogue, lang, unit, min_pct, max_pct))
    for model in models:
        # Never crop: a table wider than the terminal wraps there rather than losing figures.
        out.print(rich_table(model), crop=False)
        for note in model.notes:
            out.print(note, highlight=False, markup=False, crop=False)


def render_files(result: MergeResult, *, lang: Lang, console: Console | None = None) -> None:
    """Refused and skipped files, and the count of each status (standard error by default)."""
    out = console or table_console(stderr=True)
    for line in [*files_lines(result, lang), *summary_line(result, lang)]:
        out.print(line, highlight=False, markup=False)
