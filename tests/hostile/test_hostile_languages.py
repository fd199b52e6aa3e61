"""With --lang en no Vietnamese prose, and with --lang vi no English prose, in any problem the
test files make kcstats report: the hostile corpus, the sample problem reports, the
committed format-2 and LibreOffice fixtures, and reports built here with broken figures,
facts, duplicates and last year's figures. Texts quoted from the workbook or the file
system (a cell, a sheet or file name, an error of the zip library) are of neither language
and are masked first (languages.own_words)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import kcstats
from builders import FACT_LABELS, info_sheet, write_report
from kcstats.messages import Lang
from kcstats.model import FileResult
from kcstats.problems import CATALOGUE, Problem
from languages import other_language, own_words, shown_in, vietnamese_prose

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = [
    ROOT / "sample_data" / "problems",
    ROOT / "tests" / "fixtures" / "format2",
    ROOT / "tests" / "fixtures" / "format2-independent",
    ROOT / "tests" / "fixtures" / "libreoffice",
]


def broken_reports(folder: Path) -> Path:
    """Reports whose figures and facts kcstats refuses or warns about, one way each."""
    folder.mkdir()
    write_report(
        folder / "figures.xlsx",
        funding={
            "national": ("hai", -5, 2.5, "1.5"),
            "local": (10, "1234567890123456", 9, "1,234.5"),
            "total": (13, 4300, 11, 3900),
        },
        funding_percent={"national": 50},
        indicators={"trained_workers": (300, "3 hoặc 4"), "demo_models": (2, 10**16)},
    )
    write_report(folder / "facts.xlsx", province="Atlantis", year=1999, period="H7",
                 money_unit="đô la")  # fmt: skip
    write_report(folder / "unit.xlsx", province="Tiền Giang", money_unit="đồng",
                 funding={"national": (2, 1234, 2, 1100)}, omit_sheets=("results",))  # fmt: skip
    write_report(folder / "abolished.xlsx", province="Long An", year=2025, period="Năm")
    write_report(folder / "renamed.xlsx", province="Tỉnh Thừa Thiên - Huế", year=2025)
    write_report(folder / "no-year.xlsx", province="Hậu Giang",
                 info_rows=[row for row in info_sheet() if row[0] != FACT_LABELS["year"]])  # fmt: skip
    write_report(
        folder / "rows.xlsx",
        province="Kiên Giang",
        funding=[("national", (2, 1200, 2, 1100)), ("KCQG", (1, 1, 1, 1)), ("Xổ số", (1, 5, 1, 4))],
        indicators={"demo_models": (2, 1), "trained_worker": (1, 2)},
        indicator_units={"demo_models": "kg"},
    )
    (folder / "~$lock.xlsx").write_bytes(b"lock")
    (folder / ".hidden.xlsx").write_bytes(b"hidden")
    # Five different reports of one province and period: each conflicts with the others,
    # names three of them and counts the rest.
    for n in range(5):
        write_report(folder / f"version-{n}.xlsx", province="Cà Mau",
                     funding={"national": (2, 1000 + n, 2, 900)})  # fmt: skip
    # Copies, and last year's figure as this year's report states it and as last year's gave it.
    write_report(folder / "bac-lieu.xlsx", province="Bạc Liêu")
    shutil.copyfile(folder / "bac-lieu.xlsx", folder / "bac-lieu-copy.xlsx")
    write_report(folder / "2023.xlsx", province="Bến Tre", year=2023,
                 indicators={"demo_models": (1, 3)})  # fmt: skip
    write_report(folder / "2024.xlsx", province="Bến Tre", year=2024,
                 indicators={"demo_models": (1, 3, None, 4)})  # fmt: skip
    return folder


@pytest.fixture(scope="module")
def problems(mixed_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Problem]:
    built = broken_reports(tmp_path_factory.mktemp("languages") / "broken")
    files: list[FileResult] = []
    for folder in [mixed_folder, built, *COMMITTED]:
        files += kcstats.merge(folder).files
    return [p for f in files for p in f.problems]


def _codes(problems: list[Problem]) -> set[str]:
    return {p.code for p in problems}


def test_the_test_files_make_most_problem_codes(problems: list[Problem]) -> None:
    made = _codes(problems)
    assert len(made) >= 45, sorted(set(CATALOGUE) - made)
    assert {"duplicate-conflict", "prior-year-mismatch", "damaged-workbook"} <= made


def _each(problems: list[Problem]) -> Iterator[tuple[Problem, Problem]]:
    """Each problem once per code and shape of its parameters, with its quoted texts masked."""
    seen: set[tuple[object, ...]] = set()
    for p in problems:
        mine = own_words(p)
        key = (mine.code, mine.found, mine.expected, mine.params)
        if key not in seen:
            seen.add(key)
            yield p, mine


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_no_problem_says_anything_in_the_other_language(
    problems: list[Problem], lang: Lang
) -> None:
    found = {
        shown_in(p, lang): words
        for p, mine in _each(problems)
        if (words := other_language(shown_in(mine, lang), lang))
    }
    assert found == {}


def test_masking_leaves_kcstats_own_words(problems: list[Problem]) -> None:
    # Without the mask, texts from the files (Vietnamese cells, English zip errors) show:
    # the checks above look at something.
    assert any(vietnamese_prose(shown_in(p, "en")) for p in problems)
    assert all(shown_in(own_words(p), "en") for p in problems)
