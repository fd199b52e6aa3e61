"""Build real report workbooks for tests, the way provinces fill them in.

Every knob is a keyword so that a test says only what it is about:
    write_report(tmp_path / "a.xlsx", province="Long An", funding={"national": (5, 1200, 4, 1100)})

The default layout (title_rows=True), so that tests can name cells:
- "Thông tin": A1 a merged title; A3/B3 province, A4/B4 year, A5/B5 period, then the money
  unit (A6/B6) when given, then "Người lập".
- "Kinh phí": A1 a merged title; header on row 3 (rows 3-4 when two_row_header); one row per
  source from row 4 (row 5): A source, B plan projects, C plan money, D actual projects,
  E actual money, F stated percent when given.
- "Chỉ tiêu": A1 a title; header on row 3; one row per indicator from row 4: A STT, B Mã,
  C Chỉ tiêu, D Đơn vị tính, E Kế hoạch, F Thực hiện, G % đạt kế hoạch, H Cùng kỳ năm trước.
Without title rows every table starts on row 1.

A cell value that starts with '=' is written as a formula with no saved value, the way a
program writes it; :func:`set_stored_values` gives it one, the way a spreadsheet saves it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

Cell = Any
Rows = Sequence[Sequence[Cell]]
FundingRow = Sequence[Cell]  # plan projects, plan money, actual projects, actual money
Entries = Mapping[str, Sequence[Cell]] | Sequence[tuple[str, Sequence[Cell]]]

SOURCE_LABELS = {
    "national": "Khuyến công quốc gia",
    "local": "Khuyến công địa phương",
    "counterpart": "Vốn đối ứng",
    "other": "Nguồn khác",
    "total": "Tổng cộng",
}
INDICATOR_LABELS = {
    "trained_workers": ("Lao động được đào tạo nghề, truyền nghề, nâng cao tay nghề", "lao động"),
    "training_classes": ("Lớp đào tạo nghề, truyền nghề", "lớp"),
    "management_trainees": (
        "Học viên được nâng cao năng lực quản lý, khởi sự doanh nghiệp",
        "học viên",
    ),
    "demo_models": ("Mô hình trình diễn kỹ thuật", "mô hình"),
    "machinery_facilities": ("Cơ sở CNNT được hỗ trợ ứng dụng máy móc thiết bị tiên tiến", "cơ sở"),
    "cleaner_production": ("Cơ sở được hỗ trợ đánh giá sản xuất sạch hơn", "cơ sở"),
    "fairs_held": ("Hội chợ, triển lãm được tổ chức", "hội chợ"),
    "fair_participants": ("Lượt cơ sở CNNT tham gia hội chợ, triển lãm", "lượt cơ sở"),
    "fair_booths": ("Gian hàng tiêu chuẩn được hỗ trợ", "gian hàng"),
    "products_entered": ("Lượt cơ sở tham gia bình chọn sản phẩm CNNT tiêu biểu", "lượt cơ sở"),
    "products_recognised": ("Sản phẩm CNNT tiêu biểu được công nhận", "sản phẩm"),
    "brand_support": ("Cơ sở được hỗ trợ đăng ký nhãn hiệu, xây dựng thương hiệu", "cơ sở"),
    "consulting_projects": ("Dự án được tư vấn phát triển công nghiệp", "dự án"),
    "consulting_revenue": ("Doanh thu tư vấn phát triển công nghiệp", "triệu đồng"),
    "cluster_plans": ("Cụm công nghiệp được hỗ trợ lập quy hoạch chi tiết", "cụm"),
    "cluster_infrastructure": ("Cụm công nghiệp được hỗ trợ xây dựng hạ tầng", "cụm"),
    "enterprises_founded": ("Doanh nghiệp được hỗ trợ thành lập", "doanh nghiệp"),
    "media_items": ("Tin bài, chương trình thông tin tuyên truyền", "tin bài"),
}
FACT_LABELS = {
    "province": "Tỉnh/Thành phố",
    "year": "Năm",
    "period": "Kỳ báo cáo",
    "money_unit": "Đơn vị tính kinh phí",
}
FUNDING_HEADERS = {
    "source": "Nguồn kinh phí",
    "plan_projects": "Số đề án kế hoạch",
    "plan_money": "Kinh phí kế hoạch",
    "actual_projects": "Số đề án thực hiện",
    "actual_money": "Kinh phí thực hiện",
    "percent": "% đạt kế hoạch",
}
FUNDING_FIGURES = ("plan_projects", "plan_money", "actual_projects", "actual_money")
RESULTS_HEADERS = {
    "stt": "STT",
    "code": "Mã",
    "label": "Chỉ tiêu",
    "unit": "Đơn vị tính",
    "plan": "Kế hoạch",
    "actual": "Thực hiện",
    "percent": "% đạt kế hoạch",
    "prior": "Cùng kỳ năm trước",
}
RESULT_FIGURES = ("plan", "actual", "percent", "prior")
# What an extra column holds on every row: text that would be refused if it were read.
EXTRA_COLUMN_TEXT = "xem ghi chú"

DEFAULT_FUNDING: dict[str, FundingRow] = {
    "national": (2, 1200, 2, 1100),
    "local": (10, 3000, 9, 2800),
}
DEFAULT_INDICATORS: dict[str, tuple[Cell, Cell]] = {
    "trained_workers": (300, 320),
    "demo_models": (2, 1),
}
SHEET_NAMES = {"info": "Thông tin", "funding": "Kinh phí", "results": "Chỉ tiêu"}


def write_report(
    path: Path,
    *,
    province: Cell = "Long An",
    year: Cell = 2024,
    period: Cell = "6 tháng",
    money_unit: Cell = None,
    fact_labels: Mapping[str, str] | None = None,
    info_rows: Rows | None = None,
    funding: Entries | None = None,
    funding_percent: Mapping[str, Cell] | None = None,
    funding_money_header_unit: str | None = None,
    funding_columns: Sequence[str] | None = None,
    two_row_header: bool = False,
    indicators: Entries | None = None,
    indicator_units: Mapping[str, Cell] | None = None,
    results_columns: Sequence[str] | None = None,
    section_headings: Mapping[str, str] | None = None,
    use_codes: bool = True,
    title_rows: bool = True,
    sheet_names: Mapping[str, str] | None = None,
    omit_sheets: Collection[str] = (),
    merged: Mapping[str, Sequence[str]] | None = None,
    extra: Mapping[str, Mapping[str, Cell]] | None = None,
) -> Path:
    """Write a report workbook.

    `funding` and `indicators` map a source or indicator code (or any label, written as is)
    to its figures; a list of pairs may repeat a key. `funding_columns`/`results_columns`
    order the columns by key (see FUNDING_HEADERS, RESULTS_HEADERS); any other key is an
    extra column with that header. `info_rows` replaces the whole "Thông tin" sheet.
    `omit_sheets` names roles (info, funding, results) to leave out. `merged` and `extra`
    are keyed by sheet title: cells to merge, and cells to overwrite after the fact.
    """
    names = {**SHEET_NAMES, **(sheet_names or {})}
    wb = openpyxl.Workbook()
    default = wb.active
    assert default is not None
    wb.remove(default)
    if "info" not in omit_sheets:
        rows = info_rows
        if rows is None:
            rows = info_sheet(province, year, period, money_unit, fact_labels or {})
        _fill(wb.create_sheet(names["info"]), _titled(rows, title_rows, "BÁO CÁO KHUYẾN CÔNG"))
        if title_rows and info_rows is None:
            wb[names["info"]].merge_cells("A1:D1")
    if "funding" not in omit_sheets:
        ws = wb.create_sheet(names["funding"])
        _write_funding(
            ws,
            _entries(DEFAULT_FUNDING if funding is None else funding),
            funding_percent or {},
            funding_money_header_unit,
            funding_columns,
            two_row_header,
            title_rows,
        )
    if "results" not in omit_sheets:
        rows = results_sheet(
            _entries(DEFAULT_INDICATORS if indicators is None else indicators),
            indicator_units or {},
            results_columns,
            section_headings or {},
            use_codes,
        )
        _fill(wb.create_sheet(names["results"]), _titled(rows, title_rows, "KẾT QUẢ CHỈ TIÊU"))
    for sheet, ranges in (merged or {}).items():
        for cells in ranges:
            wb[sheet].merge_cells(cells)
    for sheet, cells in (extra or {}).items():
        for ref, value in cells.items():
            wb[sheet][ref] = value
    wb.save(path)
    return path


def write_sheets(
    path: Path, sheets: Mapping[str, Rows], merged: Mapping[str, Sequence[str]] | None = None
) -> Path:
    """Write a workbook whose sheets hold exactly the given rows (None is an empty cell)."""
    wb = openpyxl.Workbook()
    default = wb.active
    assert default is not None
    wb.remove(default)
    for name, rows in sheets.items():
        _fill(wb.create_sheet(name), rows)
    for sheet, ranges in (merged or {}).items():
        for cells in ranges:
            wb[sheet].merge_cells(cells)
    wb.save(path)
    return path


def info_sheet(
    province: Cell = "Long An",
    year: Cell = 2024,
    period: Cell = "6 tháng",
    money_unit: Cell = None,
    labels: Mapping[str, str] | None = None,
) -> list[list[Cell]]:
    """The rows of sheet "Thông tin": one label and its value per row."""
    names = {**FACT_LABELS, **(labels or {})}
    pairs = [("province", province), ("year", year), ("period", period)]
    if money_unit is not None:
        pairs.append(("money_unit", money_unit))
    rows = [[names[key], value] for key, value in pairs]
    rows.append(["Người lập", "Nguyễn Văn A"])
    return rows


def results_sheet(
    indicators: Sequence[tuple[str, Sequence[Cell]]],
    units: Mapping[str, Cell] | None = None,
    columns: Sequence[str] | None = None,
    headings: Mapping[str, str] | None = None,
    use_codes: bool = True,
) -> list[list[Cell]]:
    """The rows of sheet "Chỉ tiêu": a header, then one row per indicator.

    Figures are given in the order plan, actual, stated percent, same period last year.
    """
    units, headings = units or {}, headings or {}
    if columns is None:
        widest = max((len(v) for _, v in indicators), default=2)
        columns = ["stt", "code", "label", "unit", *RESULT_FIGURES[: max(widest, 2)]]
    rows: list[list[Cell]] = [[RESULTS_HEADERS.get(key, key) for key in columns]]
    for number, (code, values) in enumerate(indicators, start=1):
        if code in headings:
            rows.append([headings[code] if key == "label" else None for key in columns])
        label, unit = INDICATOR_LABELS.get(code, (code, None))
        known: dict[str, Cell] = {
            "stt": number,
            "code": code if use_codes else None,
            "label": label,
            "unit": units.get(code, unit),
            **dict(zip(RESULT_FIGURES, values, strict=False)),
        }
        rows.append([known.get(key, EXTRA_COLUMN_TEXT) for key in columns])
    return rows


def _write_funding(
    ws: Worksheet,
    funding: Sequence[tuple[str, FundingRow]],
    percent: Mapping[str, Cell],
    header_unit: str | None,
    columns: Sequence[str] | None,
    two_rows: bool,
    title: bool,
) -> None:
    row = 1
    if title:
        ws["A1"] = "KINH PHÍ KHUYẾN CÔNG"
        ws.merge_cells("A1:F1")
        row = 3
    suffix = f" ({header_unit})" if header_unit else ""
    if columns is None:
        columns = ["source", *FUNDING_FIGURES] + (["percent"] if percent else [])
    if two_rows:
        row = _two_row_funding_header(ws, row, suffix, "percent" in columns)
    else:
        for col, key in enumerate(columns, start=1):
            text = FUNDING_HEADERS.get(key, key)
            ws.cell(row=row, column=col, value=text + suffix if key.endswith("money") else text)
        row += 1
    for source, figures in funding:
        known: dict[str, Cell] = {
            "source": SOURCE_LABELS.get(source, source),
            "percent": percent.get(source),
            **dict(zip(FUNDING_FIGURES, figures, strict=False)),
        }
        for col, key in enumerate(columns, start=1):
            value = known.get(key, EXTRA_COLUMN_TEXT)
            if value is not None:
                ws.cell(row=row, column=col, value=value)
        row += 1


def _two_row_funding_header(ws: Worksheet, row: int, suffix: str, has_percent: bool) -> int:
    """'Kế hoạch' and 'Thực hiện' merged over two columns each, 'Số đề án'/'Kinh phí' below."""
    ws.cell(row=row, column=1, value="Nguồn kinh phí")
    ws.merge_cells(start_row=row, start_column=1, end_row=row + 1, end_column=1)
    ws.cell(row=row, column=2, value="Kế hoạch")
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
    ws.cell(row=row, column=4, value="Thực hiện")
    ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=5)
    for col, text in ((2, "Số đề án"), (3, "Kinh phí"), (4, "Số đề án"), (5, "Kinh phí")):
        ws.cell(row=row + 1, column=col, value=text + suffix if text == "Kinh phí" else text)
    if has_percent:
        ws.cell(row=row, column=6, value="% đạt kế hoạch")
        ws.merge_cells(start_row=row, start_column=6, end_row=row + 1, end_column=6)
    return row + 2


def _entries(entries: Entries) -> list[tuple[str, Sequence[Cell]]]:
    return list(entries.items()) if isinstance(entries, Mapping) else list(entries)


def _titled(rows: Rows, title: bool, text: str) -> list[Sequence[Cell]]:
    return [[text], [], *rows] if title else list(rows)


def _fill(ws: Worksheet, rows: Rows) -> None:
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)


def set_stored_values(path: Path, sheet: str, values: Mapping[str, str]) -> Path:
    """Put `values` (A1 -> text of <v>) into the saved file, as a spreadsheet would save them.

    For a formula cell this is its last computed value; for a number cell it is the number
    exactly as stored (e.g. '0.30000000000000004', which Excel writes for =0.1+0.2).
    """
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    part = _sheet_part(parts, sheet)
    xml = parts[part].decode("utf-8")
    for ref, text in values.items():
        pattern = re.compile(rf'(<c r="{ref}"[^>]*>)(.*?)(</c>)', re.DOTALL)
        match = pattern.search(xml)
        if match is None:
            raise KeyError(f"{sheet}!{ref} is not in the file")
        inner = re.sub(r"<v\s*/>|<v>.*?</v>", "", match.group(2), flags=re.DOTALL)
        xml = xml.replace(match.group(0), f"{match.group(1)}{inner}<v>{escape(text)}</v></c>")
    parts[part] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _sheet_part(parts: Mapping[str, bytes], sheet: str) -> str:
    workbook = parts["xl/workbook.xml"].decode("utf-8")
    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    for name, rid in re.findall(r'<sheet[^>]*name="([^"]*)"[^>]*r:id="([^"]*)"', workbook):
        if name == escape(sheet, {'"': "&quot;"}):
            target = re.search(rf'Id="{rid}"[^>]*Target="([^"]*)"', rels) or re.search(
                rf'Target="([^"]*)"[^>]*Id="{rid}"', rels
            )
            assert target is not None
            return "xl/" + target.group(1).removeprefix("/xl/")
    raise KeyError(sheet)
