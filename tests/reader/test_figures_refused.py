"""A figure that cannot be read exactly is refused at its cell, saying what was found and
what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import write_report
from reading import errors, read, refused, warnings

FUNDING, RESULTS = "Kinh phí", "Chỉ tiêu"


@pytest.mark.parametrize(
    ("cell_value", "code", "found"),
    [
        ("hai", "not-a-number", "hai"),
        ("khoảng 5", "not-a-number", "khoảng 5"),
        ("5 hoặc 6", "not-a-number", "5 hoặc 6"),
        (-1, "negative-number", "-1"),
        ("-1", "negative-number", "-1"),
        (2.5, "fraction-in-count", "2.5"),
        ("2,5", "fraction-in-count", "2.5"),
        (1e15, "number-too-large", "1000000000000000"),
        ("1234567890123456", "too-many-digits", "1234567890123456"),
    ],
)
def test_count_that_is_no_whole_figure_is_refused_at_its_cell(
    tmp_path: Path, cell_value: object, code: str, found: str
) -> None:
    path = write_report(
        tmp_path / "a.xlsx",
        indicators={"trained_workers": (300, 320), "demo_models": (2, cell_value)},
    )
    result = refused(path)
    assert errors(result) == [(code, RESULTS, "F5")]
    assert result.problems[0].found_text() == found


@pytest.mark.parametrize(
    ("cell_value", "code"),
    [
        ("một nghìn", "not-a-number"),
        (-1200, "negative-number"),
        ("-1.200", "negative-number"),
        (1e15, "number-too-large"),
        ("1.000.000.000.000.000", "too-many-digits"),
        ("12345678901234567", "too-many-digits"),
    ],
)
def test_money_that_is_no_figure_is_refused_at_its_cell(
    tmp_path: Path, cell_value: object, code: str
) -> None:
    path = write_report(tmp_path / "a.xlsx", funding={"national": (2, 1200, 2, cell_value)})
    assert errors(refused(path)) == [(code, FUNDING, "E4")]


def test_money_just_below_ten_to_the_fifteen_is_read(tmp_path: Path) -> None:
    path = write_report(
        tmp_path / "a.xlsx", funding={"national": (2, 1200, 2, "999.999.999.999.999")}
    )
    result = read(path)
    assert errors(result) == []


@pytest.mark.parametrize(
    ("text", "write"),
    [("1.5", "1,5"), ("12.34", "12,34"), ("1,234.5", "1.234,5"), ("1.100.5", "1.100,5")],
)
def test_number_text_that_needs_a_guess_is_refused_saying_how_to_write_it(
    tmp_path: Path, text: str, write: str
) -> None:
    result = refused(write_report(tmp_path / "a.xlsx", funding={"national": (2, 1200, 2, text)}))
    assert errors(result) == [("ambiguous-number", FUNDING, "E4")]
    problem = result.problems[0]
    assert (problem.found_text(), problem.expected_text()) == (text, write)
    assert f"hãy viết {write}" in problem.message("vi")
    assert f"write {write}" in problem.message("en")


def test_money_cell_naming_another_unit_is_refused(tmp_path: Path) -> None:
    path = write_report(tmp_path / "a.xlsx", funding={"national": (2, "1,2 tỷ", 2, "1.100 triệu")})
    result = refused(path)
    assert errors(result) == [("unit-mismatch", FUNDING, "C4")]
    assert (result.problems[0].found_text(), result.problems[0].expected_text()) == (
        "tỷ",
        "triệu đồng",
    )


def test_formula_without_a_saved_value_is_refused(tmp_path: Path) -> None:
    path = write_report(tmp_path / "a.xlsx", funding={"national": (2, "=600+600", 2, 1100)})
    result = refused(path)
    assert errors(result) == [("formula-without-value", FUNDING, "C4")]
    assert result.problems[0].found_text() == "=600+600"


def test_formula_without_a_saved_value_in_an_indicator_is_refused(tmp_path: Path) -> None:
    path = write_report(tmp_path / "a.xlsx", indicators={"trained_workers": (300, "=SUM(E4:E4)")})
    assert errors(refused(path)) == [("formula-without-value", RESULTS, "F4")]


def test_formula_without_a_saved_value_in_the_total_row_is_a_warning(tmp_path: Path) -> None:
    funding = {
        "national": (2, 1200, 2, 1100),
        "local": (10, 3000, 9, 2800),
        "total": ("=B4+B5", 4200, 11, "=SUM(E4:E5)"),
    }
    result = read(write_report(tmp_path / "a.xlsx", funding=funding))
    assert result.status == "accepted"
    assert warnings(result) == [
        ("total-formula-without-value", FUNDING, "B6"),
        ("total-formula-without-value", FUNDING, "E6"),
    ]


@pytest.mark.parametrize("error", ["#DIV/0!", "#REF!", "#VALUE!", "#N/A"])
def test_error_value_is_refused(tmp_path: Path, error: str) -> None:
    path = write_report(tmp_path / "a.xlsx", funding={"national": (2, 1200, 2, error)})
    result = refused(path)
    assert errors(result) == [("error-value", FUNDING, "E4")]
    assert result.problems[0].found_text() == error


def test_error_value_in_the_total_row_is_refused_at_the_total_cell(tmp_path: Path) -> None:
    funding = {
        "national": (2, 1200, 2, 1100),
        "local": (10, 3000, 9, 2800),
        "total": (12, "#REF!", 11, 3900),
    }
    result = refused(write_report(tmp_path / "a.xlsx", funding=funding))
    assert errors(result) == [("error-value", FUNDING, "C6")]


def test_error_value_in_a_stated_percent_is_refused(tmp_path: Path) -> None:
    path = write_report(tmp_path / "a.xlsx", indicators={"trained_workers": (300, 320, "#DIV/0!")})
    assert errors(refused(path)) == [("error-value", RESULTS, "G4")]
