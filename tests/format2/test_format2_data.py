"""The words of format 2 in schemas/aliases.json name what they say, and nothing twice."""

from __future__ import annotations

from collections import Counter

from kcstats.catalog import Catalogue
from kcstats.text import fold, fold_label


def test_every_short_label_names_a_catalogue_indicator_of_a_known_activity(
    catalogue: Catalogue,
) -> None:
    context = catalogue.aliases.format2.section_context
    assert set(context) <= set(catalogue.activities)
    for labels in context.values():
        assert set(labels.values()) <= set(catalogue.indicators)
        folded = Counter(fold_label(label) for label in labels)
        assert [label for label, n in folded.items() if n > 1] == []


def test_every_indicator_belongs_to_a_known_activity_or_none(catalogue: Catalogue) -> None:
    for indicator in catalogue.indicators.values():
        assert indicator.activity is None or indicator.activity in catalogue.activities


def test_unit_aliases_are_for_catalogue_units_and_levels_for_level_indicators(
    catalogue: Catalogue,
) -> None:
    data = catalogue.aliases.format2
    units = {i.unit for i in catalogue.indicators.values()}
    assert set(data.unit_aliases) <= units
    assert set(data.recognition_levels.values()) == {
        code for code in catalogue.indicators if code.startswith("products_recognised_")
    }


def test_header_texts_name_one_column_each(catalogue: Catalogue) -> None:
    data = catalogue.aliases.format2
    for table in (data.columns, data.sub_columns):
        named = Counter(fold_label(a) for names in table.values() for a in names)
        assert [text for text, n in named.items() if n > 1] == []
    assert all(fold(w) for w in data.signature_words)
