"""run_isolated: a worker that aborts, hangs, runs out of memory or meets a bug fails that
item alone (or, for a bug, raises here), and leaves no process behind."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from kcstats.messages import show
from kcstats.safety.preflight import preflight
from kcstats.safety.sandbox import Failure, WorkerError, run_isolated

# Work functions live at module level: workers receive them by reference.


def shown(results: list[object]) -> list[object]:
    """The results, a failure as its code and its detail in Vietnamese and English."""
    return [
        (r.code, show(r.detail, "vi"), show(r.detail, "en")) if isinstance(r, Failure) else r
        for r in results
    ]


def times_ten(x: int) -> int:
    return x * 10


def abort_on_three(x: int) -> int:
    if x == 3:
        os.abort()
    return x * 10


def exit_on_two(x: int) -> int:
    if x == 2:
        os._exit(3)
    return x * 10


def sleep_on_one(x: int) -> int:
    if x == 1:
        time.sleep(60)
    return x * 10


def allocate_on_one(x: int) -> int:
    if x == 1:
        return len(bytearray(2 << 30))  # 2 GiB, past the worker's limit
    return x * 10


def fail_on_two(x: int) -> int:
    if x == 2:
        raise ValueError(f"bad item {x}")
    return x * 10


class Unpicklable(Exception):
    def __init__(self, first: str, second: str) -> None:  # pickling loses second
        super().__init__(first)
        self.second = second


def fail_unpicklably(x: int) -> int:
    raise Unpicklable("odd", "exception")


def pid_of_worker(x: int) -> int:
    return os.getpid()


def read_first_sheet(path: str) -> int:
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(path)
    return len(workbook.get_sheet_by_index(0).to_python())


@pytest.fixture(autouse=True)
def no_workers_left_behind() -> object:
    yield
    assert multiprocessing.active_children() == []


def test_results_come_back_in_order() -> None:
    assert run_isolated(list(range(50)), times_ten) == [x * 10 for x in range(50)]
    assert run_isolated([], times_ten) == []


def test_an_aborting_item_fails_alone() -> None:
    results = run_isolated(list(range(6)), abort_on_three)
    assert shown(results) == [0, 10, 20, ("read-crashed", "SIGABRT", "SIGABRT"), 40, 50]


def test_an_exiting_item_fails_alone() -> None:
    results = run_isolated(list(range(4)), exit_on_two, jobs=2)
    crashed = ("read-crashed", "mã thoát 3", "exit code 3")
    assert shown(results) == [0, 10, crashed, 30]


def test_an_item_past_the_timeout_is_stopped() -> None:
    # The sleeping worker is killed (not waited for) and a fresh one reads the rest.
    results = run_isolated(list(range(4)), sleep_on_one, timeout=1.0)
    assert shown(results) == [0, ("read-timeout", "quá 1 giây", "over 1 s"), 20, 30]


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
def test_memory_past_the_limit_is_a_memory_error() -> None:
    results = run_isolated(list(range(3)), allocate_on_one, memory_bytes=512 << 20)
    assert shown(results) == [0, ("read-crashed", "MemoryError", "MemoryError"), 20]


def test_an_exception_is_a_bug_and_propagates() -> None:
    with pytest.raises(ValueError, match="bad item 2") as raised:
        run_isolated(list(range(5)), fail_on_two, jobs=2)
    assert "fail_on_two" in str(raised.value.__cause__)  # the worker's traceback


def test_an_exception_that_will_not_pickle_still_propagates() -> None:
    with pytest.raises(WorkerError, match="Unpicklable"):
        run_isolated([1], fail_unpicklably)


def test_two_jobs_give_the_same_results_as_one() -> None:
    items = list(range(40))
    assert run_isolated(items, abort_on_three, jobs=2) == run_isolated(items, abort_on_three)
    assert run_isolated(items, times_ten, jobs=8) == [x * 10 for x in items]


def test_workers_are_long_lived_and_no_more_than_jobs() -> None:
    assert len(set(run_isolated(list(range(30)), pid_of_worker, jobs=2))) == 2
    assert len(set(run_isolated(list(range(30)), pid_of_worker, jobs=5))) <= 5
    assert len(set(run_isolated([1], pid_of_worker, jobs=4))) == 1


def test_on_done_counts_every_item() -> None:
    seen: list[tuple[int, int]] = []
    run_isolated(
        list(range(5)), abort_on_three, on_done=lambda done, total: seen.append((done, total))
    )
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


def test_jobs_must_be_positive() -> None:
    with pytest.raises(ValueError, match="jobs"):
        run_isolated([1], times_ten, jobs=0)


def far_value_workbook(path: Path) -> Path:
    """A normal openpyxl workbook with one stray value at XFD1048576."""
    normal = path.with_name("normal.xlsx")
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = "Tỉnh/Thành phố"
    ws["B1"] = "Hà Nội"
    wb.save(normal)
    with zipfile.ZipFile(normal) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                stray = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
                data = data.replace(b"</sheetData>", stray)
            zout.writestr(info.filename, data)
    return path


def test_calamine_on_a_stray_far_value_crashes_only_its_worker(tmp_path: Path) -> None:
    # Without preflight, calamine tries to reserve 16384 × 1048576 cells and aborts its
    # process: here only the worker dies, and the file's neighbours are read.
    far = far_value_workbook(tmp_path / "far.xlsx")
    normal = tmp_path / "normal.xlsx"
    results = run_isolated(
        [str(normal), str(far), str(normal)], read_first_sheet, memory_bytes=1 << 30
    )
    assert results[0] == results[2] == 1
    crashed = results[1]
    assert isinstance(crashed, Failure) and crashed.code == "read-crashed"
    assert show(crashed.detail, "en").startswith("SIGABRT"), crashed.detail
    # And preflight refuses the file before calamine is ever asked.
    assert [p.code for p in preflight(far).problems] == ["sheet-too-large"]


def sockets_and_stdout(x: int) -> tuple[int, str]:
    """How many sockets this worker holds, and what its stdout is."""
    fds = Path("/proc/self/fd")
    targets = []
    for fd in os.listdir(fds):
        try:
            targets.append(os.readlink(fds / fd))
        except FileNotFoundError:  # the descriptor listdir itself used
            continue
    return sum(t.startswith("socket:") for t in targets), os.readlink(fds / "1")


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/fd")
def test_a_worker_holds_no_pipe_but_its_own_and_not_the_callers_stdout() -> None:
    # Regression: a forked worker held the parent's ends of its own and the other workers'
    # pipes, and the caller's stdout. Orphaned (the parent killed), it then blocked for ever
    # sending its answer, and held the output of kcstats open for whoever read it.
    results = run_isolated(list(range(6)), sockets_and_stdout, jobs=3)
    assert results == [(1, os.devnull)] * 6
