"""Folding makes what people type match the catalogues: case, diacritics, Unicode forms,
tone-mark placement, spaces, dashes and leading numbering do not matter."""

from __future__ import annotations

import unicodedata

import pytest

from kcstats.text import clean_text, find_label, fold, fold_label, is_blank, strip_numbering


@pytest.mark.parametrize(
    "written",
    [
        "Hòa Bình",
        "Hoà Bình",
        "HOÀ BÌNH",
        unicodedata.normalize("NFD", "Hoà Bình"),
        "  Hoa\u00a0 Binh ",
        "hoa-binh",
    ],
)
def test_spellings_of_one_name_fold_alike(written: str) -> None:
    assert fold(written) == "hoa binh"


def test_d_with_stroke_folds_to_d() -> None:
    assert fold("Đắk Lắk") == fold("Dak Lak") == "dak lak"


def test_percent_sign_survives_folding() -> None:
    assert fold("% đạt kế hoạch") == "% dat ke hoach"


@pytest.mark.parametrize(
    ("label", "folded"),
    [
        ("1. Thông tin", "thong tin"),
        ("II - Kinh phí", "kinh phi"),
        ("a) Chỉ tiêu", "chi tieu"),
        ("1.2. Khuyến công địa phương", "khuyen cong dia phuong"),
        ("1.2 Khuyến công địa phương", "khuyen cong dia phuong"),
        ("Cộng", "cong"),
        ("Chỉ tiêu", "chi tieu"),
        ("1.000 đồng", "1 000 dong"),
        ("Lớp", "lop"),
    ],
)
def test_leading_numbering_is_ignored_but_never_a_word_or_a_figure(label: str, folded: str) -> None:
    assert fold_label(label) == folded


def test_numbering_is_stripped_from_text_with_its_punctuation() -> None:
    assert strip_numbering("IV. Hội chợ") == "Hội chợ"
    assert strip_numbering("Vốn đối ứng") == "Vốn đối ứng"


def test_label_is_found_without_its_note_in_parentheses() -> None:
    index = {"tong cong": "total", "kcqg": "national"}
    assert find_label("Tổng cộng (1+2)", index) == "total"
    assert find_label("(KCQG)", index) == "national"
    assert find_label("Tổng cộng năm", index) is None


@pytest.mark.parametrize("value", [None, "", "   ", "\u00a0", " \u00a0 \t"])
def test_empty_or_space_only_cells_are_blank(value: object) -> None:
    assert is_blank(value)


@pytest.mark.parametrize("value", [0, 0.0, "0", "-", False])
def test_zero_and_marks_are_not_blank(value: object) -> None:
    assert not is_blank(value)


def test_text_shown_to_people_is_composed_with_single_spaces() -> None:
    assert clean_text(unicodedata.normalize("NFD", "  Long\u00a0 An ")) == "Long An"
