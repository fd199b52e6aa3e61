"""Text copied from input files, written so that no spreadsheet runs it as a formula.

CSV (OWASP "CSV injection"): a text cell that begins with =, +, -, @, tab or carriage return
gets a leading apostrophe, which spreadsheet programs show as text and do not evaluate.
XLSX: openpyxl turns any str starting with '=' into a formula, so text cells are written
through :func:`put_text`, which keeps them strings (data type 's') whatever they hold.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_TEXT_LIMIT = 32767
# Control characters that XML 1.0 cannot hold (openpyxl refuses them); tab, LF and CR are fine.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def csv_text(text: str) -> str:
    """A CSV text cell that no spreadsheet program will evaluate."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def excel_text(text: str) -> str:
    """Text a workbook can hold: characters XML 1.0 forbids become U+FFFD, and the length
    stays within Excel's 32,767 characters per cell."""
    cleaned = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    return cleaned[:EXCEL_TEXT_LIMIT]


def put_text(cell: Any, text: str) -> Any:
    """Write text into an openpyxl cell as a string, never as a formula ('=HYPERLINK(...)'
    found in a report must not become one), with characters XML forbids replaced."""
    cell.value = excel_text(text)
    cell.data_type = "s"
    return cell
