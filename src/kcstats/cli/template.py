"""kcstats template: blank report workbooks for the provinces to fill in."""

from __future__ import annotations

from pathlib import Path

import typer

from kcstats.catalogue_file import YEAR_MAX, YEAR_MIN
from kcstats.cli.common import LANG, LangOption


def register(app: typer.Typer) -> None:
    app.command("template")(template_command)


def template_command(
    output: Path = typer.Option(
        ...,
        "--output",
        "-o",
        help="The template file (.xlsx); with --all, the folder for one file per province.",
    ),
    province: str | None = typer.Option(
        None, "--province", help="Pre-fill this province (any spelling the reader accepts)."
    ),
    year: int | None = typer.Option(
        None, "--year", min=YEAR_MIN, max=YEAR_MAX, help="Pre-fill the year."
    ),
    period: str | None = typer.Option(
        None,
        "--period",
        help="Pre-fill the period: Q1, H1, 9M, FY, Q2-Q4, M1-M11 (or '6 tháng', 'Quý II'...).",
    ),
    all_provinces: bool = typer.Option(
        False, "--all", help="One template per province in force for --year and --period."
    ),
    region: str | None = typer.Option(
        None, "--region", help="With --all: only this khuyến công area ('Nam', 'Bắc'...)."
    ),
    lang: LangOption = LANG,
    force: bool = typer.Option(False, "--force", help="Overwrite files that already exist."),
) -> None:
    """Tạo mẫu báo cáo / Write blank report templates, pre-filled from the catalogue."""
    from kcstats.template import TemplateError, write_template, write_templates

    if all_provinces and province is not None:
        raise typer.BadParameter("--province không dùng với --all / not with --all.")
    if all_provinces and (year is None or period is None):
        raise typer.BadParameter("--all cần --year và --period / needs --year and --period.")
    if region is not None and not all_provinces:
        raise typer.BadParameter("--region chỉ dùng với --all / only with --all.")
    try:
        if all_provinces:
            assert year is not None and period is not None
            written = write_templates(
                output, year=year, period=period, region=region, lang=lang.value, overwrite=force
            )
        else:
            written = [
                write_template(
                    output,
                    province=province,
                    year=year,
                    period=period,
                    lang=lang.value,
                    overwrite=force,
                )
            ]
    except TemplateError as error:
        typer.echo(f"kcstats template: {error.message(lang.value)}", err=True)
        raise typer.Exit(2) from None
    for path in written:
        typer.echo(str(path))
    done = "Đã ghi {n} mẫu báo cáo." if lang == LangOption.vi else "Wrote {n} template(s)."
    typer.echo(done.format(n=len(written)), err=True)
