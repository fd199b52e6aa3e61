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
    RegionSet,
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
    assert regions.missing_provinces(catalogue, ["63", "34"]) == []


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


def test_a_table_moves_the_provinces_it_names_and_the_rest_keep_their_conference_area(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    text = "province,region\nĐà Nẵng,Duyên hải\nQuảng Nam,Duyên hải\n"
    regions = read_region_table(_table(tmp_path / "r.csv", text), catalogue)
    areas = conference_areas(catalogue)
    moved = {"63:48", "63:49"}  # Đà Nẵng, Quảng Nam
    # Regions come in the catalogue's order of their provinces: north to south.
    assert regions.regions == ("Bắc", "Miền Trung - Tây Nguyên", "Duyên hải", "Nam")
    assert regions.expected("63", "Duyên hải") == 2
    assert regions.expected("63", "Miền Trung - Tây Nguyên") == 13
    for p in catalogue.provinces_of("63"):
        assert regions.region_of(p.key) == ("Duyên hải" if p.key in moved else areas.of[p.key])
    # The 34-era Đà Nẵng kept the old Đà Nẵng's code: it goes where the table put that one.
    assert regions.region_of("34:48") == "Duyên hải"
    assert regions.missing_provinces(catalogue, ["63", "34"]) == []


def test_merge_by_a_table_of_one_province(tmp_path: Path) -> None:
    report(tmp_path / "in", "a.xlsx", province="Long An", funding={"national": (1, 10, 1, 9)})
    report(tmp_path / "in", "b.xlsx", province="Tiền Giang", funding={"national": (1, 20, 1, 19)})
    table = _table(tmp_path / "r.csv", "province,region\nLong An,Một\n")
    result = kcstats.merge(tmp_path / "in", regions=table)
    assert funding(result, "national", level="region", region="Một")["actual"] == 9
    assert funding(result, "national", level="region", region="Một")["expected"] == 1
    assert funding(result, "national", level="region", region="Nam")["actual"] == 19
    assert funding(result, "national", level="region", region="Nam")["expected"] == 19


@pytest.mark.parametrize("faulty", [7, 300])
def test_a_table_with_many_faulty_lines_names_the_first_five_by_file_and_line(
    catalogue: Catalogue, tmp_path: Path, faulty: int
) -> None:
    lines = ["province,region", "Long An,Nam"] + [f"Atlantis {i},Nam" for i in range(faulty)]
    path = _table(tmp_path / "r.csv", "\n".join(lines) + "\n")
    with pytest.raises(RegionError) as raised:
        read_region_table(path, catalogue)
    shown = raised.value.message("en").splitlines()
    assert shown[0] == f"The region table {path} has {faulty} unusable lines:"
    assert shown[1:6] == [f'{path}:{3 + i}: unknown province "Atlantis {i}"' for i in range(5)]
    assert shown[6:] == [f"… and {faulty - 5} more."]
    assert raised.value.message("vi").splitlines()[6] == f"… và {faulty - 5} dòng khác."


def test_a_line_numbers_the_file_as_written_blank_lines_and_quoted_breaks_counted(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    text = 'province,region\n\n"Long\nAn",Nam\n\nAtlantis,Nam\n'
    with pytest.raises(RegionError) as raised:
        read_region_table(_table(tmp_path / "r.csv", text), catalogue)
    assert f'{tmp_path / "r.csv"}:6: unknown province "Atlantis"' in raised.value.message("en")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('province,region\nLong An,"' + "x" * 200_000 + '"\n', ":2: this line cannot be read"),
        ('province,region\nLong An,"Nam\nHà Nội,Bắc\n', ":2: a region name on two lines"),
        ("province,region\nLong An," + "V" * 61 + "\n", ":2: a region name longer than 60"),
        ("tỉnh," + "x" * 9000 + "\nLong An,Nam\n", ":1: the first row must name"),
        ("province,region\n" + "X" * 9000 + ",Nam\n", ':2: unknown province "XXX'),
    ],
    ids=["cell-beyond-csv-limit", "quote-left-open", "long-region", "long-header", "long-name"],
)
def test_every_refusal_of_a_table_is_short_and_names_its_line(
    catalogue: Catalogue, tmp_path: Path, text: str, said: str
) -> None:
    with pytest.raises(RegionError) as raised:
        read_region_table(_table(tmp_path / "r.csv", text), catalogue)
    for lang in ("vi", "en"):
        message = raised.value.message(lang)  # type: ignore[arg-type]
        assert max(len(line) for line in message.splitlines()) < 400, message
    assert said in raised.value.message("en")


def test_a_region_set_missing_provinces_names_a_few_and_counts_the_rest(
    catalogue: Catalogue,
) -> None:
    areas = conference_areas(catalogue)
    south = {key: region for key, region in areas.of.items() if region == "Nam"}
    partial = RegionSet.build("south-only", catalogue, south)
    with pytest.raises(RegionError) as raised:
        partial.check_complete(catalogue, ["63"])
    message = raised.value.message("en")
    assert message.startswith("The region table south-only gives no region for 43 provinces: ")
    assert message.endswith(" and 38 more.")
    assert len(message) < 400


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
