"""kcstats validate --annotate DIR: the marked copies are written after validation, their paths
go to stderr, and stdout and the exit status stay what validation says."""

from __future__ import annotations

import json
from pathlib import Path

from annotate_files import sha256, write_broken
from typer.testing import CliRunner

from builders import write_report
from kcstats.cli import app


def validate(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["validate", *args])
    return result.exit_code, result.stdout, result.stderr


def test_annotate_writes_a_copy_of_each_refused_file_and_names_it(tmp_path: Path) -> None:
    inputs = write_broken(tmp_path / "inbox")
    code, _, err = validate(str(tmp_path / "inbox"), "--annotate", str(tmp_path / "loi"))
    assert code == 1
    written = sorted(p.name for p in (tmp_path / "loi").iterdir())
    assert written == sorted(p.name for p in inputs)
    named = [
        line.removeprefix("Bản đánh dấu lỗi: ")
        for line in err.splitlines()
        if line.startswith("Bản đánh dấu lỗi: ")
    ]
    assert sorted(Path(line).name for line in named) == written


def test_json_output_stays_json_when_annotating(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    path = write_report(tmp_path / "inbox" / "a.xlsx", funding={"national": (1, -1, 1, 1)})
    code, out, _ = validate(str(path), "--format", "json", "--annotate", str(tmp_path / "loi"))
    assert code == 1
    assert json.loads(out)["files"][0]["status"] == "refused"
    assert (tmp_path / "loi" / "a.xlsx").exists()


def test_nothing_is_written_when_every_file_is_accepted(tmp_path: Path) -> None:
    path = write_report(tmp_path / "a.xlsx")
    code, _, _ = validate(str(path), "--annotate", str(tmp_path / "loi"))
    assert code == 0
    assert list((tmp_path / "loi").iterdir()) == []


def test_annotating_into_the_folder_of_the_originals_exits_2_and_touches_nothing(
    tmp_path: Path,
) -> None:
    path = write_report(tmp_path / "a.xlsx", funding={"national": (1, -1, 1, 1)})
    before = sha256(path)
    code, _, err = validate(str(path), "--annotate", str(tmp_path))
    assert code == 2 and "chứa tệp gốc" in err
    assert sha256(path) == before and [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]
