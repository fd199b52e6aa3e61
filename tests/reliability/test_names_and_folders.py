"""Issue 17, items 1, 2 and 11: a symlink loop, a file name that is not UTF-8 and a folder
that cannot be entered are each listed with the reason, and the run goes on."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from hostile.hostile_run import (
    GOOD_NAME,
    assert_good_accepted,
    assert_good_facts,
    by_name,
    codes,
    document,
    invoke,
    no_traceback,
    write_good_report,
)
from kcstats.cli import app

LATIN1_NAME = os.fsdecode(b"b\xe1o c\xe1o.xlsx")  # 'báo cáo' written by an old mail client
SHOWN_NAME = "b\\xe1o c\\xe1o.xlsx"


def test_a_symlink_loop_beside_a_good_report_is_refused_and_the_run_finishes(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_good_report(inbox)
    (inbox / "loop.xlsx").symlink_to("loop.xlsx")
    (inbox / "a.xlsx").symlink_to("b.xlsx")
    (inbox / "b.xlsx").symlink_to("a.xlsx")

    result = invoke("validate", inbox, "--format", "json")
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 1, result.output
    files = by_name(document(result.stdout))
    assert_good_accepted(files[GOOD_NAME], inbox)
    for name in ("loop.xlsx", "a.xlsx", "b.xlsx"):
        assert (files[name]["status"], codes(files[name])) == ("refused", ["damaged-workbook"])

    out = tmp_path / "out.json"
    merged = invoke("merge", inbox, "-o", out)
    no_traceback(merged.stdout, merged.stderr)
    assert merged.exit_code == 1, merged.output
    assert_good_facts(document(out.read_text(encoding="utf-8")))


@pytest.fixture
def latin1_inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    try:
        write_good_report(inbox)
        os.replace(inbox / GOOD_NAME, inbox / LATIN1_NAME)
    except (UnicodeEncodeError, OSError) as error:  # a file system that holds UTF-8 only
        pytest.skip(f"this file system cannot hold a Latin-1 name: {error}")
    return inbox


def test_a_report_whose_name_is_not_utf8_is_read_and_shown_with_its_bytes_escaped(
    latin1_inbox: Path,
) -> None:
    result = invoke("validate", latin1_inbox, "--format", "json")
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 0, result.output
    [entry] = document(result.stdout)["files"]
    assert entry["status"] == "accepted", entry
    assert entry["path"] == str(latin1_inbox / SHOWN_NAME)

    # A terminal wide enough for the whole path on one line: the name, not the layout, is
    # what this test is about.
    table = CliRunner().invoke(app, ["validate", str(latin1_inbox)], env={"COLUMNS": "250"})
    assert table.exit_code == 0, table.output
    assert SHOWN_NAME in table.stdout


@pytest.mark.parametrize("suffix", [".json", ".xlsx", ".csv", ".md"])
def test_a_merge_of_a_report_whose_name_is_not_utf8_writes_every_format(
    latin1_inbox: Path, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"out{suffix}"
    result = invoke("merge", latin1_inbox, "-o", out)
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 0, result.output
    if suffix == ".json":
        doc = document(out.read_text(encoding="utf-8"))
        assert [f["path"] for f in doc["files"]] == [str(latin1_inbox / SHOWN_NAME)]
        assert_good_facts(doc)
    elif suffix == ".xlsx":
        texts = [
            str(cell)
            for sheet in load_workbook(out, read_only=True).worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if isinstance(cell, str)
        ]
        assert any(text.endswith(SHOWN_NAME) for text in texts)
    else:  # these list no accepted file: they must still be written, and valid UTF-8
        assert "2024" in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# A folder that cannot be entered


NOBODY = 65534


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user can reach (pytest's own folder is its owner's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="kcstats-test-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _discovered_as_another_user(folder: Path) -> list[tuple[str, str, list[str]]]:
    """What discover(folder) finds for a user who owns nothing here: as root, in a forked
    child with its privileges dropped (root itself enters any folder); otherwise as we are.
    Each file as (path, status, problem codes)."""
    from kcstats.discover import discover

    def found() -> list[tuple[str, str, list[str]]]:
        seen = discover([folder])
        return [(str(p), "candidate", []) for p in seen.candidates] + [
            (r.path, r.status.value, [p.code for p in r.problems]) for r in seen.skipped
        ]

    if os.geteuid() != 0:
        return found()
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's coverage is not collected
        try:
            os.close(reading)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            os.write(writing, json.dumps(found()).encode())
        finally:
            os._exit(0)
    os.close(writing)
    with os.fdopen(reading, "rb") as answer:
        text = answer.read()
    os.waitpid(child, 0)
    return [(path, status, problems) for path, status, problems in json.loads(text)]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_an_unreadable_subfolder_is_refused_by_name_not_skipped_silently(
    shared_folder: Path,
) -> None:
    inbox = shared_folder / "inbox"
    (inbox / "sub").mkdir(parents=True)
    write_good_report(inbox)
    write_good_report(inbox / "sub")
    (inbox / "sub").chmod(0)
    try:
        found = _discovered_as_another_user(inbox)
    finally:
        (inbox / "sub").chmod(0o755)
    assert found == [
        (str(inbox / GOOD_NAME), "candidate", []),
        (str(inbox / "sub"), "refused", ["folder-unreadable"]),
    ]


def test_a_folder_that_cannot_be_listed_is_refused_and_the_reports_beside_are_read(
    tmp_path: Path,
) -> None:
    """A folder the walk cannot list, for a reason root meets too: its path is longer than
    the system takes (PATH_MAX), so listing it fails with 'File name too long'."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_good_report(inbox)
    deep = _too_deep(inbox / "deep")
    result = invoke("validate", inbox, "--format", "json")
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 1, result.output
    files = by_name(document(result.stdout))
    assert_good_accepted(files[GOOD_NAME], inbox)
    [unreadable] = [f for f in files.values() if f["status"] == "refused"]
    assert codes(unreadable) == ["folder-unreadable"]
    assert deep.startswith(unreadable["path"])


def _too_deep(top: Path) -> str:
    """Nested folders, each made relative to the last (no path too long is ever given),
    until their full path passes PATH_MAX; the full path of the deepest."""
    top.mkdir()
    name = "d" * 200
    fd = os.open(top, os.O_RDONLY)
    path = str(top)
    try:
        while len(path) < 4200:
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
            path += "/" + name
    finally:
        os.close(fd)
    return path


def test_an_output_named_with_latin1_bytes_is_written_and_named_with_them_escaped(
    latin1_inbox: Path, tmp_path: Path
) -> None:
    out = tmp_path / os.fsdecode(b"t\xf4ng h\xf4p.json")
    result = invoke("merge", latin1_inbox, "-o", out)
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 0, result.output
    assert_good_facts(document(out.read_text(encoding="utf-8")))
    assert "t\\xf4ng h\\xf4p.json" in result.stderr
