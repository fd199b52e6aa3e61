"""The command line: parses options, calls one library function, renders its result.

Heavy libraries (pandas, openpyxl, pydantic models) are imported inside the commands that
need them, so `kcstats --help` stays fast.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys

import typer

from kcstats import __version__
from kcstats.cli import merge as merge_command
from kcstats.cli import signals, streams
from kcstats.cli import template as template_command
from kcstats.cli import validate as validate_command
from kcstats.cli.help import Group

# Every help text is in the message table (help.*), in the user's language: kcstats.cli.help.
app = typer.Typer(
    name="kcstats",
    cls=Group,
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
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True),
    debug: bool = typer.Option(False, "--debug"),
) -> None:
    """Options of kcstats itself (--version, --debug)."""
    _state.debug = debug


validate_command.register(app)
merge_command.register(app)
template_command.register(app)


def main() -> None:
    """Entry point: a bug becomes one clear line on stderr, its traceback only with --debug."""
    _tolerate_narrow_encodings()
    streams.guard_closed_stdout()
    sys.unraisablehook = streams.quiet_write_errors
    signals.stop_on_sigterm()
    try:
        app()
    except SystemExit as done:
        stopped = signals.stopped_line(done.code)
        if stopped is not None:
            with contextlib.suppress(OSError, ValueError):
                typer.echo(stopped, err=True)
        _leave_now(done)
        raise signals.exit_status(done) from None
    except OSError as error:
        if not streams.is_write_error(error) or _debug_requested():
            raise
        _cannot_write(error)
    except Exception as error:
        if _debug_requested():
            raise
        typer.echo(internal_error_line(error), err=True)
        raise SystemExit(1) from None


def _leave_now(done: SystemExit) -> None:
    """End the process as soon as the command is done and its output is out: tearing the
    interpreter down (every module, and every object of a merge of thousands of reports) takes
    a tenth of a second that nobody waits for. Every file kcstats writes is closed by then and
    its worker processes are gone. Anything unusual (an exit message, output that cannot be
    flushed, coverage measuring this process) ends the usual way."""
    code = done.code
    if code is not None and not isinstance(code, int):
        return
    if not _is_the_process() or "coverage" in sys.modules:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError as error:
        if streams.is_write_error(error):
            _cannot_write(error)
        return
    except ValueError:
        return
    os._exit(signals.exit_code(code or 0))


def _cannot_write(error: OSError) -> None:
    """The result could not be written (standard output closed or on a full disk): one
    line, exit status 2."""
    streams.drop_stdout()
    with contextlib.suppress(OSError, ValueError):
        typer.echo(streams.write_error_line(error), err=True)
    raise SystemExit(2) from None


def _is_the_process() -> bool:
    """main() runs as the process itself: the installed `kcstats` script or `python -m
    kcstats`, not a caller's function call (a test, a program using kcstats)."""
    started = sys.modules.get("__main__")
    spec = getattr(started, "__spec__", None)
    if spec is not None and spec.name == "kcstats.__main__":
        return True
    return os.path.basename(getattr(started, "__file__", None) or "") == "kcstats"


def _tolerate_narrow_encodings() -> None:
    """Text written to a terminal or file whose encoding cannot hold Vietnamese (a legacy
    Windows code page when output is redirected, PYTHONIOENCODING=ascii) shows '?' for what
    it cannot hold, instead of failing with UnicodeEncodeError after part of the output.
    CSV is written as UTF-8 bytes whatever the encoding."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="replace")


class _State:
    debug: bool | None = None  # set by the root callback once the command line is parsed


_state = _State()


def _debug_requested() -> bool:
    if _state.debug is not None:
        return _state.debug
    return "--debug" in sys.argv[1:]  # the error came before the options were parsed


def internal_error_line(error: BaseException) -> str:
    """One line for the user, whatever the error's text holds (several lines, or none)."""
    lines = str(error).strip().splitlines()
    said = (
        f"{type(error).__name__}: {lines[0][:_ERROR_TEXT_CHARS]}" if lines else type(error).__name__
    )
    return (
        f"kcstats: lỗi nội bộ / internal error: {said} "
        "(chạy lại với --debug để xem chi tiết / run again with --debug for details)"
    )


_ERROR_TEXT_CHARS = 200
