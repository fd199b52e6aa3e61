"""The regional tables as Markdown, for pasting into a report."""

from __future__ import annotations

import pandas as pd

from kcstats.catalog import Catalogue
from kcstats.export.tables import (
    TextTable,
    growth_tables,
    missing_table,
    plan_table,
    summary_tables,
)
from kcstats.export.views import TEXT, MoneyUnit
from kcstats.merge.result import MergeResult
from kcstats.problems import Lang


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


def merge_markdown(
    result: MergeResult,
    catalogue: Catalogue,
    *,
    lang: Lang,
    unit: MoneyUnit,
    by_province: bool = False,
    plan_flags: pd.DataFrame | None = None,
    min_pct: float | None = None,
    max_pct: float | None = None,
) -> str:
    models = summary_tables(result, catalogue, lang, unit, by_province=by_province)
    models += growth_tables(result, catalogue, lang, unit, by_province=by_province)
    missing = missing_table(result, catalogue, lang)
    if missing is not None:
        models.append(missing)
    if plan_flags is not None and not plan_flags.empty:
        models.append(plan_table(plan_flags, catalogue, lang, unit, min_pct, max_pct))
    if not models:
        return TEXT[lang]["no_reports"] + "\n"
    return "\n".join(table_markdown(m) for m in models)
