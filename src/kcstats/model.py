"""The validated report model: what one province's workbook says, in exact units.

Money is held in triệu đồng as Decimal kept to 0.001 (one thousand đồng); counts as
integers. A figure that is None was not reported, which is never the same as zero.
schemas/report.schema.json is generated from these models (a test keeps it current).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from kcstats.catalog import PeriodCode
from kcstats.catalogue_file import YEAR_MAX, YEAR_MIN
from kcstats.problems import Problem, Severity
from kcstats.trusted import trusted
from kcstats.untrusted import excerpt, maybe_excerpt

if TYPE_CHECKING:
    from kcstats.report_figures import ReportFigureIndex

# The funding sources of schemas/catalogue.json, as a type for the report schema (a test
# keeps the two equal: kcstats.catalogue_file.SOURCE_CODES is the list).
SourceCode = Literal["national", "local", "counterpart", "other"]
# Activity funding is given by source where a format-2 table splits it, else as its total.
ActivitySource = Literal["national", "local", "counterpart", "other", "total"]
Era = Literal["63", "34"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FundingLine(_Model):
    """One row of sheet 'Kinh phí': a source of funds, its projects and money (triệu đồng)."""

    source: SourceCode
    plan_projects: int | None = Field(default=None, ge=0)
    plan_money: Decimal | None = Field(default=None, ge=0, decimal_places=3)
    actual_projects: int | None = Field(default=None, ge=0)
    actual_money: Decimal | None = Field(default=None, ge=0, decimal_places=3)
    prior_projects: int | None = Field(
        default=None, ge=0, description="Cùng kỳ năm trước, as stated (format 2)"
    )
    prior_money: Decimal | None = Field(
        default=None, ge=0, decimal_places=3, description="Cùng kỳ năm trước, as stated (format 2)"
    )


class IndicatorFigure(_Model):
    """One row of sheet 'Chỉ tiêu'. Money indicators are in triệu đồng, counts are whole."""

    code: str
    plan: Decimal | None = Field(default=None, ge=0)
    actual: Decimal | None = Field(default=None, ge=0)
    prior: Decimal | None = Field(default=None, ge=0, description="Cùng kỳ năm trước, as stated")


class ActivityFunding(_Model):
    """The money a report gives for one activity group (report-format-2.md), in triệu đồng."""

    activity: str = Field(description="Activity group code of schemas/catalogue.json")
    source: ActivitySource
    plan_money: Decimal | None = Field(default=None, ge=0, decimal_places=3)
    actual_money: Decimal | None = Field(default=None, ge=0, decimal_places=3)
    prior_money: Decimal | None = Field(
        default=None, ge=0, decimal_places=3, description="Cùng kỳ năm trước, as stated"
    )


class UnmappedRow(_Model):
    """A table row kept but not in the catalogue (warning row-not-in-catalogue)."""

    sheet: str
    row: int = Field(ge=1, description="Row number as the spreadsheet shows it")
    label: str
    unit: str | None = None
    section: str | None = Field(default=None, description="Activity group code, when known")
    plan: Decimal | None = None
    actual: Decimal | None = None


class Report(_Model):
    """One province's figures for one year and one period (report format 1 or 2)."""

    model_config = ConfigDict(
        json_schema_extra={
            "$comment": "Generated from kcstats.model.Report by "
            "`python -m kcstats.schema_dump schemas/report.schema.json`; do not edit by hand."
        }
    )

    format: Literal[1, 2] = 1
    province: str = Field(description="Canonical province name in the list of the report's period")
    province_code: str = Field(description="Statistics-office code")
    era: Era = Field(description="'63' before 1 July 2025, '34' from then on")
    year: int = Field(ge=YEAR_MIN, le=YEAR_MAX)
    period: PeriodCode
    money_unit: Literal["dong", "nghin", "trieu", "ty"] = "trieu"
    reporting_unit: str | None = None
    prepared_by: str | None = None
    prepared_on: str | None = None
    note: str | None = None
    report_date: dt.date | None = Field(
        default=None,
        description="The report's own date (format 1: Ngày lập; format 2: the place-and-date "
        "line), used by --prefer newer; never the period",
    )
    funding: list[FundingLine] = []
    indicators: list[IndicatorFigure] = []
    activity_funding: list[ActivityFunding] = []

    @property
    def province_key(self) -> str:
        return f"{self.era}:{self.province_code}"

    def figures(self) -> tuple[object, ...]:
        """The figures alone: two files with equal figures are copies of one report. What a
        report states for the same period last year is not its own figure and is left out."""
        return (
            self.province_key,
            self.year,
            self.period,
            tuple(
                sorted(
                    line.model_dump_json(exclude={"prior_projects", "prior_money"})
                    for line in self.funding
                )
            ),
            tuple(sorted(fig.model_dump_json(exclude={"prior"}) for fig in self.indicators)),
            tuple(
                sorted(a.model_dump_json(exclude={"prior_money"}) for a in self.activity_funding)
            ),
        )


