"""Marked-up copies of refused files, to send back to the provinces that sent them.

An accepted file gets one too when a warning asks the province to retype a cell
(number-stored-as-text: a figure typed as text, which the spreadsheet's own totals leave out).

Each refused workbook is copied into a folder with every problem cell filled (red for an
error, yellow for a warning) and commented, and a first sheet 'Lỗi' that lists every problem
with its place. The original is never written to. A file openpyxl cannot mark (.xls, .ods),
or must not open (damaged, encrypted, not a workbook, beyond the safety limits), gets a
standalone '<name>.loi.xlsx' holding the list alone, which says why.

Library code: it never prints; it returns the paths it wrote.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import warnings
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.cell import coordinate_from_string, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from kcstats.export.atomic import finish_atomic, short_name
from kcstats.export.safe_text import excel_text, put_text
from kcstats.interrupts import deferred
from kcstats.messages import MessageError, Section, show
from kcstats.model import FileResult, FileStatus
from kcstats.problems import Lang, Problem, Severity
from kcstats.safety.limits import DEFAULT_LIMITS, Limits
from kcstats.safety.preflight import preflight
from kcstats.safety.sandbox import Failure
from kcstats.template.save import save_atomically
from kcstats.untrusted import name_text

PROBLEMS_SHEET = "Lỗi"
FILLS = {
    Severity.ERROR: PatternFill("solid", fgColor="FF7C80"),
    Severity.WARNING: PatternFill("solid", fgColor="FFEB9C"),
}
LIST_SUFFIX = ".loi.xlsx"  # the standalone problem list of a file that cannot be marked
MARKABLE_SUFFIXES = frozenset({".xlsx", ".xlsm"})
# Problems that mean the file must not be handed to another parser: it is not a workbook,
# is damaged or encrypted, or goes beyond the limits that keep reading it safe.
UNSAFE_TO_OPEN = frozenset(
    {
        "not-a-workbook",
        "encrypted-workbook",
        "damaged-workbook",
        "file-too-large",
        "unpacked-too-large",
        "xml-entities",
        "sheet-too-large",
        "read-timeout",
        "read-crashed",
    }
)
# Warnings on an accepted file that ask for a cell to be retyped: worth a marked copy too.
RETYPE_WARNINGS = frozenset({"number-stored-as-text"})
COLUMNS = ("number", "code", "severity", "sheet", "cell", "found", "expected", "message")
WIDTHS = (6, 26, 12, 16, 8, 28, 28, 80)
# Headings and notes of the marked copies (annotate.*), and the severities' names.
WORDS = Section("annotate.")
SEVERITY = Section("view.severity.")


class AnnotateError(MessageError):
    """The output folder cannot take the copies (it holds the originals)."""


def annotate_refused(
    files: list[FileResult],
    out_dir: Path,
    *,
    lang: Lang = "vi",
    input_folders: Sequence[Path] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> list[Path]:
    """Write a marked-up copy (or a standalone problem list) of every refused file into
    out_dir; return the paths written, in the order of `files`.

    out_dir may not hold original files, nor lie inside one of `input_folders`: the next
    validation of that folder would read the copies as reports.

    A marked copy is made in a worker process under the limits of reading (time and
    memory): a file cannot cost more to mark than to read, and one that would gets the
    standalone list, saying why. OSError (a read-only folder, a full disk) is raised."""
    inputs = {Path(os.path.realpath(f.path)) for f in files}
    out = Path(os.path.realpath(out_dir))
    if any(p.parent == out for p in inputs):
        raise AnnotateError("annotate.error.holds-originals", folder=str(out_dir))
    for folder in (Path(os.path.realpath(f)) for f in input_folders if f.is_dir()):
        if out.is_relative_to(folder):
            raise AnnotateError(
                "annotate.error.inside-inputs", folder=str(out_dir), inputs=str(folder)
            )
    out_dir.mkdir(parents=True, exist_ok=True)
    words = WORDS[lang]
    taken: set[str] = set()
    # Each refused file: the marked copy to make, or the reason it gets the list alone.
    plan: list[tuple[FileResult, Path | str]] = []
    for result in files:
        # Refused files, and accepted ones with numbers to retype (number-stored-as-text).
        to_mark = result.status == FileStatus.REFUSED or (
            result.status == FileStatus.ACCEPTED
            and any(p.code in RETYPE_WARNINGS for p in result.problems)
        )
        if not to_mark or _is_folder(result):
            continue
        source = Path(result.path)
        if any(p.code in UNSAFE_TO_OPEN for p in result.problems):
            plan.append((result, words["not_openable"]))
        elif source.suffix.lower() not in MARKABLE_SUFFIXES:
            plan.append((result, words["not_markable"].format(suffix=source.suffix)))
        else:
            plan.append((result, out_dir / _unique(_fitting(source.name, source.suffix), taken)))
    copies = [(result, target) for result, target in plan if isinstance(target, Path)]
    not_marked = _mark_all(copies, lang, limits)
    written = []
    for result, target in plan:
        if isinstance(target, Path) and target not in not_marked:
            written.append(target)
            continue
        if isinstance(target, Path):
            taken.discard(target.name.casefold())
            target = not_marked[target]
        written.append(_write_list(result, out_dir, taken, lang, target))
    return written


def _is_folder(result: FileResult) -> bool:
    """A folder that could not be entered is refused too, but there is no file to mark."""
    return any(p.code == "folder-unreadable" for p in result.problems)


def _mark_all(copies: list[tuple[FileResult, Path]], lang: Lang, limits: Limits) -> dict[Path, str]:
    """Write each marked copy, in worker processes under the limits of reading (see
    kcstats.safety.sandbox); the copies that could not be made, with the reason. Each is
    written to a temporary file beside its target, renamed into place when complete."""
    from kcstats.pipeline.workers import automatic_jobs
    from kcstats.safety.sandbox import run_isolated

    temporaries: dict[Path, Path] = {}
    try:
        for _, target in copies:
            with deferred():  # known here before an interrupt can leave it behind
                handle, name = tempfile.mkstemp(
                    prefix=f".{short_name(target.name)}.", suffix=".tmp", dir=target.parent
                )
                temporaries[target] = Path(name)
            os.close(handle)
        outcomes = run_isolated(
            [(result, str(temporaries[target]), lang, limits) for result, target in copies],
            mark_copy,
            jobs=automatic_jobs(len(copies)),
            timeout=limits.read_timeout_seconds,
            memory_bytes=limits.worker_memory_bytes,
        )
        not_marked: dict[Path, str] = {}
        for (_, target), outcome in zip(copies, outcomes, strict=True):
            reason = _why_not_marked(outcome, lang)
            if reason is None:
                finish_atomic(temporaries.pop(target), target)
            else:
                not_marked[target] = reason
        return not_marked
    finally:
        for temporary in temporaries.values():
            with deferred(), contextlib.suppress(OSError):
                temporary.unlink()


def _why_not_marked(outcome: bool | Failure, lang: Lang) -> str | None:
    words = WORDS[lang]
    if isinstance(outcome, Failure):
        return words["over_limit"].format(detail=show(outcome.detail, lang))
    return None if outcome else words["not_openable"]


def mark_copy(job: tuple[FileResult, str, Lang, Limits]) -> bool:
    """In a worker: write the marked copy of a refused file; False when openpyxl must not
    or cannot open it, or cannot write back what it read. A full disk is raised (OSError)."""
    result, temporary, lang, limits = job
    workbook = _open(Path(result.path), limits)
    if workbook is None:
        return False
    try:
        _mark(workbook, result, lang)
    except (ValueError, TypeError, KeyError, IndexError):
        return False
    try:
        workbook.save(temporary)
    except OSError as error:
        if error.errno in _WRITE_ERRNOS:
            raise  # the folder's fault, not the file's: the caller says so
        return False
    except (ValueError, TypeError, KeyError, IndexError):
        # What openpyxl raises writing back odd content it read (styles, names, parts it
        # half understood): the standalone list still goes out. A bug of ours (an
        # AttributeError, say) is not caught here.
        return False
    return True


_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EIO})
# A name may be 255 bytes; room is kept for ' (9999)' when two copies would share one.
_NAME_BYTES = 255 - len(" (9999)")


def _fitting(name: str, suffix: str) -> str:
    """The name, its stem shortened (on a whole character) where the whole would pass what
    a file name may hold: a 99-character Vietnamese name is 252 bytes before '.loi.xlsx'."""
    if len(os.fsencode(name)) <= _NAME_BYTES:
        return name
    stem = name[: len(name) - len(suffix)] if suffix else name
    return short_name(stem, _NAME_BYTES - len(os.fsencode(suffix))) + suffix


def _open(source: Path, limits: Limits) -> Workbook | None:
    """The workbook, or None when openpyxl must not or cannot open it."""
    if preflight(source, limits).refused:  # again: the file may have changed since it was read
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about parts it drops; never print
            return load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm", rich_text=True)
    except Exception:  # noqa: BLE001 - a file openpyxl cannot read gets the standalone list
        return None


def _write_list(
    result: FileResult, out_dir: Path, taken: set[str], lang: Lang, reason: str
) -> Path:
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    name = name_text(Path(result.path).name)
    intro = WORDS[lang]["list_only"].format(name=name, count=len(result.problems), reason=reason)
    _problem_sheet(workbook, result, lang, intro, marked=set())
    name = _fitting(Path(result.path).stem + LIST_SUFFIX, LIST_SUFFIX)
    return save_atomically(workbook, out_dir / _unique(name, taken))


def _unique(name: str, taken: set[str]) -> str:
    """The name, or 'name (2).xlsx', 'name (3).xlsx'... when a file of this run took it."""
    suffix = LIST_SUFFIX if name.endswith(LIST_SUFFIX) else Path(name).suffix
    stem = name.removesuffix(suffix)
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem} ({n}){suffix}"
    taken.add(candidate.casefold())
    return candidate


def _mark(workbook: Workbook, result: FileResult, lang: Lang) -> None:
    at_cells: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for p in result.problems:
        if p.sheet is not None and p.cell is not None:
            at_cells[(p.sheet, p.cell)].append(p)
    marked: set[tuple[str, str]] = set()
    for (sheet, ref), problems in at_cells.items():
        cell = _cell(workbook, sheet, ref)
        if cell is None:
            continue  # the problem list still names it
        worst = (
            Severity.ERROR
            if any(p.severity == Severity.ERROR for p in problems)
            else problems[0].severity
        )
        if worst in FILLS:
            cell.fill = FILLS[worst]
        cell.comment = _comment(problems, cell.comment, lang)
        marked.add((sheet, ref))
    name = name_text(Path(result.path).name)
    intro = WORDS[lang]["title"].format(name=name, count=len(result.problems))
    _problem_sheet(workbook, result, lang, intro, marked)


def _cell(workbook: Workbook, sheet: str, ref: str) -> Cell | None:
    """The cell a problem names; inside a merged range, the range's top-left cell."""
    if sheet not in workbook.sheetnames or not isinstance(workbook[sheet], Worksheet):
        return None
    ws = workbook[sheet]
    try:
        coordinate_from_string(ref)
    except ValueError:
        return None
    for merged in ws.merged_cells.ranges:
        if ref in merged:
            return ws.cell(row=merged.min_row, column=merged.min_col)
    cell = ws[ref]
    return cell if isinstance(cell, Cell) else None


