"""Rows that are not blank but report nothing: column numbers, signatures, #DIV/0! of a zero plan,
and fact cells holding formulas or errors."""

from __future__ import annotations

from pathlib import Path

from builders import write_report
from kcstats.reader import read_file


def codes(path: Path) -> list[tuple[str, str | None]]:
    return [(p.code, p.cell) for p in read_file(path).problems]


def test_column_numbering_row_under_the_funding_header_is_passed_over(tmp_path: Path) -> None:
    # Header at row 3 (after the title), national at row 4: push data down one row.
    path = write_report(
        tmp_path / "r.xlsx",
        funding={"(1)": ("(2)", "(3)", "(4)", "(5)"), "national": (2, 1200, 2, 1100)},
    )
    result = read_file(path)
    assert result.problems == []
    assert result.report is not None
    assert [line.source for line in result.report.funding] == ["national"]


def test_column_numbering_with_letters_and_plain_numbers_is_passed_over(tmp_path: Path) -> None:
    path = write_report(tmp_path / "r.xlsx", funding={"A": (1, 2, 3, 4), "local": (1, 10, 1, 9)})
    assert read_file(path).problems == []


def test_figures_that_only_look_like_column_numbers_still_count(tmp_path: Path) -> None:
    # Not increasing: a real row of figures under an unknown label stays a problem.
    path = write_report(tmp_path / "r.xlsx", funding={"A": (4, 3, 2, 1), "local": (1, 10, 1, 9)})
    assert ("source-unknown", "A4") in codes(path)


def test_signature_words_below_the_table_are_passed_over(tmp_path: Path) -> None:
    path = write_report(
        tmp_path / "r.xlsx",
        extra={"Kinh phí": {"B8": "Người lập biểu", "E8": "Giám đốc Sở Công Thương"}},
    )
    assert read_file(path).problems == []


def test_text_with_digits_under_a_blank_label_is_still_refused(tmp_path: Path) -> None:
    path = write_report(tmp_path / "r.xlsx", extra={"Kinh phí": {"E8": "12 triệu"}})
    assert ("source-unknown", "A8") in codes(path)


def test_div_by_zero_percent_of_a_zero_plan_is_accepted(tmp_path: Path) -> None:
    path = write_report(
        tmp_path / "r.xlsx",
        funding={"national": (0, 0, 0, 0), "local": (1, 10, 1, 9)},
        funding_percent={"national": "#DIV/0!", "local": 90},
    )
    assert read_file(path).problems == []


def test_div_by_zero_percent_of_a_real_plan_is_refused(tmp_path: Path) -> None:
    path = write_report(
        tmp_path / "r.xlsx",
        funding={"national": (1, 100, 1, 90), "local": (1, 10, 1, 9)},
        funding_percent={"national": "#DIV/0!", "local": 90},
    )
    assert ("error-value", "F4") in codes(path)


def test_a_fact_holding_a_formula_without_value_says_so_not_unknown(tmp_path: Path) -> None:
    path = write_report(tmp_path / "r.xlsx", province='="Long "&"An"', year="=2020+4")
    found = codes(path)
    assert ("formula-without-value", "B3") in found
    assert ("formula-without-value", "B4") in found
    assert not any(
        code in {"province-unknown", "year-invalid", "fact-missing"} for code, _ in found
    )
