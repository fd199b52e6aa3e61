"""kcstats template: blank report workbooks for the provinces to fill in."""

from __future__ import annotations

from pathlib import Path

import typer

from kcstats.catalogue_file import YEAR_MAX, YEAR_MIN
from kcstats.cli.common import FORCE, LANG, LangOption, refuse, said
from kcstats.cli.help import Command
from kcstats.cli.language import Lang
from kcstats.messages import count, render, text


def register(app: typer.Typer) -> None:
    app.command("template", cls=Command)(template_command)


# Help texts: help.template.<parameter> in the message table (kcstats.cli.help).
def template_command(
    output: Path = typer.Option(..., "--output", "-o", metavar="FILE|FOLDER"),
    province: str | None = typer.Option(None, "--province", metavar="NAME"),
    year: int | None = typer.Option(None, "--year", min=YEAR_MIN, max=YEAR_MAX, metavar="YEAR"),
    period: str | None = typer.Option(None, "--period", metavar="PERIOD"),
    all_provinces: bool = typer.Option(False, "--all"),
    region: str | None = typer.Option(None, "--region", metavar="AREA"),
    lang: LangOption = LANG,
    force: bool = FORCE,
) -> None:
    """kcstats template: one template, or one per province with --all."""
    from kcstats.template import TemplateError, write_template, write_templates

    said_lang: Lang = "en" if lang == LangOption.en else "vi"
    if all_provinces and province is not None:
        raise refuse("template", text("cli.template.province-with-all", said_lang))
    if all_provinces and (year is None or period is None):
        raise refuse("template", text("cli.template.all-needs", said_lang))
    if region is not None and not all_provinces:
        raise refuse("template", text("cli.template.region-without-all", said_lang))
    try:
        if all_provinces:
            assert year is not None and period is not None
            written = write_templates(
                output, year=year, period=period, region=region, lang=said_lang, overwrite=force
            )
        else:
            written = [
                write_template(
                    output,
                    province=province,
                    year=year,
                    period=period,
                    lang=said_lang,
                    overwrite=force,
                )
            ]
    except TemplateError as error:
        raise refuse("template", said(error, said_lang)) from None
    for path in written:
        typer.echo(str(path))
    typer.echo(render("cli.template.wrote", said_lang, (("count", count(len(written))),)), err=True)
