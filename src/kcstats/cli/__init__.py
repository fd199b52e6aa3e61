"""The command line: parses options, calls one library function, renders its result.

Heavy libraries (pandas, openpyxl, pydantic models) are imported inside the commands that
need them, so `kcstats --help` stays fast.
"""

from __future__ import annotations

import sys

import typer

from kcstats import __version__
from kcstats.cli import merge as merge_command
from kcstats.cli import template as template_command
from kcstats.cli import validate as validate_command

app = typer.Typer(
    name="kcstats",
    help="Kiểm tra và tổng hợp báo cáo khuyến công của các tỉnh. "
    "Validate and merge provincial khuyến công report workbooks.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kcstats {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks of internal errors."),
) -> None:
    """kcstats: báo cáo khuyến công / khuyến công reports."""


validate_command.register(app)
merge_command.register(app)
template_command.register(app)


def main() -> None:
    """Entry point: a bug becomes one clear line on stderr, its traceback only with --debug."""
    try:
        app()
    except Exception as error:
        if "--debug" in sys.argv:
            raise
        typer.echo(
            f"kcstats: lỗi nội bộ / internal error: {type(error).__name__}: {error}\n"
            "Chạy lại với --debug để xem chi tiết / run again with --debug for details.",
            err=True,
        )
        raise SystemExit(1) from None
