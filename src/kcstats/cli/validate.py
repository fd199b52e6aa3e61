"""kcstats validate PATH...: every file's status and problems, as one report on standard
output; progress, the marked copies written and usage errors on standard error."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

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
from kcstats.messages import as_params, render, text
from kcstats.render.safe import terminal_text

if TYPE_CHECKING:
    from kcstats.model import FileResult


class ValidateFormat(StrEnum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("validate", cls=Command)(validate_command)


# Help texts: help.validate.<parameter> in the message table (kcstats.cli.help).
def validate_command(
    paths: list[Path] = PATHS,
    output_format: ValidateFormat = typer.Option(
        ValidateFormat.table, "--format", "-f", metavar="table|json"
    ),
    lang: LangOption = LANG,
    jobs: int | None = JOBS,
    prefer: Prefer | None = PREFER,
    annotate: Path | None = typer.Option(None, "--annotate", file_okay=False, metavar="FOLDER"),
    force: bool = FORCE,
) -> None:
    """kcstats validate: every option checked (the --annotate folder too), then the files
    read, then the report."""
    said_lang: Lang = "en" if lang == LangOption.en else "vi"
    if annotate is not None:
        from kcstats.outputs import OutputError, check_marked_copies_folder

        try:
            check_marked_copies_folder(annotate, paths, overwrite=force)
        except OutputError as error:
            raise refuse("validate", said(error, said_lang)) from None

    from kcstats.validate import ValidateOptions, validate

    with progress_bar(text("cli.reading", said_lang)) as progress:
        options = ValidateOptions(jobs=jobs, progress=progress, prefer_newer=prefer == Prefer.newer)
        report = validate(paths, options)
    if output_format == ValidateFormat.json:
        from kcstats.export.filedoc import validation_document
        from kcstats.export.jsondoc import dumps

        typer.echo(dumps(validation_document(report, said_lang)))
        if report.no_reports:
            from kcstats.render.validate import no_reports_line

            typer.echo(no_reports_line(paths, said_lang), err=True)
    else:
        from kcstats.render.validate import render_validation

        render_validation(report, said_lang, paths)
    if annotate is not None:
        _annotate(report.files, annotate, paths, said_lang)
    raise typer.Exit(0 if report.ok and not report.no_reports else 1)


def _annotate(files: list[FileResult], folder: Path, paths: list[Path], lang: Lang) -> None:
    """The marked copies of the refused files, each named on standard error."""
    from kcstats.annotate import AnnotateError, annotate_refused

    try:
        written = annotate_refused(files, folder, lang=lang, input_folders=paths)
    except AnnotateError as error:
        raise refuse("validate", said(error, lang)) from None
    except OSError as error:  # a read-only folder, a full disk
        params = as_params(
            {"reason": error.strerror or str(error), "path": str(error.filename or folder)}
        )
        line = terminal_text(render("annotate.error.cannot-write", lang, params))
        raise refuse("validate", line) from None
    for path in written:
        typer.echo(
            render("annotate.marked", lang, (("path", ("text", terminal_text(str(path)))),)),
            err=True,
        )
