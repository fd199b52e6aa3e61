"""Generate the benchmark report sets: ~1,000 whole-country reports, and one 5,000-row report.

Deterministic (seeded); written with openpyxl the way a province's file looks.
"""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl

from kcstats.catalog import load_catalogue

SOURCES = [
    ("Khuyến công quốc gia", 0.25),
    ("Khuyến công địa phương", 0.6),
    ("Vốn đối ứng", 0.1),
    ("Nguồn khác", 0.05),
]


def write_one(
    path: Path, province: str, year: int, period: str, rng: random.Random, rows: int = 0
) -> None:
    catalogue = load_catalogue()
    wb = openpyxl.Workbook()
    info = wb.active
    assert info is not None
    info.title = "Thông tin"
    info["A1"] = "BÁO CÁO CÔNG TÁC KHUYẾN CÔNG"
    for row, (label, value) in enumerate(
        [
            ("Tỉnh/Thành phố", province),
            ("Năm", year),
            ("Kỳ báo cáo", period),
            ("Đơn vị tính kinh phí", "triệu đồng"),
        ],
        start=3,
    ):
        info.cell(row=row, column=1, value=label)
        info.cell(row=row, column=2, value=value)
    funding = wb.create_sheet("Kinh phí")
    headers = [
        "Nguồn kinh phí",
        "Số đề án kế hoạch",
        "Kinh phí kế hoạch",
        "Số đề án thực hiện",
        "Kinh phí thực hiện",
    ]
    for col, text in enumerate(headers, start=1):
        funding.cell(row=2, column=col, value=text)
    for row, (label, share) in enumerate(SOURCES, start=3):
        funding.cell(row=row, column=1, value=label)
        funding.cell(row=row, column=2, value=rng.randint(0, 30))
        funding.cell(row=row, column=3, value=round(rng.uniform(100, 9000) * share, 3))
        funding.cell(row=row, column=4, value=rng.randint(0, 30))
        funding.cell(row=row, column=5, value=round(rng.uniform(100, 9000) * share, 3))
    results = wb.create_sheet("Chỉ tiêu")
    for col, text in enumerate(
        ["STT", "Mã", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện"], start=1
    ):
        results.cell(row=1, column=col, value=text)
    indicators = list(catalogue.indicators.values())
    for index in range(max(rows, len(indicators))):
        indicator = indicators[index % len(indicators)]
        row = index + 2
        results.cell(row=row, column=1, value=index + 1)
        results.cell(row=row, column=2, value=indicator.code)
        results.cell(row=row, column=3, value=indicator.label_vi)
        results.cell(row=row, column=4, value=indicator.unit)
        scale = 1000 if indicator.kind == "money" else 50
        results.cell(row=row, column=5, value=rng.randint(0, scale))
        results.cell(row=row, column=6, value=rng.randint(0, scale))
    wb.save(path)


def generate_country(folder: Path, years: range = range(2017, 2025)) -> list[Path]:
    """63 provinces × 2 periods × 8 years = 1,008 reports."""
    rng = random.Random(20241)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for province in load_catalogue().provinces_of("63"):
        for year in years:
            for period in ("H1", "FY"):
                path = folder / f"{province.code}-{year}-{period}.xlsx"
                write_one(path, province.name, year, period, rng)
                paths.append(path)
    return paths


def generate_big(folder: Path, rows: int = 5000) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "big.xlsx"
    write_one(path, "Hà Nội", 2024, "FY", random.Random(5), rows=rows)
    return path
