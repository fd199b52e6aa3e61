"""Every sentence a template says to the person filling it in, in Vietnamese and English.

Placeholders ({periods}, {units}, ...) are filled from the catalogue by the sheet writers, so
that the instructions name exactly the labels, periods and units the reader accepts.
"""

from __future__ import annotations

from kcstats.problems import Lang

TEXTS: dict[Lang, dict[str, str]] = {
    "vi": {
        # Titles and notes on the report sheets.
        "info_title": "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG",
        "info_note": "Điền các ô màu vàng; xem cách điền ở trang “Hướng dẫn”.",
        "funding_title": "KINH PHÍ KHUYẾN CÔNG",
        "funding_note": "Số tiền tính theo “{money_unit_label}” ở trang Thông tin. "
        "Dòng {total} do Excel tự tính.",
        "outside_total": "Ngoài khuyến công (không cộng vào {total}):",
        "total_comment": "{total} = {parts} (Excel tự tính, không cần nhập). "
        "{others} không cộng vào {total}.",
        "results_title": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KHUYẾN CÔNG",
        "results_note": "Để trống = không báo cáo; ghi 0 = đã báo cáo và kết quả bằng 0.",
        # Comments on indicator labels.
        "indicator_code": "Mã chỉ tiêu: {code}",
        "indicator_unit": "Đơn vị tính: {unit}",
        "indicator_count": "Ghi số nguyên từ 0 trở lên.",
        "indicator_money": "Ghi số tiền từ 0 trở lên, theo đơn vị ở cột Đơn vị tính của dòng "
        "này (có thể chọn {units}).",
        "indicator_blank": "Để trống nếu không báo cáo; ghi 0 nếu kết quả bằng 0.",
        "indicator_other_language": "Tiếng Anh: {label}",
        # Data validation: input messages (title ≤ 32 characters, text ≤ 255) and errors.
        "province_prompt_title": "Tỉnh/Thành phố",
        "province_prompt": "Chọn tỉnh, thành phố trong danh sách ({era}).",
        "province_error_title": "Tỉnh/thành phố không có",
        "province_error": "Hãy chọn một tỉnh, thành phố trong danh sách.",
        "year_prompt_title": "Năm báo cáo",
        "year_prompt": "Ghi năm bằng 4 chữ số, ví dụ 2025.",
        "year_error_title": "Năm không hợp lệ",
        "year_error": "Năm phải là số nguyên từ {low} đến {high}.",
        "period_prompt_title": "Kỳ báo cáo",
        "period_prompt": "Chọn kỳ: {periods}.",
        "period_error_title": "Kỳ báo cáo không có",
        "period_error": "Hãy chọn một kỳ trong danh sách: {periods}.",
        "unit_prompt_title": "Đơn vị tiền",
        "unit_prompt": "Đơn vị của mọi số tiền trong báo cáo: {units}. Để trống là {default}.",
        "row_unit_prompt": "Đơn vị của số tiền trên dòng này: {units}.",
        "unit_error_title": "Đơn vị tiền không có",
        "unit_error": "Hãy chọn một đơn vị trong danh sách: {units}.",
        "count_prompt_title": "Số lượng",
        "count_prompt": "Số nguyên từ 0 trở lên. Để trống nếu không báo cáo; ghi 0 nếu "
        "kết quả bằng 0.",
        "count_error_title": "Cần số nguyên từ 0 trở lên",
        "count_error": "Ô này nhận số nguyên từ 0 trở lên: không ghi chữ, số âm hay số thập phân.",
        "money_prompt_title": "Số tiền",
        "money_prompt": "Số từ 0 trở lên, theo đơn vị tiền của báo cáo. Để trống nếu không "
        "báo cáo; ghi 0 nếu bằng 0.",
        "money_error_title": "Cần số từ 0 trở lên",
        "money_error": "Ô này nhận số từ 0 trở lên: không ghi chữ hay số âm.",
        # The eras of the province list.
        "era_63": "63 tỉnh, thành phố, đến 30/6/2025",
        "era_34": "34 tỉnh, thành phố, từ 1/7/2025",
        "era_open": "tên trước và sau ngày 1/7/2025; kỳ báo cáo quyết định tên nào đúng",
        # The instructions sheet.
        "guide_title": "HƯỚNG DẪN ĐIỀN BÁO CÁO KHUYẾN CÔNG",
        "guide_for": "Mẫu cho: {province} · {period} · năm {year} · danh sách tỉnh: {era}.",
        "guide_unset": "(chưa chọn)",
        "guide_general": "1. Chung",
        "guide_general_1": "Chỉ điền vào các ô màu vàng. Các ô khác được khóa (bảo vệ trang, "
        "không đặt mật khẩu) để giữ nguyên các nhãn mà phần mềm tổng hợp đọc.",
        "guide_general_2": "Không đổi tên, xóa hay ẩn các trang “{sheets}”; không thêm, xóa "
        "hay đổi chỗ dòng, cột trong các bảng.",
        "guide_general_3": "Ô để trống nghĩa là KHÔNG BÁO CÁO. Ghi 0 nghĩa là đã báo cáo và kết "
        "quả bằng 0. Đừng ghi 0 thay cho ô trống, và đừng để trống khi kết quả là 0.",
        "guide_general_4": "Nhập số trực tiếp vào ô. Nếu gõ số dạng chữ, dùng dấu chấm phân cách "
        "hàng nghìn và dấu phẩy thập phân: 1.505 là một nghìn năm trăm linh năm, 54,06 là năm "
        "mươi tư phẩy không sáu. Không viết 1.5 hay 1,234.5 (đọc được nhiều cách).",
        "guide_general_5": "Không ghi chữ, đơn vị hay công thức vào ô số liệu; ghi chú đặt ở cột "
        "“{note}” của trang Chỉ tiêu hoặc ô “{note}” của trang Thông tin.",
        "guide_info": "2. Trang “{sheet}”",
        "guide_info_province": "{label}: chọn trong danh sách (bắt buộc).",
        "guide_info_year": "{label}: năm báo cáo, 4 chữ số (bắt buộc).",
        "guide_info_period": "{label}: {periods} (bắt buộc).",
        "guide_info_unit": "{label}: đơn vị của mọi số tiền trong báo cáo: {units}. "
        "Để trống là {default}.",
        "guide_info_optional": "{labels}: không bắt buộc.",
        "guide_funding": "3. Trang “{sheet}”",
        "guide_funding_1": "Mỗi dòng một nguồn kinh phí; các cột: {columns}.",
        "guide_funding_2": "Số đề án là số nguyên từ 0 trở lên. Kinh phí là số từ 0 trở lên, "
        "theo đơn vị tiền ở trang Thông tin (mặc định {default}).",
        "guide_funding_3": "Dòng “{total}” do Excel tự tính bằng {parts}; không nhập vào dòng này.",
        "guide_funding_4": "{others} được báo cáo riêng, không cộng vào {total}.",
        "guide_results": "4. Trang “{sheet}”",
        "guide_results_1": "Mỗi dòng một chỉ tiêu; ghi {columns}.",
        "guide_results_2": "Đơn vị của từng chỉ tiêu ở cột “{unit}”. Chỉ tiêu đếm (lao động, "
        "lớp, cơ sở…) ghi số nguyên từ 0 trở lên.",
        "guide_results_3": "Chỉ tiêu tiền ({money}) ghi theo đơn vị ở cột “{unit}” của dòng đó; "
        "có thể chọn đơn vị khác trong danh sách: {units}.",
        "guide_results_4": "Di chuột vào tên một chỉ tiêu để xem giải thích.",
        "guide_send": "5. Gửi báo cáo",
        "guide_send_1": "Lưu tệp dạng Excel (.xlsx), không đặt mật khẩu; tên tệp tùy ý, "
        "phần mềm đọc tỉnh, năm và kỳ từ trang Thông tin.",
        "guide_send_2": "Mở tệp bằng Excel hoặc LibreOffice và lưu lại trước khi gửi, để dòng "
        "tổng có giá trị đã tính.",
        "guide_send_3": "Nếu báo cáo có lỗi, đơn vị sẽ nhận lại một bản sao tô đỏ các ô lỗi, "
        "kèm giải thích ở từng ô và ở trang “Lỗi”.",
        "guide_catalogue": "6. Danh mục chỉ tiêu",
        "guide_kind_count": "số nguyên",
        "guide_kind_money": "số tiền",
        "guide_kind": "Loại số",
    },
    "en": {
        "info_title": "KHUYẾN CÔNG (INDUSTRIAL EXTENSION) REPORT",
        "info_note": "Fill in the yellow cells; sheet “Hướng dẫn” explains how.",
        "funding_title": "KHUYẾN CÔNG FUNDING",
        "funding_note": "Money is in the “{money_unit_label}” of sheet Thông tin. "
        "The {total} row is computed by Excel.",
        "outside_total": "Outside khuyến công (not part of the {total}):",
        "total_comment": "{total} = {parts} (computed by Excel, nothing to type). "
        "{others} are not part of the {total}.",
        "results_title": "KHUYẾN CÔNG RESULTS BY INDICATOR",
        "results_note": "Blank = not reported; 0 = reported, and the result was zero.",
        "indicator_code": "Indicator code: {code}",
        "indicator_unit": "Unit: {unit}",
        "indicator_count": "Write a whole number, zero or more.",
        "indicator_money": "Write an amount, zero or more, in the unit of this row's Unit cell "
        "(you may choose {units}).",
        "indicator_blank": "Leave blank if not reported; write 0 if the result was zero.",
        "indicator_other_language": "Vietnamese: {label}",
        "province_prompt_title": "Province",
        "province_prompt": "Choose a province from the list ({era}).",
        "province_error_title": "Province not in the list",
        "province_error": "Choose a province from the list.",
        "year_prompt_title": "Report year",
        "year_prompt": "The year in 4 digits, e.g. 2025.",
        "year_error_title": "Year not valid",
        "year_error": "The year must be a whole number from {low} to {high}.",
        "period_prompt_title": "Period",
        "period_prompt": "Choose a period: {periods}.",
        "period_error_title": "Period not in the list",
        "period_error": "Choose a period from the list: {periods}.",
        "unit_prompt_title": "Money unit",
        "unit_prompt": "The unit of every amount in the report: {units}. Blank means {default}.",
        "row_unit_prompt": "The unit of the amounts on this row: {units}.",
        "unit_error_title": "Money unit not in the list",
        "unit_error": "Choose a unit from the list: {units}.",
        "count_prompt_title": "Count",
        "count_prompt": "A whole number, zero or more. Blank if not reported; 0 if the result "
        "was zero.",
        "count_error_title": "Whole number ≥ 0 needed",
        "count_error": "This cell takes a whole number, zero or more: no text, negative or "
        "fractional numbers.",
        "money_prompt_title": "Amount",
        "money_prompt": "A number, zero or more, in the report's money unit. Blank if not "
        "reported; 0 if it was zero.",
        "money_error_title": "Number ≥ 0 needed",
        "money_error": "This cell takes a number, zero or more: no text or negative numbers.",
        "era_63": "63 provinces and cities, until 30 June 2025",
        "era_34": "34 provinces and cities, from 1 July 2025",
        "era_open": "names before and after 1 July 2025; the period decides which is right",
        "guide_title": "HOW TO FILL IN THE KHUYẾN CÔNG REPORT",
        "guide_for": "Template for: {province} · {period} · year {year} · province list: {era}.",
        "guide_unset": "(not chosen)",
        "guide_general": "1. General",
        "guide_general_1": "Fill in only the yellow cells. The others are locked (sheet "
        "protection without a password) so that the labels the software reads stay as they are.",
        "guide_general_2": "Do not rename, delete or hide the sheets “{sheets}” (their names stay "
        "in Vietnamese); do not add, delete or move rows or columns in the tables.",
        "guide_general_3": "A blank cell means NOT REPORTED. 0 means reported, and the result "
        "was zero. Do not write 0 for a blank, and do not leave a cell blank when the result "
        "is zero.",
        "guide_general_4": "Type numbers straight into the cells. If you type a number as text, "
        "use the Vietnamese convention: a dot groups thousands and a comma marks decimals, so "
        "1.505 is one thousand five hundred and five and 54,06 is fifty-four point zero six. "
        "Do not write 1.5 or 1,234.5 (they read more than one way).",
        "guide_general_5": "Do not put words, units or formulas in figure cells; notes go in "
        "the “{note}” column of sheet Chỉ tiêu or the “{note}” cell of sheet Thông tin.",
        "guide_info": "2. Sheet “{sheet}”",
        "guide_info_province": "{label}: choose from the list (required).",
        "guide_info_year": "{label}: the report year, 4 digits (required).",
        "guide_info_period": "{label}: {periods} (required).",
        "guide_info_unit": "{label}: the unit of every amount in the report: {units}. "
        "Blank means {default}.",
        "guide_info_optional": "{labels}: optional.",
        "guide_funding": "3. Sheet “{sheet}”",
        "guide_funding_1": "One row per source of funds; the columns: {columns}.",
        "guide_funding_2": "Projects are whole numbers, zero or more. Money is a number, zero "
        "or more, in the money unit of sheet Thông tin (by default {default}).",
        "guide_funding_3": "The “{total}” row is computed by Excel as {parts}; do not type in it.",
        "guide_funding_4": "{others} are reported on their own and are not part of the {total}.",
        "guide_results": "4. Sheet “{sheet}”",
        "guide_results_1": "One row per indicator; write {columns}.",
        "guide_results_2": "Each indicator's unit is in the “{unit}” column. Counted "
        "indicators (workers, classes, facilities…) take whole numbers, zero or more.",
        "guide_results_3": "Money indicators ({money}) are in the unit of that row's “{unit}” "
        "cell; you may choose another from the list: {units}.",
        "guide_results_4": "Hover over an indicator's label to read what it counts.",
        "guide_send": "5. Sending the report",
        "guide_send_1": "Save as an Excel workbook (.xlsx) without a password; any file name "
        "will do, the software reads province, year and period from sheet Thông tin.",
        "guide_send_2": "Open the file in Excel or LibreOffice and save it before sending, so "
        "that the total row holds its computed values.",
        "guide_send_3": "If the report has problems, you receive a copy with the cells in "
        "question filled red, each explained in a comment and on sheet “Lỗi”.",
        "guide_catalogue": "6. The indicators",
        "guide_kind_count": "whole number",
        "guide_kind_money": "money",
        "guide_kind": "Kind",
    },
}


def text(lang: Lang, key: str, **values: object) -> str:
    return TEXTS[lang][key].format(**values)


def joined(items: list[str], lang: Lang) -> str:
    """'a, b hoặc c' / 'a, b or c'."""
    if len(items) < 2:
        return "".join(items)
    last = " hoặc " if lang == "vi" else " or "
    return ", ".join(items[:-1]) + last + items[-1]
