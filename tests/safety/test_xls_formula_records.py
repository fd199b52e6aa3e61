"""kcstats.safety.biff reads .xls formula records from untrusted bytes: whatever they hold it
answers, quickly, with what it could read, and never raises."""

from __future__ import annotations

import struct
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kcstats.safety import biff
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


def _stream(filler_records: int) -> bytes:
    """A BIFF8 workbook stream: one sheet 'A' whose empty-text formula at B2 comes after
    `filler_records` BLANK records."""
    record = struct.Struct("<HH").pack
    bof = record(0x0809, 16) + struct.pack("<H", 0x0600) + bytes(14)
    name = struct.pack("<IH", 0, 0) + bytes([1, 0]) + b"A"
    globals_ = bof + record(0x0085, len(name)) + name + record(0x000A, 0)
    formula = struct.pack("<HHH", 1, 1, 0) + bytes([3, 0, 0, 0, 0, 0, 0xFF, 0xFF]) + bytes(8)
    sheet = bof + record(0x0201, 0) * filler_records + record(0x0006, len(formula)) + formula
    sheet += record(0x000A, 0)
    position = len(globals_)
    globals_ = globals_.replace(name, struct.pack("<IH", position, 0) + bytes([1, 0]) + b"A")
    return globals_ + sheet


def test_an_empty_text_result_marked_as_such_is_found() -> None:
    assert biff._blank_formulas(_stream(10)) == {"A": {(1, 1)}}


def test_reading_stops_after_a_bounded_number_of_records() -> None:
    # Millions of tiny records would take seconds to walk: past the bound nothing is read.
    assert biff._blank_formulas(_stream(biff.MAX_RECORDS)) == {}
