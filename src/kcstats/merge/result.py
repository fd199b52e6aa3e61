"""MergeResult: what `kcstats merge` computes, the one source of the terminal tables, the
summary workbook, and the JSON, CSV and Markdown documents."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from kcstats.figures import decimal_view, funding_total, integers
from kcstats.model import FileResult, FileStatus, Report
from kcstats.problems import Lang
from kcstats.regions import RegionSet

PLAN_CHECK_COLUMNS = [
    "level",
    "region",
    "province",
    "year",
    "period",
    "plan",
    "actual",
    "pct_of_plan",
    "limit",
]


@dataclass(slots=True, eq=False)
class MergeResult:
    """The merge of a set of report files.

    - `files`: every input file, accepted, refused or skipped (kcstats.pipeline.read_reports).
    - `facts`: the fact table of outputs.md, a DataFrame with exactly its columns: the fact
      store (kcstats.figures). `plan` and `actual` are nullable Int64, money in thousandths
      of a triệu đồng (thousand đồng: 1234.5 triệu is 1234500), counts as they are, <NA> for
      blank (Python ints and None in object columns where figures could pass int64);
      `pct_of_plan` is Float64 rounded to 4 decimals (<NA> where it cannot be computed).
      :meth:`facts_decimal` gives the figures as outputs.md writes them: Decimal triệu đồng.
    - `missing`: region, year, period, province of each province with no accepted report for
      a (year, period) in which another province of its region has one.
    - `growth`: year-on-year rows (outputs.md "Growth rows", kcstats.growth.GROWTH_COLUMNS):
      the columns of outputs.md and `base_from`, the old provinces a province's base was
      built from when the comparison spans the 2025 merger (None otherwise). `base`,
      `target`, `change` are integers like `plan` and `actual` (Int64, <NA> for blank);
      `pct_change` Float64 rounded to 4 decimals. :meth:`growth_decimal` in triệu đồng.
    - `regions`: the region set in use.
    - `measures`: the measure table (kcstats.figures.measure_table): for each (measure,
      source, activity) of `facts`, its unit, whether it is money, and its scale (store
      integers per unit: 1000 for money, 1 for a count). None: the catalogue's measures.
    """

    files: list[FileResult]
    facts: pd.DataFrame
    missing: pd.DataFrame
    growth: pd.DataFrame
    regions: RegionSet
    measures: pd.DataFrame | None = field(default=None)

    @property
    def ok(self) -> bool:
        """True when no file was refused (skipped files are fine)."""
        return not any(f.status == FileStatus.REFUSED for f in self.files)

    @property
    def no_reports(self) -> bool:
        """True when the input held no report at all (an empty folder, a folder of PDFs,
        only skipped files): nothing to merge, and the command line writes no output and
        exits 1 (outputs.md)."""
        return all(f.status == FileStatus.SKIPPED for f in self.files)

    def count(self, status: FileStatus) -> int:
        return sum(f.status == status for f in self.files)

    @property
    def reports(self) -> list[Report]:
        """The accepted reports, the only ones counted."""
        return [f.report for f in self.files if f.status == FileStatus.ACCEPTED and f.report]

    def facts_decimal(self) -> pd.DataFrame:
        """The fact table with `plan` and `actual` as outputs.md writes them: Decimal triệu
        đồng (3 decimals) for money, int for counts, None for blank."""
        return decimal_view(self.facts, self.measures)

    def growth_decimal(self) -> pd.DataFrame:
        """The growth rows with `base`, `target`, `change` as :meth:`facts_decimal` gives
        figures."""
        return decimal_view(self.growth, self.measures)

    def as_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        """The JSON document of outputs.md: {files, facts, growth, missing}.

        Money is Decimal triệu đồng, counts int, percentages Decimal rounded to 4 decimals,
        blanks None; kcstats.export.jsondoc writes every Decimal exactly."""
        from kcstats.export.filedoc import conflict_groups, file_entry

        document: dict[str, Any] = {
            "files": [file_entry(f, lang) for f in self.files],
            "facts": records(self.facts_decimal()),
            "growth": records(self.growth_decimal()),
            "missing": records(self.missing),
        }
        groups = conflict_groups(self.files)
        if groups:
            document["conflicts"] = groups
        return document

    def plan_check(
        self, min_pct: float | Decimal | None = None, max_pct: float | Decimal | None = None
    ) -> pd.DataFrame:
        """Provinces and regions whose funding total (money) is below `min_pct` or above
        `max_pct` percent of plan, compared exactly on the store's integers (actual x 100 x
        the limit's denominator against its numerator x plan). Rows where the percent cannot
        be computed (a blank, or a plan of 0) are not checked. `plan` and `actual` as in
        `facts`: thousandths of a triệu đồng."""
        low = None if min_pct is None else _decimal(min_pct).as_integer_ratio()
        high = None if max_pct is None else _decimal(max_pct).as_integer_ratio()
        facts = self.facts
        checked = facts["level"].isin(["province", "region"]).to_numpy() & funding_total(facts)
        rows: pd.DataFrame = facts[checked]
        chosen: list[int] = []
        limits: list[str] = []
        plans, no_plan = integers(rows["plan"])
        actuals, no_actual = integers(rows["actual"])
        known = (~no_plan & ~no_actual).tolist()
        for position, (plan, actual) in enumerate(zip(plans, actuals, strict=True)):
            if not known[position] or plan == 0:
                continue
            if low is not None and actual * 100 * low[1] < low[0] * plan:
                limits.append("min")
            elif high is not None and actual * 100 * high[1] > high[0] * plan:
                limits.append("max")
            else:
                continue
            chosen.append(position)
        flagged = rows.iloc[chosen][PLAN_CHECK_COLUMNS[:-1]].reset_index(drop=True)
        flagged["limit"] = pd.Series(limits, dtype=object)
        return flagged


def _decimal(value: float | Decimal) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(repr(float(value)))


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain Python values: None for any blank, Decimal for float columns (their
    shortest exact text, e.g. a percent rounded to 4 decimals), int for integer columns."""
    return list(iter_records(frame))


def iter_records(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """The rows of :func:`records` one at a time: a dict for each of 80,000 growth rows
    would hold more memory than everything else a merge keeps."""
    columns = [plain_values(frame[name]) for name in frame.columns]
    names = list(frame.columns)
    return (dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True))


def plain_values(column: pd.Series) -> list[Any]:
    dtype = column.dtype
    if column.dtype == object:
        array = column.to_numpy()
        values = array.tolist()
        blank = pd.isna(array)  # what Series.isna gives, without building a Series
    elif pd.api.types.is_float_dtype(dtype):
        blank = column.isna().to_numpy()
        numbers = column.to_numpy(dtype="float64", na_value=np.nan).tolist()
        return [
            None if b else Decimal(repr(v)) for v, b in zip(numbers, blank.tolist(), strict=True)
        ]
    elif pd.api.types.is_integer_dtype(dtype):
        blank = column.isna().to_numpy()
        values = column.to_numpy(dtype="int64", na_value=0).tolist()
    else:
        blank = column.isna().to_numpy()
        values = column.astype(object).tolist()
    if not blank.any():
        return values
    return [None if b else v for v, b in zip(values, blank.tolist(), strict=True)]
