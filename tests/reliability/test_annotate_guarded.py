"""Issue 17, items 5 to 8: --annotate opens refused files under the same guard as reading,
takes names of any length, shows them safely, and ends a write failure in one line."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from builders import write_report
from commandline import invoke
from hostile.hostile_run import no_traceback, run_bounded
from hostile_files import rewrite
from kcstats.annotate import LIST_SUFFIX, annotate_refused
from kcstats.safety.limits import MIB, Limits
from kcstats.validate import validate

# Tight enough that marking a sheet of 17 billion merged cells stops within seconds.
TIGHT = Limits(read_timeout_seconds=8, worker_memory_bytes=300 * MIB)
WHOLE_SHEET = "A1:XFD1048576"


def _refused(path: Path) -> Path:
    """A report refused for its content (a negative figure), which --annotate marks; each
    with its own figure (files with the same figures are copies of one report)."""
    figure = -1 - sum(path.name.encode("utf-8", "surrogateescape"))
    return write_report(path, funding={"national": (2, figure, 2, 5)})


def _with_sheet_xml(src: Path, dst: Path, tail: bytes) -> Path:
    """src with `tail` (a mergeCells or hyperlinks element) in its first sheet: merged
    into the element of that name already there, else added after the data."""

    def change(xml: bytes) -> bytes:
        element = tail[1 : tail.index(b" ")]
        opening = re.search(b"<%s[^>]*>" % element, xml)
        if opening is None:
            return xml.replace(b"</sheetData>", b"</sheetData>" + tail)
        inner = tail[tail.index(b">") + 1 : tail.rindex(b"</")]
        return xml[: opening.end()] + inner + xml[opening.end() :]

    return rewrite(src, dst, {"xl/worksheets/sheet1.xml": change})


def _problem_list_intro(copy: Path) -> str:
    workbook = openpyxl.load_workbook(copy, read_only=True)
    try:
        value = workbook["Lỗi"]["A1"].value
    finally:
        workbook.close()
    assert isinstance(value, str)
    return value


@pytest.mark.slow
@pytest.mark.parametrize(
    "tail",
    [
        b'<mergeCells count="1"><mergeCell ref="%s"/></mergeCells>' % WHOLE_SHEET.encode(),
        b'<hyperlinks><hyperlink ref="%s" location="A1"/></hyperlinks>' % WHOLE_SHEET.encode(),
    ],
    ids=["merge-over-whole-sheet", "hyperlink-over-whole-sheet"],
)
def test_marking_a_file_that_would_take_gigabytes_gets_the_list_within_the_reading_limits(
    tmp_path: Path, tail: bytes
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    _with_sheet_xml(_refused(tmp_path / "plain.xlsx"), reports / "huge.xlsx", tail)
    good = _refused(reports / "beside.xlsx")
    files = validate([reports]).files
    assert [f.status.value for f in files] == ["refused", "refused"]

    written = annotate_refused(files, tmp_path / "marked", limits=TIGHT)

    names = sorted(p.name for p in written)
    assert names == [good.name, "huge" + LIST_SUFFIX]
    intro = _problem_list_intro(tmp_path / "marked" / ("huge" + LIST_SUFFIX))
    assert "giới hạn an toàn" in intro
    assert sorted(os.listdir(tmp_path / "marked")) == names  # no temporary file left


@pytest.mark.slow
def test_the_command_marks_a_whole_sheet_merge_with_its_default_limits_and_bounded_memory(
    tmp_path: Path,
) -> None:
    """The installed command, its memory capped (hostile_run): the worker's limit, not the
    machine, stops the marking."""
    reports = tmp_path / "reports"
    reports.mkdir()
    tail = b'<mergeCells count="1"><mergeCell ref="%s"/></mergeCells>' % WHOLE_SHEET.encode()
    _with_sheet_xml(_refused(tmp_path / "plain.xlsx"), reports / "huge.xlsx", tail)
    done = run_bounded("validate", reports, "--annotate", tmp_path / "marked", cwd=tmp_path)
    no_traceback(done.stdout, done.stderr)
    assert done.returncode == 1, done.stderr
    assert os.listdir(tmp_path / "marked") == ["huge" + LIST_SUFFIX]


def test_refused_files_with_names_of_250_bytes_get_their_copies_with_names_that_fit(
    tmp_path: Path,
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    long_stem = "Báo cáo " + "ễ" * 79  # 92 characters, 247 bytes
    assert len(os.fsencode(long_stem + ".xlsx")) == 252
    _refused(reports / f"{long_stem}.xlsx")
    _refused(reports / f"{long_stem[:-1]}x.xlsx")  # the same name once shortened
    (reports / f"{long_stem}.ods").write_bytes(b"not an ods")  # its list: the longest name
    _refused(reports / "short.xlsx")

    result = invoke("validate", reports, "--annotate", tmp_path / "marked")
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 1, result.output
    marked = sorted(os.listdir(tmp_path / "marked"))
    assert len(marked) == 4
    assert "short.xlsx" in marked
    assert all(len(os.fsencode(name)) <= 255 for name in marked)
    assert not any(name.startswith(".") for name in marked)
    assert sum(name.endswith(LIST_SUFFIX) for name in marked) == 1


def test_marked_copy_lines_show_hostile_names_escaped(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    names = ["\x1b]0;owned\x07.xlsx", "evil\u202egpj.xlsx", "two\nlines.xlsx"]
    for name in names:
        _refused(reports / name)
    result = invoke("validate", reports, "--annotate", tmp_path / "marked")
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 1, result.output
    for raw in ("\x1b", "\x07", "\u202e", "two\nlines"):
        assert raw not in result.stderr
    for shown in ("\\x1b]0;owned\\x07.xlsx", "evil\\u202egpj.xlsx", "two\\x0alines.xlsx"):
        assert shown in result.stderr


def test_marked_copies_into_a_path_that_cannot_be_a_folder_end_in_one_line(
    tmp_path: Path,
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    _refused(reports / "a.xlsx")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = invoke("validate", reports, "--annotate", blocker / "marked", "--lang", "en")
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 2
    assert result.stdout == ""  # refused before any file was read
    [line] = result.stderr.splitlines()
    assert (
        line
        == f"kcstats validate: {blocker} is not a folder, so {blocker / 'marked'} cannot be written."
    )


@pytest.fixture
def full_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder on a file system of 64 KiB, already full: needs root and tmpfs."""
    folder = tmp_path / "full"
    folder.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root on Linux")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace')}")
    with contextlib.suppress(OSError):  # full: what it is for
        (folder / "filler").write_bytes(b"\0" * (64 * 1024))
    yield folder
    subprocess.run(["umount", str(folder)], check=False)


def test_marked_copies_on_a_full_disk_end_in_one_line_and_leave_no_temporary_file(
    tmp_path: Path, full_folder: Path
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("a.xlsx", "b.xlsx", "c.xlsx"):
        _refused(reports / name)
    result = invoke("validate", reports, "--annotate", full_folder / "marked")
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.stderr
    left = os.listdir(full_folder / "marked") if (full_folder / "marked").exists() else []
    assert not [name for name in left if name.startswith(".")]
