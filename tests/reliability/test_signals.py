"""Issue 17, item 10: SIGTERM (what services, schedulers and `timeout` send) leaves no
temporary file or folder behind, as Ctrl-C does not: workers' folder, the output's temporary
file, XlsxWriter's scratch folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from commandline import KCSTATS
from hostile.hostile_run import no_traceback

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"
WAIT_SECONDS = 60  # for the moment to stop at; a bound on a hang, not a timing assertion

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals"),
]


def _stop_when(
    args: list[str], seen: Callable[[], bool], tmp_path: Path
) -> tuple[subprocess.CompletedProcess[str], bool]:
    """Run the installed kcstats with its own temporary folder; send SIGTERM as soon as
    `seen()` holds. Whether it was sent, and what the run gave."""
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    process = subprocess.Popen(
        [str(KCSTATS), *args],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    sent = False
    deadline = time.monotonic() + WAIT_SECONDS
    while process.poll() is None and time.monotonic() < deadline:
        if seen():
            process.send_signal(signal.SIGTERM)
            sent = True
            break
        time.sleep(0.0005)
    out, err = process.communicate(timeout=WAIT_SECONDS)
    return subprocess.CompletedProcess(args, process.returncode, out, err), sent


def test_sigterm_while_reading_removes_the_workers_folder(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"

    def reading() -> bool:
        return any(p.name.startswith("kcstats-workers-") for p in tmp.iterdir())

    done, sent = _stop_when(["validate", str(SAMPLES), "--format", "json"], reading, tmp_path)
    assert sent, "the run ended before its workers' folder was seen"
    no_traceback(done.stdout, done.stderr)
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert list(tmp.iterdir()) == []


def test_sigterm_while_the_summary_workbook_is_written_leaves_nothing_beside_it(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    out.mkdir()

    def writing() -> bool:
        return any(out.iterdir())

    args = ["merge", str(SAMPLES), "-o", str(out / "s.xlsx"), "--lang", "en"]
    done, sent = _stop_when(args, writing, tmp_path)
    assert sent, "the run ended before it began writing"
    no_traceback(done.stdout, done.stderr)
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "Stopped; no file half-written."
    assert list(out.iterdir()) == []
    assert list((tmp_path / "tmp").iterdir()) == []


def test_sigint_still_ends_a_run_as_before(tmp_path: Path) -> None:
    """Ctrl-C: status 130, one line saying so, nothing left behind either."""
    tmp = tmp_path / "tmp"

    def reading() -> bool:
        return any(p.name.startswith("kcstats-workers-") for p in tmp.iterdir())

    env = {**os.environ, "TMPDIR": str(tmp)}
    tmp.mkdir()
    process = subprocess.Popen(
        [str(KCSTATS), "validate", str(SAMPLES)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    deadline = time.monotonic() + WAIT_SECONDS
    while process.poll() is None and time.monotonic() < deadline and not reading():
        time.sleep(0.0005)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=WAIT_SECONDS)
    no_traceback(out, err)
    assert process.returncode == 130, err
    assert err.strip().splitlines()[-1] == "Đã dừng; không tệp nào bị ghi dở."
    assert list(tmp.iterdir()) == []
