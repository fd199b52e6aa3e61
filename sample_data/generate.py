"""Build the synthetic sample workbooks of sample_data/.

    .venv/bin/python sample_data/generate.py            # rebuild sample_data/ in place
    .venv/bin/python sample_data/generate.py OUT_DIR    # build the same files under OUT_DIR

Every province figure is invented. Each regional total is a published one, split among the
provinces of the region by a seeded random.Random, in whole thousands of đồng, so that the
provinces add up to the published total exactly. The workbooks are filled in the many ways
real provinces fill in report format 1 (report-format.md): title rows
and merged titles, two-row headers, numbers typed as Vietnamese text, tỷ/triệu/nghìn/đồng,
province and sheet names typed every which way, section headings, STT columns, stated totals.

Re-running rebuilds the same bytes: fixed document properties and fixed zip timestamps.
"""

from __future__ import annotations

import io
import json
import random
import re
import sys
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

HERE = Path(__file__).resolve().parent
SCHEMAS = HERE.parent / "schemas"
FOLDERS = (
    "south-2012-2014",
    "south-2019-h1",
    "north-2024-h1",
    "national-2021",
    "problems",
    "north-2024-h1-two-formats",
)
STAMP = datetime(2025, 1, 1, 8, 0, 0)  # document properties: the same on every run
ZIP_STAMP = (2025, 1, 1, 8, 0, 0)  # zip member timestamps: the same on every run
BOLD = Font(bold=True)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)

# Money is held in whole thousands of đồng (nghìn đồng) while generating: sums are exact.
NGHIN_PER_UNIT = {"dong": Decimal("0.001"), "nghin": Decimal(1), "trieu": Decimal(1000)}
NGHIN_PER_UNIT["ty"] = Decimal(1_000_000)


def ty(text: str) -> int:
    """'54,06' tỷ đồng -> thousands of đồng."""
    return int(Decimal(text.replace(".", "").replace(",", ".")) * 1_000_000)


def trieu(text: str) -> int:
    """'4.870' triệu đồng -> thousands of đồng."""
    return int(Decimal(text.replace(".", "").replace(",", ".")) * 1_000)


# ---------------------------------------------------------------------------------------------
# What each folder reproduces. PUBLISHED figures come from the regional conference reports;
# INVENTED ones only fill in what a workbook needs and the articles do not give.
# Money in thousands of đồng, counts as counts. Keys: (source, field) for funding.


@dataclass(frozen=True)
class FundingTotals:
    """Regional totals of one year's 'Kinh phí' sheet: projects and money per source."""

    national: tuple[int | None, int | None, int | None, int | None]  # plan p, plan m, act p, act m
    local: tuple[int | None, int | None, int | None, int | None]


@dataclass(frozen=True)
class YearPlan:
    year: int
    period: str
    funding: FundingTotals
    indicators: dict[str, tuple[int | None, int | None]]  # code -> (plan, actual)


SOUTH_2012_2014 = (
    # FY2012: actual 52,95 tỷ in all (published); the split between sources is invented.
    YearPlan(
        2012,
        "FY",
        FundingTotals(
            national=(None, None, 46, ty("7,18")),
            local=(None, None, 226, ty("45,77")),
        ),
        {
            "trained_workers": (None, 3105),
            "demo_models": (None, 8),
            "machinery_facilities": (None, 9),
            "cluster_plans": (None, 1),
            "cluster_infrastructure": (None, 0),
            "fair_participants": (None, 41),
            "fair_booths": (None, 108),
        },
    ),
    # FY2013: actual published (50 đề án 7,73 tỷ + 237 đề án 46,33 tỷ = 54,06 tỷ, indicators);
    # the plan (55,1 tỷ) is invented.
    YearPlan(
        2013,
        "FY",
        FundingTotals(
            national=(56, ty("8,15"), 50, ty("7,73")),
            local=(248, ty("46,95"), 237, ty("46,33")),
        ),
        {
            "trained_workers": (3200, 3324),
            "demo_models": (12, 10),
            "machinery_facilities": (12, 11),
            "cluster_plans": (2, 1),
            "cluster_infrastructure": (1, 1),
            "fair_participants": (50, 45),
            "fair_booths": (130, 120),
        },
    ),
    # FY2014 plan, published: 68 đề án 13,877 tỷ + 259 đề án 49,458 tỷ = 63,335 tỷ. The
    # article says 49,49 tỷ for the local plan, which disagrees with its own total; the total
    # wins. Indicator plans are invented; no actual yet.
    YearPlan(
        2014,
        "FY",
        FundingTotals(
            national=(68, ty("13,877"), None, None),
            local=(259, ty("49,458"), None, None),
        ),
        {
            "trained_workers": (3600, None),
            "demo_models": (14, None),
            "machinery_facilities": (15, None),
            "cluster_plans": (2, None),
            "cluster_infrastructure": (2, None),
            "fair_participants": (55, None),
            "fair_booths": (140, None),
        },
    ),
)

SOUTH_2019 = (
    # H1 2019: plan 85,865 tỷ and done 16,578 tỷ in all (published), indicator actuals
    # (published); the national/local split, project counts and indicator plans are invented.
    YearPlan(
        2019,
        "H1",
        FundingTotals(
            national=(38, ty("12,4"), 9, ty("2,15")),
            local=(262, ty("73,465"), 71, ty("14,428")),
        ),
        {
            "machinery_facilities": (120, 47),
            "cleaner_production": (4, 1),
            "fairs_held": (8, 3),
            "fair_participants": (300, 115),
            "brand_support": (12, 4),
            "consulting_projects": (10, 3),
        },
    ),
)

NORTH = (
    # H1 2023: only consulting revenue (3.168 triệu, so that 2024 is 153,7% of it) matters;
    # everything else is invented.
    YearPlan(
        2023,
        "H1",
        FundingTotals(
            national=(75, ty("22,8"), 17, ty("3,905")),
            local=(402, ty("109,9"), 118, ty("28,64")),
        ),
        {
            "machinery_facilities": (150, 49),
            "cleaner_production": (22, 8),
            "fair_booths": (1400, 612),
            "fair_participants": (600, 270),
            "products_entered": (380, 231),
            "brand_support": (14, 4),
            "consulting_projects": (110, 47),
            "consulting_revenue": (trieu("8.600"), trieu("3.168")),
        },
    ),
    # H1 2024: indicator actuals published; consulting revenue plan 9.920 triệu so that
    # 4.870 is 49,1% of it; funding and indicator plans invented.
    YearPlan(
        2024,
        "H1",
        FundingTotals(
            national=(80, ty("24,6"), 19, ty("4,21")),
            local=(420, ty("118,35"), 131, ty("31,57")),
        ),
        {
            "machinery_facilities": (160, 57),
            "cleaner_production": (25, 11),
            "fair_booths": (1500, 701),
            "fair_participants": (650, 300),
            "products_entered": (400, 245),
            "brand_support": (15, 5),
            "consulting_projects": (120, 62),
            "consulting_revenue": (trieu("9.920"), trieu("4.870")),
        },
    ),
)

NATIONAL_2021 = (
    # FY2021: plan 338 tỷ = 150 tỷ quốc gia + 188 tỷ địa phương, quốc gia actual 75,641 tỷ
    # (published); local actual, project counts and indicators invented.
    YearPlan(
        2021,
        "FY",
        FundingTotals(
            national=(372, ty("150"), 196, ty("75,641")),
            local=(2140, ty("188"), 1893, ty("172,35")),
        ),
        {
            "trained_workers": (26500, 21840),
            "demo_models": (240, 196),
            "machinery_facilities": (1150, 987),
            "media_items": (3200, 3456),
        },
    ),
)
# Hòa Bình's FY2021 figures: 1.505 triệu in all, 1.100 quốc gia and 405 địa phương (published);
# its plan and project counts are invented.
HOA_BINH_2021 = {
    "national": (4, trieu("2.200"), 2, trieu("1.100")),
    "local": (14, trieu("480"), 12, trieu("405")),
}


# ---------------------------------------------------------------------------------------------
# Catalogues


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    kind: str
    area: str


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    label: str
    aliases: tuple[str, ...]
    unit: str
    money: bool


def load_places() -> list[Place]:
    data = json.loads((SCHEMAS / "provinces.json").read_text(encoding="utf-8"))
    return [
        Place(p["code"], p["name"], p["kind"], p["kc_conference_area"])
        for p in data["provinces_63"]
    ]


def load_indicators() -> dict[str, IndicatorInfo]:
    data = json.loads((SCHEMAS / "catalogue.json").read_text(encoding="utf-8"))
    return {
        i["code"]: IndicatorInfo(
            i["code"], i["label_vi"], tuple(i["aliases"]), i["unit"], i["kind"] == "money"
        )
        for i in data["indicators"]
    }


