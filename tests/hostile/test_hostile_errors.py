"""No traceback reaches a user unless --debug: a bug anywhere under the command line (in
the command, in the library, in a reader worker) is one line on stderr and exit status 1;
with --debug the traceback is shown. Ctrl-C stops kcstats quietly, workers and all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import NoReturn

import pytest
from hostile_run import run_bounded, write_good_report

import kcstats.merge.api
import kcstats.reader
import kcstats.validate
from kcstats.cli import main

BUG = "boom: a bug\nand a second line"


def bug(*args: object, **kwargs: object) -> NoReturn:
    raise RuntimeError(BUG)


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str | Path) -> int:
    monkeypatch.setattr(sys, "argv", ["kcstats", *map(str, args)])
    with pytest.raises(SystemExit) as exited:
        main()
    code = exited.value.code
    assert isinstance(code, int)
    return code


def assert_one_line(err: str) -> None:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "RuntimeError: boom: a bug" in err
    assert "--debug" in err
    assert "Traceback" not in err and "second line" not in err


@pytest.mark.parametrize(
    ("module", "name", "command"),
    [
        (kcstats.validate, "validate", "validate"),  # the library, called by the command
        (kcstats.reader, "read_file", "validate"),  # inside a reader worker process
        (kcstats.merge.api, "merge_files", "merge"),
    ],
)
def test_a_bug_is_one_line_on_stderr_and_exit_1(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    module: object,
    name: str,
    command: str,
) -> None:
    write_good_report(tmp_path)
    monkeypatch.setattr(module, name, bug)
    assert run_main(monkeypatch, command, tmp_path, "--format", "json") == 1
    captured = capsys.readouterr()
    assert_one_line(captured.err)
    assert captured.out == ""


def test_with_debug_the_bug_propagates(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    write_good_report(tmp_path)
    monkeypatch.setattr(kcstats.validate, "validate", bug)
    monkeypatch.setattr(sys, "argv", ["kcstats", "--debug", "validate", str(tmp_path)])
    with pytest.raises(RuntimeError, match="boom"):
        main()


def test_a_bug_without_text_is_still_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def silent(*args: object, **kwargs: object) -> NoReturn:
        raise KeyError

    monkeypatch.setattr(kcstats.validate, "validate", silent)
    assert run_main(monkeypatch, "validate", write_good_report(tmp_path)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: KeyError (" in err


# The console script's own path: a fresh interpreter whose library has a bug.
BUGGY_KCSTATS = f"""
import sys
import kcstats.validate

def bug(*args, **kwargs):
    raise RuntimeError({BUG!r})

kcstats.validate.validate = bug
from kcstats.cli import main
sys.argv = ["kcstats", *sys.argv[1:]]
main()
"""


def run_buggy(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BUGGY_KCSTATS, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_the_command_shows_a_traceback_only_with_debug(tmp_path: Path) -> None:
    write_good_report(tmp_path)
    plain = run_buggy("validate", tmp_path)
    assert plain.returncode == 1
    assert_one_line(plain.stderr)
    debug = run_buggy("--debug", "validate", tmp_path)
    assert debug.returncode == 1
    assert "Traceback (most recent call last)" in debug.stderr
    assert debug.stderr.rstrip().endswith("RuntimeError: " + BUG)


@pytest.mark.skipif(sys.platform != "linux", reason="reads a process's children from /proc")
def test_ctrl_c_while_reading_stops_quietly_and_leaves_no_worker(
    tmp_path: Path, hostile_base: Path
) -> None:
    from hostile_files import slow_to_check

    slow_to_check(hostile_base, tmp_path / "slow.xlsx")  # seconds of work for its worker
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "kcstats"), "validate", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    workers: list[str] = []
    while not workers and process.poll() is None:  # until a worker reads the file
        workers = children.read_text().split()
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert workers, "kcstats finished before it could be interrupted"
    assert process.returncode == 130, err
    assert "Traceback" not in out + err
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or _is_zombie(pid), pid


def _is_zombie(pid: str) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
    except (OSError, IndexError):
        return True


def test_a_usage_error_is_exit_2_without_a_traceback(tmp_path: Path) -> None:
    done = run_bounded("merge", tmp_path, "--format", "xlsx", cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="reads a process's children from /proc")
def test_a_killed_kcstats_leaves_no_worker_and_no_output_held_open(
    tmp_path: Path, hostile_base: Path
) -> None:
    # Regression: a forked worker held the parent's end of its own pipe and the parent's
    # stdout. With the parent killed (SIGKILL, an OOM killer, a closed terminal) the worker
    # blocked for ever sending its answer, and whoever read kcstats' output never saw it end.
    from hostile_files import slow_to_check

    slow_to_check(hostile_base, tmp_path / "slow.xlsx")
    # A killed process cleans nothing up: its workers' folder goes in this test's own place,
    # not in the machine's temporary directory.
    scratch = tmp_path.parent / f"{tmp_path.name}-tmp"
    scratch.mkdir()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "kcstats"), "validate", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    workers: list[str] = []
    while not workers and process.poll() is None:
        workers = children.read_text().split()
        time.sleep(0.02)
    assert workers, "kcstats finished before it could be killed"
    process.kill()
    process.communicate(timeout=30)  # stdout and stderr end: nobody holds them any more
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() and not _is_zombie(pid) for pid in workers):
        assert time.monotonic() < deadline, f"worker {workers} outlived kcstats"
        time.sleep(0.05)


def test_output_in_a_narrow_encoding_is_degraded_not_an_internal_error(tmp_path: Path) -> None:
    # Regression: with output redirected on a legacy Windows code page (here: ASCII), the
    # first Vietnamese word in a table raised UnicodeEncodeError, an "internal error".
    write_good_report(tmp_path)
    for command in ("validate", "merge"):
        done = subprocess.run(
            [str(Path(sys.executable).parent / "kcstats"), command, str(tmp_path)],
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "ascii"},
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert b"internal error" not in done.stderr
        assert b"?" in done.stdout  # what ASCII cannot hold
