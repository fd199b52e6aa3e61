"""Growth across the 2025 province merger: old reports rolled up into the units they became,
regions of the new units, `base_from`, names in both lists, and abolished names refused."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from growth_helpers import D, fact, growth_rows, report, total

import kcstats
from kcstats.catalog import Catalogue
from kcstats.growth import joined_names, spans_merger
from kcstats.merge import MergeResult
from kcstats.model import FileStatus

MT = "Miền Trung - Tây Nguyên"


@pytest.fixture(scope="module")
def merged(mixed: Path) -> MergeResult:
    return kcstats.merge(mixed)


def unit(result: MergeResult, name: str, region: str, basis: str = "actual") -> dict[str, object]:
    return total(result, level="province", region=region, province=name, base_year=2024,
                 target_year=2025, basis=basis)  # fmt: skip


def test_which_comparisons_span_the_merger(catalogue: Catalogue) -> None:
    assert spans_merger(catalogue, 2024, 2025, "FY")
    assert spans_merger(catalogue, 2025, 2026, "H1")  # H1 2025 ends on 30 June 2025
    assert spans_merger(catalogue, 2024, 2025, "9M")
    assert not spans_merger(catalogue, 2025, 2026, "FY")
    assert not spans_merger(catalogue, 2023, 2024, "FY")
    assert spans_merger(catalogue, 2013, 2026, "FY")  # --compare across many years


def test_a_new_unit_compares_with_its_old_provinces_rolled_up(merged: MergeResult) -> None:
    tay_ninh = unit(merged, "Tây Ninh", "Nam")
    assert (tay_ninh["base"], tay_ninh["target"]) == (D("230.000"), D("345.000"))  # 80 + 150
    assert tay_ninh["change"] == D("115.000") and tay_ninh["pct_change"] == 50.0
    assert tay_ninh["base_from"] == "Long An + Tây Ninh"
    plan = unit(merged, "Tây Ninh", "Nam", "plan")
    assert (plan["base"], plan["target"], plan["base_from"]) == (
        D("300.000"),
        D("400.000"),
        "Long An + Tây Ninh",
    )
    projects = total(merged, level="province", region="Nam", province="Tây Ninh",
                     base_year=2024, target_year=2025, measure="projects", source="national")  # fmt: skip
    assert (projects["base"], projects["target"], projects["change"]) == (3, 3, 0)


def test_a_name_in_both_lists_means_the_unit_of_its_period(merged: MergeResult) -> None:
    """Tuyên Quang 2024 is the old province; Tuyên Quang 2025 is old Hà Giang + Tuyên Quang."""
    old = fact(merged, level="province", province="Tuyên Quang", year=2024, period="FY",
               measure="funding", source="total")  # fmt: skip
    assert old["actual"] == D("30.000")  # the fact table stays as reported
    tuyen_quang = unit(merged, "Tuyên Quang", "Bắc")
    assert (tuyen_quang["base"], tuyen_quang["target"]) == (D("70.000"), D("105.000"))
    assert tuyen_quang["pct_change"] == 50.0
    assert tuyen_quang["base_from"] == "Hà Giang + Tuyên Quang"
    # Hà Giang has no row of its own in 2025 comparisons: it is part of Tuyên Quang.
    assert growth_rows(merged, province="Hà Giang") == []
    assert growth_rows(merged, province="Long An") == []


def test_a_base_with_only_some_old_provinces_says_which(merged: MergeResult) -> None:
    """Bắc Kạn sent nothing for 2024: Thái Nguyên's base is old Thái Nguyên's alone."""
    thai_nguyen = total(merged, level="province", region="Bắc", province="Thái Nguyên",
                        base_year=2024, target_year=2025, source="national")  # fmt: skip
    assert (thai_nguyen["base"], thai_nguyen["target"]) == (D("70.000"), D("105.000"))
    assert thai_nguyen["base_from"] == "Thái Nguyên"
    # A measure no old province reported: a blank base (not 0), and no names.
    local = total(merged, level="province", region="Bắc", province="Thái Nguyên",
                  base_year=2024, target_year=2025, basis="plan", source="local")  # fmt: skip
    assert (local["base"], local["target"], local["base_from"]) == (None, D("5.000"), None)


def test_a_unit_without_any_old_report_has_no_base(merged: MergeResult) -> None:
    ha_noi = unit(merged, "Hà Nội", "Bắc")
    assert (ha_noi["base"], ha_noi["target"], ha_noi["change"]) == (None, D("20.000"), None)
    assert ha_noi["pct_change"] is None and ha_noi["base_from"] is None


def test_region_totals_are_recomputed_with_the_new_regions(merged: MergeResult) -> None:
    """Bình Thuận was in Nam in 2024; it became part of Lâm Đồng (Miền Trung - Tây Nguyên)."""
    reported_nam = fact(merged, level="region", region="Nam", year=2024, period="FY",
                        measure="funding", source="total")  # fmt: skip
    assert reported_nam["actual"] == D("480.000")  # 80 + 150 + 240 + 10, as reported
    nam = total(merged, level="region", region="Nam", base_year=2024, target_year=2025)
    assert (nam["base"], nam["target"]) == (D("240.000"), D("345.000"))  # Bình Thuận moved out
    assert nam["base_from"] is None
    central = total(merged, level="region", region=MT, base_year=2024, target_year=2025)
    assert (central["base"], central["target"]) == (D("240.000"), D("360.000"))
    assert central["pct_change"] == 50.0
    lam_dong = unit(merged, "Lâm Đồng", MT)
    assert (lam_dong["base"], lam_dong["base_from"]) == (D("240.000"), "Bình Thuận")
    north = total(merged, level="region", region="Bắc", base_year=2024, target_year=2025)
    assert (north["base"], north["target"]) == (D("140.000"), D("235.000"))
    everything = total(merged, level="all", base_year=2024, target_year=2025)
    assert (everything["base"], everything["target"]) == (D("620.000"), D("940.000"))


def test_an_abolished_name_is_refused_naming_its_successor(merged: MergeResult) -> None:
    refused = next(f for f in merged.files if f.path.endswith("long-an-2025.xlsx"))
    assert refused.status == FileStatus.REFUSED
    (error,) = refused.errors
    assert error.code == "province-abolished"
    assert error.expected_text() == "Tây Ninh"
    assert "Long An" in error.message("en")
    assert "merged into Tây Ninh on 1 July 2025" in error.message("en")
    assert "hợp nhất vào Tây Ninh từ ngày 1/7/2025" in error.message("vi")
    assert not merged.ok


def test_half_years_across_the_merger(tmp_path: Path) -> None:
    """H1 2025 ends on 30 June 2025: the old names; H1 2026 the new ones."""
    report(tmp_path, "Bắc Kạn", 2025, "H1", funding={"national": (1, 10, 1, 10)})
    report(tmp_path, "Thái Nguyên", 2025, "H1", funding={"national": (1, 30, 1, 30)})
    report(tmp_path, "Thái Nguyên", 2026, "H1", funding={"national": (1, 30, 1, 30)})
    report(tmp_path, "Bắc Kạn", 2025, "9M", funding={"national": (1, 1, 1, 1)})
    result = kcstats.merge(tmp_path)
    row = total(result, level="province", region="Bắc", province="Thái Nguyên", period="H1",
                base_year=2025, target_year=2026)  # fmt: skip
    assert (row["base"], row["target"], row["change"]) == (D("40.000"), D("30.000"), D("-10.000"))
    assert row["pct_change"] == -25.0
    assert row["base_from"] == "Bắc Kạn + Thái Nguyên"
    nine_months = next(f for f in result.files if "9M" in f.path)
    assert [p.code for p in nine_months.errors] == ["province-abolished"]
    assert nine_months.errors[0].expected_text() == "Thái Nguyên"


def test_comparisons_within_one_era_have_no_base_from(tmp_path: Path) -> None:
    report(tmp_path, "Tây Ninh", 2025, funding={"national": (1, 10, 1, 10)})
    report(tmp_path, "Tây Ninh", 2026, funding={"national": (1, 10, 1, 12)})
    report(tmp_path, "Tây Ninh", 2023, funding={"national": (1, 10, 1, 5)})
    report(tmp_path, "Tây Ninh", 2024, funding={"national": (1, 10, 1, 8)})
    result = kcstats.merge(tmp_path)
    new = total(result, level="province", region="Nam", province="Tây Ninh", base_year=2025,
                target_year=2026)  # fmt: skip
    assert (new["base"], new["target"], new["base_from"]) == (D("10.000"), D("12.000"), None)
    old = total(result, level="province", region="Nam", province="Tây Ninh", base_year=2023,
                target_year=2024)  # fmt: skip
    assert (old["base"], old["target"], old["base_from"]) == (D("5.000"), D("8.000"), None)
    # 2024 -> 2025 spans the merger: old Tây Ninh alone (Long An sent nothing).
    span = total(result, level="province", region="Nam", province="Tây Ninh", base_year=2024,
                 target_year=2025)  # fmt: skip
    assert (span["base"], span["target"], span["base_from"]) == (
        D("8.000"),
        D("10.000"),
        "Tây Ninh",
    )


def test_the_region_set_in_use_decides_the_regions(mixed: Path) -> None:
    """In the socio-economic regions old Tây Ninh was Đông Nam Bộ; the new Tây Ninh (seat in
    old Long An) is Đồng bằng sông Cửu Long, so its base moves there whole."""
    result = kcstats.merge(mixed, regions="socioeconomic")
    delta = "Đồng bằng sông Cửu Long"
    reported = fact(result, level="region", region="Đông Nam Bộ", year=2024, period="FY",
                    measure="funding", source="total")  # fmt: skip
    assert reported["actual"] == D("150.000")
    row = total(result, level="region", region=delta, base_year=2024, target_year=2025)
    assert (row["base"], row["target"]) == (D("240.000"), D("345.000"))  # 80 + 150 + 10
    assert growth_rows(result, level="region", region="Đông Nam Bộ", base_year=2024) == []
    tay_ninh = total(result, level="province", region=delta, province="Tây Ninh",
                     base_year=2024, target_year=2025)  # fmt: skip
    assert tay_ninh["base_from"] == "Long An + Tây Ninh"


def test_joined_names_sort_without_diacritics() -> None:
    assert joined_names(["Tây Ninh", "Long An", "Tây Ninh"]) == "Long An + Tây Ninh"
    assert joined_names(["Đắk Nông", "Bình Thuận", "Lâm Đồng"]) == (
        "Bình Thuận + Đắk Nông + Lâm Đồng"
    )
    assert joined_names([]) is None


def test_money_stays_exact_across_the_roll_up(tmp_path: Path) -> None:
    report(tmp_path, "Long An", 2024, money_unit="tỷ đồng",
           funding={"national": (1, None, 1, "0,001")})  # fmt: skip
    report(tmp_path, "Tây Ninh", 2024, funding={"national": (1, None, 1, "0,002")})
    report(tmp_path, "Tây Ninh", 2025, funding={"national": (1, None, 1, "1,003")})
    result = kcstats.merge(tmp_path)
    row = unit(result, "Tây Ninh", "Nam")
    assert row["base"] == Decimal("1.002") and row["change"] == Decimal("0.001")
