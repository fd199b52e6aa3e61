"""The reader builds its models without validating them again (kcstats.model.trusted) and
carries them between processes as plain tuples (to_wire/from_wire). These tests hold it to
that: every model it builds is one that validation gives back unchanged, and the round trip
through the wire changes nothing."""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import write_report
from kcstats.model import FileResult, Report, from_wire, to_wire
from kcstats.numbers import Number, _decimals_of, _from_decimal, from_stored_number, parse_figure
from kcstats.reader import read_file

SAMPLE_DATA = Path(__file__).parents[2] / "sample_data"


def _sample_results() -> list[FileResult]:
    paths = sorted(SAMPLE_DATA.glob("*/*.xlsx"))
    assert len(paths) > 100
    return [read_file(p) for p in paths[::3]] + [
        read_file(p) for p in sorted((SAMPLE_DATA / "problems").glob("*.xlsx"))
    ]


@pytest.fixture(scope="module")
def results() -> list[FileResult]:
    return _sample_results()


def test_every_report_the_reader_builds_validates_to_itself(results: list[FileResult]) -> None:
    reports = [r.report for r in results if r.report is not None]
    assert len(reports) > 30
    for report in reports:
        again = Report.model_validate(report.model_dump())
        assert again == report
        assert repr(again) == repr(report)
        assert again.model_dump_json() == report.model_dump_json()


def test_every_file_result_validates_to_itself(results: list[FileResult]) -> None:
    for result in results:
        again = FileResult.model_validate(result.model_dump())
        assert again == result
        assert repr(again) == repr(result)


def test_the_wire_changes_nothing(results: list[FileResult], tmp_path: Path) -> None:
    unusual = write_report(
        tmp_path / "unusual.xlsx",
        money_unit="tỷ đồng",
        funding={"national": (2, "1.200,5", None, 0.25), "local": (None, None, None, None)},
        indicators={"consulting_revenue": (12.5, "3,125"), "demo_models": ("2", 0)},
    )
    for result in [*results, read_file(unusual)]:
        again = from_wire(to_wire(result))
        assert again == result
        assert repr(again) == repr(result)
        assert again.model_dump_json() == result.model_dump_json()


def _general(raw: float | int) -> Number | object:
    """parse_figure's general path for a stored number, which the fast paths must match."""
    if raw != raw or raw in (math.inf, -math.inf):
        return "not-a-number"
    value = from_stored_number(raw)
    return _from_decimal(value, _decimals_of(value), None)


def _same_number(raw: float | int) -> None:
    fast, general = parse_figure(raw), _general(raw)
    if isinstance(general, Number):
        assert isinstance(fast, Number)
        assert (repr(fast.value), fast.decimals, fast.unit_word) == (
            repr(general.value),
            general.decimals,
            general.unit_word,
        )
    else:
        assert not isinstance(fast, Number)


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_stored_floats_read_as_the_general_path_reads_them(raw: float) -> None:
    _same_number(raw)


@given(st.integers(min_value=-(10**16), max_value=10**16))
def test_stored_integers_read_as_the_general_path_reads_them(raw: int) -> None:
    _same_number(raw)


@pytest.mark.parametrize(
    "raw",
    [
        0.0,
        -0.0,
        1.0,
        28.0,
        746.66,
        0.1 + 0.2,
        1e-5,
        999999999999999.9,
        1e15,
        1e15 - 1,
        12.5e13,
        5e-324,
    ],
)
def test_edge_floats_read_as_the_general_path_reads_them(raw: float) -> None:
    _same_number(raw)
    assert parse_figure(raw) == parse_figure(raw)  # and again, from what was remembered


def test_a_figure_decimal_keeps_its_written_scale() -> None:
    number = parse_figure(746.66)
    assert isinstance(number, Number)
    assert repr(number.value) == repr(Decimal("746.66"))


