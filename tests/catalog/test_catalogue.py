"""The catalogues of schemas/ hold together: every name folds to one place, every old province
has a successor, every indicator and unit is known once."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kcstats.catalog import Catalogue, schemas_dir
from kcstats.text import fold


def test_catalogues_are_read_from_the_source_tree_here() -> None:
    assert schemas_dir() == Path(__file__).resolve().parents[2] / "schemas"


def test_there_are_63_provinces_before_the_merger_and_34_after(catalogue: Catalogue) -> None:
    assert len(catalogue.provinces_of("63")) == 63
    assert len(catalogue.provinces_of("34")) == 34


@pytest.mark.parametrize("era", ["63", "34"])
def test_no_two_provinces_of_an_era_share_a_name(catalogue: Catalogue, era: str) -> None:
    names = Counter(
        catalogue.fold_province(name)
        for p in catalogue.provinces_of(era)
        for name in {catalogue.fold_province(n) for n in (p.name, *p.aliases)}
    )
    assert [name for name, count in names.items() if count > 1] == []


def test_every_old_province_has_a_successor_that_lists_it(catalogue: Catalogue) -> None:
    for old in catalogue.provinces_of("63"):
        new = catalogue.by_key[f"34:{old.successor}"]
        assert old.code in new.predecessors, (old.name, new.name)
    listed = sorted(code for p in catalogue.provinces_of("34") for code in p.predecessors)
    assert listed == sorted(p.code for p in catalogue.provinces_of("63"))


def test_each_new_unit_has_the_regions_of_the_old_province_whose_code_it_kept(
    catalogue: Catalogue,
) -> None:
    for unit in catalogue.provinces_of("34"):
        seat = catalogue.by_key[f"63:{unit.code}"]
        assert unit.code in unit.predecessors
        assert unit.kc_conference_area == seat.kc_conference_area, unit.name
        assert unit.socioeconomic_region == seat.socioeconomic_region, unit.name


# Facts of Resolution 202/2025/QH15 (old province: statistics code, conference area, the unit
# it became and that unit's code), checked here independently of schemas/provinces.json.
KNOWN_SUCCESSIONS = [
    ("Long An", "80", "Nam", "Tây Ninh", "80"),
    ("Tây Ninh", "72", "Nam", "Tây Ninh", "80"),
    ("Hà Giang", "02", "Bắc", "Tuyên Quang", "08"),
    ("Bắc Kạn", "06", "Bắc", "Thái Nguyên", "19"),
    ("Hòa Bình", "17", "Bắc", "Phú Thọ", "25"),
    ("Bình Thuận", "60", "Nam", "Lâm Đồng", "68"),
    ("Thừa Thiên Huế", "46", "Miền Trung - Tây Nguyên", "Huế", "46"),
    ("Bà Rịa - Vũng Tàu", "77", "Nam", "TP. Hồ Chí Minh", "79"),
    ("Hà Nội", "01", "Bắc", "Hà Nội", "01"),
]


@pytest.mark.parametrize(("old", "code", "area", "unit", "unit_code"), KNOWN_SUCCESSIONS)
def test_old_provinces_became_the_units_the_resolution_says(
    catalogue: Catalogue, old: str, code: str, area: str, unit: str, unit_code: str
) -> None:
    province = catalogue.by_key[f"63:{code}"]
    assert fold(province.name) == fold(old)
    assert province.kc_conference_area == area
    assert province.successor == unit_code
    assert fold(catalogue.by_key[f"34:{unit_code}"].name) == fold(unit)


def test_the_lists_hold_63_provinces_and_34_units(catalogue: Catalogue) -> None:
    assert len(catalogue.provinces_of("63")) == 63
    assert len(catalogue.provinces_of("34")) == 34


def test_conference_areas_hold_28_15_and_20_provinces_before_the_merger(
    catalogue: Catalogue,
) -> None:
    areas = Counter(p.kc_conference_area for p in catalogue.provinces_of("63"))
    assert areas == {"Bắc": 28, "Miền Trung - Tây Nguyên": 15, "Nam": 20}


def test_indicators_codes_labels_and_aliases_name_one_indicator_each(catalogue: Catalogue) -> None:
    # The 18 of report-format.md and the 13 that report-format-2.md adds.
    assert len(catalogue.indicators) == 18 + 13
    names = Counter(
        fold(name)
        for i in catalogue.indicators.values()
        for name in {i.code, i.label_vi, *i.aliases}
    )
    assert [name for name, count in names.items() if count > 1] == []


def keys_by_label(labels: dict[str, list[str]]) -> dict[str, set[str]]:
    """Folded label -> the keys it names (more than one would make the reader guess)."""
    named: dict[str, set[str]] = {}
    for key, names in labels.items():
        for name in names:
            named.setdefault(fold(name), set()).add(key)
    return named


def test_source_and_total_labels_name_one_row_each(catalogue: Catalogue) -> None:
    labels = {s.code: [s.label_vi, s.label_en, *s.aliases] for s in catalogue.sources.values()}
    labels["total"] = catalogue.report.total_labels
    assert {k: v for k, v in keys_by_label(labels).items() if len(v) > 1} == {}


def test_every_money_unit_converts_to_trieu_dong(catalogue: Catalogue) -> None:
    factors = {code: str(u.per_trieu) for code, u in catalogue.money_units.items()}
    assert factors == {"dong": "0.000001", "nghin": "0.001", "trieu": "1", "ty": "1000"}


@pytest.mark.parametrize("kind", ["sheets", "facts", "funding_columns", "results_columns"])
def test_sheet_fact_and_column_labels_name_one_thing_each(catalogue: Catalogue, kind: str) -> None:
    labels = getattr(catalogue.aliases, kind)
    assert {k: v for k, v in keys_by_label(labels).items() if len(v) > 1} == {}


def test_every_indicator_is_defined_in_both_languages() -> None:
    from kcstats.catalog import load_catalogue

    for indicator in load_catalogue().indicators.values():
        assert indicator.definition_vi.strip() and indicator.definition_en.strip(), indicator.code
