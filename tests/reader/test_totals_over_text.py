"""A stated total stored as a number that leaves out the parts typed as text is what a
spreadsheet's SUM gives: the text parts are named (number-stored-as-text) and the total is
not refused for them. Rows as tests/builders.py lays them out: national row 4, local row 5,
total row 6; E is the actual money."""

from __future__ import annotations

from pathlib import Path

from builders import write_report
from reading import errors, read, warnings

KINH_PHI = "Kinh phí"


def test_a_total_of_the_numeric_parts_stands_and_the_text_part_is_named_in_its_unit(
    tmp_path: Path,
) -> None:
    funding = {"national": (2, 2, 2, "1,5"), "local": (10, 3, 9, 2), "total": (12, 5, 11, 2)}
    path = write_report(tmp_path / "a.xlsx", funding=funding, funding_money_header_unit="tỷ đồng")
    result = read(path)
    assert errors(result) == []
    assert warnings(result) == [("number-stored-as-text", KINH_PHI, "E4")]
    (warning,) = result.problems
    assert (warning.found_text(), warning.expected_text()) == ("1,5", "1,5")
    assert result.report is not None
    national = next(line for line in result.report.funding if line.source == "national")
    assert str(national.actual_money) == "1500.000"


def test_a_total_typed_as_text_is_checked_against_every_part(tmp_path: Path) -> None:
    funding = {"national": (2, 2, 2, "1,5"), "local": (10, 3, 9, 2), "total": (12, 5, 11, "2")}
    path = write_report(tmp_path / "a.xlsx", funding=funding, funding_money_header_unit="tỷ đồng")
    result = read(path)
    assert errors(result) == [("total-mismatch", KINH_PHI, "E6")]
    assert warnings(result) == []


def test_a_total_wrong_for_every_reading_is_refused_and_the_text_part_named(
    tmp_path: Path,
) -> None:
    funding = {"national": (2, 1200, 2, "1.100"), "local": (10, 3000, 9, 2800),
               "total": (12, 4200, 11, 2000)}  # fmt: skip
    result = read(write_report(tmp_path / "a.xlsx", funding=funding))
    assert errors(result) == [("total-mismatch", KINH_PHI, "E6")]
    assert warnings(result) == [("number-stored-as-text", KINH_PHI, "E4")]


def test_text_parts_under_a_total_that_adds_them_up_need_no_warning(tmp_path: Path) -> None:
    funding = {"national": (2, 1200, 2, "1.100"), "local": (10, 3000, 9, 2800),
               "total": (12, 4200, 11, 3900)}  # fmt: skip
    result = read(write_report(tmp_path / "a.xlsx", funding=funding))
    assert result.problems == []
