"""The problem catalogue: every problem kcstats reports has a stable code, a severity and a
message template in Vietnamese and English.

Codes never change meaning once released; docs/problem-codes.md is generated from this
catalogue (a test keeps it current) so users can look any code up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from kcstats.trusted import trusted
from kcstats.untrusted import EXCERPT_CHARS, excerpt, name_text

Lang = Literal["vi", "en"]


class Severity(StrEnum):
    ERROR = "error"  # the file is refused
    WARNING = "warning"  # the file is accepted, the user should look
    INFO = "info"  # why a file was skipped


@dataclass(frozen=True, slots=True)
class ProblemType:
    code: str
    severity: Severity
    group: str
    vi: str
    en: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

_TYPES = [
    # Files that are not reports: skipped, never refused.
    ProblemType(
        "lock-file",
        _I,
        "file",
        "Tệp khóa do Excel/LibreOffice tạo khi đang mở tệp, bỏ qua.",
        "Lock file left by an office suite while a workbook is open; skipped.",
    ),
    ProblemType("hidden-file", _I, "file", "Tệp ẩn, bỏ qua.", "Hidden file; skipped."),
    ProblemType(
        "not-a-report-file",
        _I,
        "file",
        "Không phải tệp bảng tính (.xlsx, .xlsm, .xls, .ods), bỏ qua.",
        "Not a workbook file (.xlsx, .xlsm, .xls, .ods); skipped.",
    ),
    ProblemType(
        "folder-unreadable",
        _E,
        "file",
        "Không mở được thư mục này ({found}): các báo cáo trong đó chưa được đọc. Hãy cấp quyền "
        "đọc rồi chạy lại.",
        "This folder cannot be opened ({found}): any report in it was not read. Make it "
        "readable and run again.",
    ),
    ProblemType(
        "duplicate-copy",
        _I,
        "file",
        "Bản sao của báo cáo {other} (cùng số liệu); chỉ tính {other}.",
        "A copy of report {other} (same figures); only {other} counts.",
    ),
    ProblemType(
        "duplicate-superseded",
        _I,
        "file",
        "Bản cũ hơn (ngày lập {found}) của báo cáo trong {other} (ngày lập {expected}); "
        "theo --prefer newer chỉ tính {other}.",
        "An older version (dated {found}) of the report in {other} (dated {expected}); "
        "with --prefer newer only {other} counts.",
    ),
    ProblemType(
        "duplicate-replaced",
        _I,
        "file",
        "Báo cáo này được tính từ tệp {other}; tệp này vẫn bị từ chối vì các lỗi của nó.",
        "This report counts from file {other}; this file stays refused for its own problems.",
    ),
    # The container: refused before any parser reads it.
    ProblemType(
        "not-a-workbook",
        _E,
        "file",
        "Tệp không phải bảng tính thật ({found}), dù có đuôi {expected}.",
        "The file is not really a workbook ({found}) although it is named {expected}.",
    ),
    ProblemType(
        "encrypted-workbook",
        _E,
        "file",
        "Tệp được đặt mật khẩu; hãy gửi bản không mật khẩu.",
        "The workbook is password-protected; send it without a password.",
    ),
    ProblemType(
        "damaged-workbook",
        _E,
        "file",
        "Tệp bị hỏng, không đọc được ({found}). Hãy mở bằng Excel, lưu lại và gửi lại.",
        "The workbook is damaged and cannot be read ({found}). Open it in Excel, save and resend.",
    ),
    ProblemType(
        "file-too-large",
        _E,
        "file",
        "Tệp quá lớn để đọc an toàn: {found}, giới hạn {expected}.",
        "The file is too large to read safely: {found}, limit {expected}.",
    ),
    ProblemType(
        "unpacked-too-large",
        _E,
        "file",
        "Tệp giải nén ra quá lớn (có thể là zip bomb): {found}, giới hạn {expected}.",
        "The workbook unpacks to too much data (a possible zip bomb): {found}, limit {expected}.",
    ),
    ProblemType(
        "xml-entities",
        _E,
        "file",
        "Phần {found} của tệp khai báo DOCTYPE/thực thể XML, không an toàn để đọc.",
        "Part {found} of the workbook declares a DOCTYPE or XML entities, unsafe to read.",
    ),
    ProblemType(
        "sheet-too-large",
        _E,
        "file",
        "Trang tính có ô ở {found}, vượt phạm vi một báo cáo ({expected}). "
        "Hãy xóa các ô thừa ở xa bảng số liệu.",
        "The sheet has a cell at {found}, beyond what a report can hold ({expected}). "
        "Delete the stray cells far from the tables.",
    ),
    ProblemType(
        "read-timeout",
        _E,
        "file",
        "Đọc tệp mất quá {expected} giây, đã dừng.",
        "Reading the file took more than {expected} seconds and was stopped.",
    ),
    ProblemType(
        "read-crashed",
        _E,
        "file",
        "Trình đọc dừng bất thường khi đọc tệp ({found}); tệp có thể hỏng hoặc vượt giới hạn bộ nhớ.",
        "The reader stopped abnormally on this file ({found}); it may be damaged or exceed the memory limit.",
    ),
    # Sheets.
    ProblemType(
        "sheet-missing",
        _E,
        "sheet",
        'Thiếu trang tính "{expected}". Các trang có: {found}.',
        'Sheet "{expected}" is missing. Sheets found: {found}.',
    ),
    ProblemType(
        "sheet-ambiguous",
        _E,
        "sheet",
        'Có nhiều trang tính cùng là "{expected}": {found}. Hãy giữ lại một trang.',
        'Several sheets could be "{expected}": {found}. Keep only one.',
    ),
    ProblemType(
        "hidden-sheet-ignored",
        _W,
        "sheet",
        'Trang tính ẩn "{found}" không được đọc.',
        'Hidden sheet "{found}" was not read.',
    ),
    # Report facts (sheet Thông tin).
    ProblemType(
        "fact-missing",
        _E,
        "facts",
        "Thiếu thông tin bắt buộc: {expected}.",
        "A required fact is missing: {expected}.",
    ),
    ProblemType(
        "year-invalid",
        _E,
        "facts",
        'Năm báo cáo "{found}" không hợp lệ; cần một năm từ {expected}.',
        'Report year "{found}" is not valid; expected a year from {expected}.',
    ),
    ProblemType(
        "period-unknown",
        _E,
        "facts",
        'Kỳ báo cáo "{found}" không rõ; cần một trong: {expected}.',
        'Unknown report period "{found}"; expected one of: {expected}.',
    ),
    ProblemType(
        "money-unit-unknown",
        _E,
        "facts",
        'Đơn vị tiền "{found}" không rõ; cần một trong: {expected}.',
        'Unknown money unit "{found}"; expected one of: {expected}.',
    ),
    ProblemType(
        "province-unknown",
        _E,
        "facts",
        'Không nhận ra tỉnh/thành phố "{found}".',
        'Province "{found}" is not recognised.',
    ),
    ProblemType(
        "province-renamed",
        _W,
        "facts",
        "{found} đã đổi tên thành {expected} (từ {since}); báo cáo được đọc là của {expected}.",
        "{found} was renamed {expected} (from {since}); the report is read as {expected}'s.",
    ),
    ProblemType(
        "province-abolished",
        _E,
        "facts",
        '"{found}" không còn là đơn vị hành chính cấp tỉnh vào cuối kỳ báo cáo: '
        "đã hợp nhất vào {expected} từ ngày 1/7/2025.",
        '"{found}" no longer existed at the end of the report\'s period: '
        "it was merged into {expected} on 1 July 2025.",
    ),
    # Tables.
    ProblemType(
        "header-not-found",
        _E,
        "table",
        "Không tìm thấy dòng tiêu đề của bảng ({expected}).",
        "The table's header row was not found ({expected}).",
    ),
    ProblemType(
        "column-missing",
        _E,
        "table",
        'Bảng thiếu cột "{expected}".',
        'The table has no column "{expected}".',
    ),
    ProblemType(
        "source-unknown",
        _E,
        "table",
        'Không nhận ra nguồn kinh phí "{found}"; cần một trong: {expected}.',
        'Unknown funding source "{found}"; expected one of: {expected}.',
    ),
    ProblemType(
        "indicator-unknown",
        _E,
        "table",
        'Không nhận ra chỉ tiêu "{found}" (mã hoặc tên không có trong danh mục).',
        'Unknown indicator "{found}" (neither code nor label is in the catalogue).',
    ),
    ProblemType(
        "row-duplicate",
        _E,
        "table",
        '"{found}" xuất hiện nhiều lần; lần trước ở dòng {expected}.',
        '"{found}" appears more than once; first at row {expected}.',
    ),
    ProblemType(
        "unit-mismatch",
        _E,
        "table",
        'Đơn vị "{found}" không khớp danh mục; cần "{expected}".',
        'Unit "{found}" does not match the catalogue; expected "{expected}".',
    ),
    # Figures.
    ProblemType(
        "not-a-number",
        _E,
        "figure",
        'Ô chứa "{found}", cần một số.',
        'The cell holds "{found}"; a number is expected.',
    ),
    ProblemType(
        "negative-number",
        _E,
        "figure",
        "Số âm {found}; số liệu phải từ 0 trở lên.",
        "Negative figure {found}; figures are zero or more.",
    ),
    ProblemType(
        "fraction-in-count",
        _E,
        "figure",
        "Số lượng phải là số nguyên, ô chứa {found}.",
        "A count must be a whole number; the cell holds {found}.",
    ),
    ProblemType(
        "number-too-large",
        _E,
        "figure",
        "Số {found} quá lớn (phải nhỏ hơn 10^15).",
        "Figure {found} is too large (must be below 10^15).",
    ),
    ProblemType(
        "too-many-digits",
        _E,
        "figure",
        '"{found}" có quá 15 chữ số, không đọc chính xác được.',
        '"{found}" has more than 15 digits and cannot be read exactly.',
    ),
    ProblemType(
        "ambiguous-number",
        _E,
        "figure",
        '"{found}" đọc được nhiều cách. Theo quy ước Việt Nam dấu chấm phân cách hàng nghìn '
        "và dấu phẩy là dấu thập phân: hãy viết {expected}.",
        '"{found}" can be read more than one way. In the Vietnamese convention a dot groups '
        "thousands and a comma marks decimals: write {expected}.",
    ),
    ProblemType(
        "formula-without-value",
        _E,
        "figure",
        "Ô có công thức {found} nhưng không có giá trị đã tính. Hãy mở tệp bằng Excel và lưu lại.",
        "The cell holds formula {found} with no saved value. Open the file in Excel and save it.",
    ),
    ProblemType(
        "error-value",
        _E,
        "figure",
        "Ô chứa giá trị lỗi {found}.",
        "The cell holds the error value {found}.",
    ),
    ProblemType(
        "total-formula-without-value",
        _W,
        "figure",
        "Ô tổng có công thức {found} chưa tính; kcstats tự tính tổng.",
        "The total cell holds formula {found} with no saved value; kcstats computes the total itself.",
    ),
    ProblemType(
        "number-stored-as-text",
        _W,
        "figure",
        "Số {found} được nhập dưới dạng chữ, nên công thức tổng của bảng tính bỏ qua nó; "
        "kcstats vẫn đọc là {expected}. Hãy nhập lại ô này dưới dạng số.",
        "The figure {found} is stored as text, so the spreadsheet's total formula leaves it "
        "out; kcstats reads it as {expected}. Retype the cell as a number.",
    ),
    ProblemType(
        "money-rounded",
        _W,
        "figure",
        "Số tiền {found} được làm tròn thành {expected} (đến 0,001 triệu đồng).",
        "Money {found} was rounded to {expected} (to 0.001 triệu đồng).",
    ),
    # Cross-checks.
    ProblemType(
        "total-mismatch",
        _E,
        "check",
        "Dòng tổng ghi {found}, nhưng tổng các nguồn là {expected}.",
        "The stated total is {found}, but the sources add up to {expected}.",
    ),
    ProblemType(
        "percent-mismatch",
        _E,
        "check",
        "Tỷ lệ % đạt kế hoạch ghi {found}, nhưng tính ra {expected}.",
        "The stated percent of plan is {found}, but it computes to {expected}.",
    ),
    ProblemType(
        "prior-percent-mismatch",
        _E,
        "check",
        "Tỷ lệ % so với cùng kỳ năm trước ghi {found}, nhưng tính ra {expected}.",
        "The stated percent of the same period last year is {found}, but it computes to "
        "{expected}.",
    ),
    ProblemType(
        "duplicate-conflict",
        _E,
        "file",
        "Tệp này và {other}{more_vi} cùng báo cáo {expected} nhưng số liệu khác nhau; "
        "kcstats không đoán tệp nào đúng.",
        "This file and {other}{more_en} both report {expected} with different figures; "
        "kcstats does not guess which one is right.",
    ),
    ProblemType(
        "prior-year-mismatch",
        _W,
        "check",
        '{measure} "{indicator}": cột "Cùng kỳ năm trước" ghi {found}, nhưng báo cáo năm trước ({other}) ghi {expected}.',
        '{measure_en} "{indicator_en}": the same-period-last-year column says {found}, but last year\'s report ({other}) says {expected}.',
    ),
    # Format 2, the administrative report table (report-format-2.md).
    ProblemType(
        "prior-total-unchecked",
        _W,
        "check",
        'Dòng tổng ghi "Cùng kỳ năm trước" là {found}, nhưng không nguồn hay mục nào ghi cùng kỳ '
        "để đối chiếu; số này không được giữ trong báo cáo.",
        "The total row states {found} for the same period last year, but no source or "
        "activity states one to check it against; the figure is not kept.",
    ),
    ProblemType(
        "layout-unknown",
        _E,
        "sheet",
        "Không nhận ra bố cục báo cáo. Cần một trong hai: {expected}. Các trang có: {found}.",
        "The workbook follows neither report layout. Expected one of: {expected}. "
        "Sheets found: {found}.",
    ),
    ProblemType(
        "second-table-ignored",
        _W,
        "sheet",
        'Trang tính "{found}" cũng có một bảng số liệu; kcstats chỉ đọc bảng của trang "{expected}".',
        'Sheet "{found}" holds a table too; kcstats read only the one on sheet "{expected}".',
    ),
    ProblemType(
        "province-missing",
        _E,
        "facts",
        "Không tìm thấy tỉnh/thành phố ở phần đầu báo cáo ({expected}).",
        "No province found above the table ({expected}).",
    ),
    ProblemType(
        "province-conflict",
        _E,
        "facts",
        'Báo cáo ghi hai tỉnh/thành phố khác nhau: "{found}" ở đây và "{expected}" ở ô {other}.',
        'The report names two different provinces: "{found}" here and "{expected}" at {other}.',
    ),
    ProblemType(
        "year-missing",
        _E,
        "facts",
        "Không tìm thấy năm báo cáo trong tiêu đề hay tiêu đề cột ({expected}).",
        "No report year found in the title or the column headers ({expected}).",
    ),
    ProblemType(
        "year-conflict",
        _E,
        "facts",
        'Năm "{found}" ở đây khác năm "{expected}" ở ô {other}.',
        'Year "{found}" here disagrees with year "{expected}" at {other}.',
    ),
    ProblemType(
        "period-missing",
        _E,
        "facts",
        "Không tìm thấy kỳ báo cáo trong tiêu đề hay tiêu đề cột ({expected}).",
        "No report period found in the title or the column headers ({expected}).",
    ),
    ProblemType(
        "period-conflict",
        _E,
        "facts",
        'Kỳ báo cáo "{found}" ở đây khác kỳ "{expected}" ở ô {other}.',
        'Report period "{found}" here disagrees with period "{expected}" at {other}.',
    ),
    ProblemType(
        "money-unit-assumed",
        _W,
        "facts",
        "Báo cáo không ghi đơn vị tiền; kcstats hiểu là {expected}.",
        "The report names no money unit; kcstats read money as {expected}.",
    ),
    ProblemType(
        "row-not-in-catalogue",
        _W,
        "table",
        'Dòng "{found}" (ĐVT {unit}, mục {section}) không có trong danh mục chỉ tiêu; '
        "số liệu ({figures}) được giữ trong danh sách dòng chưa ánh xạ.",
        'Row "{found}" (unit {unit}, section {section}) is not in the indicator catalogue; '
        "its figures ({figures}) are kept among the unmapped rows.",
    ),
    ProblemType(
        "total-includes-counterpart",
        _I,
        "check",
        "Dòng tổng {found} gồm cả vốn đối ứng (KCQG + KCĐP + đối ứng = {expected}); đã chấp nhận.",
        "The stated total {found} includes counterpart funds (national + local + counterpart "
        "= {expected}); accepted.",
    ),
    ProblemType(
        "activity-parts-differ",
        _W,
        "check",
        "Kinh phí của mục ghi {found}, nhưng các dòng trong mục cộng lại {expected}.",
        "The section row states {found}, but the money on the rows under it adds up to {expected}.",
    ),
]

CATALOGUE: dict[str, ProblemType] = {t.code: t for t in _TYPES}


class Problem(BaseModel):
    """One problem found in one file, at one place."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    sheet: str | None = None
    cell: str | None = None
    found: str | None = None
    expected: str | None = None
    message_vi: str
    message_en: str

    def message(self, lang: Lang = "vi") -> str:
        return self.message_vi if lang == "vi" else self.message_en

    def as_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        """The shape of outputs.md: {code, severity, sheet, cell, found, expected, message}."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "sheet": self.sheet,
            "cell": self.cell,
            "found": self.found,
            "expected": self.expected,
            "message": self.message(lang),
        }


def problem(
    code: str,
    *,
    sheet: str | None = None,
    cell: str | None = None,
    found: object = None,
    expected: object = None,
    **params: object,
) -> Problem:
    """Build a problem from the catalogue; an unknown code is a programming error."""
    kind = CATALOGUE[code]
    # Texts from a workbook (a 50 MB cell) or a file name (bytes that are not UTF-8) enter a
    # problem bounded and showable: every output that shows the problem then is too.
    found_text = None if found is None else _bounded(str(found), EXCERPT_CHARS)
    expected_text = None if expected is None else _bounded(str(expected), EXCERPT_CHARS)
    sheet = None if sheet is None else _bounded(sheet, EXCERPT_CHARS)
    cell = None if cell is None else _bounded(cell, EXCERPT_CHARS)
    bounded = {k: _bounded(v, _PARAM_CHARS) if isinstance(v, str) else v for k, v in params.items()}
    values = {"found": found_text or "", "expected": expected_text or "", **bounded}
    # Every value is a str or None, or the catalogue's own severity: nothing to validate.
    return trusted(
        Problem,
        {
            "code": code,
            "severity": kind.severity,
            "sheet": sheet,
            "cell": cell,
            "found": found_text,
            "expected": expected_text,
            "message_vi": kind.vi.format(**values),
            "message_en": kind.en.format(**values),
        },
    )


# A parameter may name files (a conflict names a few others): room for a few long paths.
_PARAM_CHARS = 4 * EXCERPT_CHARS


def _bounded(text: str, limit: int) -> str:
    return excerpt(name_text(text), limit)


def cell_name(row: int, col: int) -> str:
    """A1 name of a zero-based (row, col): (0, 0) -> 'A1', (4, 27) -> 'AB5'."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"
