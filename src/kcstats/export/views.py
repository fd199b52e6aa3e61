"""The human views of a merge, shared by the terminal, Markdown and the summary workbook:
headings in Vietnamese and English (from the message table), figures formatted for people,
and the wide tables (one row per place) that they all show."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

import numpy as np
import pandas as pd

from kcstats.catalog import Catalogue, load_catalogue
from kcstats.catalogue_file import TOTAL
from kcstats.figures import decimal_view, no_activity
from kcstats.messages import Section
from kcstats.problems import Lang

MoneyUnit = Literal["ty", "trieu"]
# pct: percent of plan, one decimal; change_pct: growth, two decimals, as the regional
# conferences state it ("up 17,16% on 2013").
Kind = Literal["text", "money", "count", "pct", "change_pct"]

MONEY_UNIT_LABEL = {"ty": "tỷ đồng", "trieu": "triệu đồng"}
# Headings and notes of the merge views: the texts view.* of the message table.
TEXT = Section("view.")
BLANK = "–"
_VIETNAMESE_SEPARATORS = str.maketrans(",.", ".,")


def is_blank(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


# Figures for people -----------------------------------------------------------------------


def format_number(
    value: Decimal | int | float, decimals: int, lang: Lang, trim: bool = False
) -> str:
    """Vietnamese separators ('1.234,5') in vi, English ('1,234.5') in en."""
    number = value if isinstance(value, Decimal) else Decimal(repr(value))
    number = number.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = f"{number:,.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "vi":
        text = text.translate(_VIETNAMESE_SEPARATORS)
    return text


def percent_text(value: float, lang: Lang) -> str:
    """A plan-check bound (--min-pct, --max-pct) as people read it: up to 4 decimals, no
    trailing zeros ('80', '92,5')."""
    return format_number(Decimal(repr(float(value))), 4, lang, trim=True)


def limit_text(limit: str, min_pct: float | None, max_pct: float | None, lang: Lang) -> str:
    """The bound a place outside the plan check passes ('dưới 80%'): `limit` is the plan
    flags' 'min' or 'max' (MergeResult.plan_check), which names the bound."""
    bound = min_pct if limit == "min" else max_pct
    assert bound is not None
    return TEXT[lang][f"limit.{limit}"].format(value=percent_text(bound, lang))


def money_in(value: Decimal | int, unit: MoneyUnit) -> Decimal:
    """Triệu đồng -> the display unit, exactly."""
    number = Decimal(value)
    return number.scaleb(-3) if unit == "ty" else number


def period_label(catalogue: Catalogue, period: str, year: int, lang: Lang) -> str:
    return f"{catalogue.periods[period].label(lang)} {year}"


def place_name(row: dict[str, Any], lang: Lang) -> str:
    """The name of a place row of a wide table: province, region, or the total."""
    if row["level"] == "province":
        return str(row["province"])
    if row["level"] == "region":
        return str(row["region"])
    return TEXT[lang]["all"]


# Wide tables: one row per place ----------------------------------------------------------

PLACE_KEYS = ["year", "period", "level", "region", "province"]
FIELDS = ("plan", "actual", "pct_of_plan", "reports")


def key(measure: str, source: str | None, field: str) -> str:
    return f"{measure}.{source or ''}.{field}"


