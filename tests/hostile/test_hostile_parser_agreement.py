"""Regressions: preflight must check the very workbook calamine reads, not another one.

Sheet parts. calamine reads a sheet from the part its relationship names, found in any case
and with \\ or / between folders, whatever the part's name ends with, with the Target taken as
written (never unescaped, '..' kept), from any relationship (TargetMode too), through the
last r:id of the <sheet>. Preflight resolved these its own way: the formula-without-value
flags of such a sheet were recorded under the part's name instead of the sheet's, so that a
figure that is a formula never computed read as blank and the report was ACCEPTED with that
figure missing; and a part named sheet2.bin was not checked at all (a stray value at
XFD1048576 in it was left for the sandbox to catch as a crash).

The end record. zipfile and calamine's zip reader pick different end records when a second
one hides in the zip comment, and so read different directories (see two_directories).

The format. calamine picks its reader by the file's name: a zip that is both an Excel and an
OpenDocument workbook was checked as the first and, named .ods, read as the second.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile_files import (
    RELS,
    SHEET2,
    SHEET_PART_TRICKS,
    add_rows,
    case_twins,
    retarget,
    rewrite,
)
from kcstats.model import FileStatus
from kcstats.pipeline import read_many
from kcstats.safety.preflight import CellFlag, preflight

FUNDING = "Kinh phí"


@pytest.mark.parametrize("trick", SHEET_PART_TRICKS, ids=str)
def test_a_formula_without_value_is_refused_however_its_sheet_part_is_found(
    tmp_path: Path, hostile_base: Path, trick: str
) -> None:
    path = SHEET_PART_TRICKS[trick](hostile_base, tmp_path / "trick.xlsx")
    checked = preflight(path)
    assert checked.problems == []
    assert checked.cell_flags == {FUNDING: {(3, 4): CellFlag("formula-without-value", "=600+50")}}
    [result] = read_many([path])
    assert result.status == FileStatus.REFUSED
    assert [(p.code, p.sheet, p.cell) for p in result.problems] == [
        ("formula-without-value", FUNDING, "E4")
    ]


def test_a_far_value_in_a_sheet_part_named_bin_is_refused_before_reading(
    tmp_path: Path, hostile_base: Path
) -> None:
    import zipfile

    far = add_rows(b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    with zipfile.ZipFile(hostile_base) as z:
        sheet = far(z.read(SHEET2))
    path = rewrite(
        hostile_base,
        tmp_path / "far.xlsx",
        {RELS: retarget(b"/xl/worksheets/sheet2.bin")},
        extra={"xl/worksheets/sheet2.bin": sheet},
        drop=[SHEET2],
    )
    assert [(p.code, p.sheet, p.cell) for p in preflight(path).problems] == [
        ("sheet-too-large", FUNDING, "XFD1048576")
    ]
    [result] = read_many([path])
    assert [p.code for p in result.problems] == ["sheet-too-large"]  # not read-crashed


def test_parts_whose_names_differ_only_in_case_are_damaged(
    tmp_path: Path, hostile_base: Path
) -> None:
    result = preflight(case_twins(hostile_base, tmp_path / "twins.xlsx"))
    assert [p.code for p in result.problems] == ["damaged-workbook"]
    assert "differ only in case" in (result.problems[0].found_text("en") or "")


def test_a_workbook_part_in_capitals_is_still_a_workbook(
    tmp_path: Path, hostile_base: Path
) -> None:
    import zipfile

    with zipfile.ZipFile(hostile_base) as z:
        workbook = z.read("xl/workbook.xml")
    path = rewrite(
        hostile_base,
        tmp_path / "caps.xlsx",
        extra={"XL/Workbook.xml": workbook},
        drop=["xl/workbook.xml"],
    )
    checked = preflight(path)
    assert (checked.format, checked.problems) == ("xlsx", [])
    [result] = read_many([path])
    assert result.status == FileStatus.ACCEPTED, result.problems


def test_a_zip_with_a_second_end_record_hidden_in_its_comment_is_damaged(
    tmp_path: Path, hostile_base: Path
) -> None:
    # Regression: zipfile read the hidden directory (an untouched workbook) and preflight
    # passed the file; calamine read the real one, whose stray value at XFD1048576 made it
    # abort (read-crashed). A formula without a value would have been read as a blank.
    from hostile_files import two_directories

    path = two_directories(hostile_base, tmp_path / "two.xlsx")
    checked = preflight(path)
    assert [p.code for p in checked.problems] == ["damaged-workbook"]
    assert "two end-of-directory records" in (checked.problems[0].found_text("en") or "")
    [result] = read_many([path])
    assert [p.code for p in result.problems] == ["damaged-workbook"]


@pytest.mark.parametrize("suffix", [".ods", ".xlsx"])
def test_a_file_that_is_both_excel_and_opendocument_is_damaged(
    tmp_path: Path, hostile_base: Path, suffix: str
) -> None:
    # Regression: preflight checked the Excel workbook; named .ods, calamine read the
    # OpenDocument one, whose table reaching WQK1048572 was never checked.
    from hostile_files import excel_and_opendocument

    path = excel_and_opendocument(hostile_base, tmp_path / f"both{suffix}")
    checked = preflight(path)
    assert [p.code for p in checked.problems] == ["damaged-workbook"]
    assert "both an Excel and an OpenDocument workbook" in (
        checked.problems[0].found_text("en") or ""
    )
    [result] = read_many([path])
    assert [p.code for p in result.problems] == ["damaged-workbook"]