class FileStatus(StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"
    SKIPPED = "skipped"


class FileResult(BaseModel):
    """What became of one input file."""

    path: str
    status: FileStatus
    sha256: str | None = None
    province: str | None = None
    year: int | None = None
    period: PeriodCode | None = None
    problems: list[Problem] = []
    report: Report | None = None
    format: Literal[1, 2] | None = None
    unmapped: list[UnmappedRow] = []

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.ERROR]


# ---------------------------------------------------------------------------------------------
# Building models from values that already satisfy them, and carrying them between processes.
#
# The reader is where report data is validated: every value it gives is checked against the
# report format as it is read (a figure is refused when negative, money is kept to 0.001, a
# code comes from the catalogue), so validating its models again would only repeat the same
# checks at several microseconds a model, a thousand times a run. The reader builds them with
# `trusted`; tests/perf checks that every model it builds validates back to itself. Anything
# that builds models from other data (users of the library, JSON) goes through validation.


def funding_line(
    source: str,
    plan_projects: int | None,
    plan_money: Decimal | None,
    actual_projects: int | None,
    actual_money: Decimal | None,
    prior_projects: int | None,
    prior_money: Decimal | None,
) -> FundingLine:
    return trusted(
        FundingLine,
        {
            "source": source,
            "plan_projects": plan_projects,
            "plan_money": plan_money,
            "actual_projects": actual_projects,
            "actual_money": actual_money,
            "prior_projects": prior_projects,
            "prior_money": prior_money,
        },
    )


def indicator_figure(
    code: str, plan: Decimal | None, actual: Decimal | None, prior: Decimal | None
) -> IndicatorFigure:
    return trusted(IndicatorFigure, {"code": code, "plan": plan, "actual": actual, "prior": prior})


def activity_funding(
    activity: str,
    source: str,
    plan_money: Decimal | None,
    actual_money: Decimal | None,
    prior_money: Decimal | None,
) -> ActivityFunding:
    return trusted(
        ActivityFunding,
        {
            "activity": activity,
            "source": source,
            "plan_money": plan_money,
            "actual_money": actual_money,
            "prior_money": prior_money,
        },
    )


_REPORT_FIELDS = tuple(Report.model_fields)
_UNMAPPED_FIELDS = tuple(UnmappedRow.model_fields)
_PROBLEM_FIELDS = tuple(Problem.model_fields)
_STATUS = {status.value: status for status in FileStatus}
_SEVERITY = {severity.value: severity for severity in Severity}

# A FileResult as plain tuples of str, int and None (a problem's parameters are such tuples
# already, kcstats.messages): what a reader process sends back. Figures travel as the fact
# store's integers (kcstats.figures): money in thousandths of a triệu đồng, counts as they
# are; pickling an int costs a seventh of pickling a Decimal, and the parent builds the fact
# table from these integers without turning Decimals back into them (kcstats.report_figures).
# A Decimal the integer would not give back exactly (never one the reader makes: it keeps
# money to 0.001 and counts whole) travels as itself.
Wire = tuple[Any, ...]


def _money_out(value: Decimal | None) -> int | Decimal | None:
    """Money kept to 0.001 (exponent -3, as the reader gives it) as integer thousandths."""
    if value is None:
        return None
    text = str(value)  # '1281.936'; an exponent other than -3 reads otherwise
    if text[-4:-3] == "." and text[0] != "-" and "E" not in text:
        return int(text.replace(".", "", 1))
    return value


def _whole_out(value: Decimal | None) -> int | Decimal | None:
    """A whole count (exponent 0, as the reader gives it) as an int."""
    if value is None:
        return None
    text = str(value)
    return int(text) if text.isdigit() else value


def _money_in(value: int | Decimal | None) -> Decimal | None:
    if not isinstance(value, int):
        return value
    return Decimal(value).scaleb(-3)


_WHOLES: dict[int, Decimal] = {}  # counts repeat across reports: one Decimal each


def _whole_in(value: int | Decimal | None) -> Decimal | None:
    if not isinstance(value, int):
        return value
    found = _WHOLES.get(value)
    if found is None:
        found = Decimal(value)
        if len(_WHOLES) < 4096:
            _WHOLES[value] = found
    return found


