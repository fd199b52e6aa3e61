"""The problem catalogue: every problem kcstats reports has a stable code, a severity and a
group; its message, in Vietnamese and English, is the text `problem.<code>` of the message
table (kcstats.messages).

A Problem holds its code, its place and its parameters, never prose: what it found and
expected are parameters too (a text quoted from the workbook, a number, the id of a
reason), and the message is put together in the language asked for when it is shown.

Codes never change meaning once released; docs/problem-codes.md is generated from this
catalogue (a test keeps it current) so users can look any code up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from kcstats.messages import (
    PARAM_CHARS,
    Lang,
    Param,
    Params,
    Values,
    as_param,
    fill,
    show,
    table,
)
from kcstats.trusted import trusted
from kcstats.untrusted import EXCERPT_CHARS, excerpt, name_text

__all__ = ["CATALOGUE", "Lang", "Problem", "ProblemType", "Severity", "cell_name", "problem"]


class Severity(StrEnum):
    ERROR = "error"  # the file is refused
    WARNING = "warning"  # the file is accepted, the user should look
    INFO = "info"  # why a file was skipped


@dataclass(frozen=True, slots=True)
class ProblemType:
    code: str
    severity: Severity
    group: str

    @property
    def message_id(self) -> str:
        return f"problem.{self.code}"

    @property
    def vi(self) -> str:
        """The Vietnamese message, parameters unfilled."""
        return table()[self.message_id]["vi"]

    @property
    def en(self) -> str:
        """The English message, parameters unfilled."""
        return table()[self.message_id]["en"]


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

_TYPES = [
    # Files that are not reports: skipped, never refused.
    ProblemType("lock-file", _I, "file"),
    ProblemType("hidden-file", _I, "file"),
    ProblemType("not-a-report-file", _I, "file"),
    ProblemType("folder-unreadable", _E, "file"),
    ProblemType("duplicate-copy", _I, "file"),
    ProblemType("duplicate-superseded", _I, "file"),
    ProblemType("duplicate-replaced", _I, "file"),
    # The container: refused before any parser reads it.
    ProblemType("not-a-workbook", _E, "file"),
    ProblemType("encrypted-workbook", _E, "file"),
    ProblemType("damaged-workbook", _E, "file"),
    ProblemType("file-too-large", _E, "file"),
    ProblemType("unpacked-too-large", _E, "file"),
    ProblemType("xml-entities", _E, "file"),
    ProblemType("sheet-too-large", _E, "file"),
    ProblemType("read-timeout", _E, "file"),
    ProblemType("read-crashed", _E, "file"),
    # Sheets.
    ProblemType("sheet-missing", _E, "sheet"),
    ProblemType("sheet-ambiguous", _E, "sheet"),
    ProblemType("hidden-sheet-ignored", _W, "sheet"),
    # Report facts (sheet Thông tin).
    ProblemType("fact-missing", _E, "facts"),
    ProblemType("year-invalid", _E, "facts"),
    ProblemType("period-unknown", _E, "facts"),
    ProblemType("money-unit-unknown", _E, "facts"),
    ProblemType("province-unknown", _E, "facts"),
    ProblemType("province-renamed", _W, "facts"),
    ProblemType("province-abolished", _E, "facts"),
    # Tables.
    ProblemType("header-not-found", _E, "table"),
    ProblemType("column-missing", _E, "table"),
    ProblemType("source-unknown", _E, "table"),
    ProblemType("indicator-unknown", _E, "table"),
    ProblemType("row-duplicate", _E, "table"),
    ProblemType("unit-mismatch", _E, "table"),
    # Figures.
    ProblemType("not-a-number", _E, "figure"),
    ProblemType("negative-number", _E, "figure"),
    ProblemType("fraction-in-count", _E, "figure"),
    ProblemType("number-too-large", _E, "figure"),
    ProblemType("too-many-digits", _E, "figure"),
    ProblemType("ambiguous-number", _E, "figure"),
    ProblemType("formula-without-value", _E, "figure"),
    ProblemType("error-value", _E, "figure"),
    ProblemType("total-formula-without-value", _W, "figure"),
    ProblemType("number-stored-as-text", _W, "figure"),
    ProblemType("money-rounded", _W, "figure"),
    # Cross-checks.
    ProblemType("total-mismatch", _E, "check"),
    ProblemType("percent-mismatch", _E, "check"),
    ProblemType("prior-percent-mismatch", _E, "check"),
    ProblemType("duplicate-conflict", _E, "file"),
    ProblemType("prior-year-mismatch", _W, "check"),
    # Format 2, the administrative report table (report-format-2.md).
    ProblemType("prior-total-unchecked", _W, "check"),
    ProblemType("layout-unknown", _E, "sheet"),
    ProblemType("second-table-ignored", _W, "sheet"),
    ProblemType("province-missing", _E, "facts"),
    ProblemType("province-conflict", _E, "facts"),
    ProblemType("year-missing", _E, "facts"),
    ProblemType("year-conflict", _E, "facts"),
    ProblemType("period-missing", _E, "facts"),
    ProblemType("period-conflict", _E, "facts"),
    ProblemType("money-unit-assumed", _W, "facts"),
    ProblemType("row-not-in-catalogue", _W, "table"),
    ProblemType("total-includes-counterpart", _I, "check"),
    ProblemType("activity-parts-differ", _W, "check"),
]

CATALOGUE: dict[str, ProblemType] = {t.code: t for t in _TYPES}


class Problem(BaseModel):
    """One problem found in one file, at one place: its code, where, and its parameters
    (kcstats.messages), shown in a language only when asked."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    sheet: str | None = None
    cell: str | None = None
    found: Param | None = None
    expected: Param | None = None
    params: Params = ()

    def message(self, lang: Lang = "vi") -> str:
        return self._message(lang, self.found_text(lang), self.expected_text(lang))

    def _message(self, lang: Lang, found: str | None, expected: str | None) -> str:
        values = Values(found=found or "", expected=expected or "")
        for name, param in self.params:
            values[name] = show(param, lang)
        return fill(f"problem.{self.code}", lang, values)

    def found_text(self, lang: Lang = "vi") -> str | None:
        """What the cell or file held, in one language (a text from the workbook as it is)."""
        return None if self.found is None else show(self.found, lang)

    def expected_text(self, lang: Lang = "vi") -> str | None:
        """What kcstats expected there, in one language."""
        return None if self.expected is None else show(self.expected, lang)

    def as_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        """The shape of outputs.md: {code, severity, sheet, cell, found, expected, message}."""
        found, expected = self.found_text(lang), self.expected_text(lang)
        return {
            "code": self.code,
            "severity": self.severity.value,
            "sheet": self.sheet,
            "cell": self.cell,
            "found": found,
            "expected": expected,
            "message": self._message(lang, found, expected),
        }


