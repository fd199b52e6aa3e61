"""Two files for one province, year and period: copies count once, conflicts are both refused."""

from __future__ import annotations

from collections import defaultdict

from kcstats.model import FileResult, FileStatus
from kcstats.problems import Problem, problem


def resolve_duplicates(results: list[FileResult]) -> list[FileResult]:
    """Same figures (the same bytes, or a re-saved copy): the first by path counts, the others
    are skipped naming it. Different figures: every one is refused, naming the others, because
    kcstats never guesses which one is right."""
    groups: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for index, result in enumerate(results):
        if result.report is not None and result.status != FileStatus.SKIPPED:
            report = result.report
            groups[(report.province_key, report.year, report.period)].append(index)
    resolved = list(results)
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        members = sorted(indexes, key=lambda i: results[i].path)
        first = results[members[0]]
        same = all(_same_report(first, results[i]) for i in members[1:])
        for i in members:
            current = results[i]
            if same and i != members[0]:
                resolved[i] = current.model_copy(
                    update={
                        "status": FileStatus.SKIPPED,
                        "problems": [
                            *current.problems,
                            problem("duplicate-copy", found=first.path, other=first.path),
                        ],
                    }
                )
            elif not same:
                label = (
                    f"{first.report.province} {first.report.period} {first.report.year}"
                    if first.report
                    else ""
                )
                conflict = _conflict(
                    [results[j].path for j in members[: NAMED + 1] if j != i],
                    len(members) - 1,
                    label,
                )
                resolved[i] = current.model_copy(
                    update={"status": FileStatus.REFUSED, "problems": [*current.problems, conflict]}
                )
    return resolved


# A conflict names this many of the other files and counts the rest: a group of thousands
# of copies would otherwise make every file list all the others (quadratic output).
NAMED = 3


def _conflict(paths: list[str], others: int, label: str) -> Problem:
    named = ", ".join(paths[:NAMED])
    rest = others - min(len(paths), NAMED)
    more_vi = f" và {rest:,} tệp khác".replace(",", ".") if rest else ""
    more_en = f" and {rest:,} other files" if rest else ""
    return problem(
        "duplicate-conflict",
        found=named + (f" (+{rest})" if rest else ""),
        expected=label,
        other=named,
        more_vi=more_vi,
        more_en=more_en,
    )


def _same_report(a: FileResult, b: FileResult) -> bool:
    if a.sha256 is not None and a.sha256 == b.sha256:
        return True
    if a.status != FileStatus.ACCEPTED or b.status != FileStatus.ACCEPTED:
        return False
    assert a.report is not None and b.report is not None
    return a.report.figures() == b.report.figures()
