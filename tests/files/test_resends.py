"""Resends: a broken file and its corrected version, and --prefer newer, which settles two
accepted reports by their own date (Ngày lập), never by the files' modification times."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from builders import write_report
from commandline import invoke
from kcstats.merge.api import merge
from kcstats.model import FileStatus
from kcstats.validate import validate

BROKEN = {"national": (2, -1200, 2, 1150), "local": (3, 500, 3, 480)}
FIXED = {"national": (2, 1200, 2, 1150), "local": (3, 500, 3, 480)}
OTHER = {"national": (2, 1200, 2, 1190), "local": (3, 500, 3, 480)}


def dated(path: Path, signed: object, funding: dict[str, tuple[int, ...]]) -> Path:
    """A report whose sheet 'Thông tin' says when it was made (Ngày lập in A10/B10)."""
    extra = {} if signed is None else {"Thông tin": {"A10": "Ngày lập", "B10": signed}}
    return write_report(path, funding=funding, extra=extra)


def by_name(paths: list[Path], **options: bool) -> dict[str, tuple[FileStatus, list[str]]]:
    report = validate(paths, **options)
    return {Path(f.path).name: (f.status, [p.code for p in f.problems]) for f in report.files}


def test_a_broken_file_and_its_corrected_resend_never_conflict(tmp_path: Path) -> None:
    dated(tmp_path / "long-an.xlsx", None, BROKEN)
    fixed = dated(tmp_path / "long-an-ban-sua.xlsx", None, FIXED)
    report = validate([tmp_path])
    files = {Path(f.path).name: f for f in report.files}
    assert files["long-an-ban-sua.xlsx"].status == FileStatus.ACCEPTED
    assert files["long-an-ban-sua.xlsx"].problems == []
    broken = files["long-an.xlsx"]
    assert broken.status == FileStatus.REFUSED
    assert [p.code for p in broken.problems] == ["negative-number", "duplicate-replaced"]
    note = broken.problems[-1]
    assert str(fixed) in note.message("vi") and str(fixed) in note.message("en")


def test_a_broken_file_beside_two_differing_accepted_files_names_none_of_them(
    tmp_path: Path,
) -> None:
    dated(tmp_path / "a.xlsx", None, BROKEN)
    dated(tmp_path / "b.xlsx", None, FIXED)
    dated(tmp_path / "c.xlsx", None, OTHER)
    assert by_name([tmp_path]) == {
        "a.xlsx": (FileStatus.REFUSED, ["negative-number"]),
        "b.xlsx": (FileStatus.REFUSED, ["duplicate-conflict"]),
        "c.xlsx": (FileStatus.REFUSED, ["duplicate-conflict"]),
    }


def test_prefer_newer_counts_the_later_report_and_skips_the_other_as_superseded(
    tmp_path: Path,
) -> None:
    newer = dated(tmp_path / "a.xlsx", "ngày 20 tháng 7 năm 2024", OTHER)
    dated(tmp_path / "b.xlsx", dt.datetime(2024, 7, 8), FIXED)
    report = validate([tmp_path], prefer_newer=True)
    a, b = report.files
    assert a.status == FileStatus.ACCEPTED and a.problems == []
    assert a.report is not None and a.report.report_date == dt.date(2024, 7, 20)
    assert b.status == FileStatus.SKIPPED
    assert [p.code for p in b.problems] == ["duplicate-superseded"]
    assert str(newer) in b.problems[0].message("en")
    assert "2024-07-20" in b.problems[0].message("vi")
    assert report.ok


def test_without_prefer_newer_dated_reports_still_conflict(tmp_path: Path) -> None:
    dated(tmp_path / "a.xlsx", "15/07/2024", OTHER)
    dated(tmp_path / "b.xlsx", "08/07/2024", FIXED)
    assert {s for s, _ in by_name([tmp_path]).values()} == {FileStatus.REFUSED}


def test_prefer_newer_leaves_a_conflict_when_a_date_is_missing_or_shared(tmp_path: Path) -> None:
    undated, same = tmp_path / "undated", tmp_path / "same"
    undated.mkdir()
    same.mkdir()
    dated(undated / "a.xlsx", "15/07/2024", OTHER)
    dated(undated / "b.xlsx", None, FIXED)
    dated(same / "a.xlsx", "15/07/2024", OTHER)
    dated(same / "b.xlsx", dt.datetime(2024, 7, 15), FIXED)
    for folder in (undated, same):
        assert by_name([folder], prefer_newer=True) == {
            "a.xlsx": (FileStatus.REFUSED, ["duplicate-conflict"]),
            "b.xlsx": (FileStatus.REFUSED, ["duplicate-conflict"]),
        }


def test_prefer_newer_never_looks_at_modification_times(tmp_path: Path) -> None:
    older = dated(tmp_path / "a.xlsx", "01/07/2024", OTHER)
    dated(tmp_path / "b.xlsx", "10/07/2024", FIXED)
    # The file with the older Ngày lập was copied last: its modification time is the newer.
    os.utime(older, (2_000_000_000, 2_000_000_000))
    statuses = by_name([tmp_path], prefer_newer=True)
    assert statuses["a.xlsx"] == (FileStatus.SKIPPED, ["duplicate-superseded"])
    assert statuses["b.xlsx"] == (FileStatus.ACCEPTED, [])


def test_an_excel_date_serial_in_ngay_lap_is_a_date(tmp_path: Path) -> None:
    dated(tmp_path / "a.xlsx", 45488, OTHER)  # 15 July 2024 as Excel counts days
    dated(tmp_path / "b.xlsx", "ngày 8 tháng 7 năm 2024", FIXED)
    statuses = by_name([tmp_path], prefer_newer=True)
    assert statuses["a.xlsx"] == (FileStatus.ACCEPTED, [])


def test_prefer_newer_on_the_command_line_for_validate_and_merge(tmp_path: Path) -> None:
    dated(tmp_path / "a.xlsx", "01/07/2024", OTHER)
    dated(tmp_path / "b.xlsx", "10/07/2024", FIXED)
    plain = invoke("validate", tmp_path, "--format", "json")
    assert plain.exit_code == 1
    chosen = invoke("validate", tmp_path, "--format", "json", "--prefer", "newer")
    assert chosen.exit_code == 0, chosen.output
    statuses = {Path(f["path"]).name: f["status"] for f in json.loads(chosen.stdout)["files"]}
    assert statuses == {"a.xlsx": "skipped", "b.xlsx": "accepted"}
    merged = invoke("merge", tmp_path, "--format", "json", "--prefer", "newer")
    assert merged.exit_code == 0, merged.output
    facts = json.loads(merged.stdout)["facts"]
    national = [
        f
        for f in facts
        if f["level"] == "province" and f["measure"] == "funding" and f["source"] == "national"
    ]
    assert [f["actual"] for f in national] == [FIXED["national"][3]]


def test_merge_library_call_takes_prefer_newer(tmp_path: Path) -> None:
    dated(tmp_path / "a.xlsx", "01/07/2024", OTHER)
    dated(tmp_path / "b.xlsx", "10/07/2024", FIXED)
    assert not merge(tmp_path).ok
    assert merge(tmp_path, prefer_newer=True).ok
