"""JSON output that keeps exact decimals exact."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return _exact_number(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _exact_number(value: Decimal) -> int | float:
    """A Decimal as a JSON number. Every figure kcstats holds has at most 3 decimals and well
    under 15 significant digits, so the float's shortest repr is exactly the decimal."""
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) != value:  # pragma: no cover - beyond any real budget
        raise ValueError(f"{value} cannot be written exactly as a JSON number")
    return as_float


def dumps(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, default=_default)
