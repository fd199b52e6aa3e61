"""Growth everywhere merge shows it: the terminal, JSON (against the schema), CSV
(--table growth), Markdown and the summary workbook; and --compare on the command line."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest
from growth_helpers import invoke, report
from openpyxl.chart import LineChart

import kcstats
from kcstats.catalog import Catalogue
from kcstats.catalogue_file import YEARS
from kcstats.export.markdown import merge_markdown
from kcstats.export.view_options import ViewOptions
from kcstats.export.xlsx import write_summary
from kcstats.growth import GROWTH_COLUMNS

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "schemas" / "merge-output.schema.json").read_text(
        encoding="utf-8"
    )
)


def document(*args: str | Path) -> dict[str, Any]:
    done = invoke("merge", *args, "--format", "json")
    assert done.exit_code in (0, 1), done.output
    parsed: dict[str, Any] = json.loads(done.stdout, parse_float=Decimal)
    return parsed


def one(rows: list[dict[str, Any]], **where: Any) -> dict[str, Any]:
    found = [r for r in rows if all(r.get(k) == v for k, v in where.items())]
    assert len(found) == 1, (where, len(found))
    return found[0]


# JSON -----------------------------------------------------------------------------------


def test_json_growth_rows_validate_against_the_schema(south: Path, mixed: Path) -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for folder in (south, mixed):
        doc = json.loads(invoke("merge", folder, "--format", "json").stdout)
        validator.validate(doc)
        assert doc["growth"] and all(list(g) == GROWTH_COLUMNS for g in doc["growth"])
    doc = json.loads(invoke("merge", mixed, "--format", "json").stdout)
    tay_ninh = one(doc["growth"], province="Tây Ninh", measure="funding", source="total",
                   basis="actual")  # fmt: skip
    assert tay_ninh["base_from"] == "Long An + Tây Ninh"
    assert (tay_ninh["base"], tay_ninh["target"], tay_ninh["pct_change"]) == (230, 345, 50)
    # The schema refuses names on a region row, and a change beside a blank base.
    region = one(doc["growth"], level="region", region="Nam", measure="funding",
                 source="total", basis="actual")  # fmt: skip
    for bad in (
        {**region, "base_from": "Long An"},
        {**region, "base": None},
        {key: value for key, value in region.items() if key != "base_from"},
    ):
        assert not validator.is_valid({**doc, "growth": [bad]}), bad


def test_compare_on_the_command_line_adds_the_pair(south: Path) -> None:
    doc = document(south, "--compare", "2012", "2014")
    pairs = {(g["base_year"], g["target_year"]) for g in doc["growth"]}
    assert pairs == {(2012, 2013), (2013, 2014), (2012, 2014)}
    row = one(doc["growth"], level="region", region="Nam", measure="funding", source="total",
              base_year=2012, target_year=2014, basis="plan_vs_prior_actual")  # fmt: skip
    assert (row["base"], row["target"], row["change"]) == (52950, 63335, 10385)
    assert row["pct_change"] == Decimal("19.6128")


@pytest.mark.parametrize(
    "years", [("2014", "2012"), ("2013", "2013"), ("1999", "2014"), ("2012", "2101")]
)
def test_a_wrong_compare_pair_is_a_usage_error(south: Path, years: tuple[str, str]) -> None:
    done = invoke("merge", south, "--compare", *years)
    assert done.exit_code == 2
    assert "--compare" in done.output


def test_compare_needs_two_years(south: Path) -> None:
    assert invoke("merge", south, "--compare", "2012").exit_code == 2
    assert invoke("merge", south, "--compare", "2012", "x").exit_code == 2


def test_a_pair_the_input_does_not_hold_is_said_on_stderr(south: Path) -> None:
    done = invoke("merge", south, "--compare", "2010", "2013", "--lang", "en")
    assert done.exit_code == 0
    assert "No period has reports for both 2010 and 2013" in done.stderr
    assert "Growth, Full year 2013 against Full year 2012" in done.stdout


# CSV ------------------------------------------------------------------------------------


def test_csv_table_growth(mixed: Path) -> None:
    done = invoke("merge", mixed, "--format", "csv", "--table", "growth")
    assert done.exit_code == 1  # the refused Long An 2025 file
    assert done.stdout_bytes.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(done.stdout_bytes.decode("utf-8-sig"))))
    assert list(rows[0]) == GROWTH_COLUMNS
    tuyen_quang = one(rows, province="Tuyên Quang", measure="funding", source="local",
                      basis="actual")  # fmt: skip
    assert tuyen_quang == {
        "level": "province",
        "region": "Bắc",
        "province": "Tuyên Quang",
        "period": "FY",
        "measure": "funding",
        "source": "local",
        "activity": "",
        "base_year": "2024",
        "target_year": "2025",
        "basis": "actual",
        "base": "70",
        "target": "105",
        "change": "35",
        "pct_change": "50",
        "base_from": "Hà Giang + Tuyên Quang",
    }
    ha_noi = one(rows, province="Hà Nội", measure="funding", source="total", basis="actual")
    assert (ha_noi["base"], ha_noi["change"], ha_noi["pct_change"]) == ("", "", "")
    # The same rows as the JSON document, in the same order.
    doc = json.loads(invoke("merge", mixed, "--format", "json").stdout)
    assert len(rows) == len(doc["growth"])
    assert [r["province"] or None for r in rows] == [g["province"] for g in doc["growth"]]


def test_csv_growth_to_a_file(south: Path, tmp_path: Path) -> None:
    out = tmp_path / "growth.csv"
    done = invoke("merge", south, "--table", "growth", "-o", out, "--compare", "2012", "2014")
    assert done.exit_code == 0, done.output
    text = out.read_bytes().decode("utf-8-sig")
    assert text.startswith(",".join(GROWTH_COLUMNS) + "\r\n")
    assert "region,Nam,,FY,funding,total,,2012,2014,plan_vs_prior_actual,52950,63335,10385," in text


# The terminal ------------------------------------------------------------------------------


def test_the_terminal_shows_growth_after_the_totals(south: Path) -> None:
    done = invoke("merge", south, columns=200)  # wide enough for every heading on one line
    assert done.exit_code == 0
    out = done.stdout
    title = "Tăng trưởng Cả năm 2013 so với Cả năm 2012 (tỷ đồng)"
    assert title in out
    assert out.index("Kinh phí khuyến công theo vùng") < out.index(title)
    assert out.index("Tăng trưởng Cả năm 2014 so với Cả năm 2013") > out.index(title)
    section = out[out.index(title) : out.index("Tăng trưởng Cả năm 2014")]
    nam = next(line for line in section.splitlines() if line.strip().startswith("Nam"))
    # 52,95 -> 54,06 tỷ is +2,1%; the 2013 plan (55,1 tỷ) against 2012's plan (none given:
    # no percent) and 4,1% above 2012's actual; 3.200 -> 3.324 workers trained is +3,9%;
    # demonstration models had a base of 0: no percent.
    assert nam.split() == [
        "Nam", "52,950", "54,060", "+1,110", "+2,10", "55,100", "–", "+4,06", "+3,88", "–"
    ]  # fmt: skip
    plan = out[out.index("Tăng trưởng Cả năm 2014 so với Cả năm 2013") :]
    assert "KH 2014 so TH 2013 (%)" in plan and "+17,16" in plan


def test_the_terminal_across_the_merger(mixed: Path) -> None:
    # Wide enough that the growth table is one part: its base-from column on the same line.
    done = invoke(
        "merge", mixed, "--money-unit", "trieu", "--by", "province", "--lang", "en", columns=200
    )
    out = done.stdout
    section = out[out.index("Growth, Full year 2025 against Full year 2024 (triệu đồng)") :]
    lines = section.splitlines()
    ha_noi = next(line for line in lines if line.strip().startswith("Hà Nội"))
    assert "no base" in ha_noi
    tuyen_quang = next(line for line in lines if line.strip().startswith("Tuyên Quang"))
    assert tuyen_quang.split()[2:6] == ["70", "105", "+35", "+50.00"]
    assert tuyen_quang.rstrip().endswith("Hà Giang + Tuyên Quang")
    assert "Base from" in section
    assert "The base year 2024 was reported by the 63 old provinces" in section
    assert "Thái Nguyên: the base holds only Thái Nguyên; Bắc Kạn gave no figure." in section
    vietnamese = invoke("merge", mixed, "--by", "province").stdout
    assert "không có số liệu năm gốc" in vietnamese
    assert "Năm gốc gồm" in vietnamese
    assert "Thái Nguyên: năm gốc chỉ gồm số liệu của Thái Nguyên; Bắc Kạn không có số liệu." in (
        vietnamese
    )


def test_no_growth_table_for_a_single_year(tmp_path: Path) -> None:
    report(tmp_path, "Long An", 2024, "H1")
    done = invoke("merge", tmp_path)
    assert done.exit_code == 0 and "Tăng trưởng" not in done.stdout


# Markdown and the summary workbook ---------------------------------------------------------


def test_markdown_has_the_growth_tables_and_notes(mixed: Path, catalogue: Catalogue) -> None:
    result = kcstats.merge(mixed)
    text = merge_markdown(result, ViewOptions(lang="en", unit="trieu", by_province=True), catalogue)
    assert "### Growth, Full year 2025 against Full year 2024 (triệu đồng)" in text
    assert "| Tây Ninh | 230 | 345 | +115 | +50.00 |" in text
    assert "Long An + Tây Ninh |" in text
    assert "Bắc Kạn gave no figure." in text


def _table(sheet: Any) -> list[dict[str, Any]]:
    """The rows of a growth sheet by heading (row 3; the group headings are in row 2)."""
    headers = [c.value for c in sheet[3]]
    return [
        dict(zip(headers, row, strict=False))
        for row in sheet.iter_rows(min_row=4, values_only=True)
        if row[0] is not None
    ]


def test_the_workbook_has_growth_sheets_and_a_growth_chart(
    mixed: Path, catalogue: Catalogue, tmp_path: Path
) -> None:
    result = kcstats.merge(mixed)
    path = tmp_path / "summary.xlsx"
    write_summary(path, result, catalogue, ViewOptions(lang="vi", unit="trieu"))
    workbook = openpyxl.load_workbook(path)
    names = workbook.sheetnames
    assert names.index("Tăng trưởng") + 1 == names.index("Biểu đồ tăng trưởng")
    assert names.index("Biểu đồ tăng trưởng") + 1 == names.index("Tăng trưởng theo tỉnh")
    # By province: the old provinces each unit's base was built from, and the change.
    provinces = workbook["Tăng trưởng theo tỉnh"]
    assert "Kinh phí thực hiện (triệu đồng)" in [c.value for c in provinces[2]]
    tay_ninh = next(r for r in _table(provinces) if r["Tỉnh/TP"] == "Tây Ninh")
    assert tay_ninh["Năm gốc gồm"] == "Long An + Tây Ninh"
    assert tay_ninh["TH năm gốc"] == 230 and tay_ninh["TH năm so sánh"] == 345
    assert tay_ninh["% tăng/giảm"] == 50
    # The chart's data under the regional growth table: regional funding spent by year.
    sheet = workbook["Tăng trưởng"]
    rows = [tuple(c.value for c in line) for line in sheet.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "Năm" and r[1] is not None)
    names_row = [v for v in rows[header] if v is not None]
    years = [rows[header + 1][0], rows[header + 2][0]]
    assert years == [2024, 2025]
    by_region = {
        names_row[k]: [rows[header + 1][k], rows[header + 2][k]] for k in range(1, len(names_row))
    }
    assert by_region == {
        "Bắc": [140, 235],
        "Miền Trung - Tây Nguyên": [None, 360],
        "Nam": [480, 345],
    }
    assert "34" in str(rows[header + 3][0])  # the merger, said
    # The chart, on a sheet of its own: a line a region over those cells.
    (chart,) = workbook["Biểu đồ tăng trưởng"]._charts
    assert isinstance(chart, LineChart)
    assert len(chart.series) == 3
    first, last = header + 2, header + 3  # spreadsheet rows of 2024 and 2025
    assert chart.series[0].val.numRef.f == f"'Tăng trưởng'!$B${first}:$B${last}"
    assert chart.series[0].tx.strRef.f.replace("$", "") == f"'Tăng trưởng'!B{header + 1}"
    assert chart.y_axis.scaling.min == 0


def test_no_growth_sheet_without_growth(tmp_path: Path, catalogue: Catalogue) -> None:
    report(tmp_path, "Long An", 2024, "H1")
    path = tmp_path / "summary.xlsx"
    write_summary(path, kcstats.merge(tmp_path), catalogue, ViewOptions(lang="en", unit="ty"))
    workbook = openpyxl.load_workbook(path)
    assert "Growth" not in workbook.sheetnames


def test_compare_years_out_of_range_or_reversed_are_one_line_in_the_asked_language(
    south: Path,
) -> None:
    done = invoke("merge", south, "--compare", "2014", "2013")
    assert done.exit_code == 2
    assert done.stderr.strip() == (
        "kcstats merge: --compare 2014 2013: năm gốc phải trước năm so sánh."
    )
    done = invoke("merge", south, "--compare", str(YEARS[0] - 1), "2013", "--lang", "en")
    assert done.exit_code == 2
    first, last = YEARS
    said = f"kcstats merge: --compare {first - 1} 2013: years must be {first} to {last}."
    assert done.stderr.strip() == said
