"""The human views of a merge, shared by the terminal, Markdown and the summary workbook:
headings in Vietnamese and English, figures formatted for people, and the wide tables (one
row per place) that they all show."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

import numpy as np
import pandas as pd

from kcstats.catalog import Catalogue, load_catalogue
from kcstats.catalogue_file import TOTAL
from kcstats.figures import decimal_view
from kcstats.problems import Lang

MoneyUnit = Literal["ty", "trieu"]
# pct: percent of plan, one decimal; change_pct: growth, two decimals, as the regional
# conferences state it ("up 17,16% on 2013").
Kind = Literal["text", "money", "count", "pct", "change_pct"]

MONEY_UNIT_LABEL = {"ty": "tỷ đồng", "trieu": "triệu đồng"}
TEXT: dict[str, dict[str, str]] = {
    "vi": {
        "year": "Năm",
        "period": "Kỳ",
        "level": "Cấp",
        "region": "Vùng",
        "province": "Tỉnh/TP",
        "measure": "Chỉ tiêu",
        "source": "Nguồn",
        "activity": "Hoạt động",
        "activity_title": "Kinh phí theo hoạt động và vùng, {period} ({unit})",
        "unit": "ĐVT",
        "plan": "Kế hoạch",
        "actual": "Thực hiện",
        "pct": "% KH",
        "reports": "Số báo cáo",
        "expected": "Số tỉnh",
        "submitted": "Báo cáo",
        "plan_short": "KH",
        "actual_short": "TH",
        "projects": "Đề án",
        "count": "số lượng",
        "funding": "Kinh phí",
        "all": "Tổng cộng",
        "subtotal": "Cộng {region}",
        "level.province": "Tỉnh",
        "level.region": "Vùng",
        "level.all": "Tổng cộng",
        "funding_title": "Kinh phí khuyến công theo vùng, {period} ({unit})",
        "funding_title_province": "Kinh phí khuyến công theo tỉnh, {period} ({unit})",
        "indicators_title": "Kết quả thực hiện các chỉ tiêu chính, {period}",
        "indicators_title_province": "Kết quả các chỉ tiêu chính theo tỉnh, {period}",
        "missing_title": "Tỉnh chưa có báo cáo",
        "missing_count": "Số tỉnh",
        "plan_title": "Tỷ lệ thực hiện kế hoạch kinh phí ngoài khoảng {bounds}",
        "limit": "Giới hạn",
        "limit.min": "dưới {value}%",
        "limit.max": "trên {value}%",
        "place": "Vùng/Tỉnh",
        "files_title": "Tệp bị từ chối hoặc bỏ qua",
        "file": "Tệp",
        "status": "Trạng thái",
        "problem": "Lý do",
        "summary": "{a} báo cáo được chấp nhận, {r} bị từ chối, {s} bỏ qua.",
        "warnings": "{w} cảnh báo trong các tệp được chấp nhận (xem kcstats validate).",
        "no_reports": "Không có báo cáo nào được chấp nhận.",
        "none": "Không có.",
        "base_year": "Năm gốc",
        "target_year": "Năm so sánh",
        "basis": "Cơ sở so sánh",
        "base": "Giá trị gốc",
        "target": "Giá trị so sánh",
        "change": "Tăng/giảm",
        "pct_change": "% tăng/giảm",
        "basis.actual": "Thực hiện so với thực hiện",
        "basis.plan": "Kế hoạch so với kế hoạch",
        "basis.plan_vs_prior_actual": "Kế hoạch so với thực hiện năm trước",
        "base_from": "Năm gốc gồm",
        "growth_title": "Tăng trưởng {target} so với {base} ({unit})",
        "growth_actual": "TH {year}",
        "growth_pct": "% tăng/giảm",
        "growth_plan_vs": "KH {target} so TH {base} (%)",
        "growth_indicator": "{name} (%)",
        "no_base": "không có số liệu năm gốc",
        "growth_merger_note": "Năm gốc {base} báo cáo theo 63 tỉnh cũ: số liệu được cộng vào 34 "
        "tỉnh, thành phố từ 1/7/2025, theo vùng của đơn vị mới.",
        "growth_partial_note": "{unit}: năm gốc chỉ gồm số liệu của {had}; {lacking} không có số liệu.",
        "growth_compare_missing": "Không có kỳ báo cáo nào có số liệu của cả năm {base} và năm "
        "{target} để so sánh (--compare).",
        "growth_chart_title": "Kinh phí khuyến công thực hiện theo vùng qua các năm, {period} ({unit})",
        "growth_chart_note": "Từ 1/7/2025 các vùng gồm 34 tỉnh, thành phố mới.",
        "code": "Mã lỗi",
        "severity": "Mức độ",
        "sheet": "Trang tính",
        "cell": "Ô",
        "found": "Nội dung ô",
        "expected_text": "Cần",
        "message": "Mô tả",
        "status.accepted": "chấp nhận",
        "status.refused": "từ chối",
        "status.skipped": "bỏ qua",
        "severity.error": "lỗi",
        "severity.warning": "cảnh báo",
        "severity.info": "thông tin",
        "wrote": "Đã ghi {path}",
    },
    "en": {
        "year": "Year",
        "period": "Period",
        "level": "Level",
        "region": "Region",
        "province": "Province",
        "measure": "Measure",
        "source": "Source",
        "activity": "Activity",
        "activity_title": "Funding by activity and region, {period} ({unit})",
        "unit": "Unit",
        "plan": "Plan",
        "actual": "Actual",
        "pct": "% of plan",
        "reports": "Reports",
        "expected": "Provinces",
        "submitted": "Reports",
        "plan_short": "plan",
        "actual_short": "actual",
        "projects": "Projects",
        "count": "count",
        "funding": "Funding",
        "all": "Total",
        "subtotal": "{region} total",
        "level.province": "Province",
        "level.region": "Region",
        "level.all": "Total",
        "funding_title": "Khuyến công funding by region, {period} ({unit})",
        "funding_title_province": "Khuyến công funding by province, {period} ({unit})",
        "indicators_title": "Main results, {period}",
        "indicators_title_province": "Main results by province, {period}",
        "missing_title": "Provinces without a report",
        "missing_count": "Count",
        "plan_title": "Funding percent of plan outside {bounds}",
        "limit": "Limit",
        "limit.min": "below {value}%",
        "limit.max": "above {value}%",
        "place": "Region/province",
        "files_title": "Files refused or skipped",
        "file": "File",
        "status": "Status",
        "problem": "Reason",
        "summary": "{a} reports accepted, {r} refused, {s} skipped.",
        "warnings": "{w} warnings in accepted files (see kcstats validate).",
        "no_reports": "No report was accepted.",
        "none": "None.",
        "base_year": "Base year",
        "target_year": "Target year",
        "basis": "Basis",
        "base": "Base",
        "target": "Target",
        "change": "Change",
        "pct_change": "% change",
        "basis.actual": "actual vs actual",
        "basis.plan": "plan vs plan",
        "basis.plan_vs_prior_actual": "plan vs prior year's actual",
        "base_from": "Base from",
        "growth_title": "Growth, {target} against {base} ({unit})",
        "growth_actual": "Actual {year}",
        "growth_pct": "% change",
        "growth_plan_vs": "Plan {target} vs actual {base} (%)",
        "growth_indicator": "{name} (%)",
        "no_base": "no base",
        "growth_merger_note": "The base year {base} was reported by the 63 old provinces: their "
        "figures are added into the 34 units of 1 July 2025, in the new units' regions.",
        "growth_partial_note": "{unit}: the base holds only {had}; {lacking} gave no figure.",
        "growth_compare_missing": "No period has reports for both {base} and {target} to compare "
        "(--compare).",
        "growth_chart_title": "Khuyến công funding spent by region over the years, {period} ({unit})",
        "growth_chart_note": "From 1 July 2025 the regions hold the 34 new units.",
        "code": "Code",
        "severity": "Severity",
        "sheet": "Sheet",
        "cell": "Cell",
        "found": "Found",
        "expected_text": "Expected",
        "message": "Message",
        "status.accepted": "accepted",
        "status.refused": "refused",
        "status.skipped": "skipped",
        "severity.error": "error",
        "severity.warning": "warning",
        "severity.info": "info",
        "wrote": "Wrote {path}",
    },
}
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


def money_in(value: Decimal | int, unit: MoneyUnit) -> Decimal:
    """Triệu đồng -> the display unit, exactly."""
    number = Decimal(value)
    return number.scaleb(-3) if unit == "ty" else number


def format_cell(value: Any, kind: Kind, lang: Lang, unit: MoneyUnit) -> str:
    if kind == "text":
        return "" if is_blank(value) else str(value)
    if is_blank(value):
        return BLANK
    if kind == "money":
        # tỷ đồng to 3 decimals (a million đồng); triệu đồng exact, without trailing zeros.
        return format_number(money_in(value, unit), 3, lang, trim=unit == "trieu")
    if kind == "pct":
        return format_number(value, 1, lang)
    if kind == "change_pct":
        return format_number(value, 2, lang)
    return format_number(value, 0, lang)


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


def no_activity(frame: pd.DataFrame) -> np.ndarray:
    """Rows of all activities together: what every view but the activity table shows (money
    given per activity is a part of them, never beside them)."""
    if "activity" not in frame:
        return np.ones(len(frame), dtype=bool)
    blank: np.ndarray = frame["activity"].isna().to_numpy()
    return blank


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
