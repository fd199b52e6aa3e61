"""ViewOptions: how a merge result is shown or written, in one object that every writer takes
(kcstats.export.registry). Light to import: the CLI builds it before any file is read."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd

    from kcstats.export.views import MoneyUnit
    from kcstats.merge.result import MergeResult
    from kcstats.problems import Lang

TableName = Literal["facts", "growth"]
# standard: comma and dot decimal, for programs; excel-vi: semicolon and comma decimal, for a
# spreadsheet set to Vietnamese (kcstats.export.csvout).
CsvStyleName = Literal["standard", "excel-vi"]

# What --money-unit accepts for each unit the tables show money in: the Vietnamese name, with
# or without its diacritics (a keyboard without them), and with "đồng".
MONEY_UNIT_NAMES: dict[MoneyUnit, tuple[str, ...]] = {
    "ty": ("tỷ", "ty", "tỷ đồng", "ty dong"),
    "trieu": ("triệu", "trieu", "triệu đồng", "trieu dong"),
}


def money_unit(name: str) -> MoneyUnit | None:
    """The money unit a name given on the command line means ('tỷ', 'ty', 'Triệu', 'trieu'
    ..., typed precomposed or with combining marks); None for any other name."""
    key = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    for unit, names in MONEY_UNIT_NAMES.items():
        if key in names:
            return unit
    return None


# eq=False: plan_flags is a DataFrame, which has no truth value to compare by.
@dataclass(frozen=True, slots=True, eq=False)
class ViewOptions:
    """- `lang`: headings and messages in Vietnamese (vi) or English (en).
    - `unit`: money shown in tỷ đồng (ty) or triệu đồng (trieu); data outputs (JSON, CSV,
      Parquet) always hold triệu đồng.
    - `by_province`: a table per province besides the regional ones.
    - `min_pct`, `max_pct`: the bounds of the plan check (percent of the funding plan), and
      `plan_flags` the places outside them (MergeResult.plan_check), set by `checked`.
    - `table`: the table that CSV output holds.
    - `csv_style`: how CSV writes numbers and separates cells (kcstats.export.csvout).
    """

    lang: Lang = "vi"
    unit: MoneyUnit = "ty"
    by_province: bool = False
    min_pct: float | None = None
    max_pct: float | None = None
    table: TableName = "facts"
    csv_style: CsvStyleName = "standard"
    plan_flags: pd.DataFrame | None = None

    def checked(self, result: MergeResult) -> ViewOptions:
        """These options with the plan flags of `result`, when a bound is given."""
        if self.min_pct is None and self.max_pct is None:
            return self
        return replace(self, plan_flags=result.plan_check(self.min_pct, self.max_pct))

    @property
    def check_failed(self) -> bool:
        """Some place is outside the plan-check bounds."""
        return self.plan_flags is not None and not self.plan_flags.empty
