"""The words of format 2 (schemas/aliases.json, block format2), folded once per catalogue."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kcstats.catalog import Catalogue
from kcstats.reader.headers import ColumnIndex
from kcstats.text import fold, fold_label


@dataclass(frozen=True, slots=True)
class Words:
    columns: ColumnIndex  # header text -> column role
    sub_columns: dict[str, str]  # second header row text -> count/money/total/national/...
    agency_prefixes: tuple[str, ...]
    province_words: tuple[str, ...]
    passed_over: frozenset[str]
    title_words: tuple[str, ...]
    unit_line_labels: tuple[str, ...]
    signature_words: frozenset[str]
    projects_labels: frozenset[str]
    projects_units: frozenset[str]
    month_words: dict[str, int]
    months: re.Pattern[str]  # 'N tháng' / 'sáu tháng', not 'tháng 6' (a month's name)
    section_context: dict[str, dict[str, str]]  # activity -> folded short label -> indicator
    recognition_levels: dict[str, str]  # folded level phrase -> indicator
    heading_words: tuple[tuple[str, str], ...]  # (folded heading word, activity), longest first
    abbreviations: tuple[tuple[str, str], ...]  # (folded abbreviation, folded expansion)
    label_prefixes: tuple[str, ...]  # folded, longest first


@lru_cache(maxsize=4)
def words_of(catalogue: Catalogue) -> Words:
    data = catalogue.aliases.format2
    return Words(
        columns=ColumnIndex(
            {fold_label(a): role for role, names in data.columns.items() for a in names}
        ),
        sub_columns={
            fold_label(a): role for role, names in data.sub_columns.items() for a in names
        },
        agency_prefixes=_longest_first(data.agency_prefixes),
        province_words=_longest_first(data.province_words),
        passed_over=frozenset(fold(t) for t in data.passed_over_lines),
        title_words=_longest_first(data.title_words),
        unit_line_labels=_longest_first(data.unit_line_labels),
        signature_words=frozenset(fold(t) for t in data.signature_words),
        projects_labels=frozenset(fold_label(t) for t in data.projects_labels),
        projects_units=frozenset(fold(t) for t in data.projects_units),
        month_words={fold(w): n for w, n in data.month_words.items()},
        months=re.compile(
            r"\b(\d{1,2}|"
            + "|".join(
                sorted((re.escape(fold(w)) for w in data.month_words), key=len, reverse=True)
            )
            + r")\s+thang\b(?!\s+\d{1,2}\b)"
        ),
        section_context={
            activity: {fold_label(label): code for label, code in labels.items()}
            for activity, labels in data.section_context.items()
        },
        recognition_levels={fold(k): v for k, v in data.recognition_levels.items()},
        label_prefixes=_longest_first(data.label_prefixes),
        abbreviations=tuple((fold(k), fold(v)) for k, v in data.abbreviations.items()),
        heading_words=tuple(
            sorted(
                ((fold(w), a.code) for a in catalogue.activities.values() for w in a.heading_words),
                key=lambda pair: len(pair[0]),
                reverse=True,
            )
        ),
    )


def _longest_first(texts: list[str]) -> tuple[str, ...]:
    return tuple(sorted({fold(t) for t in texts}, key=len, reverse=True))
