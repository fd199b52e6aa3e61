"""Reading the table of format 2 into the figures of one Report.

Every figure cell of the table ends as part of a fact, a checked statement, an unmapped row
or a problem (report-format-2.md): totals are checked, never added in; percentages are
checked; rows the catalogue does not know are kept as warnings and `unmapped` rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from kcstats.catalog import Catalogue, Indicator, Province
from kcstats.catalogue_file import IN_TOTAL, SOURCE_CODES
from kcstats.messages import Param, joined, say
from kcstats.model import (
    ActivityFunding,
    FundingLine,
    IndicatorFigure,
    UnmappedRow,
    activity_funding,
    funding_line,
    indicator_figure,
)
from kcstats.numbers import shown_figure, shown_tolerance
from kcstats.reader.context import Problems
from kcstats.reader.figures import Stated, read_count, read_money, read_number
from kcstats.reader.format2.above import read_above
from kcstats.reader.format2.layout import SOURCES, Column, Layout
from kcstats.reader.format2.rows import RowIs, classify, is_section_number
from kcstats.reader.format2.words import Words, words_of
from kcstats.reader.funding import MONEY_TOLERANCE_FLOOR, check_percent
from kcstats.reader.grid import CACHED_TEXT, Grid
from kcstats.reader.results import check_unit
from kcstats.text import clean_text, fold
from kcstats.trusted import trusted

STAGES = ("plan", "actual", "prior")
BLANK_ROWS_END = 3  # the table ends after three blank rows


@dataclass(slots=True)
class Money:
    """Money in triệu đồng, and as written (for tolerance checks)."""

    value: Decimal
    stated: Stated
    factor: Decimal
    at: tuple[int, int]


@dataclass(slots=True)
class RowFigures:
    """One row: counts and money by stage (plan, actual, prior) and slot (value, total,
    national, ...), as read."""

    counts: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    money: dict[tuple[str, str], Money] = field(default_factory=dict)

    def any(self) -> bool:
        return bool(self.counts or self.money)


@dataclass(slots=True)
class Section:
    activity: str | None  # None: a section that names no known activity
    row: int
    own: dict[tuple[str, str], Money] = field(default_factory=dict)  # money on the section row
    parts: dict[tuple[str, str], Decimal] = field(default_factory=dict)  # money on rows under it
    known: bool = True  # False before the first section


@dataclass(slots=True)
class Format2:
    province: Province | None
    province_text: str | None
    year: int | None
    period: str | None
    money_unit: str
    reporting_unit: str | None
    report_date: dt.date | None
    funding: list[FundingLine]
    indicators: list[IndicatorFigure]
    activity_funding: list[ActivityFunding]
    unmapped: list[UnmappedRow]


def read_format2(grid: Grid, layout: Layout, catalogue: Catalogue, problems: Problems) -> Format2:
    above = read_above(grid, layout, catalogue, problems)
    reader = _TableReader(grid, layout, catalogue, problems, above.money_unit)
    reader.read()
    return Format2(
        province=above.province,
        province_text=above.province_text,
        year=above.year,
        period=above.period,
        money_unit=above.money_unit or catalogue.report.default_money_unit,
        reporting_unit=above.reporting_unit,
        report_date=above.report_date,
        funding=reader.funding_lines(),
        indicators=reader.indicators,
        activity_funding=reader.activity_lines(),
        unmapped=reader.unmapped,
    )


class _TableReader:
    def __init__(
        self,
        grid: Grid,
        layout: Layout,
        catalogue: Catalogue,
        problems: Problems,
        line_unit: str | None,
    ) -> None:
        self.grid, self.layout, self.catalogue, self.problems = grid, layout, catalogue, problems
        self.words: Words = words_of(catalogue)
        self.line_unit = line_unit
        self.assumed = False  # money read in the default unit for want of any statement
        self.indicators: list[IndicatorFigure] = []
        self.unmapped: list[UnmappedRow] = []
        self.seen: dict[str, int] = {}
        self.from_sections: set[str] = set()  # indicators a section row's count gave
        self.sources: dict[str, tuple[int, RowFigures]] = {}
        self.projects: dict[str, dict[str, int]] = {}  # source -> stage -> projects
        self.totals: list[tuple[int, RowFigures]] = []
        self._total_projects: list[tuple[int, RowFigures]] = []  # 'Số đề án' under a total
        self.sections: list[Section] = []
        self.figure_cols = layout.figure_cols()
        self.label_col = layout.label_col
        self.endings = _ENDINGS.setdefault(id(self.words), {})
        number, unit = layout.single.get("row_number"), layout.single.get("unit")
        self.number_col = number.col if number is not None else None
        self.unit_col = unit.col if unit is not None else None
        self.quiet_cols = {c for c in (self.number_col, self.unit_col) if c is not None}
        self.label_cols = [
            c.col for key, c in layout.single.items() if key in ("label", "row_number")
        ]
        # The table's own columns, from its first to its last: what stands beside it (a
        # signature block, 'Nơi nhận' to the right of the rows) neither ends nor fills it.
        spanned = [*self.figure_cols, *(c.col for c in layout.single.values())]
        self.span = range(min(spanned), max(spanned) + 1)

    # -- walking the rows --------------------------------------------------------------------

    def read(self) -> None:
        grid, layout = self.grid, self.layout
        blank_run = 0
        after_source: str | None = None
        section = Section(None, -1, known=False)
        for row in range(layout.first_data, grid.height):
            look = self._look(row)
            if look == "blank":
                blank_run += 1
                if blank_run >= BLANK_ROWS_END:
                    break
                continue
            blank_run = 0
            if look == "end":
                break
            label = grid.text(row, self.label_col)
            number = self._text("row_number", row)
            unit = self._text("unit", row)
            has_figures = not grid.all_empty(row, self.figure_cols)
            if not has_figures and not label and not number:
                continue  # a note in another column
            what = classify(
                label,
                number,
                unit,
                section.activity if section.known else None,
                after_source,
                self.catalogue,
                self.words,
            )
            if not has_figures:
                if what.kind == "section":
                    section = self._open_section(what, row)
                # A source or total row with no money may still have its 'Số đề án' below it.
                after_source = (
                    what.key if what.kind == "source" else "total" if what.kind == "total" else None
                )
                continue  # a heading, a note: nothing reported on this row
            after_source = None
            if what.kind == "total":
                # kcstats computes the total anyway: a formula never calculated is a warning
                # (total-formula-without-value), as in format 1, not a refusal.
                figures = self._figures(row, unit, money_row=True, lenient=True)
                if not self._subtotal(row, figures, section):
                    self.totals.append((row, figures))
                section = Section(None, row, known=False)
                after_source = "total"
            elif what.kind == "source":
                section = self._source_row(row, what, unit, number, section)
                after_source = what.key
            elif what.kind == "projects":
                self._projects_row(row, what.key or "", unit)
            elif what.kind == "section":
                section = self._open_section(what, row)
                self._section_row(row, section, unit, label)
            elif what.kind == "indicator":
                self._indicator_row(row, what.key or "", unit, label, section)
            else:
                self._unknown_row(row, label, unit, section)
        self._finish_sections()
        self._check_totals()
        self._check_total_projects()
        if self.assumed:
            default = self.catalogue.money_units[self.catalogue.report.default_money_unit]
            self.problems.add(
                "money-unit-assumed",
                sheet=grid.name,
                at=layout.header_cell,
                expected=default.label,
            )

    def _text(self, key: str, row: int) -> str:
        col = self.number_col if key == "row_number" else self.unit_col
        return self.grid.text(row, col) if col is not None else ""

    def _look(self, row: int) -> str:
        """'blank', 'end' (a signature word, 'Nơi nhận', or a place-and-date line outside the
        label column, where a note may quote a date), or 'row': one pass over the cells."""
        grid = self.grid
        cells = grid.rows[row] if row < grid.height else ()
        flags = grid.flags
        # Row-number and unit cells never hold a place-and-date line, but a signature block
        # often starts in the first column ('Nơi nhận:' in A, under the row numbers).
        quiet = self.quiet_cols
        endings = self.endings
        blank = True
        span = self.span
        for col, value in enumerate(cells):
            if col not in span:
                continue
            if type(value) is str:
                if not value or value.isspace():
                    if flags and (row, col) in flags:
                        blank = False
                    continue
                blank = False
                ends = endings[value] if value in endings else _ending(value, self.words)
                if ends == "signature" or (
                    ends == "date" and col not in self.label_cols and col not in quiet
                ):
                    return "end"
            elif value is None or value == "":
                if flags and (row, col) in flags:
                    blank = False
            else:
                blank = False
        return "blank" if blank else "row"

    # -- figures -------------------------------------------------------------------------------

    def _money_unit(self, row_unit: str | None, column: Column) -> str:
        """The nearest statement wins: the row's ĐVT cell, the column header, the line above."""
        if row_unit is not None:
            return row_unit
        if column.unit is not None:
            return column.unit
        if self.line_unit is not None:
            return self.line_unit
        self.assumed = True
        return self.catalogue.report.default_money_unit

    def _figures(
        self,
        row: int,
        unit: str,
        *,
        money_row: bool,
        count_kind: str = "count",
        lenient: bool = False,
        all_money: bool = False,
    ) -> RowFigures:
        """Read every figure cell of a row. In a one-row or sources layout the row's unit
        says whether its figures are money (`money_row`: what a blank unit means)."""
        figures = RowFigures()
        row_unit = self.catalogue.money_unit_index.get(fold(unit)) if unit else None
        is_money = row_unit is not None or (money_row and not unit)
        for stage in STAGES:
            for slot, column in self.layout.groups.get(stage, {}).items():
                money = all_money or slot == "money" or (slot != "count" and is_money)
                if money:
                    read = self._read_money(row, column, row_unit, lenient)
                    if read is not None:
                        figures.money[(stage, slot)] = read
                else:
                    value = self._read_count(row, column.col, count_kind, lenient)
                    if value is not None:
                        figures.counts[(stage, slot)] = value
        return figures

    def _read_money(
        self, row: int, column: Column, row_unit: str | None, lenient: bool
    ) -> Money | None:
        if self.grid.is_empty(row, column.col):
            return None
        unit = self.catalogue.money_units[self._money_unit(row_unit, column)]
        read = read_money(
            self.grid,
            row,
            column.col,
            unit,
            self.problems,
            unit_index=self.catalogue.money_unit_index,
            lenient_formula=lenient,
        )
        if read is None:
            return None
        return Money(read[0], read[1], unit.per_trieu, (row, column.col))

    def _read_count(self, row: int, col: int, kind: str, lenient: bool) -> Decimal | None:
        if kind == "count":
            count = read_count(self.grid, row, col, self.problems, lenient_formula=lenient)
            return None if count is None else Decimal(count)
        number = read_number(self.grid, row, col, self.problems, lenient_formula=lenient)
        return None if number is None else number.value

    @staticmethod
    def _value(figures: RowFigures, stage: str, *, money: bool) -> Decimal | None:
        """A row's one figure for a stage: its value column, its money or count sub-column,
        or in a sources layout its Tổng số (else the sum of the sources it gives)."""
        if money:
            cells = figures.money
            for slot in ("value", "money", "total", "count"):
                found = cells.get((stage, slot))
                if found is not None:
                    return found.value
            parts = [m.value for s in SOURCE_CODES if (m := cells.get((stage, s))) is not None]
        else:
            counts = figures.counts
            for slot in ("value", "count", "total"):
                count = counts.get((stage, slot))
                if count is not None:
                    return count
            parts = [c for s in SOURCE_CODES if (c := counts.get((stage, s))) is not None]
        return sum(parts, Decimal(0)) if parts else None

    def _check_percents(self, row: int, figures: RowFigures) -> None:
        groups = self.layout.groups
        for group, base, code in (
            ("percent", "plan", "percent-mismatch"),
            ("prior_percent", "prior", "prior-percent-mismatch"),
        ):
            for slot, column in groups.get(group, {}).items():
                if self.grid.is_empty(row, column.col):
                    continue  # nothing stated
                money = slot == "money" or (
                    slot != "count" and self._value(figures, "actual", money=True) is not None
                )
                reference = self._value(figures, base, money=money)
                actual = self._value(figures, "actual", money=money)
                check_percent(
                    self.grid, row, column.col, reference, actual, self.problems, code=code
                )

    def _check_sources(self, row: int, figures: RowFigures) -> None:
        """In a sources layout, a row's stated Tổng số against its sources."""
        for (stage, slot), money in list(figures.money.items()):
            if slot != "total":
                continue
            parts = {
                s: figures.money[(stage, s)].value
                for s in SOURCE_CODES
                if (stage, s) in figures.money
            }
            if parts:
                self._check_total(money, parts)
        for (stage, slot), count in list(figures.counts.items()):
            if slot != "total":
                continue
            parts_c = [figures.counts[(stage, s)] for s in IN_TOTAL if (stage, s) in figures.counts]
            if parts_c and sum(parts_c, Decimal(0)) != count:
                with_counterpart = sum(parts_c, Decimal(0)) + figures.counts.get(
                    (stage, "counterpart"), Decimal(0)
                )
                if with_counterpart != count:
                    col = self.layout.groups[stage]["total"].col
                    self.problems.add(
                        "total-mismatch",
                        sheet=self.grid.name,
                        at=(row, col),
                        found=shown_figure(count),
                        expected=shown_figure(sum(parts_c, Decimal(0))),
                    )

    def _check_total(
        self, stated: Money, parts: dict[str, Decimal], typed: dict[str, Money] | None = None
    ) -> None:
        """A stated total of national and local; one that equals national + local +
        counterpart is a total that includes counterpart funds (a note), else refused.

        `typed`: the parts' cells by source. A total stored as a number may be a spreadsheet's
        SUM, which leaves out parts typed as text: when it agrees with the parts stored as
        numbers, the difference is the text parts', not the province's; each text part gets
        number-stored-as-text and the total stands (report-format.md, as in format 1)."""
        core = sum((parts[s] for s in IN_TOTAL if s in parts), Decimal(0))
        full = core + parts.get("counterpart", Decimal(0))
        tolerance = max(
            shown_tolerance(stated.stated.decimals) * stated.factor, MONEY_TOLERANCE_FLOOR
        )
        written = stated.stated.value * stated.factor
        if abs(written - core) <= tolerance:
            return
        as_text = {
            source: money
            for source, money in (typed or {}).items()
            if source in IN_TOTAL and self._typed_as_text(money)
        }
        if as_text and not self._typed_as_text(stated):
            for money in as_text.values():
                self.problems.add(
                    "number-stored-as-text",
                    sheet=self.grid.name,
                    at=money.at,
                    found=self.grid.text(*money.at),
                    expected=shown_figure(money.stated.value),
                )
            stored = core - sum((m.value for m in as_text.values()), Decimal(0))
            if abs(written - stored) <= tolerance:
                return
        if "counterpart" in parts and abs(written - full) <= tolerance:
            self.problems.add(
                "total-includes-counterpart",
                sheet=self.grid.name,
                at=stated.at,
                found=shown_figure(stated.stated.value),
                expected=shown_figure(full / stated.factor),
            )
            return
        expected: Param | str = shown_figure(core / stated.factor)
        if "counterpart" in parts:
            expected = say(
                "expected.with-counterpart",
                total=expected,
                with_counterpart=shown_figure(full / stated.factor),
            )
        self.problems.add(
            "total-mismatch",
            sheet=self.grid.name,
            at=stated.at,
            found=shown_figure(stated.stated.value),
            expected=expected,
        )

    def _typed_as_text(self, money: Money) -> bool:
        return type(self.grid.value(*money.at)) is str

    # -- rows ----------------------------------------------------------------------------------

    def _source_row(
        self, row: int, what: RowIs, unit: str, number: str, section: Section
    ) -> Section:
        source = what.key or ""
        projects_only = bool(unit) and fold(unit) in self.words.projects_units
        figures = self._figures(row, unit, money_row=not projects_only)
        self._check_percents(row, figures)
        if section.known and section.activity is not None and not is_section_number(number):
            # 'Trong đó: KCQG' under an activity: that activity's money from that source.
            for (stage, _slot), money in figures.money.items():
                key = (stage, source)
                section.parts[key] = section.parts.get(key, Decimal(0)) + money.value
            return section
        if is_section_number(number):
            section = Section(None, row, known=False)  # 'A. Khuyến công quốc gia'
        if source in self.sources:
            self._duplicate(
                row,
                self.label_col,
                self.grid.text(row, self.label_col),
                self.sources[source][0],
            )
            return section
        self.sources[source] = (row, figures)
        for stage in STAGES:
            count = self._value(figures, stage, money=False)
            if count is not None:
                self.projects.setdefault(source, {})[stage] = int(count)
        return section

    def _projects_row(self, row: int, source: str, unit: str) -> None:
        figures = self._figures(row, unit, money_row=False)
        self._check_percents(row, figures)
        if source == "total":
            self._total_projects.append((row, figures))
            return
        for stage in STAGES:
            count = self._value(figures, stage, money=False)
            if count is not None:
                self.projects.setdefault(source, {})[stage] = int(count)

    def _subtotal(self, row: int, figures: RowFigures, section: Section) -> bool:
        """A 'Cộng' closing a section that states the section's own money (or the sum of the
        money on its rows) is that section's subtotal, checked here; any other total is the
        report's, checked against its sources."""
        if not section.known or not figures.money:
            return False
        for (stage, slot), stated in figures.money.items():
            if slot not in ("value", "money", "total"):
                return False
            own = section.own.get((stage, "total"))
            parts = [v for (s, _src), v in section.parts.items() if s == stage]
            expected = own.value if own is not None else sum(parts, Decimal(0))
            if (own is None and not parts) or abs(stated.value - expected) > _tolerance(stated):
                return False
        self._check_percents(row, figures)
        return True

    def _open_section(self, what: RowIs, row: int) -> Section:
        section = Section(what.key, row)
        self.sections.append(section)
        return section

    def _section_row(self, row: int, section: Section, unit: str, label: str) -> None:
        layout = self.layout
        money_row = layout.kind != "count_money" and (
            not unit or self.catalogue.money_unit_index.get(fold(unit)) is not None
        )
        figures = self._figures(row, unit, money_row=money_row)
        self._check_percents(row, figures)
        if layout.kind == "sources":
            self._check_sources(row, figures)
        for (stage, slot), money in figures.money.items():
            section.own[(stage, self._source_of(slot))] = money
        if figures.counts:
            indicator = self._unit_indicator(section.activity, unit)
            if indicator is None:
                self._keep_unmapped(row, label, unit, section, figures, money=False)
            else:
                self._indicator_figures(row, indicator, figures, unit)
                self.from_sections.add(indicator.code)

    @staticmethod
    def _source_of(slot: str) -> str:
        return slot if slot in SOURCES else "total"

    def _unit_indicator(self, activity: str | None, unit: str) -> Indicator | None:
        """The one indicator of an activity that has this unit (training with 'người' is
        trained_workers); None where there is none or more than one."""
        if activity is None or not unit:
            return None
        folded = fold(unit)
        found = [
            i
            for i in self.catalogue.indicators.values()
            if i.activity == activity
            and i.kind == "count"
            and folded in self.catalogue.unit_names(i.unit)
        ]
        return found[0] if len(found) == 1 else None

    def _indicator_row(self, row: int, code: str, unit: str, label: str, section: Section) -> None:
        indicator = self.catalogue.indicators[code]
        if code in self.seen:
            if code in self.from_sections and self._restates(row, indicator):
                return  # the count its section row gave, stated again under it: agrees
            self._duplicate(row, self.label_col, label, self.seen[code])
            return
        unit_col = self.layout.single.get("unit")
        ok, _ = check_unit(
            self.grid,
            row,
            unit_col.col if unit_col else None,
            indicator,
            self.catalogue,
            self.line_unit or self.catalogue.report.default_money_unit,
            self.problems,
            unit_aliases=True,
        )
        if not ok:
            self.seen[code] = row
            return
        if indicator.kind == "money":
            # 'Doanh thu tư vấn': money in every column, in the unit its ĐVT cell names.
            figures = self._figures(row, unit, money_row=True, all_money=True)
        else:
            figures = self._figures(row, "", money_row=False)
        self._indicator_figures(row, indicator, figures, unit)
        if indicator.kind == "count":
            self._add_parts(section, figures)

    def _restates(self, row: int, indicator: Indicator) -> bool:
        """Whether a row gives exactly the figures its section row gave for this indicator."""
        checked = Problems()  # its own problems are reported when it is read as a duplicate
        reader_problems, self.problems = self.problems, checked
        try:
            figures = self._figures(row, "", money_row=False)
        finally:
            self.problems = reader_problems
        stated = next(f for f in self.indicators if f.code == indicator.code)
        values = [self._value(figures, stage, money=False) for stage in STAGES]
        return not checked.items and values == [stated.plan, stated.actual, stated.prior]

    def _indicator_figures(
        self, row: int, indicator: Indicator, figures: RowFigures, unit: str
    ) -> None:
        if indicator.code in self.seen:
            self._duplicate(row, self.label_col, indicator.label_vi, self.seen[indicator.code])
            return
        self.seen[indicator.code] = row
        money = indicator.kind == "money"
        values = {stage: self._value(figures, stage, money=money) for stage in STAGES}
        if self.layout.kind == "sources":
            self._check_sources(row, figures)
        self._check_percents(row, figures)
        self.indicators.append(
            indicator_figure(indicator.code, values["plan"], values["actual"], values["prior"])
        )

    def _unknown_row(self, row: int, label: str, unit: str, section: Section) -> None:
        # A blank ĐVT is money where the table names its money unit (a line 'ĐVT: triệu
        # đồng' above it, or a money header); a unit such as 'lớp' is a count.
        stated_unit = self.line_unit is not None or any(
            c.unit is not None for slots in self.layout.groups.values() for c in slots.values()
        )
        is_money = (
            self.catalogue.money_unit_index.get(fold(unit)) is not None if unit else stated_unit
        )
        figures = self._figures(row, unit, money_row=is_money, count_kind="number")
        if self.layout.kind == "sources":
            self._check_sources(row, figures)
        self._check_percents(row, figures)
        self._keep_unmapped(row, label, unit, section, figures, money=is_money)
        self._add_parts(section, figures)

    def _keep_unmapped(
        self,
        row: int,
        label: str,
        unit: str,
        section: Section,
        figures: RowFigures,
        *,
        money: bool,
    ) -> None:
        activity = section.activity if section.known else None
        shown_section = activity or "—"
        use_money = money or not figures.counts
        values = {
            stage: self._value(figures, stage, money=use_money) for stage in ("plan", "actual")
        }
        self.problems.add(
            "row-not-in-catalogue",
            sheet=self.grid.name,
            at=(row, self.label_col),
            found=label or "—",
            unit=unit or "—",
            section=shown_section,
            figures=_figures_text(figures),
        )
        self.unmapped.append(
            trusted(
                UnmappedRow,
                {
                    "sheet": self.grid.name,
                    "row": row + 1,
                    "label": clean_text(label) or "—",
                    "unit": unit or ("triệu đồng" if use_money and figures.money else None),
                    "section": activity,
                    "plan": values["plan"],
                    "actual": values["actual"],
                },
            )
        )

    def _add_parts(self, section: Section, figures: RowFigures) -> None:
        """Money on a row under a section, toward the section's funding when it states none."""
        if not section.known:
            return
        for (stage, slot), money in figures.money.items():
            key = (stage, self._source_of(slot))
            section.parts[key] = section.parts.get(key, Decimal(0)) + money.value

    def _duplicate(self, row: int, col: int, label: str, first: int) -> None:
        self.problems.add(
            "row-duplicate", sheet=self.grid.name, at=(row, col), found=label, expected=first + 1
        )

    # -- totals and activity funding -------------------------------------------------------------

    def _finish_sections(self) -> None:
        for section in self.sections:
            if not section.own or not section.parts:
                continue
            # Sub-rows split the section's money by source: its stated total is checked
            # against them; sub-rows that add up otherwise are pointed out, not refused.
            for stage in STAGES:
                stated = next((m for (s, _), m in section.own.items() if s == stage), None)
                parts = {src: v for (s, src), v in section.parts.items() if s == stage}
                if stated is None or not parts:
                    continue
                if set(parts) & set(SOURCE_CODES) and set(parts) <= set(SOURCE_CODES):
                    self._check_total(stated, parts)
                else:
                    total = sum(parts.values(), Decimal(0))
                    if abs(total - stated.value) > MONEY_TOLERANCE_FLOOR:
                        self.problems.add(
                            "activity-parts-differ",
                            sheet=self.grid.name,
                            at=stated.at,
                            found=shown_figure(stated.stated.value),
                            expected=shown_figure(total / stated.factor),
                        )

    def activity_lines(self) -> list[ActivityFunding]:
        sums: dict[tuple[str, str], dict[str, Decimal]] = {}
        for section in self.sections:
            activity = section.activity or "other_activities"
            own = {key: m.value for key, m in section.own.items()}
            by_source = section.parts
            if own:
                # The section row's money; sources its sub-rows give where it states only a total.
                chosen = dict(own)
                stages_with_sources = {s for (s, src) in by_source if src in SOURCE_CODES}
                for stage in stages_with_sources:
                    if set(k for k in own if k[0] == stage) <= {(stage, "total")}:
                        chosen.pop((stage, "total"), None)
                        for (s, src), v in by_source.items():
                            if s == stage and src in SOURCE_CODES:
                                chosen[(s, src)] = v
            else:
                chosen = dict(by_source)
            has_sources = {s for (s, src) in chosen if src in SOURCE_CODES}
            for (stage, source), value in chosen.items():
                if source == "total" and stage in has_sources:
                    continue  # split by source: the stated Tổng số was checked against them
                entry = sums.setdefault((activity, source), {})
                entry[stage] = entry.get(stage, Decimal(0)) + value
        order = list(self.catalogue.activities)
        lines = []
        for (activity, source), stages in sorted(
            sums.items(), key=lambda item: (order.index(item[0][0]), item[0][1])
        ):
            lines.append(
                activity_funding(
                    activity, source, stages.get("plan"), stages.get("actual"), stages.get("prior")
                )
            )
        return lines

    def _check_totals(self) -> None:
        if self.layout.kind == "sources" and not self.sources and self.totals:
            # The total row gives the sources as columns: it is the report's funding.
            row, figures = self.totals[0]
            self._check_sources(row, figures)
            self.sources = {
                source: (row, _only(figures, source))
                for source in SOURCE_CODES
                if _gives(figures, source)
            }
            for source in self.sources:
                for stage in STAGES:
                    count = figures.counts.get((stage, source))
                    if count is not None:
                        self.projects.setdefault(source, {})[stage] = int(count)
            self._check_percents(row, figures)
            return
        for row, figures in self.totals:
            self._check_percents(row, figures)
            if self.layout.kind == "sources":
                self._check_sources(row, figures)
            for stage in STAGES:
                stated = next(
                    (
                        m
                        for (s, slot), m in figures.money.items()
                        if s == stage and slot in ("value", "money", "total")
                    ),
                    None,
                )
                if stated is None:
                    continue
                parts = {
                    source: money
                    for source, (_, f) in self.sources.items()
                    if (money := self._value(f, stage, money=True)) is not None
                }
                typed = {
                    source: cell
                    for source, (_, f) in self.sources.items()
                    if (cell := _money_cell(f, stage)) is not None
                }
                if not parts:
                    parts, typed = self._activity_parts(stage), {}
                if parts:
                    self._check_total(stated, parts, typed)
                elif stage == "prior":
                    self._prior_total_unchecked(stated.at, shown_figure(stated.stated.value))
                else:
                    self.problems.add(
                        "total-mismatch",
                        sheet=self.grid.name,
                        at=stated.at,
                        found=shown_figure(stated.stated.value),
                        expected=say("expected.blank"),
                    )

    def _check_total_projects(self) -> None:
        """'Số đề án' under a total: by source in a sources table, else a stated total of
        the sources' projects, checked."""
        for row, figures in self._total_projects:
            if self.layout.kind == "sources":
                self._check_sources(row, figures)
                for (stage, slot), count in figures.counts.items():
                    if slot in SOURCE_CODES:
                        self.projects.setdefault(slot, {})[stage] = int(count)
                continue
            for stage in STAGES:
                stated = self._value(figures, stage, money=False)
                parts = [
                    Decimal(n)
                    for source in IN_TOTAL
                    if (n := self.projects.get(source, {}).get(stage)) is not None
                ]
                if stated is None or sum(parts, Decimal(0)) == stated:
                    continue
                col = next(iter(self.layout.groups[stage].values())).col
                if not parts and stage == "prior":
                    self._prior_total_unchecked((row, col), shown_figure(stated))
                    continue
                self.problems.add(
                    "total-mismatch",
                    sheet=self.grid.name,
                    at=(row, col),
                    found=shown_figure(stated),
                    expected=shown_figure(sum(parts, Decimal(0)))
                    if parts
                    else say("expected.blank"),
                )

    def _prior_total_unchecked(self, at: tuple[int, int], found: str) -> None:
        """A total's same period last year with no source or activity stating one: there is
        nothing in the report to keep it as, or to check it against."""
        self.problems.add("prior-total-unchecked", sheet=self.grid.name, at=at, found=found)

    def _activity_parts(self, stage: str) -> dict[str, Decimal]:
        """With no source rows, a total is checked against the money of the activities."""
        total = Decimal(0)
        found = False
        for line in self.activity_lines():
            value = _stage_money(line, stage)
            if value is not None:
                total += value
                found = True
        return {"national": total} if found else {}

    def funding_lines(self) -> list[FundingLine]:
        lines = []
        for source in SOURCE_CODES:
            if source not in self.sources and source not in self.projects:
                continue
            figures = self.sources[source][1] if source in self.sources else RowFigures()
            projects = self.projects.get(source, {})
            lines.append(
                funding_line(
                    source,
                    projects.get("plan"),
                    self._value(figures, "plan", money=True),
                    projects.get("actual"),
                    self._value(figures, "actual", money=True),
                    projects.get("prior"),
                    self._value(figures, "prior", money=True),
                )
            )
        if not lines:
            lines = self._funding_from_activities()
        return lines

    def _funding_from_activities(self) -> list[FundingLine]:
        """A sources table with no total row: the report's funding by source is what its
        activities give by source."""
        sums: dict[str, dict[str, Decimal]] = {}
        for line in self.activity_lines():
            if line.source in SOURCE_CODES:
                entry = sums.setdefault(line.source, {})
                for stage in STAGES:
                    value = _stage_money(line, stage)
                    if value is not None:
                        entry[stage] = entry.get(stage, Decimal(0)) + value
        return [
            funding_line(
                source,
                None,
                sums[source].get("plan"),
                None,
                sums[source].get("actual"),
                None,
                sums[source].get("prior"),
            )
            for source in SOURCE_CODES
            if source in sums
        ]


