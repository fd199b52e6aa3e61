"""Figures typed as text are read the Vietnamese way, exactly; what needs a guess is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kcstats.numbers import (
    Number,
    NumberProblem,
    format_vietnamese,
    from_stored_number,
    parse_figure,
    parse_number_text,
    to_trieu,
)


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("1.505", "1505", 0),
        ("54,06", "54.06", 2),
        ("1.234,5", "1234.5", 1),
        ("1 505", "1505", 0),
        ("1\u00a0505\u202f000", "1505000", 0),
        (" 2.800 ", "2800", 0),
        ("12 cơ sở", "12", 0),
        ("12cơ sở", "12", 0),
        ("1.200 triệu đồng", "1200", 0),
        ("49,1%", "49.1", 1),
        ("+7", "7", 0),
        ("0,0005", "0.0005", 4),
        ("999.999.999.999.999", "999999999999999", 0),
        ("1,234", "1.234", 3),
    ],
)
def test_vietnamese_number_text_is_read_exactly(text: str, value: str, decimals: int) -> None:
    parsed = parse_number_text(text)
    assert isinstance(parsed, Number)
    assert (parsed.value, parsed.decimals) == (Decimal(value), decimals)


def test_trailing_unit_word_is_kept_apart_from_the_figure() -> None:
    parsed = parse_number_text("1 505 tỷ đồng")
    assert parsed == Number(Decimal(1505), 0, "tỷ đồng")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.5", "1,5"),
        ("12.34", "12,34"),
        ("1,234.5", "1.234,5"),
        ("1234.5", "1.234,5"),
        ("1.234.5", "1.234,5"),
        ("1,234,567", "1.234.567"),
        ("1.2345", "1,2345"),
        ("1.5 tỷ", "1,5 tỷ"),
    ],
)
def test_number_text_that_needs_a_guess_is_refused_saying_how_to_write_it(
    text: str, expected: str
) -> None:
    assert parse_number_text(text) == NumberProblem("ambiguous-number", text, expected)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("hai", "not-a-number"),
        ("khoảng 100", "not-a-number"),
        ("5 hoặc 6", "not-a-number"),
        ("1e5", "not-a-number"),
        ("-", "not-a-number"),
        ("-5", "negative-number"),
        ("\u22125", "negative-number"),
        ("- 1.200", "negative-number"),
        ("1234567890123456", "too-many-digits"),
        ("1.000.000.000.000.000", "too-many-digits"),
    ],
)
def test_number_text_that_is_no_figure_is_refused(text: str, code: str) -> None:
    parsed = parse_number_text(text)
    assert isinstance(parsed, NumberProblem)
    assert parsed.code == code


@pytest.mark.parametrize("text", ["", "   ", "\u00a0", " \u00a0\t"])
def test_blank_text_is_not_reported_never_zero(text: str) -> None:
    assert parse_number_text(text) is None
    assert parse_figure(text) is None


def test_empty_cell_is_not_reported() -> None:
    assert parse_figure(None) is None


@pytest.mark.parametrize(
    ("stored", "value"),
    [
        (0.1 + 0.2, "0.3"),
        (0.1 + 0.7, "0.8"),
        (1100.0, "1100"),
        (12, "12"),
        (1234.5678, "1234.5678"),
    ],
)
def test_stored_number_is_taken_as_excel_shows_it(stored: float, value: str) -> None:
    assert from_stored_number(stored) == Decimal(value)
    parsed = parse_figure(stored)
    assert isinstance(parsed, Number)
    assert parsed.value == Decimal(value)


@pytest.mark.parametrize(
    ("stored", "code"),
    [(1e15, "number-too-large"), (-0.5, "negative-number"), (True, "not-a-number")],
)
def test_stored_number_out_of_range_is_refused(stored: object, code: str) -> None:
    parsed = parse_figure(stored)
    assert isinstance(parsed, NumberProblem)
    assert parsed.code == code


def test_stored_number_just_below_the_limit_is_read() -> None:
    parsed = parse_figure(999_999_999_999_999)
    assert isinstance(parsed, Number)


@pytest.mark.parametrize(
    ("value", "factor", "rounded", "changed"),
    [
        ("1234.5678", "1", "1234.568", True),
        ("0.0005", "1", "0.001", True),
        ("2.0005", "1", "2.001", True),
        ("2.0004", "1", "2.000", True),
        ("1500", "0.000001", "0.002", True),
        ("1.5", "1000", "1500.000", False),
        ("1200", "0.001", "1.200", False),
    ],
)
def test_money_is_kept_to_one_thousand_dong_rounding_half_away_from_zero(
    value: str, factor: str, rounded: str, changed: bool
) -> None:
    assert to_trieu(Decimal(value), Decimal(factor)) == (Decimal(rounded), changed)


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [("1234.5", 3, "1.234,500"), ("0", 0, "0"), ("999", 1, "999,0"), ("1000000", 0, "1.000.000")],
)
def test_figures_are_written_the_vietnamese_way(value: str, decimals: int, text: str) -> None:
    assert format_vietnamese(Decimal(value), decimals) == text