def _comment(problems: list[Problem], existing: Comment | None, lang: Lang) -> Comment:
    words = WORDS[lang]
    parts = []
    for p in problems:
        lines = [f"[{p.code}] {p.message(lang)}"]
        found, expected = p.found_text(lang), p.expected_text(lang)
        if found:
            lines.append(f"{words['found']}: {found}")
        if expected:
            lines.append(f"{words['expected']}: {expected}")
        parts.append("\n".join(lines))
    if existing is not None and existing.text:
        parts.append(f"{words['comment_original']}\n{existing.text}")
    text = excel_text("\n\n".join(parts))  # a found text may hold what XML cannot
    height = 20 + 15 * (text.count("\n") + len(text) // 45)
    return Comment(text, "kcstats", height=min(height, 400), width=320)


def _problem_sheet(
    workbook: Workbook, result: FileResult, lang: Lang, intro: str, marked: set[tuple[str, str]]
) -> None:
    """The first sheet, 'Lỗi': every problem of the file, each row linked to its cell."""
    ws = workbook.create_sheet(_free_name(workbook), 0)
    words = WORDS[lang]
    put_text(ws.cell(row=1, column=1), intro).font = Font(bold=True)
    for col, (key, width) in enumerate(zip(COLUMNS, WIDTHS, strict=True), start=1):
        put_text(ws.cell(row=3, column=col), words[key]).font = Font(bold=True)
        ws.column_dimensions[ws.cell(row=3, column=col).column_letter].width = width
    for number, p in enumerate(result.problems, start=1):
        row = 3 + number
        ws.cell(row=row, column=1, value=number)
        values = (
            p.code,
            SEVERITY[lang][p.severity.value],
            p.sheet,
            p.cell,
            p.found_text(lang),
            p.expected_text(lang),
            p.message(lang),
        )
        for col, value in enumerate(values, start=2):
            if value is not None:
                put_text(ws.cell(row=row, column=col), value).alignment = Alignment(
                    wrap_text=True, vertical="top"
                )
        if p.severity in FILLS:
            ws.cell(row=row, column=3).fill = FILLS[p.severity]
        if p.sheet is not None and p.cell is not None and (p.sheet, p.cell) in marked:
            link = ws.cell(row=row, column=5)
            link.hyperlink = Hyperlink(
                ref=link.coordinate, location=f"{quote_sheetname(p.sheet)}!{p.cell}"
            )
            link.font = Font(color="0563C1", underline="single")
    ws.freeze_panes = "A4"
    for sheet in workbook.worksheets:
        sheet.sheet_view.tabSelected = False
    ws.sheet_view.tabSelected = True
    workbook.active = 0


def _free_name(workbook: Workbook) -> str:
    existing = {name.casefold() for name in workbook.sheetnames}
    name, n = PROBLEMS_SHEET, 1
    while name.casefold() in existing:
        n += 1
        name = f"{PROBLEMS_SHEET} {n}"
    return name
