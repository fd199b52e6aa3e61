"""What kcstats writes is safe from what it reads: text copied from hostile files (a province
cell, a refused cell's text, a file name, a region name) never becomes a formula in a CSV,
the summary workbook or a marked copy; outputs are written atomically; and an output never
overwrites an input."""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from hostile_run import GOOD_NAME, KCSTATS_TIMEOUT, invoke, no_traceback, write_good_report

from builders import write_report
from commandline import KCSTATS
from kcstats.catalog import load_catalogue
from kcstats.export.atomic import write_atomic, write_bytes_atomic

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PROVINCE_TEXT = '=HYPERLINK("http://evil.example","Long An")'
CELL_TEXT = '@SUM(1+1)*cmd|" /C calc"!A0'
COUNT_TEXT = "-cmd|' /C calc'!A0"
# File names that start like a formula; a name can hold a tab or a CR on POSIX systems.
NAMES = ["=1+1.xlsx", "+cmd.xlsx", "-cmd.xlsx", "@cmd.xlsx"] + (
    ["\tTab.xlsx", "\rCR.xlsx"] if os.name == "posix" else []
)
REGION_NAMES = {
    "Bắc": "+Bắc",
    "Miền Trung - Tây Nguyên": "-Trung",
    "Nam": '=HYPERLINK("http://evil.example","Nam")',
}
REPORTED_REGION = REGION_NAMES["Nam"]  # the region of the reports: it shows in every output
# Where each lands: the refused files' names and texts, and the user's region names.
FILE_TEXTS = [PROVINCE_TEXT, CELL_TEXT, COUNT_TEXT, *NAMES]


def as_text(path: Path, sheet: str, cells: dict[str, str]) -> Path:
    """Store these cells as text (typed with a leading apostrophe, or pasted), not formulas."""
    wb = openpyxl.load_workbook(path)
    for ref, text in cells.items():
        cell = wb[sheet][ref]
        cell.value = text
        cell.data_type = "s"
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`in/`: a good report, a report whose province and figure cells hold formula-like
    text, files named like formulas; `regions.csv` beside it with formula-like region names."""
    root = tmp_path_factory.mktemp("injection")
    inputs = root / "in"
    inputs.mkdir()
    write_good_report(inputs)
    as_text(write_report(inputs / "province.xlsx"), "Thông tin", {"B3": PROVINCE_TEXT})
    cell = write_report(inputs / "cells.xlsx", province="Cần Thơ")
    as_text(cell, "Kinh phí", {"C4": CELL_TEXT})
    as_text(cell, "Chỉ tiêu", {"E4": COUNT_TEXT})
    for name in NAMES:
        (inputs / name).write_text("không phải bảng tính", encoding="utf-8")
    with (root / "regions.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["province", "region"])
        for province in load_catalogue().provinces_of("63"):
            writer.writerow([province.name, REGION_NAMES[province.kc_conference_area]])
    return inputs


@pytest.fixture
def in_folder(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from inside the input folder, so that file names are the paths kcstats shows."""
    monkeypatch.chdir(folder)
    return folder


def csv_cells(data: bytes) -> Iterator[str]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    for row in csv.reader(io.StringIO(text[1:])):
        yield from row


def check_csv(data: bytes) -> None:
    cells = list(csv_cells(data))
    assert cells, "empty CSV"
    for cell in cells:
        assert not cell.startswith(TRIGGERS), repr(cell)
    assert "'" + REPORTED_REGION in cells


def test_csv_output_never_starts_a_cell_like_a_formula(in_folder: Path) -> None:
    out = in_folder.parent / "facts.csv"
    result = invoke("merge", ".", "-o", out, "--regions", "../regions.csv")
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 1, result.output
    check_csv(out.read_bytes())
    printed = invoke("merge", ".", "--format", "csv", "--regions", "../regions.csv")
    assert printed.stdout_bytes == out.read_bytes()


def excel_text(value: object) -> object:
    """A string cell's text as Excel reads it: XlsxWriter writes a control character such as
    CR as _x000D_ (and a literal '_x' as _x005F_x), which openpyxl leaves as it is."""
    if not isinstance(value, str):
        return value
    return EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)


EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def workbook_cells(path: Path, *, escaped: bool = False) -> Iterator[tuple[str, str, object, str]]:
    """(sheet, coordinate, value, data type) of every cell of a saved workbook; `escaped`:
    the workbook's texts are in Excel's escapes (XlsxWriter's), decoded here."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    value = excel_text(cell.value) if escaped else cell.value
                    yield ws.title, cell.coordinate, value, cell.data_type


def check_workbook(path: Path, *, escaped: bool = False) -> set[str]:
    """No formula anywhere; every text that starts like one is a string cell. Returns the
    texts of every cell."""
    found: set[str] = set()
    for sheet, where, value, kind in workbook_cells(path, escaped=escaped):
        assert kind != "f", (path.name, sheet, where, value)
        if isinstance(value, str):
            if value.startswith(TRIGGERS):
                assert kind == "s", (path.name, sheet, where, value)
            found.add(value)
    return found


# A CR in a cell's text is written raw by openpyxl (the marked copies), and an XML parser reads
# it back as LF: the name shows with a line break instead. Harmless (a leading LF starts no
# formula), but the text is not kept exactly. The summary workbook keeps it (_x000D_).
CR_CHANGED = {"\rCR.xlsx"}


def test_summary_workbook_keeps_formula_like_text_as_text(in_folder: Path) -> None:
    out = in_folder.parent / "summary.xlsx"
    result = invoke("merge", ".", "-o", out, "--regions", "../regions.csv")
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 1, result.output
    # Each text is a cell's whole value, exactly as found (a file's path, a cell's text).
    missing = {*FILE_TEXTS, REPORTED_REGION} - check_workbook(out, escaped=True)
    assert not missing, missing


@pytest.mark.skipif(os.name != "posix", reason="a CR in a file name")
def test_summary_workbook_keeps_a_carriage_return_in_a_file_name(in_folder: Path) -> None:
    out = in_folder.parent / "summary-cr.xlsx"
    invoke("merge", ".", "-o", out)
    assert "\rCR.xlsx" in {value for _, _, value, _ in workbook_cells(out, escaped=True)}


def test_marked_copies_keep_formula_like_text_as_text(in_folder: Path) -> None:
    marked = in_folder.parent / "marked"
    result = invoke("validate", ".", "--annotate", marked)
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 1, result.output
    written = sorted(marked.iterdir())
    assert len(written) == len(NAMES) + 2  # every refused file
    cells = set().union(*(check_workbook(path) for path in written))
    # A cell's text is a whole value (the list of problems); a name sits in a sentence.
    assert {PROVINCE_TEXT, CELL_TEXT, COUNT_TEXT} <= cells
    missing = {name for name in NAMES if not any(name in text for text in cells)}
    assert missing <= CR_CHANGED, missing


# ---------------------------------------------------------------------------------------------
# Atomic writes

OLD = b"the previous summary\n"


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_failed_rename_leaves_the_previous_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(OLD)

    def full(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError, match="No space"):
        write_bytes_atomic(target, b"new")
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["out.json"]


def test_a_write_that_fails_halfway_leaves_no_half_file(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(OLD)

    def half(temporary: Path) -> None:
        temporary.write_bytes(b"PK\x03\x04 half a workbook")
        raise OSError(errno.EIO, "Input/output error")

    with pytest.raises(OSError, match="Input/output"):
        write_atomic(target, half)
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["out.xlsx"]
    write_atomic(tmp_path / "new.xlsx", lambda t: t.write_bytes(b"done"))  # and a fresh one
    assert listing(tmp_path) == ["new.xlsx", "out.xlsx"]


@pytest.mark.parametrize("suffix", [".json", ".csv", ".md", ".xlsx"])
def test_merge_that_cannot_write_keeps_the_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_good_report(inputs)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / f"summary{suffix}"
    target.write_bytes(OLD)

    def full(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    result = invoke("merge", inputs, "-o", target, "--force")
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.stderr
    assert target.read_bytes() == OLD
    assert listing(out_dir) == [target.name]


def _small_files_only() -> None:
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE")
def test_the_installed_command_out_of_disk_keeps_the_previous_summary(tmp_path: Path) -> None:
    # The disk "fills up" (no file may pass 4 KiB) while the summary workbook is written.
    write_good_report(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "summary.xlsx"
    target.write_bytes(OLD)
    done = subprocess.run(
        [str(KCSTATS), "merge", GOOD_NAME, "-o", target, "--force"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=KCSTATS_TIMEOUT,
        check=False,
        preexec_fn=_small_files_only,
    )
    no_traceback(done.stdout, done.stderr)
    assert done.returncode == 2, done.stderr
    assert "summary.xlsx" in done.stderr
    assert target.read_bytes() == OLD
    assert listing(out_dir) == ["summary.xlsx"]


@pytest.mark.parametrize("suffix", [".json", ".csv", ".md", ".xlsx"])
def test_a_successful_write_leaves_no_temporary(tmp_path: Path, suffix: str) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_good_report(inputs)
    target = tmp_path / f"summary{suffix}"
    target.write_bytes(OLD)
    result = invoke("merge", inputs, "-o", target, "--force")
    assert result.exit_code == 0, result.output
    assert target.read_bytes() != OLD
    assert listing(tmp_path) == ["in", target.name]


# ---------------------------------------------------------------------------------------------
# An output never overwrites an input


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    report = write_good_report(tmp_path)
    before = report.read_bytes()
    link = tmp_path / "link.xlsx"
    link.symlink_to(report)
    for args in (
        ["merge", report, "-o", report],  # the same file
        ["merge", tmp_path, "-o", report],  # a file of an input folder
        ["merge", report, "-o", link],  # the same file by another name
        ["merge", report, "-o", tmp_path / "." / GOOD_NAME],  # spelled otherwise
    ):
        result = invoke(*args)
        no_traceback(result.stdout, result.stderr)
        assert result.exit_code == 2, (args, result.output)
        assert report.read_bytes() == before
        assert link.is_symlink()
    assert listing(tmp_path) == [GOOD_NAME, "link.xlsx"]


def test_marked_copies_are_never_written_over_the_originals(tmp_path: Path) -> None:
    report = write_report(tmp_path / "refused.xlsx", year=1999)
    before = report.read_bytes()
    result = invoke("validate", tmp_path, "--annotate", tmp_path)
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 2, result.output
    assert report.read_bytes() == before
    assert listing(tmp_path) == ["refused.xlsx"]


def test_an_output_naming_an_input_file_another_way_is_refused(tmp_path: Path) -> None:
    """A hard link stands here for a case-insensitive disk, where 'A.XLSX' is 'a.xlsx': two
    spellings of one file, which only the file system can tell."""
    report = write_good_report(tmp_path)
    elsewhere = tmp_path / "out"
    elsewhere.mkdir()
    os.link(report, elsewhere / "same.xlsx")
    result = invoke("merge", report, "-o", elsewhere / "same.xlsx")
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 2, result.output
    assert (elsewhere / "same.xlsx").samefile(report)