def places(
    facts: pd.DataFrame, levels: Sequence[str], measures: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per (year, period, level, region, province) of the chosen levels, in the
    facts' order, with a column per measure, source and field (see :func:`key`), the place's
    `expected`, and `submitted`: the accepted reports the place holds (a province row each).
    Figures as writers show them (kcstats.figures.decimal_view, by `measures`)."""
    chosen: np.ndarray = facts["level"].isin(levels).to_numpy() & no_activity(facts)
    sub = decimal_view(facts[chosen], measures)
    if sub.empty:
        return pd.DataFrame(columns=[*PLACE_KEYS, "expected", "submitted"])
    place = sub.groupby(PLACE_KEYS, sort=False, dropna=False).ngroup().to_numpy()
    measure_key = (sub["measure"] + "." + sub["source"].fillna("").astype(object)).to_numpy()
    long = pd.DataFrame({"place": place, "key": measure_key})
    for field in FIELDS:
        long[field] = sub[field].to_numpy(dtype=object)
    wide = long.pivot(index="place", columns="key", values=list(FIELDS))
    wide.columns = [f"{pair[1]}.{pair[0]}" for pair in wide.columns]
    head = sub.assign(place=place).drop_duplicates("place").set_index("place")
    table = head[[*PLACE_KEYS, "expected"]].join(wide).reset_index(drop=True)
    table["submitted"] = _submitted(facts, table)
    return table


def _submitted(facts: pd.DataFrame, table: pd.DataFrame) -> list[int]:
    provinces = facts[(facts["level"] == "province").to_numpy()]
    unique = provinces.drop_duplicates(["year", "period", "province"])
    by_region = unique.groupby(["year", "period", "region"]).size().to_dict()
    by_period = unique.groupby(["year", "period"]).size().to_dict()
    out = []
    for row in table.itertuples(index=False):
        if row.level == "province":
            out.append(1)
        elif row.level == "region":
            out.append(int(by_region.get((row.year, row.period, row.region), 0)))
        else:
            out.append(int(by_period.get((row.year, row.period), 0)))
    return out


def needed_columns(table: pd.DataFrame, keys: Iterable[str]) -> pd.DataFrame:
    """The columns of a places table that a view of it draws: those naming the place and
    its reports, and each of `keys` (its figures) that the table has. A places table has
    one for every measure, source and figure: turning them all into Python values would
    cost more than drawing the view."""
    place = ["level", "region", "province", "submitted", "expected"]
    return table[place + [k for k in keys if k in table.columns]]


def blocks(table: pd.DataFrame, catalogue: Catalogue) -> list[tuple[int, str, pd.DataFrame]]:
    """The table split by (year, period), in time order."""
    if table.empty:
        return []
    order = {code: i for i, code in enumerate(catalogue.periods)}
    pairs = sorted(
        {(int(y), str(p)) for y, p in zip(table["year"], table["period"], strict=True)},
        key=lambda pair: (pair[0], order[pair[1]]),
    )
    return [
        (year, period, table[((table["year"] == year) & (table["period"] == period)).to_numpy()])
        for year, period in pairs
    ]


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    heading: str
    kind: Kind


def funding_columns(table: pd.DataFrame, lang: Lang, *, wide: bool = False) -> list[Column]:
    """Funding by source with percent of plan, and projects, in the catalogue's order of
    sources. Sources outside the total (counterpart, other funds) are shown only where some
    place reports them; `wide` adds every plan (the workbook)."""
    t, catalogue = TEXT[lang], load_catalogue()
    cols: list[Column] = []
    for source in catalogue.sources_with_total:
        outside = source != TOTAL and source not in catalogue.in_total
        if outside and not wide and _all_blank(table, "funding", source):
            continue
        short = catalogue.source_short(source, lang)
        if wide or source == TOTAL:
            cols.append(
                Column(key("funding", source, "plan"), f"{short} {t['plan_short']}", "money")
            )
        cols.append(
            Column(key("funding", source, "actual"), f"{short} {t['actual_short']}", "money")
        )
        if not outside:
            heading = f"{short} {t['pct']}" if wide else t["pct"]
            cols.append(Column(key("funding", source, "pct_of_plan"), heading, "pct"))
    if wide:
        cols.append(
            Column(key("projects", TOTAL, "plan"), f"{t['projects']} {t['plan_short']}", "count")
        )
    cols.append(
        Column(key("projects", TOTAL, "actual"), f"{t['projects']} {t['actual_short']}", "count")
    )
    return cols


def indicator_columns(
    table: pd.DataFrame,
    catalogue: Catalogue,
    lang: Lang,
    unit: MoneyUnit = "ty",
    *,
    every: bool = False,
) -> list[Column]:
    """Actual figures of the main indicators (the catalogue's `main`) that some place reports,
    by their short labels (every indicator, with its full label and unit, for the workbook)."""
    cols = []
    codes = list(catalogue.indicators) if every else catalogue.main_indicators
    for code in codes:
        indicator = catalogue.indicators[code]
        if not every and _all_blank(table, code, None):
            continue
        kind: Kind = "money" if indicator.kind == "money" else "count"
        shown_unit = MONEY_UNIT_LABEL[unit] if kind == "money" else indicator.unit
        heading = f"{indicator.label(lang)} ({shown_unit})" if every else indicator.short(lang)
        cols.append(Column(key(code, None, "actual"), heading, kind))
    return cols


def _all_blank(table: pd.DataFrame, measure: str, source: str | None) -> bool:
    columns = [key(measure, source, f) for f in ("plan", "actual")]
    return all(c not in table or table[c].map(is_blank).all() for c in columns)