INDICATORS = load_indicators()
SECTIONS = (
    ("I", "ĐÀO TẠO NGHỀ, NÂNG CAO NĂNG LỰC", ("trained_workers", "training_classes")),
    ("", "", ("management_trainees",)),
    ("II", "ỨNG DỤNG MÁY MÓC, CHUYỂN GIAO CÔNG NGHỆ", ("demo_models", "machinery_facilities")),
    ("", "", ("cleaner_production",)),
    (
        "III",
        "XÚC TIẾN THƯƠNG MẠI",
        (
            "fairs_held",
            "fair_participants",
            "fair_booths",
            "products_entered",
            "products_recognised",
            "brand_support",
        ),
    ),
    (
        "IV",
        "TƯ VẤN, CỤM CÔNG NGHIỆP",
        (
            "consulting_projects",
            "consulting_revenue",
            "cluster_plans",
            "cluster_infrastructure",
            "enterprises_founded",
        ),
    ),
    ("V", "THÔNG TIN TUYÊN TRUYỀN", ("media_items",)),
)


# ---------------------------------------------------------------------------------------------
# One report's figures


@dataclass
class Line:
    """One source of funds: projects and money (thousands of đồng), plan and actual."""

    plan_projects: int | None = None
    plan_money: int | None = None
    actual_projects: int | None = None
    actual_money: int | None = None


@dataclass
class Figure:
    plan: int | None = None  # a count, or thousands of đồng for a money indicator
    actual: int | None = None
    prior: int | None = None  # 'Cùng kỳ năm trước'


@dataclass
class ReportData:
    place: Place
    year: int
    period: str
    funding: dict[str, Line] = field(default_factory=dict)
    indicators: dict[str, Figure] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Splitting regional totals among provinces, exactly


def split_count(
    total: int | None,
    weights: Sequence[float],
    rng: random.Random,
    caps: Sequence[int] | None = None,
) -> list[int | None]:
    """Share `total` among places in proportion to weights (0 = none), at most `caps` each."""
    if total is None:
        return [None] * len(weights)
    counts = [0] * len(weights)
    if total > 400 and caps is None:
        whole = sum(weights)
        counts = [int(total * w / whole) for w in weights]
    for _ in range(total - sum(counts)):
        open_ = [
            i for i, w in enumerate(weights) if w > 0 and (caps is None or counts[i] < caps[i])
        ]
        if not open_:
            raise ValueError(f"cannot share {total} among these places")
        counts[rng.choices(open_, weights=[weights[i] for i in open_])[0]] += 1
    return list(counts)


