"""kcstats.safety.biff reads .xls formula records from untrusted bytes: whatever they hold it
answers, quickly, with what it could read, and never raises."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kcstats.safety.biff import blank_formula_cells

SAVED = (Path(__file__).parents[1] / "fixtures" / "libreoffice" / "text-parts.xls").read_bytes()


def test_the_empty_text_formula_of_a_saved_xls_is_found() -> None:
    assert blank_formula_cells(SAVED) == {"Chỉ tiêu": {(6, 5)}}


def test_a_formula_with_a_number_result_is_not_blank() -> None:
    # The Tổng cộng formulas of Kinh phí saved 12, 3000, 9 and 1100: none is listed.
    assert "Kinh phí" not in blank_formula_cells(SAVED)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(SAVED) - 1), st.binary(min_size=1, max_size=64))
def test_damaged_bytes_never_raise(position: int, noise: bytes) -> None:
    damaged = SAVED[:position] + noise + SAVED[position + len(noise) :]
    assert isinstance(blank_formula_cells(damaged), dict)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, len(SAVED)))
def test_truncated_bytes_never_raise(length: int) -> None:
    assert isinstance(blank_formula_cells(SAVED[:length]), dict)


def test_garbage_after_the_ole_magic_reads_as_nothing() -> None:
    assert blank_formula_cells(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 4096) == {}