def problem(
    code: str,
    *,
    sheet: str | None = None,
    cell: str | None = None,
    found: object = None,
    expected: object = None,
    **params: object,
) -> Problem:
    """Build a problem from the catalogue; an unknown code is a programming error.

    found, expected and the other parameters are parameters of kcstats.messages (say(),
    count(), ...) or else texts quoted as they are (a str, or a number or a date as str()
    writes it): cut to an excerpt when long, so a 50 MB cell costs no output more than that."""
    return problem_at(
        code, sheet, None if cell is None else _bounded(cell), found, expected, params
    )


def problem_at(
    code: str,
    sheet: str | None,
    cell: str | None,
    found: object,
    expected: object,
    params: dict[str, object],
) -> Problem:
    """problem(), for a `cell` that cell_name made (short ASCII: nothing to bound)."""
    kind = CATALOGUE[code]
    # Every value is a bounded str, a parameter or None, or the catalogue's own severity:
    # nothing to validate.
    return trusted(
        Problem,
        {
            "code": code,
            "severity": kind.severity,
            "sheet": None if sheet is None else _bounded(sheet),
            "cell": cell,
            "found": None if found is None else as_param(found),
            "expected": None if expected is None else as_param(expected),
            "params": tuple((k, as_param(v, PARAM_CHARS)) for k, v in params.items())
            if params
            else (),
        },
    )


def _bounded(text: str) -> str:
    found = _BOUNDED.get(text)
    if found is None:
        found = excerpt(name_text(text), EXCERPT_CHARS)
        if len(text) <= 64 and len(_BOUNDED) < 4096:  # sheet names: they repeat
            _BOUNDED[text] = found
    return found


_BOUNDED: dict[str, str] = {}


def cell_name(row: int, col: int) -> str:
    """A1 name of a zero-based (row, col): (0, 0) -> 'A1', (4, 27) -> 'AB5'."""
    letters = _COLUMNS[col] if 0 <= col < len(_COLUMNS) else _column_letters(col)
    return f"{letters}{row + 1}"


def _column_letters(col: int) -> str:
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


_COLUMNS = [_column_letters(col) for col in range(702)]  # A to ZZ: every report's columns