def split_money(
    total: int | None, weights: Sequence[float], grains: Sequence[int]
) -> list[int | None]:
    """Share `total` thousand-đồng among places with weight > 0, each a multiple of its grain
    (the finest figure its unit shows); the finest-grained place takes what rounding left."""
    if total is None:
        return [None] * len(weights)
    whole = sum(weights)
    if whole == 0:
        raise ValueError("no place to share money among")
    shares = [int(total * w / whole) // g * g for w, g in zip(weights, grains, strict=True)]
    taker = min((i for i, w in enumerate(weights) if w > 0), key=lambda i: (grains[i], -shares[i]))
    rest = total - sum(shares)
    if rest % grains[taker]:
        raise ValueError("grains must nest (1, 100, 1000, ...) and divide the total")
    shares[taker] += rest
    return list(shares)


def jitter(rng: random.Random, values: Iterable[float | int | None]) -> list[float]:
    return [0.0 if not v else float(v) * rng.uniform(0.6, 1.4) for v in values]


# ---------------------------------------------------------------------------------------------
# How one province fills in its workbook


@dataclass(frozen=True)
class Style:
    province_text: str
    sheets: tuple[str, str, str]
    info_layout: str  # 'title' | 'offset' | 'pairs'
    province_label: str
    year_label: str
    year_value: str  # 'int' | 'text'
    period_text: str
    unit_label: str
    sheet_unit: str | None  # text in 'Đơn vị tính kinh phí', None: not stated (triệu đồng)
    header_unit: str | None  # '(tỷ đồng)' in the money headers of 'Kinh phí'
    funding_unit: str  # code of the unit the money columns are in
    grain: int  # finest figure shown, in thousands of đồng
    numbers: str  # 'number' | 'text' | 'mixed'
    funding_layout: str  # 'one-row' | 'reordered' | 'two-row'
    stt: bool
    total: tuple[str, bool] | None  # (label, above the sources)
    source_labels: tuple[str, str]
    funding_percent: str | None  # None | 'number' | 'fraction' | 'text'
    counterpart: bool
    results_layout: str  # 'codes' | 'labels' | 'reordered'
    sections: bool
    full_template: bool
    zero: str  # '0' | 'blank' | 'omit'
    results_percent: bool
    revenue_unit: str  # ĐVT text of consulting_revenue ('' = the report's money unit)
    revenue_grain: int
    unit_words: bool  # counts typed as '12 cơ sở'
    prior: bool  # a 'Cùng kỳ năm trước' column, where last year's figures are known
    title: bool
    extra_sheet: str | None


SHEET_NAMES = (
    ("Thông tin", "Kinh phí", "Chỉ tiêu"),
    ("1. Thông tin", "2. Kinh phí", "3. Chỉ tiêu"),
    ("I - Thông tin chung", "II - Kinh phí khuyến công", "III - Kết quả thực hiện"),
    ("THONG TIN", "KINH PHI", "CHI TIEU"),
    ("Thông tin báo cáo", "Kinh phí", "Kết quả"),
)
# (text in 'Đơn vị tính kinh phí', header unit, unit of the money columns)
MONEY_STYLES: tuple[tuple[str | None, str | None, str], ...] = (
    (None, None, "trieu"),
    ("triệu đồng", None, "trieu"),
    ("Tỷ đồng", None, "ty"),
    ("triệu đồng", "tỷ đồng", "ty"),
    ("nghìn đồng", None, "nghin"),
    ("tỷ đồng", "triệu đồng", "trieu"),
    ("đồng", None, "dong"),
    ("Tr.đ", None, "trieu"),
)
UNIT_CODE_OF_TEXT = {
    None: "trieu",
    "triệu đồng": "trieu",
    "Tỷ đồng": "ty",
    "tỷ đồng": "ty",
    "nghìn đồng": "nghin",
    "đồng": "dong",
    "Tr.đ": "trieu",
}
PERIOD_TEXTS = {
    "FY": ("Cả năm", "Năm", "FY", "12 tháng", "CẢ NĂM"),
    "H1": ("6 tháng", "6 tháng đầu năm", "Sáu tháng", "H1", "6 tháng năm {year}"),
}
TOTAL_ROWS: tuple[tuple[str, bool] | None, ...] = (
    ("Tổng cộng", False),
    None,
    ("TỔNG SỐ", True),
    ("Cộng", False),
)
SOURCE_LABELS = (
    ("Khuyến công quốc gia", "Khuyến công địa phương"),
    ("KCQG", "KCĐP"),
    ("Kinh phí khuyến công quốc gia", "Kinh phí khuyến công địa phương"),
    ("1. Quốc gia", "2. Địa phương"),
)
# ĐVT of the consulting revenue row and its unit ('' = blank: the report's money unit)
REVENUE_UNITS: tuple[tuple[str, str | None], ...] = (
    ("triệu đồng", "trieu"),
    ("", None),
    ("Tr.đ", "trieu"),
    ("tỷ đồng", "ty"),
    ("nghìn đồng", "nghin"),
)

# How provinces type their own names (report-format.md: all of these must be accepted).
NAME_TYPED = {
    "Cần Thơ": "TP. Cần Thơ",
    "Bến Tre": "tỉnh Bến Tre",
    "TP. Hồ Chí Minh": "TP HCM",
    "Bà Rịa - Vũng Tàu": "Bà Rịa\u2013Vũng Tàu",
    "Cà Mau": "Ca Mau",
    "Long An": "TỈNH LONG AN",
    "Đồng Tháp": unicodedata.normalize("NFD", "Đồng Tháp"),
    "Hậu Giang": "Hậu\u00a0Giang ",
    "Bình Dương": "Tinh Binh Duong",
    "Tiền Giang": "  Tiền   Giang",
    "Sóc Trăng": "SÓC TRĂNG",
    "Hòa Bình": "Tỉnh Hoà Bình",
    "Thanh Hóa": "Thanh Hoá",
    "Khánh Hòa": "Khánh Hoà",
    "Hà Nội": "Thành phố Hà Nội",
    "Hải Phòng": "TP.Hải Phòng",
    "Đà Nẵng": "TP Đà Nẵng",
    "Thừa Thiên Huế": "Thừa Thiên - Huế",
    "Đắk Lắk": "Đắc Lắc",
    "Bắc Kạn": "Bắc Cạn",
    "Kon Tum": "Kontum",
}
PEOPLE = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng", "Võ Thị Hạnh")


def plain_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slug(name: str) -> str:
    """'Bà Rịa - Vũng Tàu' -> 'ba-ria-vung-tau'."""
    return "-".join(re.findall(r"[a-z0-9]+", plain_name(name).lower()))


def typed_name(place: Place, index: int) -> str:
    if place.name in NAME_TYPED:
        return NAME_TYPED[place.name]
    prefix = "Thành phố" if place.kind == "city" else "Tỉnh"
    return (place.name, f"{prefix} {place.name}", place.name, f"{prefix.lower()} {place.name}")[
        index % 4
    ]


def pick(options: Sequence[Any], i: int, step: int, offset: int = 0) -> Any:
    """A deterministic rotation: with `step` prime to len(options), every option is used
    once in any run of len(options) consecutive provinces."""
    return options[(i * step + offset) % len(options)]


def make_style(place: Place, index: int, layout: int, period: str, year: int) -> Style:
    """`index` is the province's place in its folder (its names), `layout` the template it used
    that year (the same office may change its layout from one year to the next)."""
    i = layout
    sheet_unit, header_unit, funding_unit = pick(MONEY_STYLES, i, 3)
    grain = {"ty": 1000, "nghin": 1, "dong": 1}.get(funding_unit) or pick((1000, 100, 1), i, 1)
    revenue_text, revenue_code = pick(REVENUE_UNITS, i, 2, 1)
    revenue_code = revenue_code or UNIT_CODE_OF_TEXT[sheet_unit]
    revenue_grain = {"ty": 1000, "trieu": 100}.get(revenue_code, 1)
    period_text = pick(PERIOD_TEXTS[period], i, 2).format(year=year)
    return Style(
        province_text=typed_name(place, index),
        sheets=pick(SHEET_NAMES, i, 2),
        info_layout=pick(("title", "offset", "pairs"), i // 3, 1),
        province_label=pick(("Tỉnh/Thành phố", "Tỉnh, thành phố:", "Tỉnh", "Tỉnh/Thành phố"), i, 3),
        year_label=pick(("Năm", "Năm báo cáo"), i, 1),
        year_value=pick(("int", "int", "text"), i, 1),
        period_text=period_text,
        unit_label=pick(("Đơn vị tính kinh phí", "Đơn vị tiền", "Đơn vị tính tiền"), i, 1),
        sheet_unit=sheet_unit,
        header_unit=header_unit,
        funding_unit=funding_unit,
        grain=grain,
        numbers=pick(("number", "text", "mixed", "number"), i, 3),
        funding_layout=pick(("one-row", "two-row", "reordered"), i, 1),
        stt=pick((True, False), i // 3, 1),
        total=pick(TOTAL_ROWS, i, 3),
        source_labels=pick(SOURCE_LABELS, i, 1, 2),
        funding_percent=pick((None, "number", "fraction", None, "text"), i, 2),
        counterpart=i % 5 == 3,
        results_layout=pick(("codes", "labels", "reordered"), i // 2, 2),
        sections=pick((True, False, True), i // 5, 1),
        full_template=i % 4 == 1,
        zero=pick(("0", "blank", "omit"), i, 1, 1),
        results_percent=pick((True, False), i, 1, 1),
        revenue_unit=revenue_text,
        revenue_grain=revenue_grain,
        unit_words=(i // 2) % 5 == 2,
        prior=i % 3 != 1,
        title=i % 6 != 5,
        extra_sheet=pick((None, None, "Sheet1", None, "Hướng dẫn"), i, 1),
    )


# ---------------------------------------------------------------------------------------------
# Writing figures the way the style says


def vn_text(value: Decimal) -> str:
    """1505 -> '1.505', 54.06 -> '54,06', 1234.5 -> '1.234,5'."""
    text = format(value, "f")
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}" if fraction else grouped


def in_unit(nghin: int, unit: str) -> Decimal:
    return (Decimal(nghin) / NGHIN_PER_UNIT[unit]).normalize()


class Cells:
    """Turns figures into cell values: numbers, Vietnamese text, or a mix of both."""

    def __init__(self, style: Style) -> None:
        self.style = style
        self.count = 0

    def figure(self, value: Decimal | int | None, *, word: str | None = None) -> object:
        if value is None:
            return None
        if value == 0 and self.style.zero == "blank":
            return None
        self.count += 1
        numbers = self.style.numbers
        if numbers == "text" or (numbers == "mixed" and self.count % 2 == 0):
            text = vn_text(Decimal(value))
            return f"{text} {word}" if word and self.style.unit_words else text
        exact = Decimal(value)
        return int(exact) if exact == exact.to_integral_value() else float(exact)

    def money(self, nghin: int | None, unit: str) -> object:
        return None if nghin is None else self.figure(in_unit(nghin, unit))

    def percent(self, plan: int | None, actual: int | None, how: str | None) -> tuple[object, str]:
        """The stated '% đạt kế hoạch' cell and its number format."""
        if how is None or not plan or actual is None:
            return None, "General"
        if actual == 0 and self.style.zero == "blank":
            return None, "General"
        shown = (Decimal(actual) * 100 / Decimal(plan)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        if how == "fraction":  # Excel's percent format keeps a fraction: 0,948 shows 94,8%
            return float(shown / 100), "0.0%"
        if how == "text":
            return f"{vn_text(shown)}%", "General"
        return float(shown), "0.0"


def put(ws: Worksheet, row: int, col: int, value: object, fmt: str | None = None) -> None:
    if value is None:
        return
    cell = ws.cell(row=row, column=col, value=value)
    if fmt and fmt != "General":
        cell.number_format = fmt


def title(ws: Worksheet, row: int, text: str, width: int) -> None:
    ws.cell(row=row, column=1, value=text).font = BOLD
    ws.cell(row=row, column=1).alignment = CENTRE
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def period_phrase(period: str, year: int) -> str:
    return f"6 tháng đầu năm {year}" if period == "H1" else f"năm {year}"


# ---------------------------------------------------------------------------------------------
# The three sheets


def write_info(ws: Worksheet, data: ReportData, style: Style) -> None:
    place = data.place
    year: object = data.year if style.year_value == "int" else str(data.year)
    unit_pair = [(style.unit_label, style.sheet_unit)] if style.sheet_unit else []
    owner = f"Trung tâm Khuyến công và Tư vấn phát triển công nghiệp {place.name}"
    signed = datetime(data.year + 1, 1, 15) if data.period == "FY" else datetime(data.year, 7, 8)
    person = PEOPLE[int(place.code) % len(PEOPLE)]
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 30
    if style.info_layout == "pairs":
        title(ws, 1, "BÁO CÁO CÔNG TÁC KHUYẾN CÔNG", 4)
        ws.cell(row=2, column=1, value=f"Kỳ báo cáo: {period_phrase(data.period, data.year)}")
        rows: list[list[object]] = [
            [style.province_label, style.province_text],
            [style.year_label, year, "Kỳ báo cáo", style.period_text],
            *[[label, value] for label, value in unit_pair],
            ["Đơn vị báo cáo", owner],
            ["Người lập", person, "Ngày lập", signed],
        ]
        start, col = 4, 1
    else:
        rows = [
            [style.province_label, style.province_text],
            [style.year_label, year],
            ["Kỳ báo cáo", style.period_text],
            *[[label, value] for label, value in unit_pair],
            ["Đơn vị báo cáo", owner],
            ["Người lập", person],
            ["Ngày lập", signed],
        ]
        if style.info_layout == "title":
            ws.cell(row=1, column=1, value=f"UBND {place.name.upper()}")
            ws.cell(row=2, column=1, value="SỞ CÔNG THƯƠNG")
            ws.cell(row=1, column=4, value="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            ws.cell(row=2, column=4, value="Độc lập - Tự do - Hạnh phúc")
            title(ws, 4, "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG", 6)
            start, col = 6, 1
        else:  # labels in B with a colon, values two columns further right, after a blank
            start, col = 2, 2
            rows = [[f"{str(r[0]).rstrip(':')}:", None, *r[1:]] for r in rows]
    for offset, cells in enumerate(rows):
        for c, value in enumerate(cells):
            cell = ws.cell(row=start + offset, column=col + c, value=value)
            if isinstance(value, datetime):
                cell.number_format = "dd/mm/yyyy"
    if data.year == 2013 or int(place.code) % 9 == 0:
        ws.cell(row=start + len(rows) + 1, column=col, value="Ghi chú")
        ws.cell(
            row=start + len(rows) + 1, column=col + 1, value="Số liệu do Sở Công Thương tổng hợp"
        )


FundingColumn = tuple[str, str, str]  # key, top header, bottom header ('' when one row)


def funding_columns(style: Style, data: ReportData) -> list[FundingColumn]:
    unit = f" ({style.header_unit})" if style.header_unit else ""
    done = "Thực hiện 6 tháng" if data.period == "H1" else "Thực hiện"
    cols: list[FundingColumn] = [("stt", "STT", "")] if style.stt else []
    if style.funding_layout == "one-row":
        cols += [
            ("source", "Nguồn kinh phí", ""),
            ("plan_projects", "Số đề án kế hoạch", ""),
            ("plan_money", f"Kinh phí kế hoạch{unit}", ""),
            ("actual_projects", "Số đề án thực hiện", ""),
            ("actual_money", f"Kinh phí thực hiện{unit}", ""),
        ]
    elif style.funding_layout == "reordered":
        cols += [
            ("source", "Nguồn vốn", ""),
            ("plan_money", f"Kinh phí kế hoạch năm {data.year}{unit}", ""),
            ("actual_money", f"Kinh phí thực hiện{unit}", ""),
            ("plan_projects", "Đề án kế hoạch", ""),
            ("actual_projects", "Đề án thực hiện", ""),
        ]
    else:
        cols += [
            ("source", "Nguồn kinh phí", ""),
            ("plan_projects", f"Kế hoạch năm {data.year}", "Số đề án"),
            ("plan_money", f"Kế hoạch năm {data.year}", f"Kinh phí{unit}"),
            ("actual_projects", done, "Số đề án"),
            ("actual_money", done, f"Kinh phí{unit}"),
        ]
    if style.funding_percent:
        cols.append(("percent", "Tỷ lệ đạt (%)" if style.stt else "% đạt kế hoạch", ""))
    cols.append(("note", "Ghi chú", ""))
    return cols


LINE_FIELDS = ("plan_projects", "plan_money", "actual_projects", "actual_money")


def sum_of(values: Sequence[int | None]) -> int | None:
    """A stated total: the sum of what is reported, blank when nothing is."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def write_funding(ws: Worksheet, data: ReportData, style: Style) -> None:
    cells = Cells(style)
    cols = funding_columns(style, data)
    width = len(cols)
    row = 1
    if style.title:
        title(ws, 1, "BIỂU 02. TÌNH HÌNH THỰC HIỆN KINH PHÍ KHUYẾN CÔNG", width)
        title(ws, 2, f"{period_phrase(data.period, data.year).capitalize()}", width)
        if style.header_unit is None:
            unit_label = style.sheet_unit or "triệu đồng"
            ws.cell(row=3, column=width - 1, value=f"ĐVT: {unit_label}")
        row = 5
    two_rows = style.funding_layout == "two-row"
    for c, (key, top, bottom) in enumerate(cols, start=1):
        ws.cell(row=row, column=c, value=top).font = BOLD
        ws.cell(row=row, column=c).alignment = CENTRE
        ws.column_dimensions[ws.cell(row=row, column=c).column_letter].width = (
            34 if key == "source" else 14
        )
        if two_rows and bottom:
            ws.cell(row=row + 1, column=c, value=bottom).font = BOLD
        elif two_rows:
            ws.merge_cells(start_row=row, start_column=c, end_row=row + 1, end_column=c)
    if two_rows:
        for c in range(1, width):
            key, top, _ = cols[c - 1]
            if key.startswith("plan_projects") or key.startswith("actual_projects"):
                ws.merge_cells(start_row=row, start_column=c, end_row=row, end_column=c + 1)
        row += 1
    row += 1
    lines = dict(data.funding)
    national, local = style.source_labels
    labelled: list[tuple[str, str, Line | None]] = []
    total_line = Line(
        *(
            sum_of([getattr(lines[s], name) for s in ("national", "local") if s in lines])
            for name in LINE_FIELDS
        )
    )
    body = [("1", national, lines.get("national")), ("2", local, lines.get("local"))]
    if style.total and style.total[1]:
        labelled += [("", style.total[0], total_line), ("", "Trong đó:", None), *body]
    else:
        labelled += body
        if style.total:
            labelled.append(("", style.total[0], total_line))
    if style.counterpart and "counterpart" in lines:
        labelled.append(("3", "Vốn đối ứng của cơ sở", lines["counterpart"]))
    unit = style.funding_unit
    for number, label, line in labelled:
        for c, (key, _, _) in enumerate(cols, start=1):
            value: object = None
            fmt = None
            if key == "stt":
                value = number or None
            elif key == "source":
                value = label
            elif line is None:
                value = None
            elif key.endswith("projects"):
                value = cells.figure(getattr(line, key))
            elif key.endswith("money"):
                value = cells.money(getattr(line, key), unit)
            elif key == "percent":
                value, fmt = cells.percent(
                    line.plan_money, line.actual_money, style.funding_percent
                )
            elif key == "note" and label.startswith(national) and data.period == "FY":
                value = "Theo quyết định giao kế hoạch của Bộ Công Thương"
            put(ws, row, c, value, fmt)
        if style.total and label == style.total[0]:
            ws.cell(row=row, column=2 if style.stt else 1).font = BOLD
        row += 1
    ws.cell(row=row + 1, column=2 if style.stt else 1, value="Người lập biểu")


def results_columns(style: Style, data: ReportData) -> list[tuple[str, str]]:
    done = "Thực hiện 6 tháng" if data.period == "H1" else f"Thực hiện năm {data.year}"
    prior = style.prior and any(f.prior is not None for f in data.indicators.values())
    percent = [("percent", "% đạt kế hoạch")] if style.results_percent else []
    prior_col = [("prior", "Cùng kỳ năm trước")] if prior else []
    if style.results_layout == "codes":
        cols = [("stt", "STT"), ("code", "Mã"), ("label", "Chỉ tiêu"), ("unit", "ĐVT")]
        cols += [("plan", "Kế hoạch"), ("actual", "Thực hiện"), *percent, *prior_col]
        return [*cols, ("note", "Ghi chú")]
    if style.results_layout == "labels":
        cols = [("stt", "STT"), ("label", "Nội dung"), ("unit", "Đơn vị tính")]
        cols += [("plan", f"Kế hoạch năm {data.year}"), ("actual", done)]
        return [*cols, *prior_col, *percent]
    cols = [("code", "Mã chỉ tiêu"), ("label", "Tên chỉ tiêu"), ("actual", done)]
    return [*cols, ("plan", "Kế hoạch"), ("unit", "Đơn vị tính"), *percent, *prior_col]


def write_results(ws: Worksheet, data: ReportData, style: Style) -> None:
    cells = Cells(style)
    cols = results_columns(style, data)
    keys = [k for k, _ in cols]
    row = 1
    if style.title:
        title(ws, 1, "BIỂU 03. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KHUYẾN CÔNG", len(cols))
        row = 3
    for c, (key, text) in enumerate(cols, start=1):
        ws.cell(row=row, column=c, value=text).font = BOLD
        ws.column_dimensions[ws.cell(row=row, column=c).column_letter].width = (
            50 if key == "label" else 12
        )
    row += 1
    listed = list(INDICATORS) if style.full_template else list(data.indicators)
    number = 0
    for roman, heading, codes in SECTIONS:
        in_section = [c for c in codes if c in listed]
        if not in_section:
            continue
        if style.sections and heading:
            if "stt" in keys:
                put(ws, row, keys.index("stt") + 1, roman)
            ws.cell(row=row, column=keys.index("label") + 1, value=heading).font = BOLD
            row += 1
        for code in in_section:
            info = INDICATORS[code]
            figure = data.indicators.get(code, Figure())
            empty = not figure.plan and not figure.actual
            if empty and style.zero == "omit" and not style.full_template:
                continue
            number += 1
            unit_text = info.unit if number % 2 else info.unit.capitalize()
            unit = "trieu"
            if info.money:  # the row's ĐVT names its unit; blank means the report's unit
                unit_text = style.revenue_unit
                unit = UNIT_CODE_OF_TEXT.get(unit_text) or UNIT_CODE_OF_TEXT[style.sheet_unit]
            label = info.aliases[0] if number % 3 == 0 and info.aliases else info.label
            values: dict[str, object] = {
                "stt": number,
                "code": code,
                "label": label,
                "unit": unit_text or None,
            }
            fmt = None
            for key in ("plan", "actual", "prior"):
                raw = getattr(figure, key)
                if info.money:
                    values[key] = cells.money(raw, unit)
                else:
                    word = info.unit if key == "actual" else None
                    values[key] = cells.figure(raw, word=word)
            if "percent" in keys:
                values["percent"], fmt = cells.percent(
                    figure.plan, figure.actual, ("number", "text", "fraction")[number % 3]
                )
            if code == "consulting_revenue" and figure.actual is not None:
                values["note"] = "Doanh thu của các đơn vị tư vấn"
            for c, key in enumerate(keys, start=1):
                put(ws, row, c, values.get(key), fmt if key == "percent" else None)
            row += 1
    ws.cell(row=row + 1, column=keys.index("label") + 1, value="Ghi chú: số liệu ước thực hiện.")


def build_workbook(data: ReportData, style: Style) -> Workbook:
    wb = openpyxl.Workbook()
    info = wb.active
    assert info is not None
    info.title = style.sheets[0]
    write_info(info, data, style)
    write_funding(wb.create_sheet(style.sheets[1]), data, style)
    write_results(wb.create_sheet(style.sheets[2]), data, style)
    if style.extra_sheet:
        wb.create_sheet(style.extra_sheet)
    return wb


def save(wb: Workbook, path: Path) -> None:
    """Write the workbook so that the same content gives the same bytes on every run."""
    wb.properties.creator = "kcstats sample_data/generate.py"
    wb.properties.lastModifiedBy = "kcstats sample_data/generate.py"
    wb.properties.created = STAMP
    wb.properties.modified = STAMP
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # not wb.save(), which stamps the current time
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w") as target:
        for member in source.infolist():
            item = zipfile.ZipInfo(member.filename, date_time=ZIP_STAMP)
            item.compress_type = zipfile.ZIP_DEFLATED
            item.create_system = 0
            item.external_attr = 0
            target.writestr(item, source.read(member.filename))
    path.write_bytes(fixed.getvalue())


# ---------------------------------------------------------------------------------------------
# Folders


def region_reports(
    places: list[Place],
    plans: Sequence[YearPlan],
    seed: str,
    fixed: dict[tuple[str, int], dict[str, tuple[int, int, int, int]]] | None = None,
) -> list[tuple[ReportData, Style]]:
    """One report per place and year; regional totals of `plans` shared out exactly."""
    rng = random.Random(seed)
    size = [rng.uniform(0.5, 1.6) * (2.5 if p.kind == "city" else 1.0) for p in places]
    out: list[tuple[ReportData, Style]] = []
    previous: dict[str, ReportData] = {}
    for slot, plan in enumerate(plans):
        styles = [
            make_style(p, i, i * 7 + slot * 3 + len(seed), plan.period, plan.year)
            for i, p in enumerate(places)
        ]
        reports = [ReportData(p, plan.year, plan.period) for p in places]
        pinned = {
            i: figures
            for i, p in enumerate(places)
            for (name, year), figures in (fixed or {}).items()
            if name == p.name and year == plan.year
        }
        for source in ("national", "local"):
            totals = getattr(plan.funding, source)
            lines = share_funding(totals, size, styles, rng, pinned, source)
            for report, line in zip(reports, lines, strict=True):
                report.funding[source] = line
        for i, style in enumerate(styles):
            if style.counterpart:
                actual = reports[i].funding["local"].actual_money
                planned = reports[i].funding["local"].plan_money
                reports[i].funding["counterpart"] = Line(
                    None,
                    None if planned is None else planned // 3 // style.grain * style.grain,
                    None,
                    None if actual is None else actual // 4 // style.grain * style.grain,
                )
        for code, (plan_total, actual_total) in plan.indicators.items():
            if INDICATORS[code].money:
                plans_ = split_money(
                    plan_total, jitter(rng, size), [s.revenue_grain for s in styles]
                )
                projects = [r.indicators["consulting_projects"].actual or 0 for r in reports]
                actuals = split_money(
                    actual_total, jitter(rng, projects), [s.revenue_grain for s in styles]
                )
            else:
                plans_ = split_count(plan_total, jitter(rng, size), rng)
                actuals = split_count(actual_total, jitter(rng, size), rng)
            for report, p, a in zip(reports, plans_, actuals, strict=True):
                before = previous.get(report.place.code)
                prior = (
                    before.indicators[code].actual if before and code in before.indicators else None
                )
                report.indicators[code] = Figure(p, a, prior if plan.period == "H1" else None)
        for report in reports:
            previous[report.place.code] = report
        out += list(zip(reports, styles, strict=True))
    check_totals([r for r, _ in out], plans, fixed)
    return out


def share_funding(
    totals: tuple[int | None, int | None, int | None, int | None],
    size: Sequence[float],
    styles: Sequence[Style],
    rng: random.Random,
    pinned: dict[int, dict[str, tuple[int, int, int, int]]],
    source: str,
) -> list[Line]:
    plan_p, plan_m, act_p, act_m = totals
    weights = [0.0 if i in pinned else w for i, w in enumerate(size)]

    def less(total: int | None, field_: int) -> int | None:
        if total is None:
            return None
        return total - sum(figures[source][field_] for figures in pinned.values())

    grains = [s.grain for s in styles]
    plan_projects = split_count(less(plan_p, 0), jitter(rng, weights), rng)
    plan_money = split_money(less(plan_m, 1), jitter(rng, plan_projects), grains)
    if plan_projects[0] is None:
        actual_projects = split_count(less(act_p, 2), jitter(rng, weights), rng)
    else:
        caps = [p or 0 for p in plan_projects]
        actual_projects = split_count(less(act_p, 2), jitter(rng, caps), rng, caps=caps)
    actual_money = split_money(less(act_m, 3), jitter(rng, actual_projects), grains)
    lines = [
        Line(*values)
        for values in zip(plan_projects, plan_money, actual_projects, actual_money, strict=True)
    ]
    for i, figures in pinned.items():
        lines[i] = Line(*figures[source])
    return lines


def check_totals(
    reports: list[ReportData],
    plans: Sequence[YearPlan],
    fixed: dict[tuple[str, int], dict[str, tuple[int, int, int, int]]] | None,
) -> None:
    """The generator's own guard: the provinces add up to the regional totals exactly."""
    for plan in plans:
        year = [r for r in reports if r.year == plan.year]
        for source in ("national", "local"):
            for position, name in enumerate(
                ("plan_projects", "plan_money", "actual_projects", "actual_money")
            ):
                want = getattr(plan.funding, source)[position]
                values = [getattr(r.funding[source], name) for r in year]
                got = None if all(v is None for v in values) else sum(v or 0 for v in values)
                if got != want:
                    raise AssertionError(f"{plan.year} {source} {name}: {got} != {want}")
        for code, (plan_total, actual_total) in plan.indicators.items():
            for want, name in ((plan_total, "plan"), (actual_total, "actual")):
                values = [getattr(r.indicators[code], name) for r in year]
                got = None if all(v is None for v in values) else sum(v or 0 for v in values)
                if got != want:
                    raise AssertionError(f"{plan.year} {code} {name}: {got} != {want}")
    for (name, year), figures in (fixed or {}).items():
        report = next(r for r in reports if r.place.name == name and r.year == year)
        for source, values in figures.items():
            line = report.funding[source]
            got = (line.plan_projects, line.plan_money, line.actual_projects, line.actual_money)
            if got != values:
                raise AssertionError(f"{name} {year} {source}: {got} != {values}")


def write_folder(out: Path, items: list[tuple[ReportData, Style]]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for data, style in items:
        path = out / f"{data.year}-{data.period.lower()}-{slug(data.place.name)}.xlsx"
        save(build_workbook(data, style), path)


# ---------------------------------------------------------------------------------------------
# problems/: files a province might really send wrong, each refused for one reason


PLAIN = make_style(Place("00", "", "province", ""), 0, 0, "H1", 2024)
PLAIN = replace(
    PLAIN,
    sheets=SHEET_NAMES[0],
    source_labels=SOURCE_LABELS[0],
    info_layout="title",
    sheet_unit="triệu đồng",
    header_unit=None,
    funding_unit="trieu",
    grain=1000,
    numbers="number",
    funding_layout="one-row",
    stt=False,
    total=None,
    funding_percent=None,
    counterpart=False,
    results_layout="codes",
    zero="0",
    results_percent=False,
    full_template=False,
    extra_sheet=None,
)


def problem_report(place: Place, year: int, period: str, **lines: Line) -> ReportData:
    data = ReportData(place, year, period)
    data.funding = {
        "national": lines.get("national", Line(2, trieu("1.200"), 1, trieu("650"))),
        "local": lines.get("local", Line(9, trieu("3.400"), 5, trieu("1.875"))),
    }
    data.indicators = {
        "trained_workers": Figure(400, 215),
        "machinery_facilities": Figure(6, 2),
        "fair_booths": Figure(20, 12),
    }
    return data


def cell_of(ws: Worksheet, row_label: str, header: str) -> str:
    """The A1 name of the cell in the row labelled `row_label` and the column `header`."""
    rows = list(ws.iter_rows())
    col = next(c.column for r in rows for c in r if c.value == header)
    row = next(r[0].row for r in rows if row_label in (r[0].value, r[1].value))
    return f"{get_column_letter(col)}{row}"


def problem_files(
    places: dict[str, Place], resent: tuple[ReportData, Style]
) -> list[tuple[str, Workbook]]:
    files: list[tuple[str, Workbook]] = []

    def style_for(name: str, period: str, year: int, **changes: Any) -> Style:
        place = places[name]
        text = PERIOD_TEXTS[period][0]
        return replace(PLAIN, province_text=place.name, period_text=text, **changes)

    # An ambiguous figure: '1.5' typed for 1,5 tỷ (the English decimal point).
    data = problem_report(
        places["Vĩnh Long"],
        2024,
        "H1",
        national=Line(2, ty("1,25"), 1, ty("0,6")),
        local=Line(9, ty("3,4"), 6, ty("1,5")),
    )
    unit = {"sheet_unit": "tỷ đồng", "funding_unit": "ty"}
    wb = build_workbook(data, style_for("Vĩnh Long", "H1", 2024, **unit))
    ws = wb["Kinh phí"]
    ws[cell_of(ws, "Khuyến công địa phương", "Kinh phí thực hiện")] = "1.5"
    files.append(("ambiguous-number.xlsx", wb))

    # A stated total that does not add up: 5.230 typed as 5.320.
    data = problem_report(
        places["Quảng Ninh"],
        2023,
        "FY",
        national=Line(3, trieu("1.500"), 3, trieu("1.450")),
        local=Line(12, trieu("4.000"), 11, trieu("3.780")),
    )
    wb = build_workbook(data, style_for("Quảng Ninh", "FY", 2023, total=("Tổng cộng", False)))
    ws = wb["Kinh phí"]
    ws[cell_of(ws, "Tổng cộng", "Kinh phí thực hiện")] = 5320
    files.append(("total-mismatch.xlsx", wb))

    # A province abolished on 1 July 2025 named in a FY2025 report.
    data = problem_report(places["Long An"], 2025, "FY")
    files.append(
        ("province-abolished.xlsx", build_workbook(data, style_for("Long An", "FY", 2025)))
    )

    # A resend: Bắc Ninh's H1 2024 report with a minus typed by mistake, then '...-ban-sua'
    # with it fixed. The fixed one holds the figures of north-2024-h1/2024-h1-bac-ninh.xlsx,
    # so that merging every folder together counts that report once.
    data, style = resent
    wb = build_workbook(data, style_for("Bắc Ninh", "H1", 2024))
    ws = wb["Kinh phí"]
    ws[cell_of(ws, "Khuyến công địa phương", "Số đề án thực hiện")] = -5
    files.append(("duplicate-bac-ninh-h1-2024.xlsx", wb))
    resaved = replace(style, sheets=SHEET_NAMES[1])
    files.append(("duplicate-bac-ninh-h1-2024-ban-sua.xlsx", build_workbook(data, resaved)))

    # A missing sheet: the results were never filled in, only an empty 'Sheet1' is left.
    data = problem_report(places["Đồng Nai"], 2024, "H1")
    wb = build_workbook(data, style_for("Đồng Nai", "H1", 2024))
    del wb["Chỉ tiêu"]
    wb.create_sheet("Sheet1")
    files.append(("missing-sheet.xlsx", wb))

    # A negative figure: a correction typed as a minus.
    data = problem_report(places["Nghệ An"], 2024, "H1")
    wb = build_workbook(data, style_for("Nghệ An", "H1", 2024))
    ws = wb["Chỉ tiêu"]
    ws[cell_of(ws, "fair_booths", "Thực hiện")] = -12
    files.append(("negative-number.xlsx", wb))
    return files


# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# Format 2: the administrative report table (report-format-2.md). The same figures as a
# format-1 report, written as the table that goes with a province's written report: an
# agency header, a title naming the period, one table "STT | Nội dung | ĐVT | Kế hoạch |
# Thực hiện | Tỷ lệ (%)" with Roman-numeral activity sections carrying money, a signature block.

# Activity groups a northern report gives money for: (code, section heading, indicators).
ACTIVITY_SECTIONS = (
    ("training", "ĐÀO TẠO NGHỀ, TRUYỀN NGHỀ, NÂNG CAO TAY NGHỀ", ()),
    ("machinery", "HỖ TRỢ ỨNG DỤNG MÁY MÓC THIẾT BỊ TIÊN TIẾN", ("machinery_facilities",)),
    ("cleaner_production", "SẢN XUẤT SẠCH HƠN", ("cleaner_production",)),
    (
        "products",
        "PHÁT TRIỂN SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU, HỘI CHỢ TRIỂN LÃM",
        ("fair_booths", "fair_participants", "products_entered", "brand_support"),
    ),
    (
        "consulting",
        "TƯ VẤN, TRỢ GIÚP CƠ SỞ CÔNG NGHIỆP NÔNG THÔN",
        ("consulting_projects", "consulting_revenue"),
    ),
    ("media", "THÔNG TIN TUYÊN TRUYỀN", ()),
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
MONEY_TEXT = {"trieu": "triệu đồng", "nghin": "nghìn đồng", "dong": "đồng"}
ROW_UNIT_TEXT = {"trieu": ("triệu đồng", "Triệu đồng", "tr.đ"), "nghin": ("nghìn đồng",)}
ROW_UNIT_TEXT["dong"] = ("đồng",)
UNIT_LINES = ("ĐVT: {unit}", "Đơn vị tính: {unit}", "(Đơn vị: {unit})")
SHEETS_2 = ("Biểu 01", "BC 6 tháng", "Sheet1", "Phụ lục", "KQ khuyến công", "Biểu số 2")
SIGNERS = (("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), ("GIÁM ĐỐC", None), ("Q. GIÁM ĐỐC", None))


@dataclass(frozen=True)
class Style2:
    """How one office lays out its format-2 table."""

    agency: str  # 'ubnd' | 'so-tinh' | 'trung-tam' | 'split' | 'place-only'
    title: str  # 'bao-cao' | 'ket-qua' | 'bieu' | 'tinh-hinh'
    layout: str  # 'simple' | 'sources' | 'count-money'
    unit: str  # the unit money is written in: 'trieu' | 'nghin' | 'dong'
    unit_where: str  # 'line' (above the table) | 'row' (each money row's ĐVT) | 'header'
    unit_line: str
    row_unit: str
    text_numbers: bool  # figures typed as Vietnamese text ('1.234,5')
    column_numbers: bool  # a row '(1) (2) (3) ...' under the header
    percent: bool  # a stated Tỷ lệ (%) column
    prior: bool  # 'Cùng kỳ năm trước' and 'So cùng kỳ (%)' columns (simple layout)
    period_headers: bool  # 'Kế hoạch năm 2024', 'Thực hiện 6 tháng 2024'
    total_first: bool  # the stated funding total above the sources, else below
    signers: tuple[str, str | None]
    sheet: str
    hidden_sheet: bool  # a hidden working sheet before the report


def make_style2(index: int) -> Style2:
    i = index
    unit = pick(("trieu", "trieu", "nghin", "trieu", "dong"), i, 1)
    layout = pick(("simple", "sources", "simple", "count-money"), i, 1)
    unit_where = pick(("line", "row", "header"), i, 1, 1)
    if layout == "count-money" and unit_where == "row":
        unit_where = "header"  # a row's ĐVT is its count's unit there
    if layout == "simple" and unit_where == "header":
        # Its plan and actual columns hold counts too: a unit there is not the money's alone.
        unit_where = "line"
    return Style2(
        agency=pick(("ubnd", "so-tinh", "trung-tam", "split", "place-only"), i, 3),
        title=pick(("bao-cao", "ket-qua", "bieu", "tinh-hinh"), i, 3, 1),
        layout=layout,
        unit=unit,
        unit_where=unit_where,
        unit_line=pick(UNIT_LINES, i, 1),
        row_unit=pick(ROW_UNIT_TEXT[unit], i, 1),
        text_numbers=i % 3 == 2,
        column_numbers=i % 2 == 0,
        percent=i % 5 != 3,
        prior=layout == "simple" and i % 4 == 0,
        period_headers=i % 3 != 1,
        total_first=i % 2 == 1,
        signers=pick(SIGNERS, i, 1),
        sheet=pick(SHEETS_2, i, 5),
        hidden_sheet=i % 7 == 3,
    )


@dataclass
class Activity:
    """An activity group's money by source (thousands of đồng): (plan, actual)."""

    national: tuple[int | None, int | None]
    local: tuple[int | None, int | None]

    def total(self, side: int) -> int | None:
        values = [v for v in (self.national[side], self.local[side]) if v is not None]
        return sum(values) if values else None


def activity_money(data: ReportData, rng: random.Random) -> dict[str, Activity]:
    """The report's national and local money shared among its activity groups, exactly: a
    province's sections add up to its funding."""
    codes = [code for code, _, _ in ACTIVITY_SECTIONS]
    planned = [rng.uniform(0.3, 1.7) for _ in codes]
    done = [w * rng.uniform(0.5, 1.5) for w in planned]  # some activities go faster
    shares: dict[str, list[list[int | None]]] = {}
    for source in ("national", "local"):
        line = data.funding[source]
        shares[source] = [
            split_money(line.plan_money, planned, [1] * len(codes)),
            split_money(line.actual_money, done, [1] * len(codes)),
        ]
    return {
        code: Activity(
            (shares["national"][0][k], shares["national"][1][k]),
            (shares["local"][0][k], shares["local"][1][k]),
        )
        for k, code in enumerate(codes)
    }


def number2(value: Decimal | int | None, style: Style2) -> object:
    """A figure as a format-2 office types it: a number, or Vietnamese text."""
    if value is None:
        return None
    exact = Decimal(value)
    if style.text_numbers:
        return vn_text(exact)
    return int(exact) if exact == exact.to_integral_value() else float(exact)


def stated_pct(base: Decimal | int | None, value: Decimal | int | None) -> float | None:
    """A stated percentage, to one decimal as offices round it."""
    if not base or value is None:
        return None
    shown = (Decimal(value) * 100 / Decimal(base)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return float(shown)


@dataclass
class Row2:
    """One table row: the STT, label and ĐVT, and figures by column key."""

    stt: str | None
    label: str
    unit: str | None
    figures: dict[str, object] = field(default_factory=dict)
    bold: bool = False


def header_columns(data: ReportData, style: Style2) -> list[tuple[str, str, str]]:
    """(key, top header, sub header or ''): one or two header rows."""
    year = data.year
    plan = f"Kế hoạch năm {year}" if style.period_headers else "Kế hoạch"
    done = f"Thực hiện 6 tháng {year}" if style.period_headers else "Thực hiện"
    money_unit = f" ({MONEY_TEXT[style.unit]})" if style.unit_where == "header" else ""
    cols = [("stt", "STT", ""), ("label", "Nội dung", ""), ("unit", "ĐVT", "")]
    if style.layout == "sources":
        for side, text in (("plan", plan), ("actual", done)):
            cols += [
                (f"{side}.total", f"{text}{money_unit}", "Tổng số"),
                (f"{side}.national", f"{text}{money_unit}", "KCQG"),
                (f"{side}.local", f"{text}{money_unit}", "KCĐP"),
            ]
        if style.percent:
            cols.append(("pct", "Tỷ lệ TH/KH (%)", ""))
    elif style.layout == "count-money":
        groups = [("plan", plan), ("actual", done)]
        if style.percent:
            groups.append(("pct", "Tỷ lệ (%)"))
        for side, text in groups:
            cols += [
                (f"{side}.count", text, "Số lượng"),
                (f"{side}.money", text, f"Kinh phí{money_unit}"),
            ]
    else:
        if style.prior:
            cols.append(("prior", f"Cùng kỳ năm {year - 1}", ""))
        cols += [("plan", f"{plan}{money_unit}", ""), ("actual", f"{done}{money_unit}", "")]
        if style.percent:
            cols.append(("pct", "Tỷ lệ (%)", ""))
        if style.prior:
            cols.append(("prior_pct", "So cùng kỳ (%)", ""))
    cols.append(("note", "Ghi chú", ""))
    return cols


def table_rows(data: ReportData, style: Style2, activities: dict[str, Activity]) -> list[Row2]:
    money_unit = style.row_unit if style.unit_where == "row" else None
    unit = style.unit

    def money(nghin: int | None) -> object:
        return number2(None if nghin is None else in_unit(nghin, unit), style)

    rows: list[Row2] = []
    national, local = data.funding["national"], data.funding["local"]
    total = Line(**{f: sum_of([getattr(national, f), getattr(local, f)]) for f in LINE_FIELDS})
    counterpart = data.funding.get("counterpart")
    layout = style.layout
    if layout == "sources":
        row = Row2(None, "Tổng kinh phí khuyến công", money_unit or "", bold=True)
        projects = Row2(None, "Số đề án", "đề án")
        for side, field_m, field_p in (
            ("plan", "plan_money", "plan_projects"),
            ("actual", "actual_money", "actual_projects"),
        ):
            for key, line in (("total", total), ("national", national), ("local", local)):
                row.figures[f"{side}.{key}"] = money(getattr(line, field_m))
                projects.figures[f"{side}.{key}"] = number2(getattr(line, field_p), style)
        row.figures["pct"] = stated_pct(total.plan_money, total.actual_money)
        projects.figures["pct"] = stated_pct(total.plan_projects, total.actual_projects)
        rows += [row, projects]
    else:
        sources = [("1", "Kinh phí khuyến công quốc gia", national)]
        sources.append(("2", "Kinh phí khuyến công địa phương", local))
        stated_total = Row2(None, "Tổng kinh phí (1+2)", money_unit, bold=True)
        if layout == "count-money":
            sources = [
                ("1", "Khuyến công quốc gia", national),
                ("2", "Khuyến công địa phương", local),
            ]
            stated_total = Row2(None, "Tổng cộng (1+2)", "đề án", bold=True)
        if counterpart is not None:
            sources.append(("3", "Vốn đối ứng của cơ sở", counterpart))
        source_rows: list[Row2] = []
        for stt, label, line in sources:
            if layout == "count-money":
                row = Row2(stt, label, "đề án")
                row.figures = {
                    "plan.count": number2(line.plan_projects, style),
                    "plan.money": money(line.plan_money),
                    "actual.count": number2(line.actual_projects, style),
                    "actual.money": money(line.actual_money),
                    "pct.count": stated_pct(line.plan_projects, line.actual_projects),
                    "pct.money": stated_pct(line.plan_money, line.actual_money),
                }
                source_rows.append(row)
                continue
            row = Row2(stt, label, money_unit)
            row.figures = {
                "plan": money(line.plan_money),
                "actual": money(line.actual_money),
                "pct": stated_pct(line.plan_money, line.actual_money),
            }
            source_rows.append(row)
            if line.plan_projects is not None or line.actual_projects is not None:
                projects = Row2(None, "Số đề án", "đề án")
                projects.figures = {
                    "plan": number2(line.plan_projects, style),
                    "actual": number2(line.actual_projects, style),
                    "pct": stated_pct(line.plan_projects, line.actual_projects),
                }
                source_rows.append(projects)
        if layout == "count-money":
            stated_total.figures = {
                "plan.count": number2(total.plan_projects, style),
                "plan.money": money(total.plan_money),
                "actual.count": number2(total.actual_projects, style),
                "actual.money": money(total.actual_money),
                "pct.count": stated_pct(total.plan_projects, total.actual_projects),
                "pct.money": stated_pct(total.plan_money, total.actual_money),
            }
        else:
            stated_total.figures = {
                "plan": money(total.plan_money),
                "actual": money(total.actual_money),
                "pct": stated_pct(total.plan_money, total.actual_money),
            }
        rows += [stated_total, *source_rows] if style.total_first else [*source_rows, stated_total]
    for number, (code, heading, indicator_codes) in enumerate(ACTIVITY_SECTIONS):
        spent = activities[code]
        section = Row2(ROMAN[number], heading, money_unit, bold=True)
        if layout == "sources":
            for side in (0, 1):
                name = ("plan", "actual")[side]
                section.figures[f"{name}.total"] = money(spent.total(side))
                section.figures[f"{name}.national"] = money(spent.national[side])
                section.figures[f"{name}.local"] = money(spent.local[side])
            section.figures["pct"] = stated_pct(spent.total(0), spent.total(1))
        elif layout == "count-money":
            section.unit = None
            section.figures = {
                "plan.money": money(spent.total(0)),
                "actual.money": money(spent.total(1)),
                "pct.money": stated_pct(spent.total(0), spent.total(1)),
            }
        else:
            section.figures = {
                "plan": money(spent.total(0)),
                "actual": money(spent.total(1)),
                "pct": stated_pct(spent.total(0), spent.total(1)),
            }
        rows.append(section)
        for k, indicator_code in enumerate(indicator_codes, start=1):
            rows.append(indicator_row(k, indicator_code, data, style))
    return rows


def indicator_row(number: int, code: str, data: ReportData, style: Style2) -> Row2:
    info = INDICATORS[code]
    figure = data.indicators[code]
    if info.money:  # consulting revenue: in the table's money unit, its ĐVT says which
        unit_text = MONEY_TEXT[style.unit]

        def value(v: int | None) -> object:
            return number2(None if v is None else in_unit(v, style.unit), style)
    else:
        unit_text = info.unit

        def value(v: int | None) -> object:
            return number2(v, style)

    row = Row2(str(number), info.label, unit_text)
    if style.layout == "sources":
        row.figures = {"plan.total": value(figure.plan), "actual.total": value(figure.actual)}
        row.figures["pct"] = stated_pct(figure.plan, figure.actual)
    elif style.layout == "count-money":
        side = "money" if info.money else "count"  # revenue is money: in the money columns
        row.figures = {
            f"plan.{side}": value(figure.plan),
            f"actual.{side}": value(figure.actual),
            f"pct.{side}": stated_pct(figure.plan, figure.actual),
        }
    else:
        row.figures = {
            "plan": value(figure.plan),
            "actual": value(figure.actual),
            "pct": stated_pct(figure.plan, figure.actual),
        }
        if style.prior:
            row.figures["prior"] = value(figure.prior)
            row.figures["prior_pct"] = stated_pct(figure.prior, figure.actual)
    return row


def merge_header(ws: Worksheet, header: int, columns: list[tuple[str, str, str]]) -> None:
    """A two-row header as offices merge it: a column without sub-columns over both rows,
    a group's heading over its sub-columns."""
    col = 1
    while col <= len(columns):
        _, top, sub = columns[col - 1]
        end = col
        while sub and end < len(columns) and columns[end][1] == top and columns[end][2]:
            end += 1
        if not sub:
            ws.merge_cells(start_row=header, start_column=col, end_row=header + 1, end_column=col)
        elif end > col:
            ws.merge_cells(start_row=header, start_column=col, end_row=header, end_column=end)
        col = end + 1


def agency_lines(place: Place, style: Style2) -> list[str]:
    kind = "THÀNH PHỐ" if place.kind == "city" else "TỈNH"
    name = place.name.upper()
    if style.agency == "ubnd":
        return [f"UBND {kind} {name}", "SỞ CÔNG THƯƠNG"]
    if style.agency == "so-tinh":
        return [f"SỞ CÔNG THƯƠNG {kind} {name}"]
    if style.agency == "trung-tam":
        return [f"SỞ CÔNG THƯƠNG {name}", "TRUNG TÂM KHUYẾN CÔNG"]
    if style.agency == "split":
        return ["ỦY BAN NHÂN DÂN", f"{kind} {name}"]
    return ["SỞ CÔNG THƯƠNG", "TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP"]


def title_lines(data: ReportData, style: Style2) -> list[str]:
    period = f"6 THÁNG ĐẦU NĂM {data.year}"
    if style.title == "bao-cao":
        return ["BÁO CÁO", f"Kết quả thực hiện kế hoạch khuyến công 6 tháng đầu năm {data.year}"]
    if style.title == "ket-qua":
        return [f"KẾT QUẢ THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG {period}"]
    if style.title == "bieu":
        return [f"BIỂU TỔNG HỢP KẾT QUẢ HOẠT ĐỘNG KHUYẾN CÔNG 6 THÁNG NĂM {data.year}"]
    return [f"TÌNH HÌNH THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG {period}"]


def build_workbook2(data: ReportData, style: Style2, activities: dict[str, Activity]) -> Workbook:
    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    if style.hidden_sheet:
        first.title = "Data"
        first.sheet_state = "hidden"
        first["A1"] = "Số liệu làm việc, không in"
        ws = wb.create_sheet(style.sheet)
    else:
        first.title = style.sheet
        ws = first
    columns = header_columns(data, style)
    keys = [key for key, _, _ in columns]
    width = len(columns)
    right = max(4, width - 3)  # where the national motto and the date line stand
    for row, text in enumerate(agency_lines(data.place, style), start=1):
        put(ws, row, 1, text)
        ws.cell(row=row, column=1).font = BOLD
    put(ws, 1, right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    put(ws, 2, right, "Độc lập - Tự do - Hạnh phúc")
    ws.cell(row=1, column=right).font = BOLD
    number = 100 + int(data.place.code)
    put(ws, 3, 1, f"Số: {number}/BC-SCT")
    day = 5 + int(data.place.code) % 20
    put(ws, 3, right, f"{data.place.name}, ngày {day} tháng 7 năm {data.year}")
    row = 5
    for text in title_lines(data, style):
        title(ws, row, text, width)
        row += 1
    if style.unit_where == "line":
        put(ws, row, width - 1, style.unit_line.format(unit=MONEY_TEXT[style.unit]))
    row += 1
    two_rows = any(sub for _, _, sub in columns)
    header = row
    for col, (_, top, sub) in enumerate(columns, start=1):
        put(ws, header, col, top)
        if two_rows:
            put(ws, header + 1, col, sub or None)
    if two_rows:
        merge_header(ws, header, columns)
    for r in range(header, header + (2 if two_rows else 1)):
        for col in range(1, width + 1):
            ws.cell(row=r, column=col).font = BOLD
            ws.cell(row=r, column=col).alignment = CENTRE
    row = header + (2 if two_rows else 1)
    if style.column_numbers:
        for col in range(1, width + 1):
            put(ws, row, col, f"({col})" if style.layout == "simple" else col)
        row += 1
    for item in table_rows(data, style, activities):
        put(ws, row, keys.index("stt") + 1, item.stt)
        put(ws, row, keys.index("label") + 1, item.label)
        put(ws, row, keys.index("unit") + 1, item.unit)
        for key, value in item.figures.items():
            if key in keys and value is not None:
                put(ws, row, keys.index(key) + 1, value)
        if item.bold:
            ws.cell(row=row, column=keys.index("label") + 1).font = BOLD
        row += 1
    put(ws, row, 2, f"Ghi chú: số liệu 6 tháng là số ước thực hiện đến 30/6/{data.year}.")
    row += 2
    put(ws, row, 1, "Nơi nhận:")
    put(ws, row + 1, 1, "- Bộ Công Thương (Cục CTĐP);")
    put(ws, row + 2, 1, "- Lưu: VT, KC.")
    first_signer, second_signer = style.signers
    put(ws, row, right, first_signer)
    if second_signer:
        put(ws, row + 1, right, second_signer)
    put(ws, row + 5, right, PEOPLE[int(data.place.code) % len(PEOPLE)])
    ws.page_setup.orientation = "landscape"  # printed one page wide, as offices send it
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 48
    for col in range(3, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 13
    return wb


def two_format_reports(north: list[Place]) -> list[tuple[ReportData, Style | Style2]]:
    """The northern provinces' H1 2023 and H1 2024 reports (the figures of NORTH), most as
    format-2 tables in rotating layouts, one in five as a format-1 workbook."""
    items = region_reports(north, NORTH, "north-2024-h1-two-formats")
    out: list[tuple[ReportData, Style | Style2]] = []
    tables = 0  # the format-2 files so far: each layout feature rotates through them
    for index, (data, style) in enumerate(items):
        if index % 5 == 2:
            out.append((data, style))
        else:
            out.append((data, make_style2(tables)))
            tables += 1
    return out


def write_two_formats(out: Path, north: list[Place]) -> int:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random("north-2024-h1-two-formats activities")
    items = two_format_reports(north)
    for data, style in items:
        path = out / f"{data.year}-{data.period.lower()}-{slug(data.place.name)}.xlsx"
        if isinstance(style, Style2):
            if style.layout == "sources":  # no column for counterpart funds in this layout
                data.funding.pop("counterpart", None)
            save(build_workbook2(data, style, activity_money(data, rng)), path)
        else:
            save(build_workbook(data, style), path)
    return len(items)


def generate(root: Path) -> dict[str, int]:
    """Write every folder under `root`; returns how many workbooks each holds."""
    places = load_places()
    south = [p for p in places if p.area == "Nam"]
    north = [p for p in places if p.area == "Bắc"]
    assert len(south) == 20 and len(north) == 28 and len(places) == 63
    hoa_binh = {("Hòa Bình", 2021): HOA_BINH_2021}
    folders: dict[str, list[tuple[ReportData, Style]]] = {
        "south-2012-2014": region_reports(south, SOUTH_2012_2014, "south-2012-2014"),
        "south-2019-h1": region_reports(south, SOUTH_2019, "south-2019-h1"),
        "north-2024-h1": region_reports(north, NORTH, "north-2024-h1"),
        "national-2021": region_reports(places, NATIONAL_2021, "national-2021", hoa_binh),
    }
    # Hòa Bình writes its figures as Vietnamese text: '1.505' is one thousand five hundred and five.
    for index, (data, style) in enumerate(folders["national-2021"]):
        if data.place.name == "Hòa Bình":
            data.funding.pop("counterpart", None)
            folders["national-2021"][index] = (data, hoa_binh_style(style))
    counts: dict[str, int] = {}
    for name in FOLDERS:
        out = root / name
        if out.is_dir():
            for old in out.glob("*.xlsx"):
                old.unlink()
        if name == "north-2024-h1-two-formats":
            counts[name] = write_two_formats(out, north)
        elif name == "problems":
            out.mkdir(parents=True, exist_ok=True)
            bac_ninh = next(
                item
                for item in folders["north-2024-h1"]
                if item[0].place.name == "Bắc Ninh" and item[0].year == 2024
            )
            problems = problem_files({p.name: p for p in places}, bac_ninh)
            for file_name, wb in problems:
                save(wb, out / file_name)
            counts[name] = len(problems)
        else:
            write_folder(out, folders[name])
            counts[name] = len(folders[name])
    return counts


def hoa_binh_style(style: Style) -> Style:
    return replace(
        style,
        sheet_unit="triệu đồng",
        header_unit=None,
        funding_unit="trieu",
        grain=1000,
        numbers="text",
        total=("Tổng cộng", False),
        funding_layout="one-row",
        zero="0",
        counterpart=False,
    )


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(args[0]) if args else HERE
    for name, count in generate(root).items():
        print(f"{root / name}: {count} workbooks")


if __name__ == "__main__":
    main()
