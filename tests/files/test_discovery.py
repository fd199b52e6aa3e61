"""Folders are searched recursively; lock files, hidden files and folders and other extensions
are skipped and listed with their reason."""

from __future__ import annotations

from pathlib import Path

from kcstats.discover import discover
from kcstats.model import FileStatus


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    return path


def test_folders_are_searched_recursively_and_every_other_file_is_skipped_with_its_reason(
    tmp_path: Path,
) -> None:
    for name in [
        "a.xlsx",
        "~$a.xlsx",
        ".~lock.a.xlsx#",
        ".hidden.xlsx",
        "notes.txt",
        "scan.pdf",
        "sub/b.xlsm",
        "sub/deeper/c.ods",
        "sub/deeper/d.xls",
        "sub/E.XLSX",
        ".git/x.xlsx",
        "sub/.cache/y.xlsx",
    ]:
        touch(tmp_path / name)
    found = discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found.candidates] == [
        "a.xlsx",
        "sub/E.XLSX",
        "sub/b.xlsm",
        "sub/deeper/c.ods",
        "sub/deeper/d.xls",
    ]
    skipped = {
        Path(f.path).relative_to(tmp_path).as_posix(): [p.code for p in f.problems]
        for f in found.skipped
    }
    assert skipped == {
        "~$a.xlsx": ["lock-file"],
        ".~lock.a.xlsx#": ["lock-file"],
        ".hidden.xlsx": ["hidden-file"],
        "notes.txt": ["not-a-report-file"],
        "scan.pdf": ["not-a-report-file"],
        ".git": ["hidden-file"],
        "sub/.cache": ["hidden-file"],
    }
    assert all(f.status == FileStatus.SKIPPED for f in found.skipped)


def test_files_given_by_name_are_classified_like_files_found_in_folders(tmp_path: Path) -> None:
    report, lock = touch(tmp_path / "a.xlsx"), touch(tmp_path / "~$a.xlsx")
    found = discover([report, lock])
    assert found.candidates == [report]
    assert [(f.path, f.problems[0].code) for f in found.skipped] == [(str(lock), "lock-file")]


def test_a_file_given_twice_is_read_once(tmp_path: Path) -> None:
    report = touch(tmp_path / "a.xlsx")
    assert discover([report, tmp_path, tmp_path / "." / "a.xlsx"]).candidates == [report]
