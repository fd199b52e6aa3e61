"""Options and helpers shared by the commands."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum

import typer


class LangOption(StrEnum):
    vi = "vi"
    en = "en"


LANG = typer.Option(LangOption.vi, "--lang", help="Language of messages and headings: vi or en.")
JOBS = typer.Option(
    None, "--jobs", "-j", min=1, help="Processes that read files (default: automatic)."
)


class Prefer(StrEnum):
    newer = "newer"


PREFER = typer.Option(
    None,
    "--prefer",
    help="newer: of two differing reports for one province, year and period, count the one "
    "whose own date (Ngày lập) is later; the other is skipped as superseded.",
)


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
