"""kcstats validate gives one report on standard output (every problem with its file, cell,
code, severity and message), checks its options before reading any file, and says when the
input held no report."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import write_report
from commandline import KCSTATS, invoke, run_installed
from kcstats.cli import app

HUE = {"province": "Thừa Thiên Huế", "year": 2025, "period": "Quý I"}  # renamed: a warning


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """An accepted report, a report with one error and one warning, a file that is skipped."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    write_report(folder / "long-an.xlsx")
    write_report(folder / "hue.xlsx", **HUE, funding={"national": (2, "1.5", 2, 1)})
    (folder / "ghi-chu.pdf").write_bytes(b"%PDF-1.4")
    return folder


def test_a_redirected_report_holds_every_problem_with_file_cell_code_severity_and_message(
    inbox: Path, tmp_path: Path
) -> None:
    report = tmp_path / "loi.txt"
    with report.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [str(KCSTATS), "validate", "inbox"],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env={k: v for k, v in os.environ.items() if k != "COLUMNS"},
            timeout=120,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr == ""  # no terminal: no progress bar; nothing else goes there
    text = report.read_text(encoding="utf-8")
    lines = text[text.index("Các vấn đề tìm thấy") :].splitlines()

    def problem(code: str) -> tuple[str, str]:
        """The line naming a problem, and the message below it."""
        at = next(i for i, line in enumerate(lines) if line.endswith(f"  {code}"))
        return lines[at], lines[at + 1]

    line, message = problem("ambiguous-number")
    # One folder validated: the title names it, and the files are named from there.
    assert text.startswith("Kết quả kiểm tra inbox")
    assert line.startswith("Lỗi ") and "  hue.xlsx  Kinh phí!C" in line
    assert message.strip().startswith('"1.5" đọc được nhiều cách.')
    line, message = problem("province-renamed")
    assert line.startswith("Cảnh báo ") and "  hue.xlsx  Thông tin!B3  " in line
    assert "Huế" in message
    line, message = problem("not-a-report-file")
    assert line.startswith("Thông tin ") and "  ghi-chu.pdf  " in line
    assert text.rstrip().endswith("1 chấp nhận, 1 bị từ chối, 1 bỏ qua")


def test_files_of_several_paths_are_named_as_given(inbox: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    write_report(other / "ha-noi.xlsx", province="Hà Nội")
    done = CliRunner().invoke(app, ["validate", str(inbox), str(other)], env={"COLUMNS": "250"})
    assert done.stdout.splitlines()[0].rstrip() == "Kết quả kiểm tra"
    assert f"  {inbox / 'hue.xlsx'}  Kinh phí!C" in done.stdout
    assert str(other / "ha-noi.xlsx") in done.stdout


def test_the_files_table_counts_each_files_errors_and_warnings(inbox: Path) -> None:
    done = CliRunner().invoke(app, ["validate", str(inbox), "--lang", "en"], env={"COLUMNS": "200"})
    files = done.stdout[: done.stdout.index("Problems found")]
    heading = next(line for line in files.splitlines() if "Status" in line)
    assert heading.split("┃")[-3:-1] == [" Error ", " Warning "]
    hue = next(line for line in files.splitlines() if "hue.xlsx" in line)
    assert [cell.strip() for cell in hue.split("│")[-3:-1]] == ["1", "1"]
    assert "Warning" in done.stdout[done.stdout.index("Problems found") :]


def test_an_annotate_folder_inside_the_inputs_is_refused_before_any_file_is_read(
    inbox: Path,
) -> None:
    done = invoke("validate", inbox, "--annotate", inbox / "loi")
    assert done.exit_code == 2
    assert done.stdout == ""  # no report: nothing was read
    assert "nằm trong thư mục báo cáo" in done.stderr
    assert not (inbox / "loi").exists()


def test_existing_marked_copies_are_kept_unless_force_is_given(inbox: Path, tmp_path: Path) -> None:
    marked = tmp_path / "loi"
    marked.mkdir()
    (marked / "hue.xlsx").write_bytes(b"an earlier copy")
    kept = invoke("validate", inbox, "--annotate", marked, "--lang", "en")
    assert kept.exit_code == 2 and kept.stdout == ""
    assert "already holds 1 workbooks that marked copies could overwrite (hue.xlsx)" in kept.stderr
    assert "--force" in kept.stderr
    assert (marked / "hue.xlsx").read_bytes() == b"an earlier copy"
    forced = invoke("validate", inbox, "--annotate", marked, "--force")
    assert forced.exit_code == 1
    assert (marked / "hue.xlsx").read_bytes().startswith(b"PK")  # the new marked copy
    assert f"Bản đánh dấu lỗi: {marked / 'hue.xlsx'}" in forced.stderr


def test_missing_folders_of_the_annotate_folder_are_created(inbox: Path, tmp_path: Path) -> None:
    done = invoke("validate", inbox, "--annotate", tmp_path / "2025" / "loi")
    assert done.exit_code == 1
    assert [p.name for p in (tmp_path / "2025" / "loi").iterdir()] == ["hue.xlsx"]


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """A folder nobody may write into: a read-only file system when running as root (root
    writes through permissions), else a folder without write permission."""
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    if sys.platform != "linux":
        pytest.skip("a read-only mount needs Linux")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace')}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_an_unwritable_annotate_folder_is_refused_before_any_file_is_read(
    inbox: Path, tmp_path: Path
) -> None:
    with read_only_folder(tmp_path / "locked") as locked:
        done = invoke("validate", inbox, "--annotate", locked / "loi", "--lang", "en")
    assert done.exit_code == 2
    assert done.stdout == ""
    assert done.stderr == f"kcstats validate: No permission to write into the folder {locked}.\n"


@pytest.mark.parametrize("content", ["empty", "pdfs", "lock-files"])
def test_no_report_found_exits_1_and_says_so(tmp_path: Path, content: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    if content == "pdfs":
        (folder / "a.pdf").write_bytes(b"%PDF-1.4")
        (folder / "b.docx").write_bytes(b"PK")
    elif content == "lock-files":
        (folder / "~$a.xlsx").write_bytes(b"lock")
    table = invoke("validate", folder)
    assert table.exit_code == 1
    assert table.stdout.rstrip().endswith(
        f"Không tìm thấy báo cáo nào (tệp .xlsx, .xlsm, .xls, .ods) trong {folder}."
    )
    document = invoke("validate", folder, "--format", "json", "--lang", "en")
    assert document.exit_code == 1
    assert f"No report found (.xlsx, .xlsm, .xls, .ods files) in {folder}." in document.stderr


def test_the_installed_command_says_no_report_found_with_status_1(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    done = run_installed("validate", "in", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.rstrip().endswith("No report found (.xlsx, .xlsm, .xls, .ods files) in in.")
