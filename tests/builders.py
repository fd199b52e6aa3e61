"""Build real report workbooks for tests, the way provinces fill them in.

Every knob is a keyword so that a test says only what it is about:
    write_report(tmp_path / "a.xlsx", province="Long An", funding={"national": (5, 1200, 4, 1100)})
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

Cell = Any
FundingRow = tuple[
    Cell, Cell, Cell, Cell
]  # plan projects, plan money, actual projects, actual money

SOURCE_LABELS = {
    "national": "Khuyến công quốc gia",
    "local": "Khuyến công địa phương",
    "counterpart": "Vốn đối ứng",
    "other": "Nguồn khác",
    "total": "Tổng cộng",
}
INDICATOR_LABELS = {
    "trained_workers": ("Lao động được đào tạo nghề, truyền nghề, nâng cao tay nghề", "lao động"),
    "demo_models": ("Mô hình trình diễn kỹ thuật", "mô hình"),
    "machinery_facilities": ("Cơ sở CNNT được hỗ trợ ứng dụng máy móc thiết bị tiên tiến", "cơ sở"),
    "fair_booths": ("Gian hàng tiêu chuẩn được hỗ trợ", "gian hàng"),
    "consulting_revenue": ("Doanh thu tư vấn phát triển công nghiệp", "triệu đồng"),
    "consulting_projects": ("Dự án được tư vấn phát triển công nghiệp", "dự án"),
}
DEFAULT_FUNDING: dict[str, FundingRow] = {
    "national": (2, 1200, 2, 1100),
    "local": (10, 3000, 9, 2800),
}
DEFAULT_INDICATORS: dict[str, tuple[Cell, Cell]] = {
    "trained_workers": (300, 320),
    "demo_models": (2, 1),
}


def write_report(
    path: Path,
    *,
    province: Cell = "Long An",
    year: Cell = 2024,
    period: Cell = "6 tháng",
    money_unit: Cell = None,
    funding: Mapping[str, FundingRow] | None = None,
    funding_percent: Mapping[str, Cell] | None = None,
    funding_money_header_unit: str | None = None,
    two_row_header: bool = False,
    indicators: Mapping[str, Sequence[Cell]] | None = None,
    indicator_units: Mapping[str, Cell] | None = None,
    use_codes: bool = True,
    title_rows: bool = True,
    sheet_names: Mapping[str, str] | None = None,
    extra: Mapping[str, Mapping[str, Cell]] | None = None,
) -> Path:
    """Write a report workbook; `extra` overwrites cells after the fact: {sheet: {A1: value}}."""
    names = {
        "info": "Thông tin",
        "funding": "Kinh phí",
        "results": "Chỉ tiêu",
        **(sheet_names or {}),
    }
    wb = openpyxl.Workbook()
    info = wb.active
    assert info is not None
    info.title = names["info"]
    _write_info(info, province, year, period, money_unit, title_rows)
    _write_funding(
        wb.create_sheet(names["funding"]),
        DEFAULT_FUNDING if funding is None else funding,
        funding_percent or {},
        funding_money_header_unit,
        two_row_header,
        title_rows,
    )
    _write_results(
        wb.create_sheet(names["results"]),
        DEFAULT_INDICATORS if indicators is None else indicators,
        indicator_units or {},
        use_codes,
        title_rows,
    )
    for sheet, cells in (extra or {}).items():
        for ref, value in cells.items():
            wb[sheet][ref] = value
    wb.save(path)
    return path


def _write_info(
    ws: Worksheet, province: Cell, year: Cell, period: Cell, unit: Cell, title: bool
) -> None:
    row = 1
    if title:
        ws["A1"] = "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG"
        ws.merge_cells("A1:D1")
        row = 3
    pairs = [("Tỉnh/Thành phố", province), ("Năm", year), ("Kỳ báo cáo", period)]
    if unit is not None:
        pairs.append(("Đơn vị tính kinh phí", unit))
    pairs.append(("Người lập", "Nguyễn Văn A"))
    for label, value in pairs:
        ws.cell(row=row, column=1, value=label)
        if value is not None:
            ws.cell(row=row, column=2, value=value)
        row += 1


def _write_funding(
    ws: Worksheet,
    funding: Mapping[str, FundingRow],
    percent: Mapping[str, Cell],
    header_unit: str | None,
    two_rows: bool,
    title: bool,
) -> None:
    row = 1
    if title:
        ws["A1"] = "KINH PHÍ KHUYẾN CÔNG"
        ws.merge_cells("A1:F1")
        row = 3
    suffix = f" ({header_unit})" if header_unit else ""
    has_percent = bool(percent)
    if two_rows:
        ws.cell(row=row, column=1, value="Nguồn kinh phí")
        ws.merge_cells(start_row=row, start_column=1, end_row=row + 1, end_column=1)
        ws.cell(row=row, column=2, value="Kế hoạch")
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        ws.cell(row=row, column=4, value="Thực hiện")
        ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=5)
        for col, text in (
            (2, "Số đề án"),
            (3, "Kinh phí" + suffix),
            (4, "Số đề án"),
            (5, "Kinh phí" + suffix),
        ):
            ws.cell(row=row + 1, column=col, value=text)
        if has_percent:
            ws.cell(row=row, column=6, value="% đạt kế hoạch")
        row += 2
    else:
        headers = [
            "Nguồn kinh phí",
            "Số đề án kế hoạch",
            "Kinh phí kế hoạch" + suffix,
            "Số đề án thực hiện",
            "Kinh phí thực hiện" + suffix,
        ]
        if has_percent:
            headers.append("% đạt kế hoạch")
        for col, text in enumerate(headers, start=1):
            ws.cell(row=row, column=col, value=text)
        row += 1
    for source, figures in funding.items():
        ws.cell(row=row, column=1, value=SOURCE_LABELS.get(source, source))
        for col, value in enumerate(figures, start=2):
            if value is not None:
                ws.cell(row=row, column=col, value=value)
        if source in percent and percent[source] is not None:
            ws.cell(row=row, column=6, value=percent[source])
        row += 1


def _write_results(
    ws: Worksheet,
    indicators: Mapping[str, Sequence[Cell]],
    units: Mapping[str, Cell],
    use_codes: bool,
    title: bool,
) -> None:
    row = 1
    if title:
        ws["A1"] = "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"
        row = 3
    headers = ["STT", "Mã", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện"]
    widest = max((len(v) for v in indicators.values()), default=2)
    if widest > 2:
        headers.append("% đạt kế hoạch")
    if widest > 3:
        headers.append("Cùng kỳ năm trước")
    for col, text in enumerate(headers, start=1):
        ws.cell(row=row, column=col, value=text)
    row += 1
    for number, (code, values) in enumerate(indicators.items(), start=1):
        label, unit = INDICATOR_LABELS.get(code, (code, None))
        ws.cell(row=row, column=1, value=number)
        if use_codes:
            ws.cell(row=row, column=2, value=code)
        ws.cell(row=row, column=3, value=label)
        unit = units.get(code, unit)
        if unit is not None:
            ws.cell(row=row, column=4, value=unit)
        for col, value in enumerate(values, start=5):
            if value is not None:
                ws.cell(row=row, column=col, value=value)
        row += 1
