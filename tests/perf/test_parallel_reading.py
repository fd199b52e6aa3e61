"""Reading in parallel, in chunks, gives exactly what reading one file after another gives
(issue 7). No timing here: the benchmarks live in benchmarks/, outside the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builders import write_report
from kcstats.catalog import load_catalogue
from kcstats.model import FileResult, FileStatus
from kcstats.pipeline import ReadOptions, read_many, read_reports
from kcstats.pipeline import workers as workers_module
from kcstats.pipeline.workers import (
    CHUNK_BYTES,
    LEAD_SHARE,
    MIN_CHUNK,
    PARALLEL_FROM,
    _chunks,
    automatic_jobs,
    read_chunk,
)
from kcstats.reader import read_file
from kcstats.safety.limits import Limits

SAMPLE_DATA = Path(__file__).parents[2] / "sample_data"


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Accepted reports, refused ones, a copy, a conflict and files that are not reports."""
    folder = tmp_path_factory.mktemp("mixed")
    provinces = [p.name for p in load_catalogue().provinces_of("63")][:12]
    for number, province in enumerate(provinces):
        for year in (2022, 2023):
            write_report(
                folder / f"{number:02d}-{year}.xlsx",
                province=province,
                year=year,
                funding={"national": (number, 1000 + number * 1.5, number, "2.800,125")},
                indicators={"trained_workers": (number * 10, number * 11), "demo_models": (1, 2)},
            )
    write_report(
        folder / "bad-number.xlsx",
        province="Long An",
        year=2020,
        indicators={"demo_models": ("1.5", 2)},
    )
    write_report(folder / "copy-a.xlsx", province="Cà Mau", year=2019)
    write_report(folder / "copy-b.xlsx", province="Cà Mau", year=2019)
    write_report(folder / "conflict-a.xlsx", province="Bến Tre", year=2019)
    write_report(
        folder / "conflict-b.xlsx",
        province="Bến Tre",
        year=2019,
        indicators={"demo_models": (3, 3)},
    )
    (folder / "notes.txt").write_text("not a report", encoding="utf-8")
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "~$open.xlsx").write_bytes(b"lock")
    return folder


def _same(a: list[FileResult], b: list[FileResult]) -> None:
    assert [r.path for r in a] == [r.path for r in b]
    for x, y in zip(a, b, strict=True):
        assert x == y
        assert repr(x) == repr(y)  # the same types too: Decimal('1.500') is not Decimal('1.5')


def test_every_number_of_jobs_reads_what_one_file_at_a_time_reads(mixed_folder: Path) -> None:
    paths = sorted(
        p for p in mixed_folder.iterdir() if p.suffix == ".xlsx" and not p.name.startswith("~")
    )
    serial = [read_file(p) for p in paths]
    assert {r.status for r in serial} == {FileStatus.ACCEPTED, FileStatus.REFUSED}
    for jobs in (1, 2, 3):
        _same(read_many(paths, ReadOptions(jobs=jobs)), serial)


def test_every_number_of_jobs_gives_the_same_folder_result(mixed_folder: Path) -> None:
    one = read_reports([mixed_folder], ReadOptions(jobs=1))
    assert {r.status for r in one} == {FileStatus.ACCEPTED, FileStatus.REFUSED, FileStatus.SKIPPED}
    _same(read_reports([mixed_folder], ReadOptions(jobs=2)), one)
    _same(read_reports([mixed_folder]), one)


@pytest.mark.parametrize("folder", ["south-2012-2014", "problems"])
def test_sample_folders_read_the_same_in_parallel(folder: str) -> None:
    paths = sorted((SAMPLE_DATA / folder).glob("*.xlsx"))
    assert paths
    serial = [read_file(p) for p in paths]
    _same(read_many(paths, ReadOptions(jobs=2)), serial)


def _crash_on_a_marked_file(work: tuple[Limits, list[Path]]) -> list[object]:
    if any(p.name.startswith("crash") for p in work[1]):
        os.abort()
    return read_chunk(work)


