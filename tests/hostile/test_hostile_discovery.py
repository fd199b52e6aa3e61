"""Regression: files that are not files. A FIFO named report.xlsx used to hang kcstats for
good (opening it blocks until someone writes to it: the worker was stopped after the read
timeout, then the parent blocked on it in turn while hashing it for the refusal), and a
link to /dev/zero read for ever the same way. Such paths are skipped, never opened. A
symbolic link to a folder is listed as skipped rather than dropped without a word (and it
is not followed: it could lead anywhere, even back up the tree)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile_run import GOOD_NAME, by_name, codes, document, invoke, run_bounded, write_good_report

from kcstats.discover import discover

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")


def test_a_fifo_named_like_a_report_is_skipped_not_read(tmp_path: Path) -> None:
    write_good_report(tmp_path)
    os.mkfifo(tmp_path / "pipe.xlsx")
    os.symlink("/dev/zero", tmp_path / "zero.xlsx")
    done = run_bounded("validate", ".", "--format", "json", cwd=tmp_path)  # no hang
    assert done.returncode == 0, done.stderr
    entries = by_name(document(done.stdout))
    assert entries[GOOD_NAME]["status"] == "accepted"
    for name in ("pipe.xlsx", "zero.xlsx"):
        assert entries[name]["status"] == "skipped"
        assert codes(entries[name]) == ["not-a-report-file"]


def test_a_fifo_given_by_name_is_skipped(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.xlsx")
    result = invoke("validate", tmp_path / "pipe.xlsx", "--format", "json")
    assert result.exit_code == 1, result.output  # skipped, and no report found (outputs.md)
    [entry] = document(result.stdout)["files"]
    assert (entry["status"], codes(entry)) == ("skipped", ["not-a-report-file"])


def test_a_linked_folder_is_listed_as_skipped_and_not_followed(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    elsewhere = tmp_path / "elsewhere"
    reports.mkdir()
    elsewhere.mkdir()
    write_good_report(reports)
    write_good_report(elsewhere)
    (reports / "linked").symlink_to(elsewhere, target_is_directory=True)
    (reports / "loop").symlink_to(reports, target_is_directory=True)
    found = discover([reports])
    assert found.candidates == [reports / GOOD_NAME]
    assert sorted((Path(f.path).name, f.problems[0].code) for f in found.skipped) == [
        ("linked", "not-a-report-file"),
        ("loop", "not-a-report-file"),
    ]
    # Given by name, a linked folder is read: the user chose it.
    assert discover([reports / "linked"]).candidates == [reports / "linked" / GOOD_NAME]


def test_a_dangling_link_is_read_and_refused_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "gone.xlsx").symlink_to(tmp_path / "nowhere.xlsx")
    result = invoke("validate", tmp_path, "--format", "json")
    assert result.exit_code == 1, result.output
    [entry] = document(result.stdout)["files"]
    assert (entry["status"], codes(entry)) == ("refused", ["damaged-workbook"])
