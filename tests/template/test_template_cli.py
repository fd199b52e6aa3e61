"""kcstats template on the command line: exit 0 with the paths written, exit 2 with a clear
message for what cannot make a template."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from template_filling import fact_cell
from typer.testing import CliRunner

from kcstats.cli import app


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["template", *args])
    return result.exit_code, result.stdout, result.stderr


def test_template_command_writes_the_file_and_prints_its_path(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.xlsx"
    code, out, _ = run(
        "-o", str(target), "--province", "Long An", "--year", "2024", "--period", "H1"
    )
    assert code == 0
    assert out.strip() == str(target)
    assert fact_cell(openpyxl.load_workbook(target), "province").value == "Long An"


def test_abolished_province_exits_2_naming_the_successor(tmp_path: Path) -> None:
    code, out, err = run(
        "-o", str(tmp_path / "t.xlsx"), "--province", "Long An", "--year", "2025", "--period", "FY"
    )
    assert code == 2
    assert "Tây Ninh" in err and out == ""
    assert not (tmp_path / "t.xlsx").exists()


def test_abolished_province_message_follows_the_language(tmp_path: Path) -> None:
    code, _, err = run(
        "-o",
        str(tmp_path / "t.xlsx"),
        "--province",
        "Long An",
        "--year",
        "2025",
        "--period",
        "FY",
        "--lang",
        "en",
    )
    assert code == 2 and "merged into Tây Ninh on 1 July 2025" in err


def test_all_with_a_region_writes_files_named_by_province_year_and_period(
    tmp_path: Path,
) -> None:
    code, out, _ = run(
        "--all", "--year", "2024", "--period", "FY", "--region", "Nam", "-o", str(tmp_path / "mau")
    )
    assert code == 0
    names = sorted(p.name for p in (tmp_path / "mau").iterdir())
    assert len(names) == 20
    assert "long-an-2024-fy.xlsx" in names and "ho-chi-minh-2024-fy.xlsx" in names
    assert len(out.splitlines()) == 20


def test_all_without_a_period_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("--all", "--year", "2024", "-o", str(tmp_path))
    assert code == 2 and "--period" in err


def test_region_without_all_is_a_usage_error(tmp_path: Path) -> None:
    code, _, _ = run("--region", "Nam", "-o", str(tmp_path / "t.xlsx"))
    assert code == 2
    assert not (tmp_path / "t.xlsx").exists()


def test_existing_file_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    target.write_bytes(b"someone's report")
    code, _, err = run("-o", str(target))
    assert code == 2 and "--force" in err
    assert target.read_bytes() == b"someone's report"
    code, _, _ = run("-o", str(target), "--force")
    assert code == 0 and target.read_bytes() != b"someone's report"


def test_output_must_be_an_xlsx_file(tmp_path: Path) -> None:
    code, _, err = run("-o", str(tmp_path / "t.xls"))
    assert code == 2 and ".xlsx" in err
