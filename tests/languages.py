"""Telling Vietnamese prose in an English text, and English prose in a Vietnamese one.

A text in one language may still hold words of the other that are names, not prose: the
programme (khuyến công), the money units, the sheet and column titles a report workbook is
made of (its own words, which an English reader must find in the file), and in Vietnamese
the names of file formats, options and CSV columns. Those are taken out first; whatever is
left must be of the text's language.
"""

from __future__ import annotations

import re
from typing import Any

from kcstats.messages import Param
from kcstats.problems import Problem

# Words an English text keeps in Vietnamese: names of the programme and the units, and the
# titles a report workbook is made of (report-format.md).
VIETNAMESE_NAMES = (
    "khuyến công",
    "triệu đồng",
    "tỷ đồng",
    "Thông tin",
    "Kinh phí",
    "Chỉ tiêu",
    "Nội dung",
    "Kế hoạch",
    "Thực hiện",
    "Ngày lập",
)
# Letters no English word has: a Vietnamese word has at least one of them or is a single
# syllable with none (those are not prose on their own).
_VIETNAMESE_LETTER = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)
# Words a Vietnamese text keeps in English: names of formats, programs, options (--force),
# the columns of a region table and the values of --regions.
ENGLISH_NAMES = frozenset(
    {
        "zip",
        "bomb",
        "crc",
        "xml",
        "doctype",
        "ole",
        "word",
        "excel",
        "libreoffice",
        "opendocument",
        "html",
        "pdf",
        "spreadsheet",
        "kcstats",
        "validate",
        "prefer",
        "newer",
        "force",
        "province",
        "region",
        "era",
        "all",
        "compare",
        "conference",
        "socioeconomic",
        "table",
        "csv",
        "utf",
        "cpu",
    }
)
# Common English words of kcstats' messages that are no Vietnamese word ("an", "to", "in"
# and "no" are Vietnamese syllables too: left out).
_ENGLISH_WORDS = frozenset(
    re.findall(
        r"\w+",
        """
    the and of is are was were not file files cannot missing unknown with must empty sheet
    sheets whole blank limit memory exit code truncated unsupported header encoding workbook
    number digits strings rows columns cells parts compressed bad data than declared size
    names duplicate records text regular document binary signal line given found expected
    year period total plan actual on by for from or only be it its this that
    which read reader refused skipped accepted warning error info money figure figures
    report reports table label unit units source sources other others here there
    """,
    )
)


def vietnamese_prose(text: str) -> list[str]:
    """The words of `text` that are Vietnamese, names of VIETNAMESE_NAMES aside."""
    for name in VIETNAMESE_NAMES:
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    return [word for word in re.findall(r"\w+", text) if _VIETNAMESE_LETTER.search(word)]


def english_prose(text: str) -> list[str]:
    """The words of `text` that are English, names of ENGLISH_NAMES, options (--year) and
    the placeholders of the help (FILE, PATH) aside."""
    text = re.sub(r"--[a-z][a-z-]*|\b[A-Z]{2,}\b", " ", text)
    return [
        word
        for word in re.findall(r"[A-Za-z]+", text)
        if word.lower() in _ENGLISH_WORDS and word.lower() not in ENGLISH_NAMES
    ]


def other_language(text: str, lang: str) -> list[str]:
    """The words of `text` in the language other than `lang` ("vi" or "en")."""
    return vietnamese_prose(text) if lang == "en" else english_prose(text)


QUOTED = "⟪⟫"  # what a quoted text is shown as, below: neither language


def masked(param: Any) -> Param:
    """The parameter with every text quoted from a workbook, a file name or the system
    replaced by QUOTED, at any depth: what is left is kcstats' own words."""
    kind = param[0]
    if kind in ("text", "cut"):
        return ("text", QUOTED)
    if kind == "msg":
        return ("msg", param[1], tuple((name, masked(p)) for name, p in param[2]))
    if kind == "join":
        return ("join", param[1], tuple(masked(p) for p in param[2]))
    return tuple(param)


def own_words(problem: Problem) -> Problem:
    """The problem with its quoted texts masked (see masked)."""
    return problem.model_copy(
        update={
            "found": None if problem.found is None else masked(problem.found),
            "expected": None if problem.expected is None else masked(problem.expected),
            "params": tuple((name, masked(p)) for name, p in problem.params),
        }
    )


def shown_in(problem: Problem, lang: str) -> str:
    """Message, found and expected of a problem as the JSON output gives them."""
    entry = problem.as_dict(lang)  # type: ignore[arg-type]
    return " | ".join(str(entry[k]) for k in ("message", "found", "expected") if entry[k])
