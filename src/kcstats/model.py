"""The validated report model: what one province's workbook says, in exact units.

Money is held in triệu đồng as Decimal kept to 0.001 (one thousand đồng); counts as
integers. A figure that is None was not reported, which is never the same as zero.
schemas/report.schema.json is generated from these models (a test keeps it current).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kcstats.problems import Problem, Severity

PeriodCode = Literal["Q1", "H1", "9M", "FY"]
SourceCode = Literal["national", "local", "counterpart", "other"]
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


class IndicatorFigure(_Model):
    """One row of sheet 'Chỉ tiêu'. Money indicators are in triệu đồng, counts are whole."""

    code: str
    plan: Decimal | None = Field(default=None, ge=0)
    actual: Decimal | None = Field(default=None, ge=0)
    prior: Decimal | None = Field(default=None, ge=0, description="Cùng kỳ năm trước, as stated")


class Report(_Model):
    """One province's figures for one year and one period (report format 1)."""

    model_config = ConfigDict(
        json_schema_extra={
            "$comment": "Generated from kcstats.model.Report by "
            "`python -m kcstats.schema_dump schemas/report.schema.json`; do not edit by hand."
        }
    )

    format: Literal[1] = 1
    province: str = Field(description="Canonical province name in the list of the report's period")
    province_code: str = Field(description="Statistics-office code")
    era: Era = Field(description="'63' before 1 July 2025, '34' from then on")
    year: int = Field(ge=2000, le=2100)
    period: PeriodCode
    money_unit: Literal["dong", "nghin", "trieu", "ty"] = "trieu"
    reporting_unit: str | None = None
    prepared_by: str | None = None
    prepared_on: str | None = None
    note: str | None = None
    funding: list[FundingLine] = []
    indicators: list[IndicatorFigure] = []

    @property
    def province_key(self) -> str:
        return f"{self.era}:{self.province_code}"

    def figures(self) -> tuple[object, ...]:
        """The figures alone: two files with equal figures are copies of one report."""
        return (
            self.province_key,
            self.year,
            self.period,
            tuple(sorted(line.model_dump_json() for line in self.funding)),
            tuple(sorted(fig.model_dump_json(exclude={"prior"}) for fig in self.indicators)),
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

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.ERROR]
