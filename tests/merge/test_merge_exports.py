"""JSON, CSV, Markdown and the summary workbook: one computation, shown every way, exactly."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pandas as pd
import pytest
from merge_helpers import funding, report

import kcstats
from kcstats.catalog import Catalogue, load_catalogue
from kcstats.export.atomic import write_atomic
from kcstats.export.csvout import table_csv_bytes
from kcstats.export.jsondoc import dumps, merge_json, number_text
from kcstats.export.markdown import merge_markdown
from kcstats.export.safe_text import csv_text, put_text
from kcstats.export.view_options import ViewOptions
from kcstats.export.xlsx import COUNT_FORMAT, MONEY_FORMAT, PCT_FORMAT, write_summary
from kcstats.merge import GROWTH_COLUMNS, MergeResult

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "schemas" / "merge-output.schema.json").read_text(
        encoding="utf-8"
    )
)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    report(
        folder,
        "long-an.xlsx",
        province="Long An",
        funding={"national": (2, "1.200,5", 2, 1100), "local": (10, 3000, 9, 2800.125)},
        indicators={"trained_workers": (300, 320), "consulting_revenue": ("12,345", None)},
    )
    report(
        folder,
        "tien-giang.xlsx",
        province="Tiền Giang",
        money_unit="tỷ đồng",
        funding={"national": (1, "0,5", 1, 0.25), "counterpart": (None, 9, None, 8)},
    )
    report(folder, "ha-noi.xlsx", province="Hà Nội", funding={"local": (1, 0, 1, 10)})
    report(folder, "2023.xlsx", province="Hà Nội", year=2023, funding={"local": (1, 5, 1, 4)})
    report(folder, "bad.xlsx", province="@SUM(1)")
    report(folder, "worse.xlsx", province="Cần Thơ", funding={"national": (1, "-1+2", 1, "=A1")})
    (folder / "notes.txt").write_text("not a report", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def result(inputs: Path) -> MergeResult:
    return kcstats.merge(inputs)


MONEY_UP = (Decimal("4.000"), Decimal("4161.375"), Decimal("4157.375"), 103934.375, None)
SAME = (1, 1, 0, 0.0, None)
PLAN_VS = ("plan_vs_prior_actual", None, 300, None, None, None)
DOWN = (Decimal("10.000"), Decimal("5.500"), Decimal("-4.500"), -45.0, None)


def growth_rows() -> pd.DataFrame:
    """What kcstats.growth will give: rows with the columns of outputs.md "Growth rows"."""
    rows = [
        [*("all", None, None, "H1", "funding", "total", None, 2023, 2024, "actual"), *MONEY_UP],
        [
            *("province", "Bắc", "Hà Nội", "H1", "projects", "local", None, 2023, 2024, "plan"),
            *SAME,
        ],
        [*("region", "=Nam", None, "H1", "trained_workers", None, None, 2023, 2024), *PLAN_VS],
        [*("region", "Nam", None, "H1", "funding", "national", None, 2023, 2024, "actual"), *DOWN],
    ]
    frame = pd.DataFrame(rows, columns=GROWTH_COLUMNS)
    for column in GROWTH_COLUMNS:
        if column not in ("base_year", "target_year", "pct_change"):
            frame[column] = pd.Series(frame[column].tolist(), dtype=object)
    frame["pct_change"] = frame["pct_change"].astype("Float64")
    return frame


def with_growth(result: MergeResult) -> MergeResult:
    return MergeResult(result.files, result.facts, result.missing, growth_rows(), result.regions)


# JSON -----------------------------------------------------------------------------------


def test_the_json_document_validates_against_the_schema(result: MergeResult) -> None:
    for merged in (result, with_growth(result)):
        document = json.loads(merge_json(merged))
        jsonschema.Draft202012Validator.check_schema(SCHEMA)
        jsonschema.Draft202012Validator(SCHEMA).validate(document)
        assert set(document) == {"files", "facts", "growth", "missing"}
    assert len(json.loads(merge_json(with_growth(result)))["growth"]) == 4
    # Hà Nội reported H1 2023 and H1 2024: its growth rows are in the document.
    growth = json.loads(merge_json(result))["growth"]
    assert growth and {(g["base_year"], g["target_year"]) for g in growth} == {(2023, 2024)}


def test_the_schema_refuses_what_outputs_md_does_not_allow(result: MergeResult) -> None:
    document = json.loads(merge_json(result))
    validator = jsonschema.Draft202012Validator(SCHEMA)
    fact = document["facts"][0]
    bad_facts = [
        {**fact, "level": "country"},
        {**fact, "period": "H2"},
        {**fact, "source": "counterpart+"},
        {**fact, "plan": -1},
        {**fact, "plan": "1200"},
        {**fact, "province": None},  # a province row names its province
        {**fact, "extra": 1},
        {key: value for key, value in fact.items() if key != "expected"},
    ]
    for bad in bad_facts:
        assert not validator.is_valid({**document, "facts": [bad]}), bad
    entry = document["files"][0]
    assert not validator.is_valid({**document, "files": [{**entry, "status": "ok"}]})
    problem = {
        "code": "x",
        "severity": "fatal",
        "sheet": None,
        "cell": None,
        "found": None,
        "expected": None,
        "message": "m",
    }
    assert not validator.is_valid({**document, "files": [{**entry, "problems": [problem]}]})


def test_the_json_is_the_library_result_exactly(result: MergeResult) -> None:
    text = merge_json(result)
    assert json.loads(text, parse_float=Decimal) == json.loads(
        dumps(result.as_dict()), parse_float=Decimal
    )
    document = json.loads(text, parse_float=Decimal)
    files = {Path(f["path"]).name: f for f in document["files"]}
    assert files["long-an.xlsx"]["status"] == "accepted"
    assert files["notes.txt"]["status"] == "skipped"
    assert files["bad.xlsx"]["problems"][0]["code"] == "province-unknown"
    facts = [
        f
        for f in document["facts"]
        if (f["level"], f["measure"], f["source"], f["year"]) == ("all", "funding", "local", 2024)
    ]
    assert facts[0]["plan"] == Decimal("3000") and facts[0]["actual"] == Decimal("2810.125")
    assert facts[0]["pct_of_plan"] == Decimal("93.6708")


def test_numbers_are_written_exactly() -> None:
    assert number_text(Decimal("1200.000")) == "1200"
    assert number_text(Decimal("54.060")) == "54.06"
    assert number_text(Decimal("123456789012345678901234.567")) == "123456789012345678901234.567"
    assert number_text(Decimal("1E+3")) == "1000"
    assert number_text(12) == "12"
    assert number_text(91.6667) == "91.6667"
    document = {"a": [Decimal("0.001"), None, "x"], "b": {"c": {"d": []}}, "e": {}}
    assert json.loads(dumps(document), parse_float=Decimal) == document
    plain = {"files": [{"path": "a", "problems": [{"code": "x", "n": 1}]}], "n": [1, 2]}
    assert json.loads(dumps(plain)) == plain


# CSV ------------------------------------------------------------------------------------


def _csv(frame: pd.DataFrame) -> pd.DataFrame:
    data = table_csv_bytes(frame)
    assert data.startswith("\ufeff".encode())
    return pd.read_csv(io.BytesIO(data), dtype=str, encoding="utf-8-sig")


def _json_texts(rows: list[dict[str, Any]]) -> Iterator[dict[str, str | None]]:
    for row in rows:
        yield {k: None if v is None else str(v) for k, v in row.items()}


def test_the_csv_round_trips_to_the_json_facts(result: MergeResult) -> None:
    table = _csv(result.facts)
    assert list(table.columns) == list(result.facts.columns)
    document = json.loads(merge_json(result), parse_float=str, parse_int=str)
    from_csv = [
        {k: (None if pd.isna(v) else v) for k, v in row.items()} for row in table.to_dict("records")
    ]
    assert from_csv == list(_json_texts(document["facts"]))


def test_the_growth_csv_has_the_growth_columns(result: MergeResult) -> None:
    assert list(_csv(result.growth).columns) == GROWTH_COLUMNS
    table = _csv(growth_rows())
    assert table["pct_change"].tolist()[:2] == ["103934.375", "0"]
    assert table["change"].tolist()[3] == "-4.5"
    assert table["region"].tolist()[2] == "'=Nam"  # formula-injection safe


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_text_that_could_run_as_a_formula_gets_an_apostrophe(text: str) -> None:
    assert csv_text(text) == "'" + text
    assert csv_text("Long An") == "Long An"


def test_csv_of_region_names_from_a_user_table_is_safe(tmp_path: Path) -> None:
    catalogue = load_catalogue()
    table = tmp_path / "regions.csv"
    lines = ["province,region"] + [
        f'"{p.name}","=HYPERLINK(""http://x"")"' for p in catalogue.provinces_of("63")
    ]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report(tmp_path / "in", "a.xlsx")
    merged = kcstats.merge(tmp_path / "in", regions=table)
    assert funding(merged, "total", level="region", region='=HYPERLINK("http://x")')["reports"]
    text = table_csv_bytes(merged.facts).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    write_summary(tmp_path / "summary.xlsx", merged, catalogue, ViewOptions(lang="vi", unit="ty"))
    workbook = openpyxl.load_workbook(tmp_path / "summary.xlsx")
    cells = [c for ws in workbook for r in ws.iter_rows() for c in r if c.value is not None]
    assert any(str(c.value).startswith("=HYPERLINK") for c in cells)
    assert all(c.data_type != "f" for c in cells)


# Markdown -------------------------------------------------------------------------------


def test_markdown_has_the_regional_tables(result: MergeResult, catalogue: Catalogue) -> None:
    text = merge_markdown(result, ViewOptions(lang="vi", unit="ty"), catalogue)
    assert "### Kinh phí khuyến công theo vùng, 6 tháng 2024 (tỷ đồng)" in text
    assert "| **Tổng cộng** | **3/63** |" in text
    lines = [line for line in text.splitlines() if line.startswith("| Nam ")]
    assert lines[0].startswith("| Nam | 2/20 | 1,350 |")  # 1.100 + 250 triệu = 1,350 tỷ
    trieu = merge_markdown(
        result, ViewOptions(lang="en", unit="trieu", by_province=True), catalogue
    )
    assert "Khuyến công funding by province, First half 2024 (triệu đồng)" in trieu
    # One format for every money cell of a table: Long An's 2.800,125 needs three decimals.
    assert "| Long An |  | 1,100.000 |" in trieu
    assert "| Tiền Giang |  | 250.000 |" in trieu


# The summary workbook -------------------------------------------------------------------


def _sheet_rows(ws: Any, header: int = 2) -> list[dict[str, Any]]:
    """A sheet's rows by heading (row 2, or row 3 under group headings); band rows (a
    period over the rows under it) carry the period to them as "period"."""
    headers = [c.value for c in ws[header]]
    out, period = [], None
    for line in ws.iter_rows(min_row=header + 1):
        if line[0].value is not None and all(c.value is None for c in line[1:]):
            period = line[0].value
            continue
        out.append({**dict(zip(headers, line, strict=True)), "period": period})
    return out


def _grouped(ws: Any) -> list[dict[str, Any]]:
    """Rows of a sheet with group headings: each column by 'group heading' (the source above
    KH / TH / % KH, merged over them), or its own heading where it has no group."""
    groups = {c.column: c.value for c in ws[2]}
    for merged in ws.merged_cells.ranges:
        if merged.min_row == 2:
            for column in range(merged.min_col, merged.max_col + 1):
                groups[column] = ws.cell(row=2, column=merged.min_col).value
    headings = [c.value for c in ws[3]]
    names = [
        f"{groups[n]} {heading}" if groups[n] else heading
        for n, heading in enumerate(headings, start=1)
    ]
    out, period = [], None
    for line in ws.iter_rows(min_row=4):
        if line[0].value is not None and all(c.value is None for c in line[1:]):
            period = line[0].value  # a band: the period of the rows under it
            continue
        out.append({**dict(zip(names, line, strict=True)), "period": period})
    return out


def test_the_summary_workbook(result: MergeResult, catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "summary.xlsx"
    write_summary(path, result, catalogue, ViewOptions(lang="vi", unit="ty"))
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [
        "Tổng hợp vùng",
        "Biểu đồ vùng",
        "Theo tỉnh",
        "Biểu đồ tỉnh",
        "Kế hoạch - Thực hiện",
        "Tăng trưởng",
        "Biểu đồ tăng trưởng",
        "Tăng trưởng theo tỉnh",
        "Tỉnh chưa báo cáo",
        "Tệp và lỗi",
    ]
    regions = workbook["Tổng hợp vùng"]
    assert regions.freeze_panes == "B4"
    rows = _grouped(regions)
    nam = next(r for r in rows if r["Vùng"].value == "Nam" and r["period"] == "6 tháng 2024")
    expected = funding(result, "national", level="region", region="Nam")
    assert nam["KCQG TH"].value == pytest.approx(float(expected["actual"] / 1000))
    assert nam["KCQG TH"].number_format == MONEY_FORMAT
    assert nam["KCQG % KH"].number_format == PCT_FORMAT
    assert nam["KCQG % KH"].value == pytest.approx(1350 / 1700.5 * 100, abs=1e-4)
    assert nam["Báo cáo"].value == "2/20"
    assert nam["Đề án TH"].value == 12 and nam["Đề án TH"].number_format == COUNT_FORMAT
    total = next(
        r for r in rows if r["Vùng"].value == "Tổng cộng" and r["period"] == "6 tháng 2024"
    )
    assert total["Tổng TH"].value == pytest.approx(4.160125)  # 1.100 + 2.800,125 + 250 + 10
    assert total["Tổng TH"].font.bold
    # Every table sheet: a title, frozen header rows, and columns wide enough to read.
    for ws in workbook.worksheets:
        header = 3 if ws.title in ("Tổng hợp vùng", "Theo tỉnh", "Tăng trưởng",
                                   "Tăng trưởng theo tỉnh") else 2  # fmt: skip
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith(str(header + 1))
        if ws.title != "Tổng hợp vùng":
            assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith(f"A{header}:")
        assert all(ws.column_dimensions[c].width >= 8 for c in ("A", "B")), ws.title
    charts = [workbook[name]._charts for name in ("Biểu đồ vùng", "Biểu đồ tỉnh")]
    assert [len(c) for c in charts] == [1, 1]
    by_region, by_province = charts[0][0], charts[1][0]
    assert [len(c.series) for c in (by_region, by_province)] == [2, 2]
    # Plan against actual by region, and funding by province, of the latest period.
    places = [c.value for c in regions["A"]]
    first = places.index("6 tháng 2024") + 2  # the band, then Bắc and Nam
    assert [regions[f"A{first}"].value, regions[f"A{first + 1}"].value] == ["Bắc", "Nam"]
    assert by_region.series[0].cat.strRef.f == f"'Tổng hợp vùng'!$A${first}:$A${first + 1}"
    column = next(c.column_letter for c in regions[3] if c.value == "TH" and
                  regions.cell(row=2, column=c.column - 1).value == "Tổng")  # fmt: skip
    assert (
        by_region.series[1].val.numRef.f
        == f"'Tổng hợp vùng'!${column}${first}:${column}${first + 1}"
    )
    assert by_province.series[0].cat.strRef.f.startswith("'Theo tỉnh'!$D$")
    provinces = _grouped(workbook["Theo tỉnh"])
    tien_giang = next(r for r in provinces if r["Tỉnh/TP"].value == "Tiền Giang")
    assert tien_giang["Vốn đối ứng TH"].value == pytest.approx(8)  # 8 tỷ đồng
    plan = _sheet_rows(workbook["Kế hoạch - Thực hiện"])
    money = [r for r in plan if r["ĐVT"].value == "tỷ đồng"]
    spent = [r["Thực hiện"] for r in money if r["Thực hiện"].value is not None]
    assert spent and all(c.number_format == MONEY_FORMAT for c in spent)
    assert all(isinstance(c.value, float | int) for c in spent)
    nam_plan = next(r for r in money if r["Vùng"].value == "Nam" and r["Nguồn"].value
                    == "Khuyến công quốc gia" and r["Cấp"].value == "Vùng" and r["Năm"].value == 2024)  # fmt: skip
    assert nam_plan["Kế hoạch"].value == pytest.approx(1.7005)  # 1.200,5 + 500 triệu
    counts = [r["Thực hiện"] for r in plan if r["ĐVT"].value == "đề án"]
    assert counts and all(c.number_format == COUNT_FORMAT for c in counts)
    missing = _sheet_rows(workbook["Tỉnh chưa báo cáo"])
    assert len(missing) == len(result.missing)
    files = _sheet_rows(workbook["Tệp và lỗi"])
    found = {r["Nội dung ô"].value for r in files}
    assert {"@SUM(1)", "-1+2", "=A1"} <= found
    for ws in workbook.worksheets:
        for line in ws.iter_rows():
            for c in line:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)


def test_the_summary_workbook_in_english_and_trieu(
    result: MergeResult, catalogue: Catalogue, tmp_path: Path
) -> None:
    growth = growth_rows()
    growth.loc[3, "source"] = "total"  # Nam's funding, under a region named '=Nam'
    growth.loc[3, "region"] = "=Nam"
    merged = MergeResult(result.files, result.facts, result.missing, growth, result.regions)
    path = tmp_path / "summary.xlsx"
    write_summary(path, merged, catalogue, ViewOptions(lang="en", unit="trieu"))
    workbook = openpyxl.load_workbook(path)
    assert "Growth" in workbook.sheetnames and workbook.sheetnames[0] == "Regional totals"
    rows = _grouped(workbook["Regional totals"])
    nam = next(r for r in rows if r["Region"].value == "Nam" and r["period"] == "First half 2024")
    assert nam["National actual"].value == pytest.approx(1350)
    growth_sheet = _sheet_rows(workbook["Growth"], header=3)
    growth_sheet = growth_sheet[: [r["Region"].value for r in growth_sheet].index(None)]
    assert [r["Region"].value for r in growth_sheet] == ["=Nam", "Total"]
    assert growth_sheet[0]["Region"].data_type == "s"
    assert growth_sheet[0]["Change"].value == pytest.approx(-4.5)
    assert growth_sheet[1]["Target year actual"].value == pytest.approx(4161.375)
    assert growth_sheet[1]["% change"].value == pytest.approx(103934.375)


def test_text_cells_never_become_formulas(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row, text in enumerate(["=1+2", '=HYPERLINK("x")', "@SUM(1)", "bad\x01char"], start=1):
        put_text(sheet.cell(row=row, column=1), text)
    workbook.save(tmp_path / "t.xlsx")
    again = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert again is not None
    assert [c.value for c in again["A"]] == ["=1+2", '=HYPERLINK("x")', "@SUM(1)", "bad\ufffdchar"]
    assert {c.data_type for c in again["A"]} == {"s"}


# Atomic writes --------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def crash(temporary: Path) -> None:
        temporary.write_text("half", encoding="utf-8")
        raise RuntimeError("crash")

    with pytest.raises(RuntimeError):
        write_atomic(target, crash)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    write_atomic(target, lambda temporary: temporary.write_text("new", encoding="utf-8") and None)
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
