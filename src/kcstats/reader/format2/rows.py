"""What a row of the format-2 table is: a total, a source of funds, the projects of a source,
a section heading, an indicator, or a row the catalogue does not know.

Labels are matched after folding, as in format 1; short labels ('Số lớp') are read together
with their section (schemas/aliases.json, format2.section_context).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from kcstats.catalog import Catalogue
from kcstats.reader.format2.words import Words
from kcstats.reader.grid import CACHED_TEXT
from kcstats.reader.headers import contains_phrase
from kcstats.text import find_label, fold, fold_label

RowKind = Literal["total", "source", "projects", "section", "indicator", "unknown"]
_ROMAN = re.compile(r"^[IVXLC]+$")
_CAPITAL = re.compile(r"^[A-Z]$")


@dataclass(frozen=True, slots=True)
class RowIs:
    kind: RowKind
    key: str | None = None  # the source, indicator or activity code


@lru_cache(maxsize=1024)
def is_section_number(number: str) -> bool:
    """'I', 'II', 'IV', 'A', 'B.': a section's row number (a capital letter or Roman numeral)."""
    bare = number.strip().rstrip(".:)").strip()
    return bool(_ROMAN.match(bare) or _CAPITAL.match(bare))


_NAMED: dict[tuple[int, str], tuple[bool, str | None]] = {}


def activity_named(label: str, words: Words) -> tuple[bool, str | None]:
    """Whether a heading names an activity group, and which: the longest heading word wins;
    two groups matched equally long name none. Remembered per distinct heading."""
    key = (id(words), label)
    found = _NAMED.get(key)
    if found is None:
        found = _activity_named(label, words)
        if len(label) <= CACHED_TEXT and len(_NAMED) < 16384:
            _NAMED[key] = found
    return found


def _activity_named(label: str, words: Words) -> tuple[bool, str | None]:
    folded = f" {fold_label(label)} "
    for short, long in words.abbreviations:
        folded = folded.replace(f" {short} ", f" {long} ")
    folded = folded.strip()
    best: list[tuple[int, str]] = []
    for word, activity in words.heading_words:
        if contains_phrase(folded, word):
            best.append((len(word), activity))
    if not best:
        return False, None
    longest = best[0][0]
    groups = {activity for length, activity in best if length == longest}
    return True, groups.pop() if len(groups) == 1 else None


_CLASSIFIED: dict[tuple[object, ...], RowIs] = {}


def classify(
    label: str,
    number: str,
    unit: str,
    section: str | None,
    after_source: str | None,
    catalogue: Catalogue,
    words: Words,
) -> RowIs:
    """What the row is. `section`: the activity of the section it stands in; `after_source`:
    the source of the figure row right above it, if that was a source row. Row labels repeat
    from report to report: each distinct row is classified once per process."""
    numbered = is_section_number(number) if number else False
    key: tuple[object, ...] = (id(words), label, numbered, unit, section, after_source)
    found = _CLASSIFIED.get(key)
    if found is None:
        found = _classify(label, number, unit, section, after_source, catalogue, words)
        if len(label) + len(unit) <= CACHED_TEXT and len(_CLASSIFIED) < 16384:
            _CLASSIFIED[key] = found
    return found


def _classify(
    label: str,
    number: str,
    unit: str,
    section: str | None,
    after_source: str | None,
    catalogue: Catalogue,
    words: Words,
) -> RowIs:
    label = _without_prefix(label, words)
    folded = fold_label(label)
    found = find_label(label, catalogue.source_index) if label else None
    if found == "total":
        return RowIs("total")
    if found is not None:
        return RowIs("source", found)
    if after_source is not None and (
        folded in words.projects_labels or fold(unit) in words.projects_units
    ):
        return RowIs("projects", after_source)
    if number and is_section_number(number):
        return RowIs("section", activity_named(label, words)[1])
    indicator = find_label(label, catalogue.indicator_index) if label else None
    if indicator is None:
        indicator = _recognition_level(folded, section, words)
    if indicator is None and section is not None:
        indicator = words.section_context.get(section, {}).get(folded)
    if indicator is not None:
        return RowIs("indicator", indicator)
    names, activity = activity_named(label, words)
    if names and not (activity is not None and activity == section):
        # A row naming its own section's activity ('Chi phí tổ chức hội chợ' under
        # 'II. Hội chợ, triển lãm') is a row of that section, not a new one.
        return RowIs("section", activity)
    return RowIs("unknown")


def _recognition_level(folded: str, section: str | None, words: Words) -> str | None:
    """'Sản phẩm ... được công nhận cấp tỉnh': the level's own indicator, so a product
    recognised at two levels is never added twice into one figure."""
    for level, indicator in words.recognition_levels.items():
        if contains_phrase(folded, level) and (
            contains_phrase(folded, "cong nhan") or section == "products"
        ):
            return indicator
    return None


def _without_prefix(label: str, words: Words) -> str:
    """'Trong đó: Khuyến công quốc gia' is the row 'Khuyến công quốc gia'."""
    folded = fold(label)
    for prefix in words.label_prefixes:
        if folded.startswith(prefix + " "):
            cut = label.find(":")
            # After the colon the label keeps its own text (and parentheses); without one,
            # the folded words after the prefix match the catalogue as well.
            return label[cut + 1 :].strip() if cut >= 0 else folded[len(prefix) :].strip()
    return label
