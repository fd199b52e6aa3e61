"""Options and helpers shared by the commands."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum

import typer

from kcstats.cli.language import Lang
from kcstats.messages import MessageError


class LangOption(StrEnum):
    vi = "vi"
    en = "en"


# Help texts: help.common.<name> in the message table (kcstats.cli.help).
PATHS = typer.Argument(..., exists=True, metavar="PATH", show_default=False)
LANG = typer.Option(LangOption.vi, "--lang", metavar="vi|en")
JOBS = typer.Option(None, "--jobs", "-j", min=1, metavar="N")
FORCE = typer.Option(False, "--force")


class Prefer(StrEnum):
    newer = "newer"


PREFER = typer.Option(None, "--prefer", metavar="newer")


def said(error: MessageError, lang: Lang) -> str:
    """An error of the message table as the terminal may show it: each line with the
    control characters of names it quotes (a file name, a CSV cell) made visible."""
    from kcstats.render.safe import terminal_text

    return "\n".join(terminal_text(line) for line in error.message(lang).split("\n"))


def refuse(command: str, message: str) -> typer.Exit:
    """A usage error found by kcstats itself (an output it must not write, a region table it
    cannot use): the message, in the user's language, on standard error; exit status 2."""
    typer.echo(f"kcstats {command}: {message}", err=True)
    return typer.Exit(2)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr while files are read; nothing when stderr is not a terminal."""
    if not stderr_is_terminal():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    # No refresh thread: files are read in forked workers, and forking a threaded process
    # is unsafe. The bar is redrawn when a file is done instead.
    with Progress(
        *columns, console=Console(stderr=True), transient=True, auto_refresh=False
    ) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, refresh=True)

        yield advance
