"""kcstats merge PATH...: regional totals, plan against actual, and the summary workbook.

Options become one MergeOptions and one ViewOptions; kcstats.merge() computes the result;
one writer of kcstats.export.registry, chosen by --format and the -o file's extension,
writes it.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from kcstats.catalogue_file import DEFAULT_REGION_SET, YEARS
from kcstats.cli.common import (
    FORCE,
    JOBS,
    LANG,
    PATHS,
    PREFER,
    LangOption,
    Prefer,
    progress_bar,
    refuse,
    said,
)
from kcstats.cli.help import Command
from kcstats.cli.language import Lang
from kcstats.cli.output_path import check_output, choose_writer, shown
from kcstats.export.registry import DEFAULT, Writer, stdout_names
from kcstats.export.view_options import MONEY_UNIT_NAMES, ViewOptions
from kcstats.export.view_options import money_unit as money_unit_of
from kcstats.messages import as_params, joined, quoted, render, text
from kcstats.outputs import make_parents
from kcstats.render.safe import terminal_text

if TYPE_CHECKING:
    from kcstats.merge.result import MergeResult

    # A StrEnum of stdout_names() to Typer (which offers its values); a str to type checkers.
    OutputFormat = str
else:
    OutputFormat = StrEnum("OutputFormat", {name: name for name in stdout_names()})


class By(StrEnum):
    region = "region"
    province = "province"


class TableChoice(StrEnum):
    facts = "facts"
    growth = "growth"


class CsvStyleOption(StrEnum):
    standard = "standard"
    excel_vi = "excel-vi"


def register(app: typer.Typer) -> None:
    app.command("merge", cls=Command)(merge_command)


# Help texts: help.merge.<parameter> in the message table (kcstats.cli.help).
def merge_command(
    paths: list[Path] = PATHS,
    regions: str = typer.Option(
        DEFAULT_REGION_SET, "--regions", metavar="conference|socioeconomic|FILE"
    ),
    by: By = typer.Option(By.region, "--by", metavar="region|province"),
    output_format: OutputFormat | None = typer.Option(
        None, "--format", "-f", metavar="|".join(stdout_names())
    ),
    table: TableChoice = typer.Option(TableChoice.facts, "--table", metavar="facts|growth"),
    csv_style: CsvStyleOption = typer.Option(
        CsvStyleOption.standard, "--csv-style", metavar="standard|excel-vi"
    ),
    output: Path | None = typer.Option(None, "--output", "-o", dir_okay=False, metavar="FILE"),
    force: bool = FORCE,
    money_unit: str = typer.Option("tỷ", "--money-unit", metavar="tỷ|triệu"),
    min_pct: float | None = typer.Option(None, "--min-pct", min=0, metavar="N"),
    max_pct: float | None = typer.Option(None, "--max-pct", min=0, metavar="N"),
    compare: tuple[int, int] | None = typer.Option(None, "--compare", metavar="BASE TARGET"),
    lang: LangOption = LANG,
    jobs: int | None = JOBS,
    prefer: Prefer | None = PREFER,
) -> None:
    """kcstats merge: options -> MergeOptions and ViewOptions -> kcstats.merge() -> one writer.

    Every option is checked, and the output's place with it, before any file is read."""
    said_lang: Lang = "en" if lang == LangOption.en else "vi"
    writer = choose_writer(None if output_format is None else str(output_format), output, said_lang)
    unit = money_unit_of(money_unit)
    if unit is None:
        given = ("text", terminal_text(money_unit))
        names = ("text", ", ".join(n for names in MONEY_UNIT_NAMES.values() for n in names[:2]))
        message = render("cli.money_unit", said_lang, (("given", given), ("names", names)))
        raise refuse("merge", message)
    if output is not None:
        for path in writer.paths(output):
            check_output(path, paths, force=force, lang=said_lang)
    if min_pct is not None and max_pct is not None and min_pct > max_pct:
        raise typer.BadParameter("--min-pct > --max-pct", param_hint="--min-pct")
    pair = _compare_pair(compare, said_lang)
    if writer.missing() is not None:
        raise refuse("merge", writer.needs_message(said_lang))
    view = ViewOptions(
        lang=said_lang,
        unit=unit,
        by_province=by == By.province,
        min_pct=min_pct,
        max_pct=max_pct,
        table="growth" if table == TableChoice.growth else "facts",
        csv_style="excel-vi" if csv_style == CsvStyleOption.excel_vi else "standard",
    )

    from kcstats.merge import MergeOptions, merge
    from kcstats.regions import RegionError

    with progress_bar(text("cli.reading", view.lang)) as progress:
        options = MergeOptions(
            regions=regions,
            compare=pair,
            jobs=jobs,
            prefer_newer=prefer == Prefer.newer,
            progress=progress,
            # The writers are imported while the workers read: the human view (or its
            # notes on standard error) is shown whatever else is written.
            warm_up=lambda: (DEFAULT.load(), writer.load()),
            # pandas would load pyarrow (0.1 s of CPU, ~40 MiB) for no writer but Parquet's.
            pyarrow=writer.needs == "pyarrow",
        )
        try:
            result = merge(paths, options)
        except RegionError as error:
            raise refuse("merge", said(error, view.lang)) from None

    if result.no_reports:
        _no_reports(result, view, paths)
        raise typer.Exit(1)
    view = view.checked(result)
    if pair is not None and not _compared(result, pair):
        from kcstats.export.views import TEXT

        note = TEXT[view.lang]["growth_compare_missing"].format(base=pair[0], target=pair[1])
        typer.echo(note, err=True)
    _write(result, view, writer, output)
    raise typer.Exit(0 if result.ok and not view.check_failed else 1)