def test_the_reader_states_every_problem_as_problem_does() -> None:
    from string import Formatter

    from kcstats.problems import CATALOGUE, cell_name, problem
    from kcstats.reader.context import Problems

    for code, kind in CATALOGUE.items():
        fields = {
            name
            for template in (kind.vi, kind.en)
            for _, name, _, _ in Formatter().parse(template)
            if name and name not in ("found", "expected")
        }
        params = {name: f"<{name}>" for name in fields}
        for found, expected, at in ((None, None, None), (12, Decimal("1.50"), (4, 27))):
            problems = Problems()
            problems.add(code, sheet="Chỉ tiêu", at=at, found=found, expected=expected, **params)
            cell = cell_name(*at) if at is not None else None
            made = problem(
                code, sheet="Chỉ tiêu", cell=cell, found=found, expected=expected, **params
            )
            assert problems.items == [made]
            assert repr(problems.items[0]) == repr(made)
            assert problems.items[0].model_fields_set == made.model_fields_set


def test_a_repeated_problem_is_the_problem_add_states() -> None:
    from kcstats.reader.context import Problems

    once, repeated = Problems(), Problems()
    for row, found in (
        (5, "demo_models"),
        (9, "demo_models"),
        (12, "Mô hình"),
        (30, "demo_models"),
    ):
        once.add("row-duplicate", sheet="Chỉ tiêu", at=(row, 1), found=found, expected=3)
        repeated.add_repeated(
            "row-duplicate", sheet="Chỉ tiêu", at=(row, 1), found=found, expected=3
        )
    assert repeated.items == once.items
    assert [repr(p) for p in repeated.items] == [repr(p) for p in once.items]
    assert [p.cell for p in repeated.items] == ["B6", "B10", "B13", "B31"]
    assert repeated.items[0].model_fields_set == once.items[0].model_fields_set


def test_a_report_reads_the_same_before_and_after_its_rows_are_remembered(tmp_path: Path) -> None:
    """The reader remembers code and unit texts and takes plain rows in fewer steps (see
    kcstats.reader.results): the second reading of a workbook, with all of that remembered,
    gives what the first gave, row by row and problem by problem."""
    from kcstats.reader import results as results_module

    path = write_report(
        tmp_path / "mixed-rows.xlsx",
        indicators=[
            ("trained_workers", (12, 14)),
            ("demo_models", (None, 3)),
            ("trained_workers", (1, 2)),  # a copy of a row: row-duplicate
            ("trained_workers", (None, None)),  # a copy with nothing in it: no problem
            ("consulting_revenue", (12.5, "3,125")),  # money
            ("fair_booths", ("1,5", 2)),  # a fraction in a count
            ("media_items", (None, None)),  # nothing reported
            ("showrooms", (0, 7)),
        ],
        indicator_units={"showrooms": "cái"},  # not the catalogue's unit
    )
    results_module._codes.cache_clear()
    results_module._units.cache_clear()
    first = read_file(path)
    again = read_file(path)
    assert repr(again) == repr(first)
    codes = [p.code for p in first.problems]
    assert codes.count("row-duplicate") == 1
    assert {"fraction-in-count", "unit-mismatch"} <= set(codes)


def test_a_header_row_holding_a_boolean_is_not_remembered_as_one_holding_1() -> None:
    """find_table remembers header rows by Grid.row_key. True == 1 == 1.0 and they hash
    alike, but a cell holding TRUE reads 'true' where 1.0 reads '1': a row holding a
    boolean has no key, so it never takes what was worked out for the other."""
    from kcstats.reader.grid import Grid
    from kcstats.reader.headers import header_text

    grid = Grid(
        "Chỉ tiêu",
        [["Mã", True], ["Mã", 1.0], ["Mã", 1], ["Mã", False], ["Mã", 0.0]],
    )
    assert header_text(grid, 0, 1) != header_text(grid, 1, 1)
    assert header_text(grid, 3, 1) != header_text(grid, 4, 1)
    assert grid.row_key(0) is None
    assert grid.row_key(3) is None
    # 1 and 1.0 read alike ('1'), so they may share a key.
    assert header_text(grid, 1, 1) == header_text(grid, 2, 1)
    assert grid.row_key(1) == grid.row_key(2) == ("Mã", 1.0)
