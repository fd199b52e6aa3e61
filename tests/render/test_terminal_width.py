"""The merge's tables fit the terminal: at 80 columns every line of every default table (and of
--by province) is at most 80 characters, a table too wide cut into parts at its groups of
columns; at 200 columns the same tables are drawn whole, wider."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

import kcstats
from commandline import run_installed
from kcstats.cli import app
from kcstats.export.view_options import ViewOptions
from kcstats.merge import MergeResult
from kcstats.render.merge import render_merge

SAMPLE_DATA = Path(__file__).parents[2] / "sample_data"
FOLDERS = sorted(p.name for p in SAMPLE_DATA.iterdir() if p.is_dir())


def merge_at(columns: int, *args: str | Path) -> Result:
    return CliRunner().invoke(app, ["merge", *map(str, args)], env={"COLUMNS": str(columns)})


def widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


@cache
def merged(folder: str) -> MergeResult:
    return kcstats.merge(SAMPLE_DATA / folder)


def test_every_sample_folder_is_tried() -> None:
    assert {"south-2012-2014", "north-2024-h1-two-formats", "national-2021"} <= set(FOLDERS)


@pytest.mark.parametrize("folder", FOLDERS)
def test_at_80_columns_every_line_of_the_default_view_fits(folder: str) -> None:
    done = merge_at(80, SAMPLE_DATA / folder)
    assert done.exit_code in (0, 1), done.output
    assert "Kinh phí khuyến công theo vùng" in done.stdout
    assert widest(done.stdout) <= 80


@pytest.mark.parametrize("folder", ["south-2012-2014", "north-2024-h1-two-formats"])
def test_at_80_columns_the_tables_by_province_fit_too(folder: str) -> None:
    done = merge_at(80, SAMPLE_DATA / folder, "--by", "province", "--money-unit", "triệu")
    assert done.exit_code == 0, done.output
    assert "Kinh phí khuyến công theo tỉnh" in done.stdout
    assert widest(done.stdout) <= 80


@pytest.mark.parametrize("folder", FOLDERS)
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("unit", ["ty", "trieu"])
@pytest.mark.parametrize("by_province", [False, True])
def test_every_table_fits_80_columns_in_either_language_and_unit(
    folder: str, lang: str, unit: str, by_province: bool
) -> None:
    out = io.StringIO()
    console = Console(file=out, width=80, color_system=None)
    view = ViewOptions(lang=lang, unit=unit, by_province=by_province)  # type: ignore[arg-type]
    render_merge(merged(folder), view, console=console)
    assert widest(out.getvalue()) <= 80


def test_a_table_too_wide_is_cut_into_parts_that_each_name_the_places() -> None:
    done = merge_at(80, SAMPLE_DATA / "national-2021", "--money-unit", "trieu")
    out = done.stdout
    title = "Kinh phí khuyến công theo vùng, Cả năm 2021 (triệu đồng)"
    assert out.count(title) >= 2
    assert f"{title} (tiếp)" in out
    # Each part has the regions and the total, and between them every column of the table.
    parts = out.split(title)[1:]
    for part in parts:
        assert "Miền Trung - Tây Nguyên" in part and "Tổng cộng" in part
    headings = ("KCQG TH", "KCĐP TH", "Tổng KH", "Tổng TH", "Vốn đối ứng TH", "Đề án TH")
    for heading in headings:
        assert any(heading in part for part in parts), heading


def test_at_200_columns_the_wider_layout_is_used() -> None:
    narrow = merge_at(80, SAMPLE_DATA / "south-2012-2014").stdout
    wide = merge_at(200, SAMPLE_DATA / "south-2012-2014").stdout
    assert "(tiếp)" in narrow and "(tiếp)" not in wide  # whole tables: fewer, wider
    assert 80 < widest(wide) <= 200
    funding = next(line for line in wide.splitlines() if line.strip().startswith("Vùng"))
    for heading in ("Báo cáo", "KCQG TH", "KCĐP TH", "Tổng KH", "Vốn đối ứng TH", "Đề án TH"):
        assert heading in funding  # the whole funding table on one heading line
    assert len(wide.splitlines()) < len(narrow.splitlines())


def test_a_file_or_pipe_without_columns_gets_160() -> None:
    unset = {"COLUMNS": None}  # as a file or a pipe gets it, whatever runs the tests
    done = CliRunner().invoke(app, ["merge", str(SAMPLE_DATA / "south-2012-2014")], env=unset)
    assert "(tiếp)" not in done.stdout
    assert 80 < widest(done.stdout) <= 160


def test_the_installed_command_fits_80_columns(tmp_path: Path) -> None:
    folder = SAMPLE_DATA / "north-2024-h1-two-formats"
    done = run_installed("merge", folder, cwd=tmp_path, env={"COLUMNS": "80"})
    assert done.returncode == 0, done.stderr
    assert "Tăng trưởng 6 tháng 2024 so với 6 tháng 2023 (tỷ đồng)" in done.stdout
    assert widest(done.stdout) <= 80
    wide = run_installed("merge", folder, cwd=tmp_path, env={"COLUMNS": "200"})
    assert widest(wide.stdout) > 80 and "(tiếp)" not in wide.stdout
