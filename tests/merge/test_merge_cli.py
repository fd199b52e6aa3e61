"""kcstats merge on the command line: exit status, formats, output files, plan checks, regions."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from merge_helpers import invoke, report

import kcstats
from kcstats.catalog import load_catalogue
from kcstats.export.jsondoc import dumps


@pytest.fixture
def good(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    # Long An spends 90% of its plan, Tiền Giang 50%, Hà Nội 120%.
    report(folder, "a.xlsx", province="Long An", funding={"national": (1, 100, 1, 90)})
    report(folder, "b.xlsx", province="Tiền Giang", funding={"local": (1, 200, 1, 100)})
    report(folder, "c.xlsx", province="Hà Nội", funding={"national": (1, 50, 1, 60)})
    return folder


def test_every_report_accepted_exits_0_and_shows_regional_totals(good: Path) -> None:
    done = invoke("merge", good)
    assert done.exit_code == 0, done.output
    out = done.stdout
    assert "Kinh phí khuyến công theo vùng, 6 tháng 2024 (tỷ đồng)" in out
    assert "Tổng cộng" in out and "3/63" in out
    assert "0,190" in out  # Nam: 90 + 100 triệu = 0,190 tỷ đồng
    assert "Tỉnh chưa có báo cáo" in out
    assert "3 báo cáo được chấp nhận, 0 bị từ chối, 0 bỏ qua." in done.stderr
    assert "báo cáo được chấp nhận" not in out


def test_a_refused_file_exits_1_and_is_listed_on_stderr(good: Path) -> None:
    report(good, "bad.xlsx", province="Cần Thơ", funding={"national": (1, "1.5", 1, 1)})
    (good / "readme.txt").write_text("x", encoding="utf-8")
    done = invoke("merge", good)
    assert done.exit_code == 1
    assert "bad.xlsx" in done.stderr and "readme.txt" in done.stderr
    assert "bad.xlsx" not in done.stdout
    assert "1 bị từ chối, 1 bỏ qua" in done.stderr


def test_usage_errors_exit_2(good: Path, tmp_path: Path) -> None:
    assert invoke("merge", good, "--no-such-option").exit_code == 2
    assert invoke("merge", tmp_path / "nowhere").exit_code == 2
    assert invoke("merge", good, "--format", "xml").exit_code == 2
    assert invoke("merge", good, "--regions", "planets").exit_code == 2
    assert invoke("merge", good, "--min-pct", "90", "--max-pct", "80").exit_code == 2
    assert invoke("merge", good, "-o", tmp_path / "out.txt").exit_code == 2
    assert invoke("merge", good, "-o", tmp_path / "out.csv", "--format", "json").exit_code == 2
    (tmp_path / "a-file").write_text("x")
    assert invoke("merge", good, "-o", tmp_path / "a-file" / "out.json").exit_code == 2


def test_plan_checks_list_what_is_outside_and_exit_1(good: Path) -> None:
    done = invoke("merge", good, "--min-pct", "80", "--max-pct", "110", "--by", "province")
    assert done.exit_code == 1
    out = done.stdout
    assert "ngoài khoảng [80%, 110%]" in out
    flagged = out[out.index("ngoài khoảng") :]
    assert "Tiền Giang" in flagged and "dưới 80%" in flagged
    assert "Hà Nội" in flagged and "trên 110%" in flagged
    assert "Long An" not in flagged
    assert "Bắc" in flagged  # the region of Hà Nội is above too
    assert invoke("merge", good, "--min-pct", "50", "--max-pct", "120").exit_code == 0
    # Exactly on the bound passes; the comparison is exact, not on a rounded percent.
    assert invoke("merge", good, "--min-pct", "50.0001").exit_code == 1


def test_plan_checks_in_json_mode_go_to_stderr(good: Path) -> None:
    done = invoke("merge", good, "--format", "json", "--max-pct", "110")
    assert done.exit_code == 1
    json.loads(done.stdout)
    assert "Hà Nội" in done.stderr


def test_the_cli_json_is_the_library_result(good: Path) -> None:
    report(good, "bad.xlsx", province="Nowhere")
    done = invoke("merge", good, "--format", "json")
    assert done.exit_code == 1
    library = kcstats.merge(good)
    assert json.loads(done.stdout, parse_float=Decimal) == json.loads(
        dumps(library.as_dict("vi")), parse_float=Decimal
    )
    english = invoke("merge", good, "--format", "json", "--lang", "en")
    assert json.loads(english.stdout, parse_float=Decimal) == json.loads(
        dumps(library.as_dict("en")), parse_float=Decimal
    )
    assert done.stderr == ""  # the document lists the files itself


def test_csv_to_stdout_and_files_of_every_format(good: Path, tmp_path: Path) -> None:
    done = invoke("merge", good, "--format", "csv")
    assert done.exit_code == 0
    assert done.stdout_bytes.startswith("\ufeff".encode())
    assert done.stdout_bytes.decode("utf-8-sig").startswith("level,region,province,year,")
    growth = invoke("merge", good, "--format", "csv", "--table", "growth")
    assert growth.stdout_bytes.decode("utf-8-sig").strip() == (
        "level,region,province,period,measure,source,activity,base_year,target_year,basis,base,"
        "target,change,pct_change,base_from"
    )
    out = tmp_path / "out"
    out.mkdir()
    for name in ("facts.csv", "doc.json", "tables.md", "summary.xlsx"):
        written = invoke("merge", good, "-o", out / name)
        assert written.exit_code == 0, written.output
        assert written.stdout == ""  # the file, and one line saying what was written
        assert written.stderr == (
            f"Đã ghi {out / name}. 3 báo cáo được chấp nhận, 0 bị từ chối, 0 bỏ qua.\n"
        )
    assert (out / "facts.csv").read_bytes() == done.stdout_bytes
    document = json.loads((out / "doc.json").read_text(encoding="utf-8"))
    assert set(document) == {"files", "facts", "growth", "missing"}
    assert (out / "tables.md").read_text(encoding="utf-8").startswith("### Kinh phí")
    assert openpyxl.load_workbook(out / "summary.xlsx").sheetnames[0] == "Tổng hợp vùng"
    assert sorted(p.name for p in out.iterdir()) == [
        "doc.json",
        "facts.csv",
        "summary.xlsx",
        "tables.md",
    ]
    explicit = invoke("merge", good, "--format", "json", "-o", out / "doc.txt")
    assert explicit.exit_code == 0
    assert json.loads((out / "doc.txt").read_text(encoding="utf-8")) == document
    table = pd.read_csv(out / "facts.csv", dtype=str, encoding="utf-8-sig")
    assert len(table) == len(document["facts"])


def test_markdown_to_stdout(good: Path) -> None:
    done = invoke("merge", good, "--format", "md", "--money-unit", "trieu", "--lang", "en")
    assert done.exit_code == 0
    assert "### Khuyến công funding by region, First half 2024 (triệu đồng)" in done.stdout
    assert "| Nam | 2/20 | 90 |" in done.stdout


def test_an_output_that_is_an_input_is_refused(good: Path, tmp_path: Path) -> None:
    target = good / "a.xlsx"
    before = target.read_bytes()
    done = invoke("merge", target, good / "b.xlsx", "-o", target, "--force", "--lang", "en")
    assert done.exit_code == 2
    assert "is one of the inputs" in done.output
    assert target.read_bytes() == before
    # Through another spelling of the same path, and inside an input folder.
    assert invoke("merge", good, "-o", good / "sub" / ".." / "a.xlsx", "--force").exit_code == 2
    inside = invoke("merge", good, "-o", good / "summary.xlsx")
    assert inside.exit_code == 2 and "nằm trong thư mục đầu vào" in inside.output
    assert not (good / "summary.xlsx").exists()
    # A JSON document beside the reports is never read as a report: allowed.
    assert invoke("merge", good, "-o", good / "merged.json").exit_code == 0
    assert invoke("merge", good, "-o", good / "merged.json", "--force").exit_code == 0


def test_regions_socioeconomic(good: Path) -> None:
    done = invoke("merge", good, "--regions", "socioeconomic", "--format", "json")
    assert done.exit_code == 0
    regions = {f["region"] for f in json.loads(done.stdout)["facts"] if f["level"] == "region"}
    assert regions == {"Đồng bằng sông Cửu Long", "Đồng bằng sông Hồng"}
    human = invoke("merge", good, "--regions", "socioeconomic")
    assert "Đồng bằng sông Cửu Long" in human.stdout and "2/13" in human.stdout


def test_regions_from_a_csv_file(good: Path, tmp_path: Path) -> None:
    table = tmp_path / "regions.csv"
    lines = ["province,region"] + [
        f"{p.name},{'Một' if p.name in ('Long An', 'Hà Nội') else 'Hai'}"
        for p in load_catalogue().provinces_of("63")
    ]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = invoke("merge", good, "--regions", table, "--format", "json")
    assert done.exit_code == 0, done.output
    facts = json.loads(done.stdout)["facts"]
    one = [f for f in facts if f["level"] == "region" and f["region"] == "Một"]
    assert one and all(f["expected"] == 2 for f in one)
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("province,region\nAtlantis,Một\n", encoding="utf-8")
    refused = invoke("merge", good, "--regions", unknown, "--lang", "en")
    assert refused.exit_code == 2 and 'unknown province "Atlantis"' in refused.output
    in_vietnamese = invoke("merge", good, "--regions", unknown)
    assert 'không nhận ra tỉnh "Atlantis"' in in_vietnamese.output
    assert "unknown province" not in in_vietnamese.output
    partial = tmp_path / "partial.csv"
    partial.write_text("province,region\nLong An,Một\n", encoding="utf-8")
    moved = invoke("merge", good, "--regions", partial, "--format", "json")
    assert moved.exit_code == 0, moved.output
    regions = {
        (f["region"], f["expected"])
        for f in json.loads(moved.stdout)["facts"]
        if f["level"] == "region" and f["measure"] == "funding"
    }
    assert regions == {("Một", 1), ("Nam", 19), ("Bắc", 28)}


def test_english_headings_and_money_in_trieu(good: Path) -> None:
    done = invoke("merge", good, "--lang", "en", "--money-unit", "trieu", "--by", "province")
    assert done.exit_code == 0
    assert "Khuyến công funding by province, First half 2024 (triệu đồng)" in done.stdout
    assert "Provinces without a report" in done.stdout
    assert "190" in done.stdout and "Nam total" in done.stdout
    assert "3 reports accepted, 0 refused, 0 skipped." in done.stderr


def test_merge_help_imports_neither_pandas_nor_openpyxl(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from kcstats.cli import app\n"
        "from typer.testing import CliRunner\n"
        "r = CliRunner().invoke(app, ['merge', '--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = {'pandas', 'openpyxl', 'numpy'} & {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_names_from_the_inputs_are_never_terminal_markup(good: Path, tmp_path: Path) -> None:
    table = tmp_path / "regions.csv"
    lines = ["province,region"] + [
        f"{p.name},[bold red]Vùng[/bold red]" for p in load_catalogue().provinces_of("63")
    ]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = invoke("merge", good, "--regions", table, "--by", "province")
    assert done.exit_code == 0, done.output
    assert "[bold red]Vùng[/bold red]" in done.stdout


def test_nothing_accepted_still_gives_every_output(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    report(folder, "bad.xlsx", province="Nowhere")
    out = tmp_path / "out"
    out.mkdir()
    document = invoke("merge", folder, "--format", "json")
    assert document.exit_code == 1
    assert json.loads(document.stdout)["facts"] == []
    human = invoke("merge", folder)
    assert "Không có báo cáo nào được chấp nhận." in human.stdout
    assert invoke("merge", folder, "-o", out / "s.xlsx").exit_code == 1
    assert "Tệp và lỗi" in openpyxl.load_workbook(out / "s.xlsx").sheetnames