def _stage_money(line: ActivityFunding, stage: str) -> Decimal | None:
    if stage == "plan":
        return line.plan_money
    return line.actual_money if stage == "actual" else line.prior_money


def _gives(figures: RowFigures, source: str) -> bool:
    return any(slot == source for (_, slot) in figures.money) or any(
        slot == source for (_, slot) in figures.counts
    )


def _only(figures: RowFigures, source: str) -> RowFigures:
    """The figures of one source column pair, as a row of that source."""
    only = RowFigures()
    for (stage, slot), money in figures.money.items():
        if slot == source:
            only.money[(stage, "value")] = money
    return only


def _figures_text(figures: RowFigures) -> Param | str:
    """Every figure of a row, as written, for the message of a row kept unmapped: each named
    by its column (plan, actual, prior) and its sub-column when the header splits it."""
    written = [(key, shown_figure(v)) for key, v in figures.counts.items()]
    written += [(key, shown_figure(m.stated.value)) for key, m in figures.money.items()]
    if not written:
        return "—"
    return joined(
        "; ",
        [
            say("figure.in-column", column=say(f"figure.{stage}"), value=value)
            if slot == "value"
            else say(
                "figure.in-sub-column",
                column=say(f"figure.{stage}"),
                slot=say(f"figure.slot.{slot}"),
                value=value,
            )
            for (stage, slot), value in written
        ],
    )


