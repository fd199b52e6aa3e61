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

from kcstats.catalogue_file import YEARS  # the years a report may have
from kcstats.cli.common import JOBS, LANG, PREFER, LangOption, Prefer, progress_bar
from kcstats.cli.output_path import check_output, choose_writer, shown
from kcstats.export.registry import (
    DEFAULT,
    Writer,
    file_extensions,
    stdout_help,
    stdout_names,
)
from kcstats.export.view_options import MONEY_UNIT_NAMES, ViewOptions
from kcstats.export.view_options import money_unit as money_unit_of

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


def register(app: typer.Typer) -> None:
    app.command("merge")(merge_command)


def merge_command(
    paths: list[Path] = typer.Argument(
        ..., exists=True, metavar="PATH", help="Report files or folders (searched recursively)."
    ),
    regions: str = typer.Option(
        "conference",
        "--regions",
        help="Region set: conference (the khuyến công conference areas), socioeconomic, "
        "or a CSV file with columns province,region.",
    ),
    by: By = typer.Option(By.region, "--by", help="region, or province for a table per province."),
    output_format: OutputFormat | None = typer.Option(
        None,
        "--format",
        "-f",
        help=stdout_help(),
    ),
    table: TableChoice = typer.Option(
        TableChoice.facts, "--table", help="The table that CSV output holds: facts or growth."
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help=f"Write to this file ({' '.join(file_extensions())}) instead of standard output; "
        ".parquet writes the growth table beside it too (NAME.growth.parquet).",
        dir_okay=False,
    ),
    money_unit: str = typer.Option(
        "tỷ",
        "--money-unit",
        metavar="tỷ|triệu",
        help="Money in the tables in tỷ đồng (tỷ, ty) or triệu đồng (triệu, trieu).",
    ),
    min_pct: float | None = typer.Option(
        None, "--min-pct", min=0, help="List provinces and regions below N% of funding plan."
    ),
    max_pct: float | None = typer.Option(
        None, "--max-pct", min=0, help="List provinces and regions above N% of funding plan."
    ),
    compare: tuple[int, int] | None = typer.Option(
        None,
        "--compare",
        metavar="BASE TARGET",
        help="Also compare these two years (e.g. --compare 2013 2014, or years further apart), "
        "besides each year against the one before.",
    ),
    lang: LangOption = LANG,
    jobs: int | None = JOBS,
    prefer: Prefer | None = PREFER,
) -> None:
    """Tổng hợp báo cáo / Merge reports: regional totals, plan against actual, missing reports.

    Exit status: 0 every report accepted, 1 a file refused or a plan check failed, 2 usage.
    """
    unit = money_unit_of(money_unit)
    if unit is None:
        from kcstats.messages import render
        from kcstats.render.safe import terminal_text

        given = ("text", terminal_text(money_unit))
        names = ("text", ", ".join(n for names in MONEY_UNIT_NAMES.values() for n in names[:2]))
        message = render("cli.money_unit", lang.value, (("given", given), ("names", names)))
        raise typer.BadParameter(message, param_hint="--money-unit")
    writer = choose_writer(None if output_format is None else str(output_format), output)
    if output is not None:
        for path in writer.paths(output):
            check_output(path, paths)
    if min_pct is not None and max_pct is not None and min_pct > max_pct:
        raise typer.BadParameter("--min-pct > --max-pct", param_hint="--min-pct")
    pair = _compare_pair(compare)
    if writer.missing() is not None:
        typer.echo(f"kcstats merge: {writer.needs_message()}", err=True)
        raise typer.Exit(2)
    view = ViewOptions(
        lang="en" if lang == LangOption.en else "vi",
        unit=unit,
        by_province=by == By.province,
        min_pct=min_pct,
        max_pct=max_pct,
        table="growth" if table == TableChoice.growth else "facts",
    )

    from kcstats.merge import MergeOptions, merge
    from kcstats.regions import RegionError

    with progress_bar("Đọc tệp" if lang == "vi" else "Reading") as progress:
        options = MergeOptions(
            regions=regions,
            compare=pair,
            jobs=jobs,
            prefer_newer=prefer == Prefer.newer,
            progress=progress,
            # The writers are imported while the workers read: the human view is shown
            # whatever else is written.
            warm_up=lambda: (DEFAULT.load(), writer.load()),
        )
        try:
            result = merge(paths, options)
        except RegionError as error:
            raise typer.BadParameter(error.message(view.lang), param_hint="--regions") from None

    view = view.checked(result)
    if pair is not None and not _compared(result, pair):
        from kcstats.export.views import TEXT

        note = TEXT[view.lang]["growth_compare_missing"].format(base=pair[0], target=pair[1])
        typer.echo(note, err=True)
    _write(result, view, writer, output)
    raise typer.Exit(0 if result.ok and not view.check_failed else 1)


def _write(result: MergeResult, view: ViewOptions, writer: Writer, output: Path | None) -> None:
    """A file: written, then the human view on standard output and where it went on standard
    error. Standard output: the human view, or the document with what it leaves out (the
    plan checks, and the refused and skipped files unless it lists them) on standard error."""
    if output is None:
        writer.load()(result, view, sys.stdout)
        if not writer.human:
            _side_notes(result, view, files=not writer.lists_files)
        return
    try:
        writer.load()(result, view, output)
    except OSError as error:
        raise typer.BadParameter(
            f"không ghi được / cannot write {shown(output)}: {error.strerror or error}",
            param_hint="--output",
        ) from None
    DEFAULT.load()(result, view, sys.stdout)
    from kcstats.export.views import TEXT

    for path in writer.paths(output):
        typer.echo(TEXT[view.lang]["wrote"].format(path=shown(path)), err=True)


def _side_notes(result: MergeResult, view: ViewOptions, *, files: bool) -> None:
    """Beside machine output on standard output: plan-check failures, and (where the
    document does not list files) refused and skipped files, on standard error."""
    from kcstats.catalog import load_catalogue
    from kcstats.export.tables import plan_table
    from kcstats.render.merge import render_files, rich_table, table_console

    err = table_console(stderr=True)
    if view.plan_flags is not None and view.check_failed:
        err.print(rich_table(plan_table(view.plan_flags, load_catalogue(), view)))
    if files:
        render_files(result, lang=view.lang, console=err)


def _compare_pair(compare: tuple[int, int] | None) -> tuple[int, int] | None:
    """--compare BASE TARGET: two report years, the base before the target."""
    if compare is None:
        return None
    base, target = compare
    if not (YEARS[0] <= base <= YEARS[1] and YEARS[0] <= target <= YEARS[1]):
        raise typer.BadParameter(
            f"{base} {target}: năm phải từ {YEARS[0]} đến {YEARS[1]} / years must be "
            f"{YEARS[0]} to {YEARS[1]}.",
            param_hint="--compare",
        )
    if base >= target:
        raise typer.BadParameter(
            f"{base} {target}: năm gốc phải trước năm so sánh / the base year must come "
            "before the target year.",
            param_hint="--compare",
        )
    return base, target


def _compared(result: MergeResult, pair: tuple[int, int]) -> bool:
    growth = result.growth
    return bool(((growth["base_year"] == pair[0]) & (growth["target_year"] == pair[1])).any())
