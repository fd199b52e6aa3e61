"""The human view of kcstats validate: a table of files, then every problem with its place."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kcstats.catalog import load_catalogue
from kcstats.messages import Section
from kcstats.model import FileStatus
from kcstats.problems import Lang, Severity
from kcstats.render.safe import terminal_text
from kcstats.validate import ValidationReport

# The texts validate.* and view.status.* of the message table.
HEADINGS = Section("validate.")
STATUS = Section("view.status.")
STYLE = {FileStatus.ACCEPTED: "green", FileStatus.REFUSED: "bold red", FileStatus.SKIPPED: "yellow"}
SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


def render_validation(
    report: ValidationReport,
    lang: Lang,
    console: Console | None = None,
    err_console: Console | None = None,
) -> None:
    """Files and the summary on standard output; every problem (so every refused or skipped
    file with its reasons) on standard error, as outputs.md asks of human mode."""
    console = console or Console()
    err_console = err_console or Console(stderr=True)
    h = HEADINGS[lang]
    periods = load_catalogue().periods
    files = Table(title=h["title"], title_justify="left")
    for key in ("file", "status", "province", "year", "period", "problems"):
        files.add_column(h[key], overflow="fold")
    for f in report.files:
        files.add_row(
            shown(f.path),
            f"[{STYLE[f.status]}]{STATUS[lang][f.status]}[/]",
            shown(f.province or ""),
            str(f.year or ""),
            # Vietnamese: the period as officers write it (6 tháng, Quý III, 7 tháng); English:
            # the code, which is the English short form (H1, Q3, M7).
            (periods[f.period].label_vi if lang == "vi" else f.period) if f.period else "",
            str(len(f.problems)) if f.problems else "",
        )
    console.print(files)
    problems = Table(show_lines=False)
    for key in ("file", "where", "code", "message"):
        problems.add_column(h[key], overflow="fold")
    for f in report.files:
        for p in f.problems:
            where = "!".join(x for x in (p.sheet, p.cell) if x)
            problems.add_row(
                shown(f.path),
                shown(where),
                f"[{SEVERITY_STYLE[p.severity]}]{p.code}[/]",
                shown(p.message(lang)),
            )
    if problems.row_count:
        err_console.print(problems)
    console.print(
        h["summary"].format(
            a=report.count(FileStatus.ACCEPTED),
            r=report.count(FileStatus.REFUSED),
            s=report.count(FileStatus.SKIPPED),
        )
    )


def shown(text: str) -> Text:
    """Text from a file as a rich Text, never parsed as markup ('[red]x.xlsx' is a name),
    with control and zero-width characters made visible."""
    return Text(terminal_text(text))