_ENDINGS: dict[int, dict[str, str | None]] = {}  # id(words) -> text -> what it ends


def _ending(text: str, words: Words) -> str | None:
    """'signature' for a signature word or 'Nơi nhận', 'date' for a place-and-date line.
    Remembered per distinct text: the same lines end every report."""
    remembered = _ENDINGS.setdefault(id(words), {})
    found: str | None = None
    for line in text.splitlines():
        folded = fold(line)
        if folded in words.signature_words or folded.startswith("noi nhan"):
            found = "signature"
            break
        # KT. (ký thay), TM. (thay mặt), Q. (quyền), TL. (thừa lệnh), TUQ. (thừa ủy quyền)
        if folded.startswith(("kt ", "tm ", "q ", "tl ", "tuq ")) and any(
            w in folded for w in ("giam doc", "chu tich", "uy ban")
        ):
            found = "signature"
            break
        if " ngay " in f" {folded} " and " thang " in folded and " nam " in folded:
            found = "date"
    if len(text) <= CACHED_TEXT and len(remembered) < 16384:
        remembered[text] = found
    return found


def _tolerance(money: Money) -> Decimal:
    """How far a stated sum may be from the computed one: half its last shown digit."""
    return max(shown_tolerance(money.stated.decimals) * money.factor, MONEY_TOLERANCE_FLOOR)


def _money_cell(figures: RowFigures, stage: str) -> Money | None:
    """The one money cell a row states for a stage (its value or money column), if any."""
    for slot in ("value", "money"):
        found = figures.money.get((stage, slot))
        if found is not None:
            return found
    return None
