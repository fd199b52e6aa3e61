"""Two files for one province, year and period: a copy counts once, naming the one that
counts; files whose figures differ are both refused, each naming the other."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builders import write_report
from kcstats.model import FileStatus
from kcstats.validate import validate


def statuses(paths: list[Path]) -> dict[str, tuple[str, list[str]]]:
    report = validate(paths)
    return {Path(f.path).name: (f.status.value, [p.code for p in f.problems]) for f in report.files}


def test_identical_file_is_skipped_as_a_copy_naming_the_one_that_counts(tmp_path: Path) -> None:
    first = write_report(tmp_path / "a.xlsx")
    second = Path(shutil.copy(first, tmp_path / "b.xlsx"))
    report = validate([tmp_path])
    assert [(Path(f.path).name, f.status) for f in report.files] == [
        ("a.xlsx", FileStatus.ACCEPTED),
        ("b.xlsx", FileStatus.SKIPPED),
    ]
    copy = report.files[1].problems
    assert [p.code for p in copy] == ["duplicate-copy"]
    assert str(first) in copy[0].message("vi") and str(first) in copy[0].message("en")
    assert report.ok
    assert second.exists()


def test_resaved_copy_with_the_same_figures_is_skipped_as_a_copy(tmp_path: Path) -> None:
    write_report(tmp_path / "a.xlsx")
    write_report(tmp_path / "b.xlsx", title_rows=False, two_row_header=True, use_codes=False)
    assert (tmp_path / "a.xlsx").read_bytes() != (tmp_path / "b.xlsx").read_bytes()
    assert statuses([tmp_path]) == {
        "a.xlsx": ("accepted", []),
        "b.xlsx": ("skipped", ["duplicate-copy"]),
    }


def test_files_with_different_figures_are_both_refused_each_naming_the_other(
    tmp_path: Path,
) -> None:
    a = write_report(tmp_path / "a.xlsx")
    b = write_report(tmp_path / "b.xlsx", funding={"national": (2, 1200, 2, 1150)})
    report = validate([tmp_path])
    assert [f.status for f in report.files] == [FileStatus.REFUSED, FileStatus.REFUSED]
    (pa,), (pb,) = (f.problems for f in report.files)
    assert (pa.code, pb.code) == ("duplicate-conflict", "duplicate-conflict")
    assert str(b) in pa.message("en") and str(a) not in pa.message("en")
    assert str(a) in pb.message("en") and str(b) not in pb.message("en")
    assert "Long An" in pa.message("vi")
    assert not report.ok


def test_reports_of_different_periods_are_not_duplicates(tmp_path: Path) -> None:
    write_report(tmp_path / "a.xlsx", period="6 tháng")
    write_report(tmp_path / "b.xlsx", period="9 tháng")
    write_report(tmp_path / "c.xlsx", province="Tây Ninh")
    assert {status for status, _ in statuses([tmp_path]).values()} == {"accepted"}


def test_old_and_new_spelling_of_one_province_are_one_province(tmp_path: Path) -> None:
    write_report(tmp_path / "a.xlsx", province="Hòa Bình")
    write_report(tmp_path / "b.xlsx", province="Tỉnh Hoà Bình", funding={"national": (1, 1, 1, 1)})
    assert statuses([tmp_path]) == {
        "a.xlsx": ("refused", ["duplicate-conflict"]),
        "b.xlsx": ("refused", ["duplicate-conflict"]),
    }


@pytest.mark.parametrize(
    "copy_name",
    [
        "an-giang (1).xlsx",
        "an-giang - Copy.xlsx",
        "an-giang - Copy (2).xlsx",
        "Copy of an-giang.xlsx",
        "an-giang - bản sao.xlsx",
        "Bản sao của an-giang.xlsx",
    ],
)
def test_of_identical_files_the_one_without_a_copy_marker_counts(
    tmp_path: Path, copy_name: str
) -> None:
    original = write_report(tmp_path / "an-giang.xlsx")
    shutil.copy(original, tmp_path / copy_name)
    assert statuses([tmp_path]) == {
        "an-giang.xlsx": ("accepted", []),
        copy_name: ("skipped", ["duplicate-copy"]),
    }


def test_a_resaved_copy_with_a_copy_marker_is_the_one_skipped(tmp_path: Path) -> None:
    write_report(tmp_path / "an-giang (1).xlsx", title_rows=False, use_codes=False)
    write_report(tmp_path / "an-giang.xlsx")
    assert statuses([tmp_path]) == {
        "an-giang.xlsx": ("accepted", []),
        "an-giang (1).xlsx": ("skipped", ["duplicate-copy"]),
    }


def test_names_that_merely_contain_copy_words_are_ordered_by_path(tmp_path: Path) -> None:
    # "copyright" and a year in brackets inside the name are no copy markers.
    first = write_report(tmp_path / "a (2024) copyright.xlsx")
    shutil.copy(first, tmp_path / "b.xlsx")
    assert statuses([tmp_path]) == {
        "a (2024) copyright.xlsx": ("accepted", []),
        "b.xlsx": ("skipped", ["duplicate-copy"]),
    }
