"""The published figures that sample_data/ reproduces (sample_data/README.md says where each
comes from). These, and nothing computed from the sample files, are what the golden tests
assert. Money in triệu đồng, counts as counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Figure:
    """One published figure: a fact-table row (outputs.md) and the plan or actual it holds."""

    folder: str
    level: str  # 'region', 'all' or 'province'
    place: str  # the region ('Nam', 'Bắc'), '' for all, or the province's canonical name
    year: int
    period: str
    measure: str  # 'funding', 'projects' or an indicator code
    source: str  # 'national', 'local', 'total' for funding and projects; '' for indicators
    field: str  # 'plan' or 'actual'
    value: Decimal
    wording: str  # as published

    @property
    def id(self) -> str:
        where = self.place or "all"
        return f"{self.folder}:{where}:{self.year}{self.period}:{self.measure}:{self.source}:{self.field}"


class _Place:
    """Shorthand for the figures of one folder, place, year and period."""

    def __init__(self, folder: str, level: str, place: str, year: int, period: str) -> None:
        self.where = (folder, level, place, year, period)

    def __call__(self, measure: str, source: str, field: str, value: str, wording: str) -> Figure:
        return Figure(*self.where, measure, source, field, Decimal(value), wording)


def _region(folder: str, region: str, year: int, period: str) -> _Place:
    return _Place(folder, "region" if region else "all", region, year, period)


_s12 = _region("south-2012-2014", "Nam", 2012, "FY")
_s13 = _region("south-2012-2014", "Nam", 2013, "FY")
_s14 = _region("south-2012-2014", "Nam", 2014, "FY")
_s19 = _region("south-2019-h1", "Nam", 2019, "H1")
_n24 = _region("north-2024-h1", "Bắc", 2024, "H1")
_v21 = _region("national-2021", "", 2021, "FY")

FIGURES: tuple[Figure, ...] = (
    _s12("funding", "total", "actual", "52950", "52,95 tỷ đồng (2013 is +2,1%)"),
    _s13("funding", "total", "actual", "54060", "54,06 tỷ đồng"),
    _s13("funding", "national", "actual", "7730", "khuyến công quốc gia 7,73 tỷ"),
    _s13("projects", "national", "actual", "50", "khuyến công quốc gia 50 đề án"),
    _s13("funding", "local", "actual", "46330", "địa phương 46,33 tỷ"),
    _s13("projects", "local", "actual", "237", "địa phương 237 đề án"),
    _s13("trained_workers", "", "actual", "3324", "3.324 lao động"),
    _s13("demo_models", "", "actual", "10", "10 mô hình trình diễn"),
    _s13("machinery_facilities", "", "actual", "11", "11 cơ sở ứng dụng máy móc"),
    _s13("cluster_plans", "", "actual", "1", "1 cụm công nghiệp lập quy hoạch"),
    _s13("cluster_infrastructure", "", "actual", "1", "1 cụm công nghiệp xây dựng hạ tầng"),
    _s13("fair_participants", "", "actual", "45", "45 cơ sở tham gia hội chợ"),
    _s13("fair_booths", "", "actual", "120", "120 gian hàng"),
    _s14("funding", "total", "plan", "63335", "kế hoạch 2014: 63,335 tỷ đồng"),
    _s14("funding", "national", "plan", "13877", "quốc gia 13,877 tỷ"),
    _s14("projects", "national", "plan", "68", "quốc gia 68 đề án"),
    _s14("funding", "local", "plan", "49458", "địa phương 49,458 tỷ (article: 49,49)"),
    _s14("projects", "local", "plan", "259", "địa phương 259 đề án"),
    _s19("funding", "total", "plan", "85865", "kế hoạch 85,865 tỷ đồng"),
    _s19("funding", "total", "actual", "16578", "thực hiện 16,578 tỷ đồng"),
    _s19("machinery_facilities", "", "actual", "47", "47 cơ sở ứng dụng máy móc"),
    _s19("cleaner_production", "", "actual", "1", "1 cơ sở sản xuất sạch hơn"),
    _s19("fairs_held", "", "actual", "3", "3 hội chợ"),
    _s19("fair_participants", "", "actual", "115", "115 lượt cơ sở"),
    _s19("brand_support", "", "actual", "4", "4 cơ sở đăng ký nhãn hiệu"),
    _s19("consulting_projects", "", "actual", "3", "3 dự án tư vấn"),
    _n24("machinery_facilities", "", "actual", "57", "57 cơ sở ứng dụng máy móc"),
    _n24("cleaner_production", "", "actual", "11", "11 cơ sở sản xuất sạch hơn"),
    _n24("fair_booths", "", "actual", "701", "701 gian hàng"),
    _n24("fair_participants", "", "actual", "300", "khoảng 300 lượt cơ sở"),
    _n24("products_entered", "", "actual", "245", "245 lượt cơ sở bình chọn"),
    _n24("brand_support", "", "actual", "5", "5 nhãn hiệu"),
    _n24("consulting_projects", "", "actual", "62", "62 dự án tư vấn"),
    _n24("consulting_revenue", "", "actual", "4870", "doanh thu tư vấn 4,87 tỷ"),
    _v21("funding", "total", "plan", "338000", "kế hoạch 338 tỷ đồng"),
    _v21("funding", "national", "plan", "150000", "quốc gia 150 tỷ"),
    _v21("funding", "local", "plan", "188000", "địa phương 188 tỷ"),
    _v21("funding", "national", "actual", "75641", "quốc gia giao 75,641 tỷ"),
    Figure(
        "national-2021", "province", "Hòa Bình", 2021, "FY", "funding", "total", "actual",
        Decimal("1505"), "Hòa Bình 1.505 triệu",
    ),
    Figure(
        "national-2021", "province", "Hòa Bình", 2021, "FY", "funding", "national", "actual",
        Decimal("1100"), "Hòa Bình quốc gia 1.100 triệu",
    ),
    Figure(
        "national-2021", "province", "Hòa Bình", 2021, "FY", "funding", "local", "actual",
        Decimal("405"), "Hòa Bình địa phương 405 triệu",
    ),
)  # fmt: skip


@dataclass(frozen=True)
class Percent:
    """A published percent of plan: actual / plan × 100 of one fact row, as printed."""

    folder: str
    level: str
    place: str
    year: int
    period: str
    measure: str
    source: str
    printed: Decimal  # to the digits printed: 49.1 is one decimal, 50 is 'about 50%'
    wording: str


PERCENTS: tuple[Percent, ...] = (
    Percent(
        "north-2024-h1", "region", "Bắc", 2024, "H1", "consulting_revenue", "", Decimal("49.1"),
        "doanh thu tư vấn đạt 49,1% kế hoạch",
    ),
    Percent(
        "national-2021", "all", "", 2021, "FY", "funding", "national", Decimal("50"),
        "quốc gia giao khoảng 50% kế hoạch",
    ),
)  # fmt: skip


@dataclass(frozen=True)
class Growth:
    """A published year-on-year change (outputs.md 'Growth rows'), as printed.

    `as_ratio` figures are stated as target / base × 100 ('153,7% of H1 2023'), the others as
    the change in percent ('+17,16%').
    """

    folder: str
    level: str
    place: str
    period: str
    measure: str
    source: str
    base_year: int
    target_year: int
    basis: str  # 'actual', 'plan' or 'plan_vs_prior_actual'
    printed: Decimal
    as_ratio: bool
    wording: str


GROWTH: tuple[Growth, ...] = (
    Growth(
        "south-2012-2014", "region", "Nam", "FY", "funding", "total", 2012, 2013, "actual",
        Decimal("2.1"), False, "2013 tăng 2,1% so với 2012",
    ),
    Growth(
        "south-2012-2014", "region", "Nam", "FY", "funding", "total", 2013, 2014,
        "plan_vs_prior_actual", Decimal("17.16"), False, "kế hoạch 2014 tăng 17,16% so với 2013",
    ),
    Growth(
        "north-2024-h1", "region", "Bắc", "H1", "consulting_revenue", "", 2023, 2024, "actual",
        Decimal("153.7"), True, "doanh thu tư vấn bằng 153,7% cùng kỳ 2023",
    ),
)  # fmt: skip

# problems/: each file and the refusal codes it must get (and no other error).
# The resend pair: the broken first file is refused for its own reason, the corrected one
# ('...-ban-sua') is accepted (a refused file never conflicts).
RESEND = ("duplicate-bac-ninh-h1-2024.xlsx", "duplicate-bac-ninh-h1-2024-ban-sua.xlsx")
PROBLEMS: dict[str, set[str]] = {
    "ambiguous-number.xlsx": {"ambiguous-number"},
    "total-mismatch.xlsx": {"total-mismatch"},
    "province-abolished.xlsx": {"province-abolished"},
    "duplicate-bac-ninh-h1-2024.xlsx": {"negative-number"},
    "missing-sheet.xlsx": {"sheet-missing"},
    "negative-number.xlsx": {"negative-number"},
}

# Which provinces and periods each report folder holds: one report per province and period.
FOLDER_SCOPE: dict[str, tuple[str | None, tuple[tuple[int, str], ...]]] = {
    "south-2012-2014": ("Nam", ((2012, "FY"), (2013, "FY"), (2014, "FY"))),
    "south-2019-h1": ("Nam", ((2019, "H1"),)),
    "north-2024-h1": ("Bắc", ((2023, "H1"), (2024, "H1"))),
    "national-2021": (None, ((2021, "FY"),)),
}


def printed(value: Decimal, like: Decimal) -> Decimal:
    """`value` rounded the way `like` is printed (half away from zero, to its decimals)."""
    return value.quantize(Decimal(1).scaleb(like.as_tuple().exponent), rounding=ROUND_HALF_UP)
