"""Generate the benchmark report sets: ~1,000 whole-country reports (format 1, and the same
reports as format-2 tables), and one 5,000-row report.

Deterministic (seeded); written with openpyxl the way a province's file looks.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import openpyxl

from kcstats.catalog import Indicator, load_catalogue

Writer = Callable[[Path, str, int, str, random.Random], None]
SOURCES = [
    ("Khuyến công quốc gia", 0.25),
    ("Khuyến công địa phương", 0.6),
    ("Vốn đối ứng", 0.1),
    ("Nguồn khác", 0.05),
]


Figures = tuple[list[tuple[str, int, float, int, float]], list[tuple[Indicator, int, int]]]


def draw_figures(rng: random.Random, rows: int = 0) -> Figures:
    """One report's figures: (source, plan projects, plan money, actual projects, actual
    money) per source, and (indicator, plan, actual) per results row. Both formats write the
    same draws, so a format-1 and a format-2 report of one seed are the same report."""
    catalogue = load_catalogue()
    funding = [
        (
            label,
            rng.randint(0, 30),
            round(rng.uniform(100, 9000) * share, 3),
            rng.randint(0, 30),
            round(rng.uniform(100, 9000) * share, 3),
        )
        for label, share in SOURCES
    ]
    indicators = list(catalogue.indicators.values())
    results = []
    for index in range(max(rows, len(indicators))):
        indicator = indicators[index % len(indicators)]
        scale = 1000 if indicator.kind == "money" else 50
        results.append((indicator, rng.randint(0, scale), rng.randint(0, scale)))
    return funding, results


def write_one(
    path: Path, province: str, year: int, period: str, rng: random.Random, rows: int = 0
) -> None:
    """A format-1 report (the kcstats template's three sheets)."""
    funding_rows, result_rows = draw_figures(rng, rows)
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
    for row, values in enumerate(funding_rows, start=3):
        for col, value in enumerate(values, start=1):
            funding.cell(row=row, column=col, value=value)
    results = wb.create_sheet("Chỉ tiêu")
    for col, text in enumerate(
        ["STT", "Mã", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện"], start=1
    ):
        results.cell(row=1, column=col, value=text)
    for index, (indicator, plan, actual) in enumerate(result_rows):
        row = index + 2
        results.cell(row=row, column=1, value=index + 1)
        results.cell(row=row, column=2, value=indicator.code)
        results.cell(row=row, column=3, value=indicator.label_vi)
        results.cell(row=row, column=4, value=indicator.unit)
        results.cell(row=row, column=5, value=plan)
        results.cell(row=row, column=6, value=actual)
    wb.save(path)


def write_one_format2(
    path: Path, province: str, year: int, period: str, rng: random.Random, rows: int = 0
) -> None:
    """The same report as write_one with the same rng, as a format-2 table: agency header,
    title naming the period, one table of sources (each with its projects row) and results."""
    catalogue = load_catalogue()
    place = next(p for p in catalogue.provinces_of("63") if p.name == province)
    funding_rows, result_rows = draw_figures(rng, rows)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Biểu 01"
    kind = "THÀNH PHỐ" if place.kind == "city" else "TỈNH"
    ws["A1"] = f"UBND {kind} {province.removeprefix('TP. ').upper()}"
    ws["A2"] = "SỞ CÔNG THƯƠNG"
    ws["D1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["D2"] = "Độc lập - Tự do - Hạnh phúc"
    span = "6 THÁNG ĐẦU NĂM" if period == "H1" else "NĂM"
    ws["A4"] = f"KẾT QUẢ THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG {span} {year}"
    ws["E5"] = "ĐVT: triệu đồng"
    for col, text in enumerate(["STT", "Nội dung", "ĐVT", "Kế hoạch", "Thực hiện"], start=1):
        ws.cell(row=6, column=col, value=text)
    row = 7
    for number, (label, plan_p, plan_m, actual_p, actual_m) in enumerate(funding_rows, 1):
        for values in (
            (number, label, None, plan_m, actual_m),
            (None, "Số đề án", "đề án", plan_p, actual_p),
        ):
            for col, value in enumerate(values, start=1):
                ws.cell(row=row, column=col, value=value)
            row += 1
    for index, (indicator, plan, actual) in enumerate(result_rows, start=1):
        values = (index, indicator.label_vi, indicator.unit, plan, actual)
        for col, value in enumerate(values, start=1):
            ws.cell(row=row, column=col, value=value)
        row += 1
    ws.cell(row=row + 1, column=1, value="Nơi nhận:")
    ws.cell(row=row + 1, column=4, value="GIÁM ĐỐC")
    wb.save(path)


def generate_country(
    folder: Path, years: range = range(2017, 2025), writer: Writer | None = None
) -> list[Path]:
    """63 provinces × 2 periods × 8 years = 1,008 reports (format 1, or as `writer` writes
    them: with write_one_format2, the same reports as format-2 tables)."""
    write = writer or write_one
    rng = random.Random(20241)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for province in load_catalogue().provinces_of("63"):
        for year in years:
            for period in ("H1", "FY"):
                path = folder / f"{province.code}-{year}-{period}.xlsx"
                write(path, province.name, year, period, rng)
                paths.append(path)
    return paths


def generate_big(folder: Path, rows: int = 5000) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "big.xlsx"
    write_one(path, "Hà Nội", 2024, "FY", random.Random(5), rows=rows)
    return path


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(
        description="Write the benchmark report sets: 63 provinces x 2 periods x 8 years = "
        "1,008 reports (format 1 or format 2), or one report of many indicator rows."
    )
    parser.add_argument("folder", type=Path, help="Folder to write the reports into.")
    parser.add_argument(
        "--format",
        type=int,
        choices=(1, 2),
        default=1,
        help="1: kcstats' template; 2: the table of an administrative report (default 1).",
    )
    parser.add_argument(
        "--big",
        type=int,
        metavar="ROWS",
        help="Write one report with this many indicator rows instead (e.g. 5000).",
    )
    args = parser.parse_args()
    if args.big:
        print(generate_big(args.folder, rows=args.big))
        return
    writer = write_one_format2 if args.format == 2 else None
    paths = generate_country(args.folder, writer=writer)
    print(f"{len(paths)} reports in {args.folder}")


if __name__ == "__main__":
    main()
