"""Reading figures the way Vietnamese offices write them, exactly, without binary floats.

Vietnamese convention: '.' groups thousands and ',' marks decimals, so '1.505' is one
thousand five hundred and five and '54,06' is fifty-four point zero six. Text that this
convention cannot read without guessing ('1.5', '1,234.5') is refused, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MAX_FIGURE = Decimal(10) ** 15
MAX_DIGITS = 15
MONEY_QUANTUM = Decimal("0.001")  # one thousand đồng, in triệu đồng

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
# A figure, optionally followed by a unit word such as 'cơ sở' or '%'.
_NUMBER_THEN_WORDS = re.compile(r"^([+-]?[0-9][0-9.,]*)\s*([^\d].*)?$", re.DOTALL)
_VN_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_VN_THOUSANDS_DECIMAL = re.compile(r"^\d{1,3}(?:\.\d{3})+,\d+$")
_VN_DECIMAL = re.compile(r"^\d+,\d+$")
_DIGITS = re.compile(r"^\d+$")


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
    expected: str


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


def parse_figure(raw: object) -> Number | NumberProblem | None:
    """Read one figure cell. None means blank: not reported, which is never zero."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return NumberProblem("not-a-number", str(raw).upper(), "một số / a number")
    if isinstance(raw, int | float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return NumberProblem("not-a-number", str(raw), "một số / a number")
        value = from_stored_number(raw)
        return _from_decimal(value, _decimals_of(value), None)
    if isinstance(raw, dt.date | dt.time | dt.timedelta):
        return NumberProblem("not-a-number", str(raw), "một số / a number")
    if not isinstance(raw, str):
        return NumberProblem("not-a-number", repr(raw), "một số / a number")
    return parse_number_text(raw)


def parse_number_text(text: str) -> Number | NumberProblem | None:
    """Parse number text typed the Vietnamese way; spaces and a trailing unit word are ignored."""
    shown = text.strip()
    compact = _SPACES.sub(" ", text).strip()
    if not compact:
        return None
    match = _NUMBER_THEN_WORDS.match(compact)
    if match is None:
        return NumberProblem("not-a-number", shown, "một số / a number")
    # Spaces inside the figure group thousands ('1 505'); only the tail after the last
    # digit-free gap is a unit word.
    figure = match.group(1)
    unit_word = (match.group(2) or "").strip() or None
    if unit_word is not None and re.match(r"^[\d.,\s]+", unit_word):
        joined = (figure + unit_word).replace(" ", "")
        match = _NUMBER_THEN_WORDS.match(joined)
        if match is None:
            return NumberProblem("not-a-number", shown, "một số / a number")
        figure, unit_word = match.group(1), (match.group(2) or "").strip() or None
    sign = ""
    if figure[0] in "+-":
        sign, figure = figure[0], figure[1:]
    digit_count = sum(ch.isdigit() for ch in figure)
    if digit_count > MAX_DIGITS:
        return NumberProblem("too-many-digits", shown, f"≤ {MAX_DIGITS} chữ số / digits")
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
        return NumberProblem("ambiguous-number", shown, suggest_vietnamese(figure))
    try:
        value = Decimal(sign + canonical)
    except InvalidOperation:  # pragma: no cover - the patterns above only admit digits
        return NumberProblem("not-a-number", shown, "một số / a number")
    return _from_decimal(value, decimals, unit_word)


def suggest_vietnamese(figure: str) -> str:
    """How to write an ambiguous figure so that it reads one way only."""
    digits = figure.replace(".", "").replace(",", "")
    if "," in figure and "." in figure:
        # '1,234.5' is the English way; the Vietnamese way swaps the marks.
        return figure.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if figure.count(",") > 1:
        return figure.replace(",", ".")
    if "." in figure:
        head, _, tail = figure.partition(".")
        return f"{head},{tail.replace('.', '')}"
    return digits


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
