"""The regional tables as Markdown, for pasting into a report."""

from __future__ import annotations

from kcstats.catalog import Catalogue
from kcstats.export.registry import Sink
from kcstats.export.sink import write_text
from kcstats.export.tables import merge_tables
from kcstats.export.text_table import TextTable
from kcstats.export.view_options import ViewOptions
from kcstats.export.views import TEXT
from kcstats.merge.result import MergeResult


def _escape(text: str) -> str:
    """A table cell: pipes escaped, line breaks as <br>, Markdown emphasis characters kept
    literal."""
    for char in ("\\", "|", "*", "_", "`", "[", "]", "<", ">"):
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def table_markdown(model: TextTable) -> str:
    lines = [f"### {_escape(model.title)}", ""]
    lines.append("| " + " | ".join(_escape(h) for h in model.headers) + " |")
    lines.append("|" + "|".join("---:" if n else ":---" for n in model.numeric) + "|")
    for index, row in enumerate(model.rows):
        cells = [_escape(c) for c in row]
        if index in model.emphasis:
            cells = [f"**{c}**" if c else c for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    for note in model.notes:
        lines += ["", _escape(note)]
    return "\n".join(lines) + "\n"


def write(result: MergeResult, options: ViewOptions, sink: Sink) -> None:
    """The registry's `md`: the tables as Markdown, UTF-8."""
    write_text(sink, merge_markdown(result, options))


def merge_markdown(
    result: MergeResult, options: ViewOptions, catalogue: Catalogue | None = None
) -> str:
    """The tables of merge_tables, each whole (a page is as wide as it needs)."""
    models = merge_tables(result, options, catalogue)
    if not models:
        return TEXT[options.lang]["no_reports"] + "\n"
    return "\n".join(table_markdown(m) for m in models)
