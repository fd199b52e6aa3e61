"""A report's figures in the layout the wire carries them, found by the report they belong to.

A reader process sends each report's figures as the fact store's integers (kcstats.model's
wire: money in thousandths of a triệu đồng, counts as they are). The parent keeps those
tuples beside the Report it rebuilds, and the fact table (kcstats.merge.facts) is built from
them: no Decimal is turned back into an integer for a report read that way. A Report that did
not come over the wire (a library caller's, or one read in this process) gives the same
tuples from its models, holding Decimals, which the fact table scales itself.

Light to import: no pandas.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kcstats.model import Report

Figure = int | Decimal | None
# (source, plan_projects, plan_money, actual_projects, actual_money, prior_projects, prior_money)
FundingFigures = tuple[str, int | None, Figure, int | None, Figure, int | None, Figure]
# (code, plan, actual, prior)
IndicatorFigures = tuple[str, Figure, Figure, Figure]
# (activity, source, plan_money, actual_money, prior_money)
ActivityFigures = tuple[str, str, Figure, Figure, Figure]
Figures = tuple[list[FundingFigures], list[IndicatorFigures], list[ActivityFigures]]


class ReportFigureIndex:
    """The wire's figures of the reports read, by report. A report is found by identity (and
    checked to be the same object), so a copy or any other report falls back to its models."""

    __slots__ = ("_by_id",)

    def __init__(self) -> None:
        self._by_id: dict[int, tuple[Report, Figures]] = {}

    def add_wire(
        self,
        report: Report,
        funding: list[FundingFigures],
        indicators: list[IndicatorFigures],
        activities: list[ActivityFigures],
    ) -> None:
        # The entry holds the report itself: its id cannot be another object's meanwhile.
        self._by_id[id(report)] = (report, (funding, indicators, activities))

    def of(self, report: Report) -> Figures:
        entry = self._by_id.get(id(report))
        if entry is not None and entry[0] is report:
            return entry[1]
        return figures_of(report)

    def clear(self) -> None:
        """Let go of every entry (once the fact table is built, nothing needs them)."""
        self._by_id.clear()


def figures_of(report: Report) -> Figures:
    """The tuples of a report's models: the same layout, figures as the Decimals they hold."""
    return (
        [
            (
                f.source,
                f.plan_projects,
                f.plan_money,
                f.actual_projects,
                f.actual_money,
                f.prior_projects,
                f.prior_money,
            )
            for f in report.funding
        ],
        [(f.code, f.plan, f.actual, f.prior) for f in report.indicators],
        [
            (a.activity, a.source, a.plan_money, a.actual_money, a.prior_money)
            for a in report.activity_funding
        ],
    )