@cache
def _indicator_codecs() -> dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]]:
    """Each indicator of the catalogue's (out, in): by its kind, money or a count."""
    from kcstats.catalog import load_catalogue

    return {
        code: (_money_out, _money_in) if i.kind == "money" else (_whole_out, _whole_in)
        for code, i in load_catalogue().indicators.items()
    }


def _identity(value: Any) -> Any:
    return value


_AS_IS = (_identity, _identity)  # a code the catalogue lacks: its Decimals travel as they are


def to_wire(result: FileResult) -> Wire:
    report = result.report
    report_wire: Wire | None = None
    if report is not None:
        fields = report.__dict__
        codecs = _indicator_codecs()
        report_wire = (
            *(_cut(name, fields[name]) for name in _REPORT_FIELDS[:-3]),
            [
                (
                    f.source,
                    f.plan_projects,
                    _money_out(f.plan_money),
                    f.actual_projects,
                    _money_out(f.actual_money),
                    f.prior_projects,
                    _money_out(f.prior_money),
                )
                for f in report.funding
            ],
            [_indicator_out(f.__dict__, codecs) for f in report.indicators],
            [
                (
                    a.activity,
                    a.source,
                    _money_out(a.plan_money),
                    _money_out(a.actual_money),
                    _money_out(a.prior_money),
                )
                for a in report.activity_funding
            ],
        )
    problems = [
        (p.code, p.severity.value, p.sheet, p.cell, p.found, p.expected, p.params)
        for p in result.problems
    ]
    return (
        result.path,
        result.status.value,
        result.sha256,
        maybe_excerpt(result.province),
        result.year,
        result.period,
        problems,
        report_wire,
        result.format,
        [
            tuple(_cut(name, row.__dict__[name]) for name in _UNMAPPED_FIELDS)
            for row in result.unmapped
        ],
    )


def _indicator_out(
    fields: dict[str, Any], codecs: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]]
) -> Wire:
    """(code, plan, actual, prior): store integers by the indicator's kind (thousandths for
    money, whole for a count); the Decimals themselves for a code the catalogue lacks."""
    code = fields["code"]
    out = codecs.get(code, _AS_IS)[0]
    return (code, out(fields["plan"]), out(fields["actual"]), out(fields["prior"]))


# Texts copied from a workbook's cells: what a reader process sends back holds excerpts of
# them (kcstats.untrusted), so that a 50 MB cell costs the parent nothing.
_CELL_TEXTS = frozenset({"reporting_unit", "prepared_by", "prepared_on", "note", "label", "unit"})


def _cut(name: str, value: Any) -> Any:
    return excerpt(value) if name in _CELL_TEXTS and isinstance(value, str) else value


def from_wire(wire: Wire, figures: ReportFigureIndex | None = None) -> FileResult:
    """The FileResult that to_wire was given, equal to it in every field. `figures`, when
    given, keeps the report's figures as the fact store's integers (what the wire holds)."""
    path, status, sha256, province, year, period, problems, report_wire, format_, unmapped = wire
    report = None
    if report_wire is not None:
        *head, funding, indicators, activities = report_wire
        fields = dict(zip(_REPORT_FIELDS, head, strict=False))
        fields["funding"] = [
            funding_line(s, pp, _money_in(pm), ap, _money_in(am), qp, _money_in(qm))
            for s, pp, pm, ap, am, qp, qm in funding
        ]
        codecs = _indicator_codecs()
        made = []
        for code, plan, actual, prior in indicators:
            back = codecs.get(code, _AS_IS)[1]
            made.append(
                trusted(
                    IndicatorFigure,
                    {
                        "code": code,
                        "plan": back(plan),
                        "actual": back(actual),
                        "prior": back(prior),
                    },
                )
            )
        fields["indicators"] = made
        fields["activity_funding"] = [
            activity_funding(a, s, _money_in(pm), _money_in(am), _money_in(qm))
            for a, s, pm, am, qm in activities
        ]
        report = trusted(Report, fields)
        if figures is not None:
            figures.add_wire(report, funding, indicators, activities)
    return trusted(
        FileResult,
        {
            "path": path,
            "status": _STATUS[status],
            "sha256": sha256,
            "province": province,
            "year": year,
            "period": period,
            "problems": [_problem(p) for p in problems],
            "report": report,
            "format": format_,
            "unmapped": [
                trusted(UnmappedRow, dict(zip(_UNMAPPED_FIELDS, row, strict=True)))
                for row in unmapped
            ],
        },
    )


def _problem(wire: Wire) -> Problem:
    code, severity, *rest = wire
    return trusted(
        Problem, dict(zip(_PROBLEM_FIELDS, (code, _SEVERITY[severity], *rest), strict=True))
    )
