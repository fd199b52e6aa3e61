"""Regressions of --annotate: text XML cannot hold (a control character in a file name or a
cell) once failed with an internal error; copies written inside a folder being validated were
read as reports on the next run."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from builders import write_report
from kcstats.annotate import annotate_refused
from kcstats.validate import validate


def test_a_refused_file_named_with_a_control_character_gets_its_marked_copy(
    tmp_path: Path,
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    # OOXML spells a control character _x0001_; calamine decodes it to \x01.
    write_report(reports / "a\x01b.xlsx", province="Nowhere_x0001_land")
    files = validate([reports]).files
    assert [f.status.value for f in files] == ["refused"]

    (copy,) = annotate_refused(files, tmp_path / "marked")

    sheet = openpyxl.load_workbook(copy)["Lỗi"]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("Nowhere\ufffdland" in text for text in texts)
    assert not any("\x01" in text for text in texts)


def test_marked_copies_are_not_written_inside_a_folder_being_validated(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kcstats.cli import app

    reports = tmp_path / "reports"
    reports.mkdir()
    write_report(reports / "refused.xlsx", year=1999)
    done = CliRunner().invoke(app, ["validate", str(reports), "--annotate", str(reports / "loi")])
    assert done.exit_code == 2, done.output
    assert not (reports / "loi").exists()
