"""kcstats validate PATH...: every file's status and problems."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from kcstats.cli.common import JOBS, LANG, PREFER, LangOption, Prefer, progress_bar


class ValidateFormat(StrEnum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)


def validate_command(
    paths: list[Path] = typer.Argument(
        ..., exists=True, metavar="PATH", help="Report files or folders (searched recursively)."
    ),
    output_format: ValidateFormat = typer.Option(
        ValidateFormat.table, "--format", "-f", help="table or json."
    ),
    lang: LangOption = LANG,
    jobs: int | None = JOBS,
    prefer: Prefer | None = PREFER,
    annotate: Path | None = typer.Option(
        None,
        "--annotate",
        file_okay=False,
        help="Write a marked-up copy of every refused file into this folder.",
    ),
) -> None:
    """Kiểm tra báo cáo / Validate report workbooks: accepted, refused (with every reason) or skipped."""
    from kcstats.validate import ValidateOptions, validate

    with progress_bar("Đọc tệp" if lang == "vi" else "Reading") as progress:
        options = ValidateOptions(jobs=jobs, progress=progress, prefer_newer=prefer == Prefer.newer)
        report = validate(paths, options)
    if output_format == ValidateFormat.json:
        from kcstats.export.filedoc import validation_document
        from kcstats.export.jsondoc import dumps

        typer.echo(dumps(validation_document(report, lang.value)))
    else:
        from kcstats.render.validate import render_validation

        render_validation(report, lang.value)
    if annotate is not None:
        from kcstats.annotate import AnnotateError, annotate_refused
        from kcstats.render.safe import terminal_text

        try:
            written = annotate_refused(report.files, annotate, lang=lang.value, input_folders=paths)
        except AnnotateError as error:
            typer.echo(f"kcstats validate: {terminal_text(error.message(lang.value))}", err=True)
            raise typer.Exit(2) from None
        except OSError as error:  # a read-only folder, a full disk
            said = terminal_text(f"{error.strerror or error}: {error.filename or annotate}")
            typer.echo(
                f"kcstats validate: không ghi được bản đánh dấu lỗi / cannot write the marked "
                f"copies: {said}",
                err=True,
            )
            raise typer.Exit(2) from None
        label = "Bản đánh dấu lỗi" if lang == LangOption.vi else "Marked copy"
        for path in written:
            typer.echo(f"{label}: {terminal_text(str(path))}", err=True)
    raise typer.Exit(0 if report.ok else 1)
