"""The human view of kcstats merge: the tables of kcstats.export.tables.merge_tables
(regional totals, the provinces with --by province, growth on the years before, the missing
provinces and the plan checks) on standard output, each laid out for the terminal's width
(kcstats.render.layout); refused and skipped files on standard error."""

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

from kcstats.catalog import Catalogue
from kcstats.export.registry import Sink
from kcstats.export.tables import files_lines, merge_tables, summary_line
from kcstats.export.text_table import TextTable
from kcstats.export.view_options import ViewOptions
from kcstats.export.views import TEXT
from kcstats.merge.result import MergeResult
from kcstats.problems import Lang
from kcstats.render.layout import LABEL_WIDTH, layout, shown, table_width
from kcstats.render.safe import terminal_text

PIPE_WIDTH = 160


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
    render_merge(result, options, console=table_console(file=sink))
    render_files(result, lang=options.lang, console=table_console(stderr=True))


def _min_widths(model: TextTable) -> list[int]:
    # A figure is never broken and a place name only past LABEL_WIDTH characters; the
    # headings wrap instead when the terminal is narrow.
    widths = []
    for index, numeric in enumerate(model.numeric):
        longest = max((len(row[index]) for row in model.rows), default=0)
        widths.append(longest if numeric else min(longest, model.label_width or LABEL_WIDTH))
    return widths


def rich_table(model: TextTable, widths: list[int] | None = None) -> Table:
    """The table for rich: every column `widths` wide (kcstats.render.layout), or as rich
    chooses, a figure never broken. Every text as plain Text: names and messages from the
    inputs are never rich markup, and their control and zero-width characters are shown as
    visible escapes."""
    table = Table(
        title=Text(terminal_text(model.title)),
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
    )
    # Exactly the width asked: rich would otherwise narrow a column it may wrap and widen it
    # back to its minimum after.
    sizes = [(w, w) for w in widths] if widths else [(w, None) for w in _min_widths(model)]
    for (heading, numeric), (least, most) in zip(
        zip(model.headers, model.numeric, strict=True), sizes, strict=True
    ):
        table.add_column(
            Text(terminal_text(heading)),
            justify="right" if numeric else "left",
            overflow="fold",
            min_width=least,
            max_width=most,
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
    options: ViewOptions,
    catalogue: Catalogue | None = None,
    *,
    console: Console | None = None,
) -> None:
    """The tables of merge_tables on `console` (standard output by default), each with the
    notes under it."""
    out = console or table_console()
    models = merge_tables(result, options, catalogue)
    if not models:
        out.print(TEXT[options.lang]["no_reports"])
    for model in models:
        print_table(out, model)


def print_table(console: Console, model: TextTable) -> None:
    """The table laid out for the console's width (in parts where it is too narrow), each
    part followed by its notes. A part is written as console.print(rich_table(part, widths),
    crop=False) would write it, directly where that is plain text (see plain_table): rich
    takes about a millisecond a table row to lay it out. Never cropped: a part wider than
    the terminal wraps there rather than losing figures."""
    quick = _plain(console)
    for part, widths in layout(shown(model), console.width):
        text = plain_table(part, widths, console.width) if quick else None
        if text is None:
            console.print(rich_table(part, widths), crop=False)
        else:
            console.file.write(text)
            console.file.flush()
        for note in part.notes:
            console.print(note, highlight=False, markup=False, crop=False)


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


def plain_table(model: TextTable, widths: list[int], width: int) -> str | None:
    """The text rich draws for rich_table(model, widths) on a console of `width` columns
    without styles, when every heading and cell fits on one line of its column and the table
    in the console; None otherwise, and for anything rich might treat its own way (text it
    would wrap or strip, control characters, an empty table)."""
    headers, rows = model.headers, model.rows
    if not rows or not model.title:
        return None
    texts = [model.title, *headers, *(cell for row in rows for cell in row)]
    if any(
        not text.isprintable() or text != text.strip() or (text and not cell_len(text[0]))
        for text in texts
    ):
        return None  # rich's own ways with these: keep them rich's
    for index, size in enumerate(widths):
        if any(cell_len(text) > size for text in (headers[index], *(r[index] for r in rows))):
            return None  # wrapped within its column: rich's
    sizes = [size + 2 for size in widths]  # every column with its padding (a space each side)
    total = table_width(widths)
    if total > width or cell_len(model.title) > total:
        return None
    shape = box.SIMPLE_HEAD
    justify = ["right" if numeric else "left" for numeric in model.numeric]

    def line(cells: list[str], left: str, divider: str, right: str) -> str:
        out = []
        for text, size, side in zip(cells, sizes, justify, strict=True):
            gap = " " * (size - 2 - cell_len(text))
            out.append(" " + (gap + text if side == "right" else text + gap) + " ")
        return left + divider.join(out) + right

    title = model.title + " " * (total - cell_len(model.title))
    lines = [
        title,
        shape.get_top(sizes),
        line(headers, shape.head_left, shape.head_vertical, shape.head_right),
    ]
    lines.append(shape.get_row(sizes, "head", edge=True))
    last = len(rows) - 1
    for index, row in enumerate(rows):
        if index == last:
            lines.append(line(row, shape.foot_left, shape.foot_vertical, shape.foot_right))
        else:
            lines.append(line(row, shape.mid_left, shape.mid_vertical, shape.mid_right))
            if index in model.section_ends:
                lines.append(shape.get_row(sizes, "row", edge=True))
    lines.append(shape.get_bottom(sizes))
    return "\n".join(lines) + "\n"


def render_files(result: MergeResult, *, lang: Lang, console: Console | None = None) -> None:
    """Refused and skipped files, and the count of each status (standard error by default)."""
    out = console or table_console(stderr=True)
    # soft_wrap: a line naming a file is never broken inside the path (grep finds it whole).
    for line in [*files_lines(result, lang), *summary_line(result, lang)]:
        out.print(terminal_text(line), highlight=False, markup=False, soft_wrap=True)
