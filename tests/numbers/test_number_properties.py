"""Properties of number reading that must hold for any input, found by hypothesis."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from kcstats.numbers import Number, format_vietnamese, parse_figure, parse_number_text

money = st.decimals(
    min_value=0, max_value=Decimal(10) ** 12 - Decimal("0.001"), places=3, allow_nan=False
)


def written_by_hand(value: Decimal) -> str:
    """3 decimals, thousands grouped by dots, a decimal comma: how an office types it."""
    integer, fraction = f"{value:.3f}".split(".")
    groups = []
    while integer:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    return ".".join(groups) + "," + fraction


@given(money)
def test_figure_written_the_vietnamese_way_reads_back_the_same(value: Decimal) -> None:
    text = written_by_hand(value)
    parsed = parse_number_text(text)
    assert isinstance(parsed, Number)
    assert parsed.value == value
    assert parsed.decimals == 3
    assert format_vietnamese(value, 3) == text


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_whole_number_written_with_thousands_dots_reads_back_the_same(value: int) -> None:
    parsed = parse_number_text(format_vietnamese(Decimal(value)))
    assert isinstance(parsed, Number)
    assert parsed.value == value


@given(st.text())
def test_parsing_any_text_never_raises(text: str) -> None:
    parse_number_text(text)


@given(st.text(alphabet="0123456789.,  -+%\u00a0abcđồ"))
def test_parsing_number_like_text_never_raises(text: str) -> None:
    parse_figure(text)


@given(st.floats(allow_nan=True, allow_infinity=True) | st.integers())
def test_parsing_any_stored_number_never_raises(value: float) -> None:
    parse_figure(value)
