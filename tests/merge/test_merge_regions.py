"""Region sets: the conference areas, the socio-economic regions, and a user's CSV table."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from merge_helpers import funding, report

import kcstats
from kcstats.catalog import Catalogue
from kcstats.regions import (
    RegionError,
    conference_areas,
    read_region_table,
    region_set,
    socioeconomic_regions,
)


def test_conference_areas_hold_28_15_20_provinces_then_18_8_8(catalogue: Catalogue) -> None:
    areas = conference_areas(catalogue)
    assert areas.regions == ("Bắc", "Miền Trung - Tây Nguyên", "Nam")
    assert [areas.expected("63", r) for r in areas.regions] == [28, 15, 20]
    assert [areas.expected("34", r) for r in areas.regions] == [18, 8, 8]
    assert areas.region_of("63:80") == "Nam"  # Long An
    south = areas.members("63", "Nam")
    assert len(south) == 20 and all(p.kc_conference_area == "Nam" for p in south)


def test_socioeconomic_regions_are_six(catalogue: Catalogue) -> None:
    regions = socioeconomic_regions(catalogue)
    assert len(regions.regions) == 6
    assert sum(regions.expected("63", r) for r in regions.regions) == 63
    assert sum(regions.expected("34", r) for r in regions.regions) == 34


def test_region_set_by_name_path_or_object(catalogue: Catalogue, tmp_path: Path) -> None:
    assert region_set("conference", catalogue).name == "conference"
    assert region_set("socioeconomic", catalogue).name == "socioeconomic"
    areas = conference_areas(catalogue)
    assert region_set(areas, catalogue) is areas
    with pytest.raises(RegionError, match="neither conference"):
        region_set("economic", catalogue)


def _table(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8-sig")
    return path


def _full_table(catalogue: Catalogue) -> str:
    lines = ["province,region"]
    for p in catalogue.provinces_of("63"):
        lines.append(f'"{p.name}",{"Sông" if p.code < "40" else "Biển"}')
    return "\n".join(lines) + "\n"


def test_a_csv_table_gives_each_province_its_region(catalogue: Catalogue, tmp_path: Path) -> None:
    regions = read_region_table(_table(tmp_path / "r.csv", _full_table(catalogue)), catalogue)
    assert set(regions.regions) == {"Sông", "Biển"}
    assert regions.missing_provinces(catalogue, ["63"]) == []
    # 34-era units not named take the region of the old province holding their seat.
    assert regions.missing_provinces(catalogue, ["34"]) == []
    lao_cai = catalogue.find_province("Lào Cai", "34")
    assert lao_cai is not None and lao_cai.code == "15"  # its seat is the old Yên Bái
    # "Lào Cai" names both eras' units, so the table's own line decides.
    assert regions.region_of(lao_cai.key) == regions.region_of("63:10")
    counts = Counter(regions.of[p.key] for p in catalogue.provinces_of("63"))
    assert sum(counts.values()) == 63


def test_a_csv_table_may_name_34_era_units_and_an_era(catalogue: Catalogue, tmp_path: Path) -> None:
    text = _full_table(catalogue).replace("province,region", "province,region,era")
    text += "Lào Cai,Núi,34\n"
    regions = read_region_table(_table(tmp_path / "r.csv", text), catalogue)
    assert regions.region_of("34:15") == "Núi"
    assert regions.region_of("63:10") != "Núi"
    assert regions.expected("34", "Núi") == 1


def test_a_csv_table_with_vietnamese_headings_and_name_variants(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    text = "Tỉnh,Vùng\nTP HCM,Nam\nThừa Thiên - Huế,Trung\nTINH LONG AN,Nam\n"
    regions = read_region_table(_table(tmp_path / "r.csv", text), catalogue)
    assert regions.region_of("63:79") == "Nam"
    assert regions.region_of("63:80") == "Nam"
    assert regions.region_of("63:46") == "Trung"
    assert len(regions.missing_provinces(catalogue, ["63"])) == 60


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("name,area\nLong An,Nam\n", "province and region"),
        ("province,region\nAtlantis,Nam\nLong An,Nam\n", 'unknown province "Atlantis"'),
        ("province,region\nLong An,Nam\nLong An,Bắc\n", 'was given region "Nam" on line 2'),
        ("province,region\nLong An,\n", "blank"),
        ("province,region,era\nLong An,Nam,2025\n", "era must be 63 or 34"),
    ],
)
def test_a_bad_csv_table_is_refused_with_the_reason(
    catalogue: Catalogue, tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(RegionError, match=message):
        read_region_table(_table(tmp_path / "r.csv", text), catalogue)


def test_a_csv_table_must_be_utf8(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("province,region\nLong An,Nam\n".encode("utf-16"))
    with pytest.raises(RegionError, match="UTF-8"):
        read_region_table(path, catalogue)


def test_merge_refuses_a_table_missing_provinces_of_the_reports_period(tmp_path: Path) -> None:
    report(tmp_path / "in", "a.xlsx")
    table = _table(tmp_path / "r.csv", "province,region\nLong An,Nam\n")
    with pytest.raises(RegionError, match="Tiền Giang"):
        kcstats.merge(tmp_path / "in", regions=table)


def test_merge_by_a_csv_table(catalogue: Catalogue, tmp_path: Path) -> None:
    report(tmp_path / "in", "a.xlsx", province="Long An", funding={"national": (1, 10, 1, 9)})
    report(tmp_path / "in", "b.xlsx", province="Hà Nội", funding={"national": (1, 20, 1, 19)})
    table = _table(tmp_path / "r.csv", _full_table(catalogue))
    result = kcstats.merge(tmp_path / "in", regions=table)
    assert funding(result, "national", level="region", region="Sông")["actual"] == 19
    assert funding(result, "national", level="region", region="Biển")["actual"] == 9
    assert funding(result, "national", level="region", region="Biển")["expected"] == sum(
        p.code >= "40" for p in catalogue.provinces_of("63")
    )
