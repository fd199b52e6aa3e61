"""Two files for one province, year and period: copies count once, conflicts are both refused."""

from __future__ import annotations

from collections import defaultdict

from kcstats.model import FileResult, FileStatus
from kcstats.problems import problem


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
                others = ", ".join(results[j].path for j in members if j != i)
                label = (
                    f"{first.report.province} {first.report.period} {first.report.year}"
                    if first.report
                    else ""
                )
                conflict = problem("duplicate-conflict", found=others, expected=label, other=others)
                resolved[i] = current.model_copy(
                    update={"status": FileStatus.REFUSED, "problems": [*current.problems, conflict]}
                )
    return resolved


def _same_report(a: FileResult, b: FileResult) -> bool:
    if a.sha256 is not None and a.sha256 == b.sha256:
        return True
    if a.status != FileStatus.ACCEPTED or b.status != FileStatus.ACCEPTED:
        return False
    assert a.report is not None and b.report is not None
    return a.report.figures() == b.report.figures()
