"""A report's own date, as people write it: a date cell, an Excel date serial, or text such as
'ngày 15 tháng 6 năm 2024', '15/06/2024', '15-6-2024', '2024-06-15'."""

from __future__ import annotations

import datetime as dt
import re

from kcstats.catalogue_file import YEAR_MAX, YEAR_MIN
from kcstats.text import fold

# Excel's day 0 is 30 December 1899 (its 1900 leap-year bug makes that right from March 1900).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serials of the years a report may carry, from 1 January of the first to 1 January of the last
# (36526-73051 for 2000-2100): anything else is a number, not a date.
_SERIAL_MIN = (dt.date(YEAR_MIN, 1, 1) - _EXCEL_EPOCH).days
_SERIAL_MAX = (dt.date(YEAR_MAX, 1, 1) - _EXCEL_EPOCH).days
_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")


def read_date(value: object) -> dt.date | None:
    """The date a cell gives, or None when it gives none (or an impossible one, 31/02)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if _SERIAL_MIN <= value <= _SERIAL_MAX:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return None
    if not isinstance(value, str):
        return None
    folded = fold(value)
    if (match := _WORDS.search(folded)) or (match := _DAY_FIRST.search(value)):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO.search(value):
        year, month, day = (int(g) for g in match.groups())
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