def _write(result: MergeResult, view: ViewOptions, writer: Writer, output: Path | None) -> None:
    """Standard output: the human view, or the document with what it leaves out (the plan
    checks, and the refused and skipped files unless it lists them) on standard error.
    A file: written (its missing folders made), then on standard error what it leaves out
    and one line saying what was written."""
    if output is None:
        writer.load()(result, view, sys.stdout)
        if not writer.human:
            _side_notes(result, view, files=not writer.lists_files)
        return
    try:
        make_parents(output)
        writer.load()(result, view, output)
    except OSError as error:
        reason = error.strerror or str(error)
        params = as_params({"path": shown(output), "reason": reason})
        raise refuse("merge", render("output.error.cannot-write", view.lang, params)) from None
    from kcstats.export.tables import summary_line

    _side_notes(result, view, files=not writer.lists_files, summary=False)
    written = joined(
        text("output.and", view.lang), [quoted(shown(p)) for p in writer.paths(output)]
    )
    summary = ("text", summary_line(result, view.lang)[0])
    typer.echo(
        render("output.wrote", view.lang, (("paths", written), ("summary", summary))), err=True
    )


def _side_notes(
    result: MergeResult, view: ViewOptions, *, files: bool, summary: bool = True
) -> None:
    """Beside an output that is not the human view: plan-check failures, and (where the
    output does not list files) refused and skipped files, on standard error."""
    from kcstats.catalog import load_catalogue
    from kcstats.export.tables import files_lines, plan_table
    from kcstats.render.merge import render_files, rich_table, table_console

    err = table_console(stderr=True)
    if view.plan_flags is not None and view.check_failed:
        err.print(rich_table(plan_table(view.plan_flags, load_catalogue(), view)))
    if files and summary:
        render_files(result, lang=view.lang, console=err)
    elif files:
        for line in files_lines(result, view.lang):
            err.print(terminal_text(line), highlight=False, markup=False, soft_wrap=True)


def _no_reports(result: MergeResult, view: ViewOptions, paths: list[Path]) -> None:
    """Nothing to merge: why each file was skipped, and one line saying so; no output."""
    from kcstats.export.tables import files_lines

    for line in files_lines(result, view.lang):
        typer.echo(terminal_text(line), err=True)
    where = joined(", ", [quoted(shown(p)) for p in paths])
    typer.echo(render("cli.no-reports", view.lang, (("paths", where),)), err=True)


def _compare_pair(compare: tuple[int, int] | None, lang: Lang) -> tuple[int, int] | None:
    """--compare BASE TARGET: two report years, the base before the target."""
    if compare is None:
        return None
    base, target = compare
    years = (("base", ("text", str(base))), ("target", ("text", str(target))))
    if not (YEARS[0] <= base <= YEARS[1] and YEARS[0] <= target <= YEARS[1]):
        bounds = (("first", ("text", str(YEARS[0]))), ("last", ("text", str(YEARS[1]))))
        raise refuse("merge", render("cli.compare.years", lang, years + bounds))
    if base >= target:
        raise refuse("merge", render("cli.compare.order", lang, years))
    return base, target


def _compared(result: MergeResult, pair: tuple[int, int]) -> bool:
    growth = result.growth
    return bool(((growth["base_year"] == pair[0]) & (growth["target_year"] == pair[1])).any())
