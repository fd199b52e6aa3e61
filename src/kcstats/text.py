"""Folding of names and labels so that what people type matches the catalogues.

Reports are typed by hand in many offices: composed or decomposed Unicode, old or new
tone-mark placement (Hoà/Hòa), upper or lower case, non-breaking spaces, any dash.
Everything that is matched against a catalogue goes through :func:`fold` first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# đ is a letter of its own, not d plus a mark, so NFD does not split it.
_LETTER_MAP = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})
_NON_WORD = re.compile(r"[^0-9a-z%]+")
# '1.', '1.2.', 'II -', 'a)': a number, Roman numeral or letter, then punctuation, then not a
# digit (so that '1.000 đồng' keeps its figure); or '1.2 ' with no punctuation after it.
_LEADING_NUMBERING = re.compile(
    r"^\s*(?:(?:[0-9]+(?:\.[0-9]+)*|[ivxlc]+|[a-z])\s*[.)\-–—:/]+|[0-9]{1,2}(?:\.[0-9]{1,2})+(?=\s))"
    r"\s*(?!\d)",
    re.IGNORECASE,
)
_PARENTHETICAL = re.compile(r"\([^()]*\)")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: 'Tỉnh  Hoà Bình:' -> 'tinh hoa binh'.

    The percent sign survives because '% đạt kế hoạch' is a different column from 'Kế hoạch'.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTER_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped.casefold()).strip()


def strip_numbering(text: str) -> str:
    """Drop a leading '1.', 'II -', 'a)' that people put before sheet names and row labels.

    Works on text that still has its punctuation: a Roman numeral or a letter only counts as
    numbering when punctuation follows it, otherwise 'Cộng' would lose its C.
    """
    return _LEADING_NUMBERING.sub("", text, count=1).strip()


@lru_cache(maxsize=65536)
def fold_label(text: str) -> str:
    """Fold a label or sheet name, ignoring a leading number or numeral such as '1.' or 'II -'."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTER_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    stripped = stripped.replace("\u00a0", " ")
    return fold(strip_numbering(stripped))


def find_label(text: str, index: dict[str, str]) -> str | None:
    """The catalogue key a label names: as written, else without what it says in parentheses
    ('Tổng cộng (1+2)', 'Khuyến công quốc gia (KCQG)', 'Lao động được đào tạo (người)')."""
    key = index.get(fold_label(text))
    if key is None and "(" in text:
        bare = fold_label(_PARENTHETICAL.sub(" ", text))
        key = index.get(bare) if bare else None
    return key


def is_blank(value: object) -> bool:
    """An empty cell, or one holding only spaces (non-breaking ones too), reports nothing."""
    if value is None or value == "":
        return True
    if isinstance(value, str):
        # str.strip() removes non-breaking spaces too ('\u00a0'.isspace()).
        return not value.strip()
    return False


def clean_text(value: str) -> str:
    """Text as shown to people: NFC, inner runs of white space folded to one space."""
    return " ".join(unicodedata.normalize("NFC", value).replace("\u00a0", " ").split())
