"""The catalogues of schemas/ hold together: every name folds to one place, every old province
has a successor, every indicator and unit is known once."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from kcstats.catalog import Catalogue, schemas_dir
from kcstats.text import fold

PROVINCES_CSV = Path(__file__).resolve().parents[3] / "shared" / "domain" / "provinces_2024.csv"


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


@pytest.mark.skipif(not PROVINCES_CSV.is_file(), reason="shared domain table not present")
def test_old_provinces_agree_with_the_shared_domain_table(catalogue: Catalogue) -> None:
    with PROVINCES_CSV.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["gso_code"]: row for row in csv.DictReader(handle)}
    assert sorted(rows) == sorted(p.code for p in catalogue.provinces_of("63"))
    for province in catalogue.provinces_of("63"):
        row = rows[province.code]
        assert fold(province.name) == fold(row["name"])
        assert province.kc_conference_area == row["kc_conference_area"], province.name
        assert province.socioeconomic_region == row["socioeconomic_region"], province.name
        assert province.successor == row["successor_gso_code"], province.name
        successor = catalogue.by_key[f"34:{province.successor}"]
        assert fold(successor.name) == fold(row["successor_from_2025_07_01"]), province.name


def test_conference_areas_hold_28_15_and_20_provinces_before_the_merger(
    catalogue: Catalogue,
) -> None:
    areas = Counter(p.kc_conference_area for p in catalogue.provinces_of("63"))
    assert areas == {"Bắc": 28, "Miền Trung - Tây Nguyên": 15, "Nam": 20}


def test_indicators_codes_labels_and_aliases_name_one_indicator_each(catalogue: Catalogue) -> None:
    assert len(catalogue.indicators) == 18
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
