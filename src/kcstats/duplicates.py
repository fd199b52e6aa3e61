"""Two files for one province, year and period: copies count once, conflicts are both refused.

A refused file stands behind no figure, so it never conflicts: a province's broken file and
its corrected resend leave the corrected one counting and the broken one refused with a note
naming it. `prefer_newer` (--prefer newer) settles a conflict between accepted files by the
reports' own dates (Report.report_date), never by a file's modification time, which copying
and e-mail change.

Every step is linear in the size of a group (files are grouped by digest and by figures in
dictionaries, and a conflict names only a few of the others), so thousands of copies of one
report cost no more than thousands of different reports.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from pathlib import PurePath

from kcstats.messages import count, say
from kcstats.model import FileResult, FileStatus
from kcstats.problems import Problem, problem

# A conflict names this many of the other files and counts the rest: a group of thousands
# of copies would otherwise make every file list all the others (quadratic output).
NAMED = 3

# What copying a file adds to its name: "an-giang (1).xlsx" (browsers, e-mail), "an-giang -
# Copy.xlsx", "Copy of an-giang.xlsx" (Windows), "an-giang - bản sao.xlsx" (Windows in
# Vietnamese). Of identical files the one without such a marker is the original and counts.
_COPY_MARKER = re.compile(
    r"\s\(\d+\)$|(^|[\s_-])(copy|bản sao|ban sao)(\s\(\d+\))?$|^(copy of|bản sao của)\s",
    re.IGNORECASE,
)


def copy_order(path: str) -> tuple[bool, str]:
    """Sort key of a group's files: names without a copy marker first, then by path."""
    stem = PurePath(path).stem.strip()
    return (_COPY_MARKER.search(unicodedata.normalize("NFC", stem)) is not None, path)


def resolve_duplicates(
    results: list[FileResult], *, prefer_newer: bool = False
) -> list[FileResult]:
    """Same figures (the same bytes, or a re-saved copy): the first by path counts, a name
    without a copy marker before one with (copy_order), the others are skipped naming it. Different figures: every accepted one is refused, naming others,
    because kcstats never guesses which one is right, unless `prefer_newer` and one report's
    own date is later than all the others'."""
    groups: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for index, result in enumerate(results):
        if result.report is not None and result.status != FileStatus.SKIPPED:
            report = result.report
            groups[(report.province_key, report.year, report.period)].append(index)
    resolved = list(results)
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        members = sorted(indexes, key=lambda i: copy_order(results[i].path))
        for i, update in _resolve_group([results[i] for i in members], prefer_newer).items():
            resolved[members[i]] = update
    return resolved


def _resolve_group(files: list[FileResult], prefer_newer: bool) -> dict[int, FileResult]:
    """Position in `files` (sorted by copy_order) -> what that file becomes, where it changes."""
    changed: dict[int, FileResult] = {}
    # Byte-identical files are copies whatever their status: one is read, the others skipped.
    kept: list[int] = []
    first_with_digest: dict[str, int] = {}
    for i, current in enumerate(files):
        original = first_with_digest.get(current.sha256) if current.sha256 else None
        if original is None:
            kept.append(i)
            if current.sha256:
                first_with_digest[current.sha256] = i
        else:
            changed[i] = _skipped(
                current,
                problem("duplicate-copy", found=files[original].path, other=files[original].path),
            )
    accepted = [i for i in kept if files[i].status == FileStatus.ACCEPTED]
    # Accepted files fall into classes of equal figures; the first of each class stands for it.
    by_figures: dict[tuple[object, ...], list[int]] = {}
    for i in accepted:
        report = files[i].report
        assert report is not None  # grouped by it
        by_figures.setdefault(report.figures(), []).append(i)
    classes = list(by_figures.values())
    counting: int | None = None
    if len(classes) == 1:
        counting = classes[0][0]
    elif len(classes) > 1 and prefer_newer:
        newest = _newest(files, classes)
        if newest is not None:
            counting = newest[0]
            for other in classes:
                if other is not newest:
                    for i in other:
                        changed[i] = _skipped(files[i], _superseded(files[counting], files[i]))
    if counting is not None:
        first = files[counting]
        for cls in classes:
            for i in cls:
                if i != counting and i not in changed:
                    note = problem("duplicate-copy", found=first.path, other=first.path)
                    changed[i] = _skipped(files[i], note)
        # A refused file of the same report: its own reasons stand, and it says which counts.
        for i in kept:
            if files[i].status == FileStatus.REFUSED:
                note = problem("duplicate-replaced", found=first.path, other=first.path)
                changed[i] = files[i].model_copy(update={"problems": [*files[i].problems, note]})
    else:
        for i in accepted:
            # The first few others by path, skipping the file itself: never the whole group.
            named = [files[j].path for j in accepted[: NAMED + 1] if j != i][:NAMED]
            changed[i] = _refused(files[i], _conflict(files[i], named, len(accepted) - 1))
    return changed


def _newest(files: list[FileResult], classes: list[list[int]]) -> list[int] | None:
    """The class whose report date is later than every other's; None when any has no date or
    the latest date is shared. A class's date is the latest its copies carry (a re-saved copy
    may have lost or kept Ngày lập: its figures are the same report's)."""
    dated: list[tuple[dt.date, list[int]]] = []
    for cls in classes:
        dates = [d for i in cls if (d := _date_of(files[i])) is not None]
        if not dates:
            return None
        dated.append((max(dates), cls))
    dated.sort(key=lambda pair: pair[0])
    if dated[-1][0] == dated[-2][0]:
        return None
    return dated[-1][1]


def _date_of(result: FileResult) -> dt.date | None:
    return result.report.report_date if result.report is not None else None


def _superseded(newer: FileResult, older: FileResult) -> Problem:
    assert newer.report is not None and older.report is not None
    return problem(
        "duplicate-superseded",
        found=str(older.report.report_date),
        expected=str(newer.report.report_date),
        other=newer.path,
    )


def _conflict(current: FileResult, named: list[str], others: int) -> Problem:
    report = current.report
    label = f"{report.province} {report.period} {report.year}" if report else ""
    listed = ", ".join(named)
    rest = others - len(named)
    return problem(
        "duplicate-conflict",
        found=listed + (f" (+{rest})" if rest else ""),
        expected=label,
        other=listed,
        more=say("text.more-files", count=count(rest)) if rest else "",
    )


def _skipped(result: FileResult, note: Problem) -> FileResult:
    return result.model_copy(
        update={"status": FileStatus.SKIPPED, "problems": [*result.problems, note]}
    )


def _refused(result: FileResult, reason: Problem) -> FileResult:
    return result.model_copy(
        update={"status": FileStatus.REFUSED, "problems": [*result.problems, reason]}
    )
