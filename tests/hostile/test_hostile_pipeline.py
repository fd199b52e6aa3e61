"""Every danger of "Reading untrusted files safely", through the real commands.

Each danger's file sits in a folder beside a good report: `kcstats validate DIR --format
json` and `kcstats merge DIR --format json` refuse it with its code (or read it, for the
files that must be read), and the good report is accepted with its exact figures, without
a traceback. The installed command is run too, with every danger in one folder, under a
memory cap and a timeout (see hostile_run).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hostile_run import (
    GOOD_NAME,
    HOSTILE_FACTS,
    assert_catalogued,
    assert_good_accepted,
    assert_good_facts,
    by_name,
    codes,
    document,
    invoke,
    no_traceback,
    province_facts,
    run_bounded,
)

from hostile_files import DANGERS, HIDDEN_SHEET, HOSTILE_PROVINCE, Danger


def expected_exit(danger: Danger) -> int:
    return 1 if danger.outcome == "refused" else 0


def check_hostile_entry(danger: Danger, entry: dict[str, Any]) -> None:
    assert entry["status"] == danger.outcome, entry
    assert_catalogued(entry)
    if danger.outcome == "refused":
        assert set(codes(entry)) == {danger.code}, entry
        assert all(p["severity"] == "error" for p in entry["problems"])
    else:
        assert codes(entry) == ([danger.code] if danger.code else []), entry


def check_files(doc: dict[str, Any], folder: Path, dangers: tuple[Danger, ...]) -> None:
    entries = by_name(doc)
    assert set(entries) == {GOOD_NAME, *(d.file_name for d in dangers)}
    assert_good_accepted(entries[GOOD_NAME], folder)
    for danger in dangers:
        check_hostile_entry(danger, entries[danger.file_name])


def check_facts(doc: dict[str, Any], dangers: tuple[Danger, ...]) -> None:
    assert_good_facts(doc)
    for danger in dangers:
        if danger.outcome == "accepted":
            assert danger.province is not None
            assert province_facts(doc, danger.province) == HOSTILE_FACTS
        else:  # no refused file's figures are counted
            assert province_facts(doc, danger.province or HOSTILE_PROVINCE) == {}


@pytest.mark.parametrize("danger", DANGERS, ids=lambda d: d.name)
def test_validate_answers_each_danger_and_keeps_the_good_report(
    danger: Danger, corpus: dict[str, Path]
) -> None:
    folder = corpus[danger.name]
    result = invoke("validate", folder, "--format", "json")
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == expected_exit(danger), result.output
    check_files(document(result.stdout), folder, (danger,))


@pytest.mark.parametrize("danger", DANGERS, ids=lambda d: d.name)
def test_merge_answers_each_danger_and_counts_the_good_report(
    danger: Danger, corpus: dict[str, Path]
) -> None:
    folder = corpus[danger.name]
    result = invoke("merge", folder, "--format", "json")
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == expected_exit(danger), result.output
    doc = document(result.stdout)
    check_files(doc, folder, (danger,))
    check_facts(doc, (danger,))


def test_a_hidden_sheet_is_named_in_the_warning(corpus: dict[str, Path]) -> None:
    result = invoke("validate", corpus["hidden-sheet"], "--format", "json", "--lang", "en")
    [warning] = by_name(document(result.stdout))["hidden-sheet.xlsx"]["problems"]
    assert (warning["sheet"], warning["severity"]) == (HIDDEN_SHEET, "warning")
    assert HIDDEN_SHEET in warning["message"]


def test_the_installed_command_validates_every_danger_in_one_folder(mixed_folder: Path) -> None:
    done = run_bounded("validate", ".", "--format", "json", cwd=mixed_folder)
    no_traceback(done.stdout, done.stderr)
    assert done.returncode == 1, done.stderr
    check_files(document(done.stdout), mixed_folder, DANGERS)


def test_the_installed_command_merges_the_good_reports_beside_every_danger(
    mixed_folder: Path,
) -> None:
    done = run_bounded("merge", ".", "--format", "json", cwd=mixed_folder)
    no_traceback(done.stdout, done.stderr)
    assert done.returncode == 1, done.stderr
    doc = document(done.stdout)
    check_files(doc, mixed_folder, DANGERS)
    check_facts(doc, DANGERS)


def test_the_installed_command_shows_tables_without_a_traceback(mixed_folder: Path) -> None:
    # The human views (rich tables on stdout, refused files on stderr) of the same folder.
    for command in ("validate", "merge"):
        done = run_bounded(command, ".", "--lang", "en", cwd=mixed_folder)
        no_traceback(done.stdout, done.stderr)
        assert done.returncode == 1, done.stderr
        for danger in DANGERS:
            if danger.outcome == "refused":
                assert danger.file_name in done.stdout + done.stderr, command


def test_marked_copies_of_every_refused_danger_are_written(
    mixed_folder: Path, tmp_path: Path
) -> None:
    # A marked copy is opened by openpyxl only when preflight finds the file safe to open;
    # the others get the problem list alone. Either way, one file per refused file.
    out = tmp_path / "marked"
    result = invoke("validate", mixed_folder, "--annotate", out)
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 1, result.output
    refused = [d for d in DANGERS if d.outcome == "refused"]
    assert len(list(out.iterdir())) == len(refused)