def test_a_chunk_that_crashes_is_read_again_file_by_file(
    mixed_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crash = tmp_path / "crash.xlsx"
    crash.write_bytes((mixed_folder / "00-2022.xlsx").read_bytes())
    good = sorted(mixed_folder.glob("0*.xlsx"))[:9]
    paths = [*good[:4], crash, *good[4:]]
    monkeypatch.setattr(workers_module, "read_chunk", _crash_on_a_marked_file)
    results = read_many(paths, ReadOptions(jobs=1))
    assert [r.path for r in results] == [str(p) for p in paths]
    crashed = results[4]
    assert crashed.status == FileStatus.REFUSED
    assert [p.code for p in crashed.problems] == ["read-crashed"]
    assert crashed.sha256 is not None
    others = [r for i, r in enumerate(results) if i != 4]
    assert all(r.status == FileStatus.ACCEPTED for r in others)
    _same(others, [read_file(p) for p in paths if p != crash])


def test_chunks_keep_every_path_in_order_and_shrink_towards_the_end(tmp_path: Path) -> None:
    paths = []
    for i in range(500):
        path = tmp_path / f"{i:03d}.xlsx"
        path.write_bytes(b"x" * 100)
        paths.append(path)
    for workers in (1, 2, 4):
        chunks = _chunks(paths, workers)
        assert [p for chunk in chunks for p in chunk] == paths
        sizes = [len(c) for c in chunks]
        assert sizes == sorted(sizes, reverse=True)
        assert min(sizes[:-1]) >= MIN_CHUNK
        assert len(chunks) < 20 * workers


def test_a_chunk_holds_a_bounded_number_of_bytes(tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    with big.open("wb") as handle:
        handle.truncate(CHUNK_BYTES + 1)
    small = [tmp_path / f"{i}.xlsx" for i in range(40)]
    for path in small:
        with path.open("wb") as handle:
            handle.truncate(CHUNK_BYTES // 8)
    chunks = _chunks([*small[:20], big, *small[20:]], 1)
    assert [big] in chunks  # larger than a chunk: alone
    for chunk in chunks:
        if len(chunk) > 1:
            assert sum(p.stat().st_size for p in chunk) <= CHUNK_BYTES


def test_jobs_are_automatic_serial_for_small_folders() -> None:
    assert automatic_jobs(1) == automatic_jobs(PARALLEL_FROM - 1) == 1
    assert automatic_jobs(PARALLEL_FROM) == max(1, min(os.cpu_count() or 1, 4))
    assert read_many([]) == []


def test_the_warm_up_runs_once_while_the_workers_read(mixed_folder: Path) -> None:
    paths = sorted(
        p for p in mixed_folder.iterdir() if p.suffix == ".xlsx" and not p.name.startswith("~")
    )
    calls: list[int] = []
    options = ReadOptions(jobs=2, warm_up=lambda: calls.append(len(calls)))
    _same(read_many(paths, options), [read_file(p) for p in paths])
    assert calls == [0]


def test_each_worker_starts_on_a_large_chunk_when_this_process_warms_up(tmp_path: Path) -> None:
    paths = []
    for i in range(1000):
        path = tmp_path / f"{i:04d}.xlsx"
        path.write_bytes(b"x" * 100)
        paths.append(path)
    for workers in (2, 4):
        chunks = _chunks(paths, workers, lead=True)
        assert [p for chunk in chunks for p in chunk] == paths
        lead = [len(chunk) for chunk in chunks[:workers]]
        assert lead == [int(1000 * LEAD_SHARE / workers)] * workers
        assert max(len(chunk) for chunk in chunks[workers:]) < min(lead)


def _double(n: int) -> int:
    return 2 * n


def test_on_started_is_called_once_every_worker_has_its_first_item() -> None:
    from kcstats.safety.sandbox import run_isolated

    events: list[str] = []
    results = run_isolated(
        list(range(5)),
        _double,
        jobs=2,
        on_started=lambda: events.append("started"),
        on_result=lambda index, _: events.append(str(index)),
    )
    assert results == [0, 2, 4, 6, 8]
    assert events[0] == "started"
    assert sorted(events[1:]) == ["0", "1", "2", "3", "4"]


def _collector_on(_: int) -> bool:
    import gc

    return gc.isenabled()


def test_workers_collect_cycles_while_the_parent_pauses_its_collector() -> None:
    import gc

    from kcstats.collector import collector_paused
    from kcstats.safety.sandbox import run_isolated

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        assert run_isolated([1, 2], _collector_on, jobs=2) == [True, True]
    assert gc.isenabled()


def test_a_paused_collector_stays_off_for_a_caller_that_turned_it_off() -> None:
    import gc

    from kcstats.collector import collector_paused

    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
