"""The human view of kcstats validate, one report on standard output: a table of files,
then every problem (its severity, file, place, code, and message below), then the counts.

Everything of the report goes to one stream, so that `kcstats validate dir > loi.txt`
holds all of it; progress and usage errors go to standard error."""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kcstats.catalog import load_catalogue
from kcstats.messages import Section, joined, quoted, render
from kcstats.model import FileResult, FileStatus
from kcstats.problems import Lang, Problem, Severity
from kcstats.render.safe import terminal_text
from kcstats.validate import ValidationReport

# The texts validate.* and view.status.* of the message table.
HEADINGS = Section("validate.")
STATUS = Section("view.status.")
STYLE = {FileStatus.ACCEPTED: "green", FileStatus.REFUSED: "bold red", FileStatus.SKIPPED: "yellow"}
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}
PIPE_WIDTH = 160  # columns of the report in a file or a pipe, unless COLUMNS says otherwise


def render_validation(
    report: ValidationReport,
    lang: Lang,
    paths: Sequence[Path | str] = (),
    console: Console | None = None,
) -> None:
    """The whole report on `console` (standard output by default)."""
    console = console or report_console()
    h = HEADINGS[lang]
    folder = _one_folder(paths)
    name = _relative_to(folder)
    title = h["title"] if folder is None else h["title_in"].format(folder=terminal_text(folder))
    console.print(files_table(report.files, lang, title, name))
    problems = [(f, p) for f in report.files for p in f.problems]
    if problems:
        console.print()
        console.print(Text(h["problems_title"], style="bold"))
        severity_width = max(len(h[f"severity.{s.value}"]) for s in Severity)
        for f, p in problems:
            console.print(problem_line(name(f.path), p, lang, severity_width), soft_wrap=True)
            console.print(message_lines(p.message(lang), severity_width + 2, console.width))
        console.print()
    console.print(
        h["summary"].format(
            a=report.count(FileStatus.ACCEPTED),
            r=report.count(FileStatus.REFUSED),
            s=report.count(FileStatus.SKIPPED),
        ),
        highlight=False,
    )
    if report.no_reports:
        console.print(Text(no_reports_line(paths, lang)), soft_wrap=True)


def files_table(
    files: list[FileResult], lang: Lang, title: str, name: Callable[[str], str] = str
) -> Table:
    """One row a file: its status, what it reports, and how many errors and warnings."""
    h = HEADINGS[lang]
    periods = load_catalogue().periods
    table = Table(title=Text(title), title_justify="left", title_style="bold")
    for key in ("file", "status", "province", "year", "period"):
        table.add_column(h[key], overflow="fold")
    for key in ("severity.error", "severity.warning"):
        table.add_column(h[key], justify="right")
    for f in files:
        table.add_row(
            shown(name(f.path)),
            Text(STATUS[lang][f.status], style=STYLE[f.status]),
            shown(f.province or ""),
            str(f.year or ""),
            # Vietnamese: the period as officers write it (6 tháng, Quý III, 7 tháng); English:
            # the code, which is the English short form (H1, Q3, M7).
            (periods[f.period].label_vi if lang == "vi" else f.period) if f.period else "",
            _count(f, Severity.ERROR),
            _count(f, Severity.WARNING),
        )
    return table


def message_lines(message: str, indent: int, width: int) -> Text:
    """A problem's message wrapped below its line, indented, without trailing blanks."""
    margin = " " * indent
    return Text(
        textwrap.fill(
            terminal_text(message),
            width=max(width, indent + 20),
            initial_indent=margin,
            subsequent_indent=margin,
            break_long_words=True,
            break_on_hyphens=False,
        ),
        no_wrap=True,
    )


def problem_line(path: str, p: Problem, lang: Lang, severity_width: int) -> Text:
    """'Lỗi       a.xlsx  Kinh phí!C4  ambiguous-number': severity, file, place (sheet!A1)
    and code on one line, never wrapped (so that grep finds a file's or a code's problems);
    the message follows, indented."""
    style = SEVERITY_STYLE[p.severity]
    where = "!".join(x for x in (p.sheet, p.cell) if x)
    parts: list[str | tuple[str, str]] = [
        (HEADINGS[lang][f"severity.{p.severity.value}"].ljust(severity_width), style),
        "  ",
        terminal_text(path),
    ]
    if where:
        parts += ["  ", terminal_text(where)]
    parts += ["  ", (p.code, style)]
    return Text.assemble(*parts)


def no_reports_line(paths: Sequence[Path | str], lang: Lang) -> str:
    """The input held no report at all: said once, after the files."""
    where = joined(", ", [quoted(terminal_text(str(p))) for p in paths])
    return render("validate.no-reports", lang, (("paths", where),))


def report_console() -> Console:
    """Standard output as wide as the terminal, or PIPE_WIDTH columns when it goes to a file
    or a pipe (and COLUMNS does not say otherwise), so that long paths and messages are not
    squeezed into 80 columns."""
    if sys.stdout.isatty() or os.environ.get("COLUMNS"):
        return Console()
    return Console(width=PIPE_WIDTH)


def shown(text: str) -> Text:
    """Text from a file as a rich Text, never parsed as markup ('[red]x.xlsx' is a name),
    with control and zero-width characters made visible."""
    return Text(terminal_text(text))


def _one_folder(paths: Sequence[Path | str]) -> str | None:
    """The folder validated, when it is all that was given: the report names its files
    from there (the title names it), so that long paths do not crowd the table."""
    if len(paths) != 1 or not Path(paths[0]).is_dir():
        return None
    return str(paths[0])


def _relative_to(folder: str | None) -> Callable[[str], str]:
    if folder is None:
        return str

    def name(path: str) -> str:
        try:
            return str(PurePath(path).relative_to(folder))
        except ValueError:
            return path

    return name


def _count(f: FileResult, severity: Severity) -> str:
    n = sum(p.severity == severity for p in f.problems)
    return str(n) if n else ""
