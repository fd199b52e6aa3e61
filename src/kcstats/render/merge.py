"""The human view of kcstats merge: regional totals, the provinces (--by province), growth on
the year before, the missing provinces and the plan checks on standard output; refused and skipped files on
standard error."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kcstats.catalog import Catalogue, load_catalogue
from kcstats.export.registry import Sink
from kcstats.export.tables import (
    TextTable,
    files_lines,
    growth_tables,
    missing_table,
    plan_table,
    summary_line,
    summary_tables,
)
from kcstats.export.view_options import ViewOptions
from kcstats.export.views import TEXT
from kcstats.merge.result import MergeResult
from kcstats.problems import Lang
from kcstats.render.safe import terminal_text

PIPE_WIDTH = 160
LABEL_WIDTH = 24


def table_console(*, stderr: bool = False, file: TextIO | None = None) -> Console:
    """A console as wide as the terminal, or 160 columns when the output goes to a file or a
    pipe (and COLUMNS does not say otherwise), so that wide tables are not squeezed. On
    `file`, or standard error, or standard output."""
    stream = file or (sys.stderr if stderr else sys.stdout)
    if stream.isatty() or os.environ.get("COLUMNS"):
        return Console(stderr=stderr, file=file)
    return Console(stderr=stderr, file=file, width=PIPE_WIDTH)


def write(result: MergeResult, options: ViewOptions, sink: Sink) -> None:
    """The human view (the registry's `table`): results on `sink`, a stream (standard
    output); refused and skipped files on standard error."""
    if isinstance(sink, Path):
        raise ValueError("the terminal view is shown, not written to a file")
    render_merge(result, load_catalogue(), options, console=table_console(file=sink))
    render_files(result, lang=options.lang, console=table_console(stderr=True))


def _min_widths(model: TextTable) -> list[int]:
    # A figure is never broken and a place name only past LABEL_WIDTH characters; the
    # headings wrap instead when the terminal is narrow.
    widths = []
    for index, numeric in enumerate(model.numeric):
        longest = max((len(row[index]) for row in model.rows), default=0)
        widths.append(longest if numeric else min(longest, model.label_width or LABEL_WIDTH))
    return widths


def rich_table(model: TextTable) -> Table:
    """Every text as plain Text: names and messages from the inputs are never rich markup,
    and their control and zero-width characters are shown as visible escapes."""
    table = Table(
        title=Text(terminal_text(model.title)),
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
    )
    minimum = _min_widths(model)
    for index, (heading, numeric) in enumerate(zip(model.headers, model.numeric, strict=True)):
        table.add_column(
            Text(terminal_text(heading)),
            justify="right" if numeric else "left",
            overflow="fold",
            min_width=minimum[index],
        )
    for index, row in enumerate(model.rows):
        table.add_row(
            *(Text(terminal_text(cell)) for cell in row),
            style="bold" if index in model.emphasis else None,
            end_section=index in model.section_ends,
        )
    return table


def render_merge(
    result: MergeResult,
    catalogue: Catalogue,
    options: ViewOptions,
    *,
    console: Console | None = None,
) -> None:
    """Results on `console` (standard output by default)."""
    out = console or table_console()
    lang, unit, by_province = options.lang, options.unit, options.by_province
    tables = summary_tables(result, catalogue, lang, unit, by_province=by_province)
    if not tables:
        out.print(TEXT[lang]["no_reports"])
    models = list(tables)
    models += growth_tables(result, catalogue, lang, unit, by_province=by_province)
    missing = missing_table(result, catalogue, lang)
    if missing is not None:
        models.append(missing)
    if options.plan_flags is not None and options.check_failed:
        models.append(plan_table(options.plan_flags, catalogue, options))
    for model in models:
        print_table(out, model)
        for note in model.notes:
            out.print(terminal_text(note), highlight=False, markup=False, crop=False)


def print_table(console: Console, model: TextTable) -> None:
    """console.print(rich_table(model), crop=False), written directly where that is plain text
    that fits (see plain_table): rich takes about a millisecond a table row to lay it out.
    Never cropped: a table wider than the terminal wraps there rather than losing figures."""
    text = plain_table(model, console.width) if _plain(console) else None
    if text is None:
        console.print(rich_table(model), crop=False)
    else:
        console.file.write(text)
        console.file.flush()


def _plain(console: Console) -> bool:
    """The console writes text only (no colours or styles, no terminal), in UTF-8 (no ASCII
    box substitute), and nothing is being recorded or captured."""
    return (
        console.color_system is None
        and not console.is_terminal
        and not console.record
        and not console.legacy_windows
        and not console.is_jupyter
        and console.encoding.lower().startswith("utf")
        and console._buffer_index == 0  # not inside a capture or pager
    )


def plain_table(model: TextTable, width: int) -> str | None:
    """The text rich draws for rich_table(model) on a console of `width` columns without
    styles, when every row fits on one line (no wrapping: its widths are then the widths of
    what the cells hold); None otherwise, and for anything rich might treat its own way (text
    it would wrap or strip, control characters, an empty table)."""
    headers, rows = model.headers, model.rows
    if not rows or not model.title:
        return None
    texts = [model.title, *headers, *(cell for row in rows for cell in row)]
    if any(
        not text.isprintable() or text != text.strip() or (text and not cell_len(text[0]))
        for text in texts
    ):
        return None  # rich's own ways with these: keep them rich's
    minimum = _min_widths(model)
    widths = []  # every column with its padding (one space each side)
    for index, heading in enumerate(headers):
        longest = max(cell_len(heading), *(cell_len(row[index]) for row in rows))
        widths.append(max(longest, minimum[index]) + 2)
    extra = 2 + len(widths) - 1  # the edges and the dividers of box.SIMPLE_HEAD
    table_width = sum(widths) + extra
    if table_width > width or cell_len(model.title) > table_width:
        return None
    shape = box.SIMPLE_HEAD
    justify = ["right" if numeric else "left" for numeric in model.numeric]

    def line(cells: list[str], left: str, divider: str, right: str) -> str:
        out = []
        for text, size, side in zip(cells, widths, justify, strict=True):
            gap = " " * (size - 2 - cell_len(text))
            out.append(" " + (gap + text if side == "right" else text + gap) + " ")
        return left + divider.join(out) + right

    title = model.title + " " * (table_width - cell_len(model.title))
    lines = [
        title,
        shape.get_top(widths),
        line(headers, shape.head_left, shape.head_vertical, shape.head_right),
    ]
    lines.append(shape.get_row(widths, "head", edge=True))
    last = len(rows) - 1
    for index, row in enumerate(rows):
        if index == last:
            lines.append(line(row, shape.foot_left, shape.foot_vertical, shape.foot_right))
        else:
            lines.append(line(row, shape.mid_left, shape.mid_vertical, shape.mid_right))
            if index in model.section_ends:
                lines.append(shape.get_row(widths, "row", edge=True))
    lines.append(shape.get_bottom(widths))
    return "\n".join(lines) + "\n"


def render_files(result: MergeResult, *, lang: Lang, console: Console | None = None) -> None:
    """Refused and skipped files, and the count of each status (standard error by default)."""
    out = console or table_console(stderr=True)
    for line in [*files_lines(result, lang), *summary_line(result, lang)]:
        out.print(terminal_text(line), highlight=False, markup=False)
