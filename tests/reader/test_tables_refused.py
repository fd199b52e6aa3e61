"""Rows and sheets that do not fit the catalogue are refused at their cell; every problem of
a file is reported, not only the first."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from builders import write_report
from reading import errors, read, refused

INFO, FUNDING, RESULTS = "Thông tin", "Kinh phí", "Chỉ tiêu"


@pytest.mark.parametrize(
    ("code", "unit"),
    [("demo_models", "cái"), ("demo_models", "lao động"), ("consulting_revenue", "USD")],
)
def test_indicator_unit_that_disagrees_with_the_catalogue_is_refused(
    tmp_path: Path, code: str, unit: str
) -> None:
    path = write_report(
        tmp_path / "a.xlsx",
        indicators={"trained_workers": (300, 320), code: (2, 1)},
        indicator_units={code: unit},
    )
    result = refused(path)
    assert errors(result) == [("unit-mismatch", RESULTS, "D5")]
    assert result.problems[0].found_text() == unit


def test_count_indicator_unit_cell_left_blank_is_accepted(tmp_path: Path) -> None:
    path = write_report(tmp_path / "a.xlsx", indicator_units={"demo_models": None})
    assert errors(read(path)) == []


def test_unknown_indicator_code_is_refused_at_the_code_cell(tmp_path: Path) -> None:
    path = write_report(
        tmp_path / "a.xlsx", indicators={"trained_workers": (300, 320), "trained_worker": (1, 2)}
    )
    result = refused(path)
    assert errors(result) == [("indicator-unknown", RESULTS, "B5")]
    assert result.problems[0].found_text() == "trained_worker"


def test_unknown_indicator_label_is_refused_at_the_label_cell(tmp_path: Path) -> None:
    path = write_report(
        tmp_path / "a.xlsx", indicators={"Số hộ được hỗ trợ vay vốn": (3, 4)}, use_codes=False
    )
    assert errors(refused(path)) == [("indicator-unknown", RESULTS, "C4")]


def test_unknown_source_label_with_figures_is_refused(tmp_path: Path) -> None:
    funding = {"national": (2, 1200, 2, 1100), "Kinh phí sự nghiệp": (1, 50, 1, 40)}
    result = refused(write_report(tmp_path / "a.xlsx", funding=funding))
    assert errors(result) == [("source-unknown", FUNDING, "A5")]
    assert result.problems[0].found_text() == "Kinh phí sự nghiệp"


def test_unknown_source_label_without_figures_is_passed_over(tmp_path: Path) -> None:
    funding = {"national": (2, 1200, 2, 1100), "Trong đó:": (None, None, None, None)}
    assert errors(read(write_report(tmp_path / "a.xlsx", funding=funding))) == []


def test_figures_without_a_source_label_are_refused(tmp_path: Path) -> None:
    funding = {"national": (2, 1200, 2, 1100), "": (1, 50, 1, 40)}
    assert errors(refused(write_report(tmp_path / "a.xlsx", funding=funding))) == [
        ("source-unknown", FUNDING, "A5")
    ]


def test_duplicate_source_row_is_refused_naming_the_first(tmp_path: Path) -> None:
    funding = [("national", (2, 1200, 2, 1100)), ("local", (1, 2, 1, 2)), ("KCQG", (1, 1, 1, 1))]
    result = refused(write_report(tmp_path / "a.xlsx", funding=funding))
    assert errors(result) == [("row-duplicate", FUNDING, "A6")]
    assert result.problems[0].expected_text() == "4"


def test_duplicate_indicator_row_is_refused_naming_the_first(tmp_path: Path) -> None:
    indicators = [("trained_workers", (1, 2)), ("demo_models", (1, 1)), ("trained_workers", (3, 4))]
    result = refused(write_report(tmp_path / "a.xlsx", indicators=indicators))
    assert errors(result) == [("row-duplicate", RESULTS, "B6")]
    assert result.problems[0].expected_text() == "4"


@pytest.mark.parametrize(
    ("role", "title"), [("info", INFO), ("funding", FUNDING), ("results", RESULTS)]
)
def test_missing_sheet_is_refused(tmp_path: Path, role: str, title: str) -> None:
    result = refused(write_report(tmp_path / "a.xlsx", omit_sheets={role}))
    assert errors(result) == [("sheet-missing", None, None)]
    assert result.problems[0].expected_text() == title


def test_sheet_found_twice_is_refused(tmp_path: Path) -> None:
    path = write_report(tmp_path / "a.xlsx", sheet_names={"results": "Kết quả"})
    wb = openpyxl.load_workbook(path)
    wb.copy_worksheet(wb["Kết quả"]).title = "Chỉ tiêu"
    wb.save(path)
    result = refused(path)
    assert errors(result) == [("sheet-ambiguous", None, None)]


def test_funding_table_without_a_header_is_refused(tmp_path: Path) -> None:
    path = write_report(tmp_path / "a.xlsx", extra={FUNDING: {"A3": "Nội dung"}})
    assert errors(refused(path)) == [("header-not-found", FUNDING, None)]


@pytest.mark.parametrize(
    ("columns", "missing"),
    [
        (["source", "plan_projects", "plan_money", "actual_projects"], "Kinh phí thực hiện"),
        (["source", "plan_projects", "actual_projects", "actual_money"], "Kinh phí kế hoạch"),
        (["source", "plan_money", "actual_projects", "actual_money"], "Số đề án kế hoạch"),
        (["source", "plan_projects", "plan_money", "actual_money"], "Số đề án thực hiện"),
    ],
)
def test_funding_table_missing_a_figure_column_is_refused_at_its_header(
    tmp_path: Path, columns: list[str], missing: str
) -> None:
    result = refused(write_report(tmp_path / "a.xlsx", funding_columns=columns))
    assert errors(result) == [("column-missing", FUNDING, "A3")]
    assert result.problems[0].expected_text() == missing


def test_funding_money_header_without_plan_or_actual_is_a_missing_column(tmp_path: Path) -> None:
    path = write_report(
        tmp_path / "a.xlsx",
        funding_columns=["source", "plan_projects", "plan_money", "actual_projects", "Kinh phí"],
    )
    result = refused(path)
    assert errors(result) == [("column-missing", FUNDING, "A3")]
    assert result.problems[0].expected_text() == "Kinh phí thực hiện"


@pytest.mark.parametrize(
    ("columns", "missing"),
    [
        (["code", "label", "unit", "plan"], "Thực hiện"),
        (["code", "label", "unit", "actual"], "Kế hoạch"),
        (["code", "label", "plan", "actual"], "Đơn vị tính"),
    ],
)
def test_results_table_missing_a_column_is_refused_at_its_header(
    tmp_path: Path, columns: list[str], missing: str
) -> None:
    result = refused(write_report(tmp_path / "a.xlsx", results_columns=columns))
    assert errors(result) == [("column-missing", RESULTS, "B3")]
    assert result.problems[0].expected_text() == missing


def test_every_problem_of_a_file_is_reported_not_only_the_first(tmp_path: Path) -> None:
    path = write_report(
        tmp_path / "a.xlsx",
        year=1999,
        funding={"national": (2, "nhiều", 2, 1100), "local": (10, 3000, 9, -5)},
        indicators={"trained_workers": (300, 320), "demo_models": (2.5, 1)},
        indicator_units={"trained_workers": "người"},
    )
    assert errors(refused(path)) == [
        ("year-invalid", INFO, "B4"),
        ("not-a-number", FUNDING, "C4"),
        ("negative-number", FUNDING, "E5"),
        ("unit-mismatch", RESULTS, "D4"),
        ("fraction-in-count", RESULTS, "E5"),
    ]


def test_hidden_report_sheet_is_not_read_and_counts_as_missing(tmp_path: Path) -> None:
    path = write_report(tmp_path / "a.xlsx")
    wb = openpyxl.load_workbook(path)
    wb[FUNDING].sheet_state = "hidden"
    wb.save(path)
    result = refused(path)
    assert [(p.code, p.sheet) for p in result.problems] == [
        ("hidden-sheet-ignored", FUNDING),
        ("sheet-missing", None),
    ]


def test_results_table_without_a_header_is_refused(tmp_path: Path) -> None:
    path = write_report(tmp_path / "a.xlsx", extra={RESULTS: {"C3": "Tên", "E3": "KH", "F3": "TH"}})
    assert errors(refused(path)) == [("header-not-found", RESULTS, None)]
