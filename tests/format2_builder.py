"""Build format-2 workbooks (report-format-2.md) for tests, the way provincial offices lay them
out: an agency header, the national motto, a place-and-date line, a title naming the period,
one table with activity sections, notes and a signature block.

    built = write_format2(tmp_path / "a.xlsx", header="sources", agency="split_cells")
    built.cells["title"]   # 'A4': where the title is, for tests that name cells

The table is described by `rows`, a list of Row (a label, unit and figures by column key);
`report_rows` turns a report (funding by source, indicators) into such rows, so the same
report can be written as format 1 (builders.write_report) and as format 2.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from builders import INDICATOR_LABELS, SOURCE_LABELS

Cell = Any

AGENCIES: dict[str, list[tuple[str, Cell]]] = {
    # A1/A2 (or A1 split over two lines): the agency header variants offices use.
    "ubnd": [("A1", "UBND TỈNH {P}"), ("A2", "SỞ CÔNG THƯƠNG")],
    "sct": [("A1", "SỞ CÔNG THƯƠNG TỈNH {P}")],
    "sct_bare": [("A1", "SỞ CÔNG THƯƠNG {P}")],
    "uy_ban_lines": [("A1", "ỦY BAN NHÂN DÂN\nTỈNH {P}"), ("A2", "SỞ CÔNG THƯƠNG")],
    "split_cells": [("A1", "UBND TỈNH"), ("A2", "{P}")],
    "center": [
        ("A1", "SỞ CÔNG THƯƠNG {P}"),
        ("A2", "TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP TỈNH {P}"),
    ],
    "city": [("A1", "UBND THÀNH PHỐ {P}"), ("A2", "SỞ CÔNG THƯƠNG")],
    "none": [("A1", "TRUNG TÂM KHUYẾN CÔNG"), ("A2", "Số: 123/BC-TTKC")],
}
PERIOD_TITLES = {
    "H1": "6 THÁNG ĐẦU NĂM {Y}",
    "9M": "9 THÁNG NĂM {Y}",
    "Q1": "QUÝ I NĂM {Y}",
    "Q2": "QUÝ II NĂM {Y}",
    "Q3": "QUÝ III/{Y}",
    "Q4": "QUÝ IV NĂM {Y}",
    "FY": "NĂM {Y}",
    "M7": "7 THÁNG ĐẦU NĂM {Y}",
    "M10": "10 THÁNG NĂM {Y}",
}
ACTUAL_HEADERS = {
    "H1": "Thực hiện 6 tháng {Y}",
    "9M": "Lũy kế 9 tháng {Y}",
    "Q1": "Thực hiện quý I/{Y}",
    "FY": "Thực hiện năm {Y}",
}
SOURCE_SHORT = {
    "national": "KCQG",
    "local": "KCĐP",
    "counterpart": "Đối ứng",
    "other": "Nguồn khác",
}


@dataclass
class Row:
    """One table row. `figures` maps a column key to what the cell holds: plan, actual,
    percent, prior, prior_percent (one-row header); plan_count, plan_money, actual_count, ...
    (count and money); plan_total, plan_national, ... (sources as columns)."""

    label: Cell
    unit: Cell = None
    figures: Mapping[str, Cell] = field(default_factory=dict)
    number: Cell = None
    key: str | None = None  # a name for the row, for tests that name its cells


@dataclass
class Built:
    path: Path
    cells: dict[str, str]  # names -> A1 ('title', 'header', 'unit_line', 'row:<key>', ...)
    columns: dict[str, str]  # column key -> letter
    rows: dict[str, int]  # row key -> spreadsheet row number


def _money(value: Cell, text_money: bool) -> Cell:
    """Money as Vietnamese text ('298.300,98') or as a number."""
    if value is None or not text_money or not isinstance(value, int | float | Decimal):
        return float(value) if isinstance(value, Decimal) else value
    number = Decimal(str(value))
    whole, _, frac = f"{number:f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    frac = frac.rstrip("0")
    return f"{grouped},{frac}" if frac else grouped


def columns_of(
    header: str,
    prior: bool = False,
    percent: bool = True,
    sources: Sequence[str] = ("national", "local"),
) -> list[str]:
    if header == "count_money":
        keys = ["plan_count", "plan_money", "actual_count", "actual_money"]
        return keys + (["percent_count", "percent_money"] if percent else [])
    if header == "sources":
        keys = [f"{stage}_{s}" for stage in ("plan", "actual") for s in ("total", *sources)]
        return keys + (["percent"] if percent else [])
    keys = ["plan", "actual"] + (["percent"] if percent else [])
    return keys + (["prior", "prior_percent"] if prior else [])


def write_format2(
    path: Path,
    rows: Sequence[Row] | None = None,
    *,
    province: str = "Long An",
    year: int = 2024,
    period: str = "H1",
    agency: str = "ubnd",
    title: str | None = None,
    actual_header: str | None = None,
    plan_header: str | None = None,
    header: str = "simple",
    sources: Sequence[str] = ("national", "local"),
    prior: bool = False,
    percent: bool = True,
    column_numbers: bool = False,
    unit_at: str | None = "line",
    unit_line: str = "ĐVT: triệu đồng",
    date_line: str | None = "{P}, ngày 15 tháng 6 năm {Y}",
    signature: bool = True,
    notes: bool = True,
    sheet_name: str = "Biểu 01",
    before_sheets: Sequence[tuple[str, bool, Sequence[Sequence[Cell]]]] = (),
    after_sheets: Sequence[tuple[str, bool, Sequence[Sequence[Cell]]]] = (),
    text_money: bool = False,
    extra: Mapping[str, Cell] | None = None,
) -> Built:
    """Write one format-2 report. `before_sheets`/`after_sheets`: (name, hidden, rows)."""
    wb = openpyxl.Workbook()
    default = wb.active
    assert default is not None
    wb.remove(default)
    for name, hidden, sheet_rows in before_sheets:
        _plain_sheet(wb, name, hidden, sheet_rows)
    ws = wb.create_sheet(sheet_name)
    cells: dict[str, str] = {}
    for ref, text in AGENCIES[agency]:
        ws[ref] = text.replace("{P}", province.upper())
        cells.setdefault("agency", ref)
        cells[f"agency:{ref}"] = ref
    ws["D1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["D2"] = "Độc lập - Tự do - Hạnh phúc"
    if date_line is not None:
        ws["D3"] = date_line.replace("{P}", province).replace("{Y}", str(year))
        cells["date_line"] = "D3"
    period_text = PERIOD_TITLES.get(period, "{P}").replace("{Y}", str(year))
    ws["A4"] = (
        title
        if title is not None
        else (f"BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG {period_text}")
    )
    cells["title"] = "A4"
    ws.merge_cells("A4:H4")
    header_row = 6
    if unit_at == "line":
        ws["F5"] = unit_line
        cells["unit_line"] = "F5"
    keys = columns_of(header, prior, percent, sources)
    single = ["number", "label", "unit"]
    letters = {key: get_column_letter(i + 1) for i, key in enumerate(single + keys + ["note"])}
    header_unit = " (triệu đồng)" if unit_at == "header" else ""
    plan_text = plan_header if plan_header is not None else f"Kế hoạch năm {year}"
    actual_text = (
        actual_header
        if actual_header is not None
        else (ACTUAL_HEADERS.get(period, "Thực hiện").replace("{Y}", str(year)))
    )
    two_rows = header in ("count_money", "sources")
    top = {"number": "STT", "label": "Nội dung", "unit": "ĐVT", "note": "Ghi chú"}
    if not two_rows:
        top.update(
            {
                "plan": plan_text + header_unit,
                "actual": actual_text + header_unit,
                "percent": "Tỷ lệ (%)",
                "prior": f"TH cùng kỳ {year - 1}" + header_unit,
                "prior_percent": "% so cùng kỳ",
            }
        )
        for key, text in top.items():
            if key in letters:
                ws[f"{letters[key]}{header_row}"] = text
        first = header_row + 1
    else:
        for key in [*single, "note"]:
            ref = f"{letters[key]}{header_row}"
            ws[ref] = top[key]
            ws.merge_cells(f"{ref}:{letters[key]}{header_row + 1}")
        groups: dict[str, list[str]] = {}
        for key in keys:
            groups.setdefault(key.split("_")[0] if key != "percent" else "percent", []).append(key)
        group_text = {"plan": plan_text, "actual": actual_text, "percent": "Tỷ lệ (%)"}
        sub_text = {
            "count": "Số lượng",
            "money": "Kinh phí" + header_unit,
            "total": "Tổng số",
            "national": "KCQG",
            "local": "KCĐP",
            "counterpart": "Vốn đối ứng",
            "other": "Nguồn khác",
        }
        for group, members in groups.items():
            start, end = letters[members[0]], letters[members[-1]]
            ws[f"{start}{header_row}"] = group_text[group]
            if len(members) > 1:
                ws.merge_cells(f"{start}{header_row}:{end}{header_row}")
            for key in members:
                if key == "percent":
                    ws.merge_cells(f"{start}{header_row}:{start}{header_row + 1}")
                else:
                    ws[f"{letters[key]}{header_row + 1}"] = sub_text[key.split("_", 1)[1]]
        first = header_row + 2
    cells["header"] = f"B{header_row}"
    if column_numbers:
        for i, key in enumerate(single + keys + ["note"], start=1):
            ws[f"{letters[key]}{first}"] = f"({i})"
        first += 1
    row_numbers: dict[str, int] = {}
    r = first
    for row in rows if rows is not None else default_rows(header):
        ws[f"A{r}"] = row.number
        ws[f"B{r}"] = row.label
        if unit_at == "row" or not _is_money_unit(row.unit):
            ws[f"C{r}"] = row.unit
        for key, value in row.figures.items():
            is_money = "money" in key or (
                _is_money_unit(row.unit) and "percent" not in key and "count" not in key
            )
            ws[f"{letters[key]}{r}"] = (
                _money(value, text_money)
                if is_money
                else (float(value) if isinstance(value, Decimal) else value)
            )
        if row.key:
            row_numbers[row.key] = r
        r += 1
    end = r
    if notes:
        ws[f"B{end + 1}"] = (
            "Ghi chú: số liệu thực hiện ước đến ngày 15/6; kinh phí đối ứng do cơ sở tự báo cáo."
        )
        end += 2
    if signature:
        ws[f"B{end + 1}"] = "Nơi nhận:"
        ws[f"B{end + 2}"] = "- Bộ Công Thương (Cục CT);"
        ws[f"B{end + 3}"] = "- Lưu: VT, TTKC."
        ws[f"E{end + 1}"] = "KT. GIÁM ĐỐC"
        ws[f"E{end + 2}"] = "PHÓ GIÁM ĐỐC"
        ws[f"E{end + 5}"] = "Nguyễn Văn An"
        ws[f"B{end + 7}"] = "Người lập biểu"
    for ref, value in (extra or {}).items():
        ws[ref] = value
    for name, hidden, sheet_rows in after_sheets:
        _plain_sheet(wb, name, hidden, sheet_rows)
    wb.save(path)
    return Built(path, cells, letters, row_numbers)


def _plain_sheet(wb: Any, name: str, hidden: bool, rows: Sequence[Sequence[Cell]]) -> None:
    ws = wb.create_sheet(name)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    if hidden:
        ws.sheet_state = "hidden"


def _is_money_unit(unit: Cell) -> bool:
    return isinstance(unit, str) and unit.lower() in (
        "triệu đồng",
        "nghìn đồng",
        "đồng",
        "tỷ đồng",
        "tr.đ",
    )


SIMPLE_TABLE = [
    ["STT", "Nội dung", "ĐVT", "Kế hoạch", "Thực hiện"],
    ["I", "Đào tạo nghề", "triệu đồng", 500, 300],
]


def default_rows(header: str) -> list[Row]:
    """A typical table: funding by source, then activity sections with money and counts."""
    if header == "count_money":
        return [
            Row("KINH PHÍ KHUYẾN CÔNG", number="A"),
            Row(
                "Khuyến công quốc gia",
                "đề án",
                {"plan_count": 2, "plan_money": 1200, "actual_count": 1, "actual_money": 800},
                "1",
                "national",
            ),
            Row(
                "Khuyến công địa phương",
                "đề án",
                {"plan_count": 10, "plan_money": 3000, "actual_count": 6, "actual_money": 1500},
                "2",
                "local",
            ),
            Row("CÁC HOẠT ĐỘNG", number="B"),
            Row(
                "Đào tạo nghề, truyền nghề",
                "lớp",
                {"plan_count": 10, "plan_money": 900, "actual_count": 6, "actual_money": 500},
                "I",
                "training",
            ),
            Row(
                "Số lao động được đào tạo",
                "người",
                {"plan_count": 300, "actual_count": 180},
                "1",
                "workers",
            ),
            Row(
                "Hội chợ, triển lãm", None, {"plan_money": 600, "actual_money": 400}, "II", "fairs"
            ),
            Row(
                "Số hội chợ",
                "hội chợ",
                {"plan_count": 2, "plan_money": 600, "actual_count": 1, "actual_money": 400},
                "1",
                "fairs_held",
            ),
        ]
    if header == "sources":
        return [
            Row(
                "TỔNG CỘNG",
                "triệu đồng",
                {
                    "plan_total": 4200,
                    "plan_national": 1200,
                    "plan_local": 3000,
                    "actual_total": 2300,
                    "actual_national": 800,
                    "actual_local": 1500,
                },
                None,
                "total",
            ),
            Row(
                "Số đề án",
                "đề án",
                {
                    "plan_total": 12,
                    "plan_national": 2,
                    "plan_local": 10,
                    "actual_total": 7,
                    "actual_national": 1,
                    "actual_local": 6,
                },
                None,
                "projects",
            ),
            Row(
                "Đào tạo nghề",
                "triệu đồng",
                {
                    "plan_total": 900,
                    "plan_national": 400,
                    "plan_local": 500,
                    "actual_total": 500,
                    "actual_national": 200,
                    "actual_local": 300,
                },
                "I",
                "training",
            ),
            Row("Số lao động", "người", {"plan_total": 300, "actual_total": 180}, "1", "workers"),
            Row(
                "Tư vấn",
                "triệu đồng",
                {"plan_total": 300, "plan_local": 300, "actual_total": 100, "actual_local": 100},
                "II",
                "consulting",
            ),
        ]
    return [
        Row("TỔNG KINH PHÍ (A+B)", "triệu đồng", {"plan": 4200, "actual": 2300}, None, "total"),
        Row("Khuyến công quốc gia", "triệu đồng", {"plan": 1200, "actual": 800}, "A", "national"),
        Row("Số đề án", "đề án", {"plan": 2, "actual": 1}, "-", "national_projects"),
        Row("Khuyến công địa phương", "triệu đồng", {"plan": 3000, "actual": 1500}, "B", "local"),
        Row(
            "Đào tạo nghề, truyền nghề, nâng cao tay nghề",
            "triệu đồng",
            {"plan": 900, "actual": 500},
            "I",
            "training",
        ),
        Row("Số lớp", "lớp", {"plan": 10, "actual": 6}, "1", "classes"),
        Row("Số lao động", "người", {"plan": 300, "actual": 180}, "2", "workers"),
        Row("Hội chợ, triển lãm", "triệu đồng", {"plan": 600, "actual": 400}, "II", "fairs"),
        Row(
            "Hội chợ, triển lãm được tổ chức",
            "hội chợ",
            {"plan": 2, "actual": 1},
            "1",
            "fairs_held",
        ),
        Row(
            "Tư vấn, trợ giúp cơ sở CNNT",
            "triệu đồng",
            {"plan": 300, "actual": 100},
            "III",
            "consulting",
        ),
        Row(
            "Doanh thu tư vấn phát triển công nghiệp",
            "triệu đồng",
            {"plan": 50, "actual": 20},
            "1",
            "revenue",
        ),
    ]


def report_rows(
    funding: Mapping[str, Sequence[Cell]],
    indicators: Mapping[str, Sequence[Cell]],
    activity_of: Mapping[str, str | None],
    header: str = "simple",
    money_codes: Collection[str] = ("consulting_revenue", "investment_attracted"),
) -> list[Row]:
    """A report (funding: source -> plan projects, plan money, actual projects, actual money;
    indicators: code -> plan, actual) as format-2 rows: the sources with their projects, then
    one section per activity holding its indicators by their full labels. `header`: simple
    (a 'Số đề án' row under each source) or count_money (projects and money on one row)."""
    rows: list[Row] = [Row("KINH PHÍ", number="A")]
    if header == "sources":
        # The sources as columns of a total row (its Tổng số left blank), their projects on
        # the 'Số đề án' row under it.
        money_by_source: dict[str, Cell] = {}
        projects_by_source: dict[str, Cell] = {}
        for source, (pp, pm, ap, am) in funding.items():
            money_by_source.update({f"plan_{source}": pm, f"actual_{source}": am})
            projects_by_source.update({f"plan_{source}": pp, f"actual_{source}": ap})
        rows.append(Row("TỔNG CỘNG", "triệu đồng", money_by_source))
        rows.append(Row("Số đề án", "đề án", projects_by_source))
    for n, (source, (pp, pm, ap, am)) in enumerate(
        funding.items() if header != "sources" else [], start=1
    ):
        if header == "count_money":
            figures = {"plan_count": pp, "plan_money": pm, "actual_count": ap, "actual_money": am}
            rows.append(Row(SOURCE_LABELS[source], "đề án", figures, str(n)))
            continue
        rows.append(Row(SOURCE_LABELS[source], "triệu đồng", {"plan": pm, "actual": am}, str(n)))
        if pp is not None or ap is not None:
            rows.append(Row("Số đề án", "đề án", {"plan": pp, "actual": ap}, "-"))
    rows.append(Row("KẾT QUẢ CÁC HOẠT ĐỘNG", number="B"))
    by_activity: dict[str | None, list[str]] = {}
    for code in indicators:
        by_activity.setdefault(activity_of[code], []).append(code)
    numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]
    for index, (activity, codes) in enumerate(by_activity.items()):
        heading = ACTIVITY_HEADINGS.get(activity or "", "Các chỉ tiêu chung")
        rows.append(Row(heading, number=numerals[index]))
        for n, code in enumerate(codes, start=1):
            label, unit = INDICATOR_LABELS.get(code, (code, None))
            plan, actual = indicators[code]
            if header == "count_money":
                kind = "money" if code in money_codes else "count"
                figures = {f"plan_{kind}": plan, f"actual_{kind}": actual}
            elif header == "sources":
                figures = {"plan_total": plan, "actual_total": actual}
            else:
                figures = {"plan": plan, "actual": actual}
            rows.append(Row(label, unit, figures, str(n)))
    return rows


ACTIVITY_HEADINGS = {
    "training": "Đào tạo nghề, truyền nghề",
    "management": "Nâng cao năng lực quản lý, khởi sự doanh nghiệp",
    "demonstration": "Xây dựng mô hình trình diễn kỹ thuật",
    "machinery": "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến",
    "products": "Hội chợ, triển lãm, sản phẩm CNNT tiêu biểu",
    "consulting": "Tư vấn, trợ giúp cơ sở CNNT",
    "media": "Thông tin tuyên truyền",
    "clusters": "Phát triển cụm công nghiệp",
    "cleaner_production": "Sản xuất sạch hơn",
    "capacity": "Nâng cao năng lực tổ chức thực hiện",
}
