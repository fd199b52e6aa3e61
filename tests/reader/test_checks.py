"""A stated total or percent is checked against what kcstats computes, to the rounding of its
last shown digit; a total is never added in."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import write_report
from reading import accepted, errors, refused

FUNDING, RESULTS = "Kinh phí", "Chỉ tiêu"


def with_total(total: tuple[object, ...]) -> dict[str, tuple[object, ...]]:
    return {"national": (2, 1200, 2, 1100), "local": (10, 3000, 9, 2800), "total": total}


@pytest.mark.parametrize(
    ("total", "cell"),
    [
        ((13, 4200, 11, 3900), "B6"),
        ((12, 4300, 11, 3900), "C6"),
        ((12, 4200, 12, 3900), "D6"),
        ((12, 4200, 11, "3.900,5"), "E6"),
    ],
)
def test_stated_total_that_disagrees_is_refused_at_the_total_cell(
    tmp_path: Path, total: tuple[object, ...], cell: str
) -> None:
    result = refused(write_report(tmp_path / "a.xlsx", funding=with_total(total)))
    assert errors(result) == [("total-mismatch", FUNDING, cell)]


def test_total_mismatch_says_what_was_stated_and_what_the_sources_add_up_to(
    tmp_path: Path,
) -> None:
    result = refused(write_report(tmp_path / "a.xlsx", funding=with_total((12, 4300, 11, 3900))))
    assert (result.problems[0].found_text(), result.problems[0].expected_text()) == (
        "4.300",
        "4.200",
    )


def test_total_that_includes_counterpart_funds_disagrees(tmp_path: Path) -> None:
    funding = {**with_total((12, 9200, 11, 3900)), "counterpart": (None, 5000, None, None)}
    result = refused(write_report(tmp_path / "a.xlsx", funding=funding))
    assert errors(result) == [("total-mismatch", FUNDING, "C6")]


@pytest.mark.parametrize("stated", ["55,2", 55.2, "55,16", "55"])
def test_stated_total_agrees_within_half_a_unit_of_its_last_shown_digit(
    tmp_path: Path, stated: object
) -> None:
    funding = {
        "national": (2, 1, 2, "20,11"),
        "local": (10, 3, 9, "35,05"),
        "total": (12, 4, 11, stated),
    }
    path = write_report(tmp_path / "a.xlsx", funding=funding, funding_money_header_unit="tỷ đồng")
    assert accepted(path).funding[1].actual_money == 35050


@pytest.mark.parametrize("stated", ["55,1", "55,3", "55,17", "56"])
def test_stated_total_beyond_its_last_shown_digit_disagrees(tmp_path: Path, stated: object) -> None:
    funding = {
        "national": (2, 1, 2, "20,11"),
        "local": (10, 3, 9, "35,05"),
        "total": (12, 4, 11, stated),
    }
    path = write_report(tmp_path / "a.xlsx", funding=funding, funding_money_header_unit="tỷ đồng")
    assert errors(refused(path)) == [("total-mismatch", FUNDING, "E6")]


def test_stated_total_with_no_sources_must_be_zero(tmp_path: Path) -> None:
    path = write_report(tmp_path / "a.xlsx", funding={"total": (0, 0, None, 5)})
    assert errors(refused(path)) == [("total-mismatch", FUNDING, "E4")]


@pytest.mark.parametrize("stated", ["91,7", 91.67, "91,6667", 0.9167, "92%", 0.917])
def test_stated_percent_that_agrees_is_accepted(tmp_path: Path, stated: object) -> None:
    path = write_report(
        tmp_path / "a.xlsx",
        funding={"national": (2, 1200, 2, 1100)},
        funding_percent={"national": stated},
    )
    accepted(path)


def test_percent_stored_as_a_fraction_agrees(tmp_path: Path) -> None:
    path = write_report(
        tmp_path / "a.xlsx",
        funding={"national": (2, 1000, 2, 491)},
        funding_percent={"national": 0.491},
        indicators={"trained_workers": (1000, 491, 0.491), "demo_models": (2, 1, "50%")},
    )
    accepted(path)


@pytest.mark.parametrize("stated", ["90", 91.5, "9,17", 0.5])
def test_stated_percent_that_disagrees_is_refused(tmp_path: Path, stated: object) -> None:
    path = write_report(
        tmp_path / "a.xlsx",
        funding={"national": (2, 1200, 2, 1100)},
        funding_percent={"national": stated},
    )
    result = refused(path)
    assert errors(result) == [("percent-mismatch", FUNDING, "F4")]
    assert result.problems[0].expected_text() == "91,67"


def test_stated_indicator_percent_that_disagrees_is_refused(tmp_path: Path) -> None:
    path = write_report(
        tmp_path / "a.xlsx",
        indicators={"trained_workers": (300, 320, "106,7"), "demo_models": (2, 1, 60)},
    )
    assert errors(refused(path)) == [("percent-mismatch", RESULTS, "G5")]


def test_stated_percent_is_not_checked_where_the_plan_is_zero_or_blank(tmp_path: Path) -> None:
    path = write_report(
        tmp_path / "a.xlsx",
        indicators={"trained_workers": (0, 320, 100), "demo_models": (None, 1, 100)},
    )
    accepted(path)


def test_total_mismatch_is_told_in_the_unit_the_total_is_written_in(tmp_path: Path) -> None:
    funding = {
        "national": (2, "1,2", 2, "1,1"),
        "local": (10, "3", 9, "2,8"),
        "total": (12, "4,3", 11, "3,9"),
    }
    path = write_report(tmp_path / "a.xlsx", funding=funding, funding_money_header_unit="tỷ đồng")
    (problem,) = refused(path).problems
    assert (problem.code, problem.found_text(), problem.expected_text()) == (
        "total-mismatch",
        "4,3",
        "4,2",
    )
    assert "4,3" in problem.message("vi") and "4,2" in problem.message("vi")
