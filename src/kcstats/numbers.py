"""Reading figures the way Vietnamese offices write them, exactly, without binary floats.

Vietnamese convention: '.' groups thousands and ',' marks decimals, so '1.505' is one
thousand five hundred and five and '54,06' is fifty-four point zero six. Text that this
convention cannot read without guessing ('1.5', '1,234.5') is refused, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kcstats.messages import Param, count, say

MAX_FIGURE = Decimal(10) ** 15
MAX_DIGITS = 15
MONEY_QUANTUM = Decimal("0.001")  # one thousand đồng, in triệu đồng

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
# A sign, a figure (digits grouped by dots, commas or spaces), then any unit word.
_FIGURE_THEN_WORDS = re.compile(r"^(?:\+|([-\u2212]))? ?([0-9][0-9., ]*)(.*)$", re.DOTALL)
_UNIT_WORD = re.compile(r"^(?:[^\W\d_]|%)")
_VN_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_VN_THOUSANDS_DECIMAL = re.compile(r"^\d{1,3}(?:\.\d{3})+,\d+$")
_VN_DECIMAL = re.compile(r"^\d+,\d+$")
_DIGITS = re.compile(r"^\d+$")
# What a refused figure cell should hold, in words of the message table.
_A_NUMBER = say("expected.number")
_AT_MOST_DIGITS = say("expected.digits", count=count(MAX_DIGITS))


@dataclass(frozen=True, slots=True)
class Number:
    """A figure read from a cell: exact value, how many decimals it showed, any unit word."""

    value: Decimal
    decimals: int
    unit_word: str | None = None


@dataclass(frozen=True, slots=True)
class NumberProblem:
    """Why a cell could not be read as a figure: a problem code and what to write instead."""

    code: str
    found: str
    expected: str | Param  # a figure as text, or a parameter of kcstats.messages


def _from_decimal(value: Decimal, decimals: int, unit_word: str | None) -> Number | NumberProblem:
    if value < 0:
        return NumberProblem("negative-number", format(value, "f"), "≥ 0")
    if value >= MAX_FIGURE:
        return NumberProblem("number-too-large", format(value, "f"), "< 10^15")
    return Number(value, decimals, unit_word)


def _decimals_of(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def from_stored_number(raw: float | int) -> Decimal:
    """A number stored in the cell, taken as Excel shows it: rounded to 15 significant digits."""
    if isinstance(raw, int):
        return Decimal(raw)
    return Decimal(format(raw, ".15g"))


_WHOLE: dict[int, Number] = {}  # whole stored figures already read, e.g. 28.0 -> 28


def _whole(number: int) -> Number:
    found = _WHOLE.get(number)
    if found is None:
        found = Number(Decimal(number), 0)
        if len(_WHOLE) < 4096:
            _WHOLE[number] = found
    return found


def whole_number(number: int) -> Decimal:
    """Decimal(number), one object for each count seen (counts repeat across reports)."""
    return _whole(number).value


def parse_figure(raw: object) -> Number | NumberProblem | None:
    """Read one figure cell. None means blank: not reported, which is never zero."""
    if raw is None:
        return None
    # Fast paths for what most figure cells hold: a stored number, positive and in range.
    # They give exactly what the general path below gives for the same cell.
    if isinstance(raw, float):
        if 0.0 < raw < 1e15:
            if raw.is_integer():
                return _whole(int(raw))
            text = format(raw, ".15g")
            if "e" not in text:
                point = text.find(".")
                return Number(Decimal(text), 0 if point < 0 else len(text) - point - 1)
    elif isinstance(raw, int) and raw.__class__ is not bool and 0 < raw < 10**15:
        return _whole(raw)
    if isinstance(raw, bool):
        return NumberProblem("not-a-number", str(raw).upper(), _A_NUMBER)
    if isinstance(raw, int | float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return NumberProblem("not-a-number", str(raw), _A_NUMBER)
        value = from_stored_number(raw)
        return _from_decimal(value, _decimals_of(value), None)
    if isinstance(raw, dt.date | dt.time | dt.timedelta):
        return NumberProblem("not-a-number", str(raw), _A_NUMBER)
    if not isinstance(raw, str):
        return NumberProblem("not-a-number", repr(raw), _A_NUMBER)
    return parse_number_text(raw)


def parse_number_text(text: str) -> Number | NumberProblem | None:
    """Parse number text typed the Vietnamese way; spaces and a trailing unit word are ignored.

    '1.505' is 1505, '54,06' is 54.06, '1 234,5' is 1234.5, '12 cơ sở' is 12. A unit word
    holds no digit: '5 hoặc 6' is not a number, it is a question for the province.
    """
    shown = text.strip()
    compact = _SPACES.sub(" ", text).strip()
    if not compact:
        return None
    match = _FIGURE_THEN_WORDS.match(compact)
    if match is None:
        return NumberProblem("not-a-number", shown, _A_NUMBER)
    sign, figure, rest = match.group(1), match.group(2).replace(" ", ""), match.group(3).strip()
    if rest and (_UNIT_WORD.match(rest) is None or any(ch.isdigit() for ch in rest)):
        return NumberProblem("not-a-number", shown, _A_NUMBER)
    unit_word = rest or None
    digit_count = sum(ch.isdigit() for ch in figure)
    if digit_count > MAX_DIGITS:
        return NumberProblem("too-many-digits", shown, _AT_MOST_DIGITS)
    if _DIGITS.match(figure):
        canonical, decimals = figure, 0
    elif _VN_THOUSANDS.match(figure):
        canonical, decimals = figure.replace(".", ""), 0
    elif _VN_DECIMAL.match(figure):
        canonical, decimals = figure.replace(",", "."), len(figure.split(",")[1])
    elif _VN_THOUSANDS_DECIMAL.match(figure):
        integer, fraction = figure.split(",")
        canonical, decimals = integer.replace(".", "") + "." + fraction, len(fraction)
    else:
        suggestion = suggest_vietnamese(figure)
        return NumberProblem(
            "ambiguous-number", shown, " ".join(filter(None, (suggestion, unit_word)))
        )
    value = Decimal(canonical)
    return _from_decimal(-value if sign else value, decimals, unit_word)


def suggest_vietnamese(figure: str) -> str:
    """How to write an ambiguous figure the Vietnamese way, so that it reads one way only.

    The figure is read the English way, which is what such text almost always is ('1.5',
    '12.34', '1,234.5', '1,234,567'), and written back with thousands dots and a decimal
    comma: '1,5', '12,34', '1.234,5', '1.234.567'. Several dots ('1.234.5') make the last one
    the decimal point. What cannot be read either way is shown with its marks swapped.
    """
    english = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?", figure)
    if english is not None:
        integer, fraction = english.group(1).replace(",", ""), english.group(2)
    elif re.fullmatch(r"\d+(?:\.\d+)+", figure):
        integer, _, fraction = figure.rpartition(".")
        integer = integer.replace(".", "")
    else:
        return figure.translate(str.maketrans(",.", ".,"))
    return format_vietnamese(Decimal(f"{integer}.{fraction or 0}"), len(fraction or ""))


def format_vietnamese(value: Decimal, decimals: int = 0) -> str:
    """A figure written the Vietnamese way: thousands dots, decimal comma ('1.234,500')."""
    text = format(value, f",.{decimals}f")
    return text.translate(str.maketrans(",.", ".,"))


def shown_figure(value: Decimal) -> str:
    """A figure for a message, the Vietnamese way and without trailing zeros: '4.300',
    '55,16', '91,67'."""
    exponent = value.normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_vietnamese(value, decimals)


def is_whole(value: Decimal) -> bool:
    return value == value.to_integral_value()


def to_trieu(value: Decimal, factor: Decimal) -> tuple[Decimal, bool]:
    """Convert a money figure to triệu đồng kept to 0.001, half away from zero.

    Returns the converted value and whether rounding changed it (the reader warns then).
    """
    exact = value * factor
    rounded = exact.quantize(MONEY_QUANTUM, rounding=ROUND_HALF_UP)
    return rounded, rounded != exact


def shown_tolerance(decimals: int) -> Decimal:
    """Half a unit of the last digit shown: how far a stated figure may be from the exact one."""
    return Decimal(5) * Decimal(10) ** -(decimals + 1)
