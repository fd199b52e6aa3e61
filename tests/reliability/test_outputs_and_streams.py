"""Issue 17, items 8, 9 and 12: where the output goes cannot take it (a full disk, a closed
standard output) or is a link or a device: one clear line and status 2, or the output
written through the link, never a replaced link or device."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from commandline import KCSTATS, invoke
from hostile.hostile_run import assert_good_facts, document, no_traceback, write_good_report

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices and links")


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    write_good_report(folder)
    return folder


def _installed(
    *args: str | Path, stdout: int | None = subprocess.PIPE, close_stdout: bool = False
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KCSTATS), *map(str, args)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        preexec_fn=(lambda: os.close(1)) if close_stdout else None,
    )


def test_an_output_through_a_symlink_is_written_into_its_target_and_the_link_stays(
    inbox: Path, tmp_path: Path
) -> None:
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    kept = invoke("merge", inbox, "-o", link)  # the file it leads to exists: --force
    assert kept.exit_code == 2 and target.read_text() == "old"
    result = invoke("merge", inbox, "-o", link, "--force")
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == target
    assert_good_facts(document(target.read_text(encoding="utf-8")))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inbox", "link.json", "real.json"]


def test_an_output_link_to_a_device_writes_into_the_device_and_replaces_neither(
    inbox: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(os.devnull)
    result = invoke("merge", inbox, "-o", link)
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == os.devnull
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inbox", "link.json"]


def test_merge_to_dev_stdout_writes_the_document_to_standard_output(inbox: Path) -> None:
    if not os.path.exists("/dev/stdout"):
        pytest.skip("no /dev/stdout here")
    before = os.lstat("/dev/stdout")
    done = _installed("merge", inbox, "-o", "/dev/stdout", "--format", "json")
    no_traceback(done.stdout, done.stderr)
    assert done.returncode == 0, done.stderr
    start = done.stdout.index("{")
    decoder = __import__("json").JSONDecoder(parse_float=__import__("decimal").Decimal)
    doc, _ = decoder.raw_decode(done.stdout[start:])
    assert_good_facts(doc)
    after = os.lstat("/dev/stdout")
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


@pytest.mark.parametrize("suffix", [".json", ".csv", ".md", ".xlsx"])
def test_an_output_on_a_full_device_ends_in_one_line_with_status_2(
    inbox: Path, tmp_path: Path, suffix: str
) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    link = tmp_path / f"out{suffix}"  # the format comes from the name; the bytes go to the device
    link.symlink_to("/dev/full")
    result = invoke("merge", inbox, "-o", link)
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode) and link.is_symlink()


@pytest.mark.parametrize(
    "args",
    [
        ["merge", "--format", "json"],
        ["merge", "--format", "csv"],
        ["validate", "--format", "json"],
        ["validate"],
    ],
    ids=["merge-json", "merge-csv", "validate-json", "validate-table"],
)
def test_standard_output_on_a_full_disk_ends_in_one_line_with_status_2(
    inbox: Path, args: list[str]
) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        done = _installed(args[0], inbox, *args[1:], stdout=full.fileno())
    no_traceback(done.stderr)
    assert "Exception ignored" not in done.stderr
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        "kcstats: không ghi được kết quả / cannot write the output: No space left on device"
    ]


@pytest.mark.parametrize(
    "args",
    [["merge", "--format", "json"], ["merge", "--format", "csv"], ["validate", "--format", "json"]],
    ids=["merge-json", "merge-csv", "validate-json"],
)
def test_a_closed_standard_output_ends_in_one_line_with_status_2(
    inbox: Path, args: list[str]
) -> None:
    done = _installed(args[0], inbox, *args[1:], stdout=None, close_stdout=True)
    no_traceback(done.stderr)
    assert done.returncode == 2, done.stderr
    [line] = done.stderr.strip().splitlines()
    assert "standard output is closed" in line


def test_a_merge_whose_output_folder_is_full_leaves_no_traceback_and_no_temporary_file(
    inbox: Path, tmp_path: Path
) -> None:
    """The summary workbook on a full disk: XlsxWriter's zip, closed when collected, fails
    again there; that second failure must not print a traceback."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root on Linux")
    full = tmp_path / "full"
    full.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(full)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        done = _installed("merge", inbox, "-o", full / "out.xlsx")
        left = os.listdir(full)
    finally:
        subprocess.run(["umount", str(full)], check=False)
    no_traceback(done.stdout, done.stderr)
    assert "Exception ignored" not in done.stderr
    assert done.returncode == 2, done.stderr
    assert left == []


def test_an_output_link_in_a_loop_is_refused_in_one_line_and_stays_a_link(
    inbox: Path, tmp_path: Path
) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to("loop.json")
    result = invoke("merge", inbox, "-o", loop)
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 2, result.output
    assert "Too many levels of symbolic links" in result.stderr
    assert loop.is_symlink() and os.readlink(loop) == "loop.json"
