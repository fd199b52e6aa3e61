"""Labels, sheet names and province names match in any case, with or without diacritics,
composed or decomposed, with extra or non-breaking spaces and old or new tone marks."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from builders import write_report
from reading import accepted


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Long An", "Long An"),
        ("Tỉnh Long An", "Long An"),
        ("TỈNH LONG AN", "Long An"),
        ("long an", "Long An"),
        ("Long An", "Long An"),
        ("  Long   An  ", "Long An"),
        ("Long\u00a0An", "Long An"),
        (nfd("Tỉnh Long An"), "Long An"),
        ("Tinh Long An", "Long An"),
        ("Hòa Bình", "Hòa Bình"),
        ("Hoà Bình", "Hòa Bình"),
        ("Tỉnh Hoà Bình", "Hòa Bình"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("THANH HOÁ", "Thanh Hóa"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("TP HCM", "TP. Hồ Chí Minh"),
        ("TP.HCM", "TP. Hồ Chí Minh"),
        ("TP. HCM", "TP. Hồ Chí Minh"),
        ("Hồ Chí Minh", "TP. Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh"),
        ("TP. Hồ Chí Minh", "TP. Hồ Chí Minh"),
        ("tp ho chi minh", "TP. Hồ Chí Minh"),
        ("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa–Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa — Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Tỉnh Bà Rịa ‑ Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Thành phố Cần Thơ", "Cần Thơ"),
        ("TP. Cần Thơ", "Cần Thơ"),
        ("TP Đà Nẵng", "Đà Nẵng"),
        ("Thanh pho Ha Noi", "Hà Nội"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
    ],
)
def test_province_name_is_recognised_however_written(
    tmp_path: Path, written: str, canonical: str
) -> None:
    report = accepted(write_report(tmp_path / "a.xlsx", province=written))
    assert report.province == canonical


@pytest.mark.parametrize(
    "label",
    [
        "NĂM BÁO CÁO",
        "năm",
        nfd("Năm báo cáo"),
        "  Năm   báo  cáo ",
        "Năm\u00a0báo\u00a0cáo",
        "Nam bao cao",
        "Năm báo cáo:",
        "2. Năm",
        "Year",
    ],
)
def test_fact_label_is_recognised_however_written(tmp_path: Path, label: str) -> None:
    report = accepted(write_report(tmp_path / "a.xlsx", year=2023, fact_labels={"year": label}))
    assert report.year == 2023


@pytest.mark.parametrize(
    "labels",
    [
        {"province": "TỈNH", "period": "KỲ BÁO CÁO"},
        {"province": "Tỉnh, thành phố", "period": nfd("Kỳ báo cáo")},
        {"province": "Province", "period": "Period", "money_unit": "Money unit"},
        {"province": nfd("Tỉnh/Thành phố:"), "money_unit": "ĐƠN VỊ TIỀN"},
        {"province": "Tinh/Thanh pho", "money_unit": "don vi tinh kinh phi"},
    ],
)
def test_other_fact_labels_are_recognised_however_written(
    tmp_path: Path, labels: dict[str, str]
) -> None:
    path = write_report(tmp_path / "a.xlsx", money_unit="tỷ đồng", fact_labels=labels)
    report = accepted(path)
    assert (report.province, report.period, report.money_unit) == ("Long An", "H1", "ty")


@pytest.mark.parametrize(
    "names",
    [
        {"info": "1. Thông tin", "funding": "2. Kinh phí", "results": "3. Chỉ tiêu"},
        {"info": "I - Thông tin", "funding": "II - Kinh phí", "results": "III - Chỉ tiêu"},
        {"info": "THÔNG TIN", "funding": "KINH PHÍ", "results": "CHỈ TIÊU"},
        {"info": "thong tin", "funding": "kinh phi", "results": "chi tieu"},
        {"info": nfd("Thông tin"), "funding": nfd("Kinh phí"), "results": nfd("Chỉ tiêu")},
        {"info": " Thông  tin ", "funding": "Kinh\u00a0phí", "results": "a) Chỉ tiêu"},
        {"info": "Info", "funding": "Funding", "results": "Results"},
    ],
)
def test_sheets_are_found_by_name_however_written(tmp_path: Path, names: dict[str, str]) -> None:
    clean = accepted(write_report(tmp_path / "clean.xlsx"))
    assert accepted(write_report(tmp_path / "a.xlsx", sheet_names=names)) == clean


@pytest.mark.parametrize(
    ("national", "local"),
    [
        ("KHUYẾN CÔNG QUỐC GIA", "KHUYẾN CÔNG ĐỊA PHƯƠNG"),
        ("KCQG", "KCĐP"),
        ("Quốc gia", "Địa phương"),
        ("1. Khuyến công quốc gia", "2. Khuyến công địa phương"),
        (nfd("Khuyến công quốc gia"), nfd("Khuyến công địa phương")),
        ("Khuyen cong quoc gia", "khuyen  cong\u00a0dia phuong"),
        ("a) Kinh phí khuyến công quốc gia", "b) Kinh phí khuyến công địa phương"),
    ],
)
def test_source_labels_are_recognised_however_written(
    tmp_path: Path, national: str, local: str
) -> None:
    clean = accepted(write_report(tmp_path / "clean.xlsx"))
    funding = {national: (2, 1200, 2, 1100), local: (10, 3000, 9, 2800)}
    assert accepted(write_report(tmp_path / "a.xlsx", funding=funding)) == clean


@pytest.mark.parametrize(
    "label",
    [
        "LAO ĐỘNG ĐƯỢC ĐÀO TẠO NGHỀ, TRUYỀN NGHỀ, NÂNG CAO TAY NGHỀ",
        "1. Lao động được đào tạo nghề",
        nfd("Lao động được đào tạo nghề, truyền nghề, nâng cao tay nghề"),
        "Lao dong duoc dao tao nghe,  truyen nghe, nang cao tay nghe",
    ],
)
def test_indicator_label_is_recognised_however_written(tmp_path: Path, label: str) -> None:
    path = write_report(
        tmp_path / "a.xlsx",
        indicators={label: (300, 320)},
        indicator_units={label: "Lao Động"},
        use_codes=False,
    )
    report = accepted(path)
    assert [(f.code, f.plan, f.actual) for f in report.indicators] == [
        ("trained_workers", 300, 320)
    ]


@pytest.mark.parametrize(
    "headers",
    [
        ["NGUỒN KINH PHÍ", "SỐ ĐỀ ÁN KẾ HOẠCH", "KINH PHÍ KẾ HOẠCH"],
        [nfd("Nguồn kinh phí"), nfd("Số đề án kế hoạch"), nfd("Kinh phí kế hoạch")],
        ["Nguồn  kinh\u00a0phí", "Số đề án\nkế hoạch", "Kinh phí\nkế hoạch"],
    ],
)
def test_funding_headers_are_recognised_however_written(tmp_path: Path, headers: list[str]) -> None:
    clean = accepted(write_report(tmp_path / "clean.xlsx", title_rows=False))
    cells = dict(zip(("A1", "B1", "C1"), headers, strict=True))
    path = write_report(tmp_path / "a.xlsx", title_rows=False, extra={"Kinh phí": cells})
    assert accepted(path) == clean


@pytest.mark.parametrize(
    ("national", "local", "total"),
    [
        ("1.1. Khuyến công quốc gia", "1.2. Khuyến công địa phương", "Tổng cộng"),
        ("1.1 Khuyến công quốc gia", "1.2 Khuyến công địa phương", "Tổng số"),
        ("Khuyến công quốc gia (KCQG)", "Khuyến công địa phương (KCĐP)", "Tổng cộng (1+2)"),
        ("I. Quốc gia", "II. Địa phương", "Cộng (I+II)"),
    ],
)
def test_row_labels_with_sub_numbering_or_a_note_in_parentheses_are_recognised(
    tmp_path: Path, national: str, local: str, total: str
) -> None:
    clean = accepted(write_report(tmp_path / "clean.xlsx"))
    funding = {
        national: (2, 1200, 2, 1100),
        local: (10, 3000, 9, 2800),
        total: (12, 4200, 11, 3900),
    }
    assert accepted(write_report(tmp_path / "a.xlsx", funding=funding)) == clean


def test_indicator_label_with_its_unit_in_parentheses_is_recognised(tmp_path: Path) -> None:
    label = "Lao động được đào tạo nghề (người)"
    path = write_report(
        tmp_path / "a.xlsx",
        indicators={label: (300, 320)},
        indicator_units={label: "lao động"},
        use_codes=False,
    )
    assert [f.code for f in accepted(path).indicators] == ["trained_workers"]


def test_sheet_name_with_a_note_in_parentheses_is_recognised(tmp_path: Path) -> None:
    clean = accepted(write_report(tmp_path / "clean.xlsx"))
    names = {"funding": "Kinh phí (biểu 2)"}
    assert accepted(write_report(tmp_path / "a.xlsx", sheet_names=names)) == clean
