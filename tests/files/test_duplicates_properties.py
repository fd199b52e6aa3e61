"""Properties of resolving duplicates, over any mix of copies, conflicts, broken files and
dates: the order files come in never matters, at most one file counts per report, a file
refused for its own problems stays refused, and --prefer newer only ever picks a file with
the strictly latest date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kcstats.duplicates import resolve_duplicates
from kcstats.model import FileResult, FileStatus, FundingLine, Report
from kcstats.problems import problem

DATES = [None, dt.date(2024, 7, 1), dt.date(2024, 7, 8), dt.date(2024, 7, 15)]


def file(index: int, broken: bool, figures: int, date: dt.date | None) -> FileResult:
    report = Report(
        province="Long An",
        province_code="80",
        era="63",
        year=2024,
        period="H1",
        report_date=date,
        funding=[FundingLine(source="national", actual_money=Decimal(100 + figures))],
    )
    problems = [problem("negative-number", found="-1")] if broken else []
    return FileResult(
        path=f"f{index:02d}.xlsx",
        status=FileStatus.REFUSED if broken else FileStatus.ACCEPTED,
        sha256=f"{index}",
        problems=problems,
        report=report,
    )


FILES = st.lists(
    st.tuples(st.booleans(), st.integers(0, 2), st.sampled_from(DATES)), min_size=1, max_size=6
).map(lambda specs: [file(i, *spec) for i, spec in enumerate(specs)])


def outcome(results: list[FileResult]) -> dict[str, tuple[FileStatus, list[str]]]:
    return {r.path: (r.status, [p.code for p in r.problems]) for r in results}


@given(FILES, st.booleans(), st.randoms(use_true_random=False))
def test_the_order_of_the_files_never_matters(
    files: list[FileResult], prefer_newer: bool, random: object
) -> None:
    shuffled = list(files)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert outcome(resolve_duplicates(files, prefer_newer=prefer_newer)) == outcome(
        resolve_duplicates(shuffled, prefer_newer=prefer_newer)
    )


@given(FILES, st.booleans())
def test_at_most_one_file_counts_and_broken_files_stay_refused(
    files: list[FileResult], prefer_newer: bool
) -> None:
    resolved = resolve_duplicates(files, prefer_newer=prefer_newer)
    counted = [r for r in resolved if r.status == FileStatus.ACCEPTED]
    assert len(counted) <= 1
    for before, after in zip(files, resolved, strict=True):
        if before.status == FileStatus.REFUSED:
            assert after.status == FileStatus.REFUSED
            assert after.problems[: len(before.problems)] == before.problems
    accepted = [f for f in files if f.status == FileStatus.ACCEPTED]
    variants = {f.report.figures() for f in accepted if f.report}
    if len(variants) == 1:
        assert len(counted) == 1  # copies: one counts
    if counted and len(variants) > 1:
        # Copies share their figures, and a report's date is the latest its copies carry.
        assert prefer_newer
        latest: dict[object, dt.date | None] = {}
        for f in accepted:
            assert f.report is not None
            key, date = f.report.figures(), f.report.report_date
            known = latest.get(key)
            latest[key] = date if known is None else max(known, date or known)
        assert counted[0].report is not None
        won = latest.pop(counted[0].report.figures())
        assert won is not None
        assert all(date is not None and date < won for date in latest.values())


@given(FILES)
def test_without_prefer_newer_differing_accepted_files_all_are_refused(
    files: list[FileResult],
) -> None:
    accepted = [f for f in files if f.status == FileStatus.ACCEPTED]
    if len({f.report.figures() for f in accepted if f.report}) < 2:
        return
    resolved = resolve_duplicates(files)
    assert all(r.status == FileStatus.REFUSED for r in resolved)
