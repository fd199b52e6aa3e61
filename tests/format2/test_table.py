"""The table of format 2: headers, funding, totals, sections, indicators, unmapped rows."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from format2_builder import Row, write_format2
from kcstats.model import FileResult, FileStatus, Report
from kcstats.reader import read_file
from reading import errors, warnings

SHEET = "Biểu 01"


def report_of(result: FileResult) -> Report:
    assert result.report is not None, [p.message("en") for p in result.problems]
    return result.report


def money(report: Report) -> dict[str, tuple[object, ...]]:
    return {
        f.source: (f.plan_projects, f.plan_money, f.actual_projects, f.actual_money)
        for f in report.funding
    }


def activities(report: Report) -> dict[tuple[str, str], tuple[object, object]]:
    return {(a.activity, a.source): (a.plan_money, a.actual_money) for a in report.activity_funding}


def indicators(report: Report) -> dict[str, tuple[object, object]]:
    return {i.code: (i.plan, i.actual) for i in report.indicators}


D = Decimal
EXPECTED_FUNDING = {
    "national": (2, D(1200), 1, D(800)),
    "local": (10, D(3000), 6, D(1500)),
}


@pytest.mark.parametrize("column_numbers", [False, True])
@pytest.mark.parametrize("header", ["simple", "count_money", "sources"])
def test_the_three_table_layouts_give_the_same_funding(
    tmp_path: Path, header: str, column_numbers: bool
) -> None:
    built = write_format2(tmp_path / "a.xlsx", header=header, column_numbers=column_numbers)
    result = read_file(built.path)
    assert result.problems == [], [p.message("en") for p in result.problems]
    report = report_of(result)
    expected = dict(EXPECTED_FUNDING)
    if header == "simple":  # its table gives the projects of national funds only
        expected["local"] = (None, D(3000), None, D(1500))
    assert money(report) == expected
    assert indicators(report)["trained_workers"] == (D(300), D(180))


def test_sections_carry_the_money_of_their_activity(tmp_path: Path) -> None:
    report = report_of(read_file(write_format2(tmp_path / "a.xlsx").path))
    assert activities(report) == {
        ("training", "total"): (D(900), D(500)),
        ("products", "total"): (D(600), D(400)),
        ("consulting", "total"): (D(300), D(100)),
    }
    assert indicators(report) == {
        "training_classes": (D(10), D(6)),
        "trained_workers": (D(300), D(180)),
        "fairs_held": (D(2), D(1)),
        "consulting_revenue": (D(50), D(20)),
    }


def test_sources_as_columns_give_activity_money_by_source(tmp_path: Path) -> None:
    report = report_of(read_file(write_format2(tmp_path / "a.xlsx", header="sources").path))
    assert activities(report) == {
        ("training", "national"): (D(400), D(200)),
        ("training", "local"): (D(500), D(300)),
        ("consulting", "local"): (D(300), D(100)),
    }


def test_count_and_money_rows_give_a_count_and_the_money_spent_on_it(tmp_path: Path) -> None:
    report = report_of(read_file(write_format2(tmp_path / "a.xlsx", header="count_money").path))
    # The section row 'I. Đào tạo nghề' counts 10 lớp: the one training indicator in lớp.
    assert indicators(report)["training_classes"] == (D(10), D(6))
    assert activities(report)[("training", "total")] == (D(900), D(500))


def test_a_section_with_no_money_of_its_own_sums_its_rows(tmp_path: Path) -> None:
    rows = [
        Row("Khuyến công địa phương", "triệu đồng", {"plan": 700, "actual": 450}),
        Row("Hội chợ, triển lãm", None, {}, "I"),
        Row("Hội chợ, triển lãm được tổ chức", "hội chợ", {"plan": 2, "actual": 1}, "1"),
        Row("Chi phí tổ chức hội chợ", "triệu đồng", {"plan": 600, "actual": 400}, "2", "costs"),
        Row("Thuê gian hàng", None, {"plan": 100, "actual": 50}, "3", "booths"),
    ]
    built = write_format2(tmp_path / "a.xlsx", rows)
    result = read_file(built.path)
    assert warnings(result) == [
        ("row-not-in-catalogue", SHEET, f"B{built.rows['costs']}"),
        ("row-not-in-catalogue", SHEET, f"B{built.rows['booths']}"),
    ]
    assert activities(report_of(result)) == {("products", "total"): (D(700), D(450))}
    assert [(u.label, u.section, u.plan, u.actual) for u in result.unmapped] == [
        ("Chi phí tổ chức hội chợ", "products", D(600), D(400)),
        ("Thuê gian hàng", "products", D(100), D(50)),
    ]
    assert result.unmapped[0].row == built.rows["costs"]


def test_money_in_a_section_that_names_no_activity_is_other_activities(tmp_path: Path) -> None:
    rows = [
        Row("Khuyến công địa phương", "triệu đồng", {"plan": 100, "actual": 80}),
        Row("Nhiệm vụ đột xuất của tỉnh", "triệu đồng", {"plan": 100, "actual": 80}, "I"),
    ]
    report = report_of(read_file(write_format2(tmp_path / "a.xlsx", rows).path))
    assert activities(report) == {("other_activities", "total"): (D(100), D(80))}


@pytest.mark.parametrize(
    ("heading", "activity"),
    [
        ("Nâng cao năng lực quản lý, khởi sự doanh nghiệp", "management"),  # longer wins
        ("Nâng cao năng lực cho cán bộ khuyến công", "capacity"),
        ("Hỗ trợ xây dựng mô hình trình diễn kỹ thuật", "demonstration"),
        ("Hội chợ và hợp tác", None),  # two groups equally long: an unknown section
    ],
)
def test_the_longest_heading_word_names_the_activity(
    tmp_path: Path, heading: str, activity: str | None
) -> None:
    rows = [Row(heading, "triệu đồng", {"plan": 100, "actual": 80}, "II")]
    report = report_of(read_file(write_format2(tmp_path / "a.xlsx", rows).path))
    assert [a.activity for a in report.activity_funding] == [activity or "other_activities"]


def test_short_labels_are_read_in_their_sections_context(tmp_path: Path) -> None:
    rows = [
        Row("Đào tạo nghề", None, {}, "I"),
        Row("Số lớp", "lớp", {"plan": 10, "actual": 8}, "1"),
        Row("Số lao động", "người", {"plan": 300, "actual": 250}, "2"),
        Row("Nâng cao năng lực quản lý doanh nghiệp", None, {}, "II"),
        Row("Số lớp", "lớp", {"plan": 4, "actual": 3}, "1"),
        Row("Số học viên", "người", {"plan": 120, "actual": 90}, "2"),
    ]
    result = read_file(write_format2(tmp_path / "a.xlsx", rows).path)
    assert result.problems == []
    assert indicators(report_of(result)) == {
        "training_classes": (D(10), D(8)),
        "trained_workers": (D(300), D(250)),
        "management_classes": (D(4), D(3)),
        "management_trainees": (D(120), D(90)),
    }


def test_recognised_products_are_read_by_level(tmp_path: Path) -> None:
    rows = [
        Row("Phát triển sản phẩm CNNT tiêu biểu", None, {}, "I"),
        Row("Sản phẩm được công nhận cấp tỉnh", "sản phẩm", {"plan": 20, "actual": 18}, "1"),
        Row("Sản phẩm được công nhận cấp khu vực", "bộ sản phẩm", {"plan": 5, "actual": 4}, "2"),
        Row("Cấp quốc gia", "sản phẩm", {"plan": 2, "actual": 1}, "3"),
    ]
    result = read_file(write_format2(tmp_path / "a.xlsx", rows).path)
    assert result.problems == []
    assert indicators(report_of(result)) == {
        "products_recognised_province": (D(20), D(18)),
        "products_recognised_regional": (D(5), D(4)),
        "products_recognised_national": (D(2), D(1)),
    }


def test_a_unit_that_contradicts_the_indicator_is_refused(tmp_path: Path) -> None:
    rows = [Row("Đào tạo nghề", None, {}, "I"), Row("Số lớp", "người", {"plan": 1, "actual": 1})]
    built = write_format2(tmp_path / "a.xlsx", rows)
    assert errors(read_file(built.path)) == [("unit-mismatch", SHEET, "C8")]


def test_a_total_including_counterpart_funds_is_noted_not_refused(tmp_path: Path) -> None:
    rows = [
        Row("TỔNG CỘNG (A+B+C)", "triệu đồng", {"plan": 4500, "actual": 2500}, None, "total"),
        Row("Khuyến công quốc gia", "triệu đồng", {"plan": 1200, "actual": 800}, "A"),
        Row("Khuyến công địa phương", "triệu đồng", {"plan": 3000, "actual": 1500}, "B"),
        Row("Kinh phí doanh nghiệp đối ứng", "triệu đồng", {"plan": 300, "actual": 200}, "C"),
    ]
    built = write_format2(tmp_path / "a.xlsx", rows)
    result = read_file(built.path)
    assert result.status == FileStatus.ACCEPTED
    assert [(p.code, p.severity.value, p.cell) for p in result.problems] == [
        ("total-includes-counterpart", "info", "D7"),
        ("total-includes-counterpart", "info", "E7"),
    ]
    assert money(report_of(result))["counterpart"] == (None, D(300), None, D(200))


def test_a_total_matching_neither_sum_is_refused_naming_both(tmp_path: Path) -> None:
    rows = [
        Row("Tổng kinh phí", "triệu đồng", {"plan": 4200, "actual": 2400}, None, "total"),
        Row("Khuyến công quốc gia", "triệu đồng", {"plan": 1200, "actual": 800}, "1"),
        Row("Khuyến công địa phương", "triệu đồng", {"plan": 3000, "actual": 1500}, "2"),
        Row("Vốn đối ứng", "triệu đồng", {"plan": 300, "actual": 200}, "3"),
    ]
    result = read_file(write_format2(tmp_path / "a.xlsx", rows).path)
    assert errors(result) == [("total-mismatch", SHEET, "E7")]
    assert "2.300" in result.problems[0].message("en") and "2.500" in result.problems[0].message(
        "en"
    )


def test_stated_percentages_and_last_year_are_checked_and_kept(tmp_path: Path) -> None:
    rows = [
        Row("Tư vấn", None, {}, "I"),
        Row(
            "Doanh thu tư vấn phát triển công nghiệp",
            "triệu đồng",
            {
                "plan": 9910,
                "actual": 4870,
                "percent": "49,1",
                "prior": 3168,
                "prior_percent": "153,7",
            },
        ),
        Row("Số dự án", "dự án", {"plan": 10, "actual": 5, "percent": 60, "prior": 4}, "2", "p"),
    ]
    built = write_format2(tmp_path / "a.xlsx", rows, prior=True)
    result = read_file(built.path)
    assert errors(result) == [("percent-mismatch", SHEET, f"F{built.rows['p']}")]
    assert result.status == FileStatus.REFUSED
    rows[2] = Row("Số dự án", "dự án", {"plan": 10, "actual": 5, "percent": 50, "prior": 4})
    report = report_of(read_file(write_format2(tmp_path / "b.xlsx", rows, prior=True).path))
    priors = {i.code: i.prior for i in report.indicators}
    assert priors == {"consulting_revenue": D(3168), "consulting_projects": D(4)}


def test_money_typed_the_vietnamese_way_is_exact(tmp_path: Path) -> None:
    rows = [
        Row("Khuyến công địa phương", "triệu đồng", {"plan": D("298300.98"), "actual": D("1505.5")})
    ]
    built = write_format2(tmp_path / "a.xlsx", rows, text_money=True, unit_at="row")
    report = report_of(read_file(built.path))
    assert money(report)["local"] == (None, D("298300.980"), None, D("1505.500"))


def test_notes_signature_block_and_what_follows_are_passed_over(tmp_path: Path) -> None:
    built = write_format2(
        tmp_path / "a.xlsx",
        extra={"E40": "Trần Văn B", "D42": "Long An, ngày 20 tháng 6 năm 2024", "F45": "12 cơ sở"},
    )
    result = read_file(built.path)
    assert result.problems == []


def test_the_table_ends_after_three_blank_rows(tmp_path: Path) -> None:
    rows = [
        Row("Khuyến công quốc gia", "triệu đồng", {"plan": 1200, "actual": 800}),
        *[Row(None) for _ in range(3)],
        Row("Bảng phụ: số liệu tham khảo", "triệu đồng", {"plan": "xem", "actual": "tệp đính kèm"}),
    ]
    built = write_format2(tmp_path / "a.xlsx", rows, signature=False, notes=False)
    assert read_file(built.path).problems == []


def test_a_count_on_a_section_row_with_no_unique_indicator_is_unmapped(tmp_path: Path) -> None:
    rows = [
        Row("Hội chợ, triển lãm, sản phẩm tiêu biểu", "sản phẩm", {"plan": 5, "actual": 3}, "I")
    ]
    result = read_file(write_format2(tmp_path / "a.xlsx", rows).path)
    assert warnings(result) == [("row-not-in-catalogue", SHEET, "B7")]
    assert result.unmapped[0].section == "products"


def test_sources_as_columns_with_counterpart_funds(tmp_path: Path) -> None:
    rows = [
        Row(
            "TỔNG CỘNG",
            "triệu đồng",
            {
                "plan_total": 4500,
                "plan_national": 1200,
                "plan_local": 3000,
                "plan_counterpart": 300,
                "actual_total": 2300,
                "actual_national": 800,
                "actual_local": 1500,
            },
        ),
        Row("Đào tạo nghề", "triệu đồng", {"actual_total": 500, "actual_local": 300}, "I"),
    ]
    built = write_format2(
        tmp_path / "a.xlsx", rows, header="sources", sources=("national", "local", "counterpart")
    )
    result = read_file(built.path)
    assert [(p.code, p.cell) for p in result.problems] == [
        ("total-mismatch", "H9"),  # 500 stated, but local alone gives 300
        ("total-includes-counterpart", "D8"),
    ]
    report = report_of(result)
    assert money(report)["counterpart"] == (None, D(300), None, None)
    assert money(report)["national"] == (None, D(1200), None, D(800))


def test_a_money_indicator_in_a_count_and_money_table_is_money_in_either_column(
    tmp_path: Path,
) -> None:
    rows = [
        Row("Tư vấn", None, {}, "I"),
        Row("Doanh thu tư vấn", "triệu đồng", {"plan_count": "50,5", "actual_count": "20,25"}, "1"),
        Row("Vốn đầu tư thu hút được", None, {"plan_money": 900, "actual_money": "1.200,5"}, "2"),
    ]
    built = write_format2(tmp_path / "a.xlsx", rows, header="count_money")
    result = read_file(built.path)
    assert result.problems == []
    assert indicators(report_of(result)) == {
        "consulting_revenue": (D("50.5"), D("20.25")),
        "investment_attracted": (D(900), D("1200.5")),
    }


def test_sources_given_under_an_activity_split_its_money_by_source(tmp_path: Path) -> None:
    rows = [
        Row("Khuyến công quốc gia", "triệu đồng", {"plan": 400, "actual": 200}),
        Row("Khuyến công địa phương", "triệu đồng", {"plan": 500, "actual": 300}),
        Row("Đào tạo nghề", "triệu đồng", {"plan": 900, "actual": 500}, "I"),
        Row("Trong đó: KCQG", "triệu đồng", {"plan": 400, "actual": 200}),
        Row("- Ngân sách tỉnh", "triệu đồng", {"plan": 500, "actual": 300}),
    ]
    result = read_file(write_format2(tmp_path / "a.xlsx", rows).path)
    assert result.problems == []
    report = report_of(result)
    assert activities(report) == {
        ("training", "national"): (D(400), D(200)),
        ("training", "local"): (D(500), D(300)),
    }
    assert money(report)["local"] == (None, D(500), None, D(300))


def test_a_cong_closing_a_section_is_its_subtotal_and_a_grand_total_is_the_reports(
    tmp_path: Path,
) -> None:
    rows = [
        Row("Khuyến công quốc gia", "triệu đồng", {"plan": 400, "actual": 200}),
        Row("Khuyến công địa phương", "triệu đồng", {"plan": 500, "actual": 400}),
        Row("Đào tạo nghề", None, {}, "I"),
        Row("Đào tạo nghề may công nghiệp", "triệu đồng", {"plan": 300, "actual": 200}, "1"),
        Row("Đào tạo nghề mây tre đan", "triệu đồng", {"plan": 200, "actual": 100}, "2"),
        Row("Cộng", "triệu đồng", {"plan": 500, "actual": 300}, None, "subtotal"),
        Row("Tư vấn", "triệu đồng", {"plan": 400, "actual": 300}, "II"),
        Row("TỔNG CỘNG", "triệu đồng", {"plan": 900, "actual": 600}, None, "total"),
    ]
    built = write_format2(tmp_path / "a.xlsx", rows)
    result = read_file(built.path)
    assert errors(result) == []
    assert activities(report_of(result)) == {
        ("training", "total"): (D(500), D(300)),
        ("consulting", "total"): (D(400), D(300)),
    }
    wrong = [*rows[:5], Row("Cộng", "triệu đồng", {"plan": 500, "actual": 350}), *rows[6:]]
    built = write_format2(tmp_path / "b.xlsx", wrong)
    # Not the section's sum, so it is taken for the report's total, which it is not either.
    assert [code for code, _, _ in errors(read_file(built.path))] == ["total-mismatch"] * 2


def test_a_section_count_stated_again_under_it_is_read_once(tmp_path: Path) -> None:
    rows = [
        Row("Đào tạo nghề", "người", {"plan": 300, "actual": 180}, "I"),
        Row("Số lao động được đào tạo", "người", {"plan": 300, "actual": 180}, "1"),
    ]
    result = read_file(write_format2(tmp_path / "a.xlsx", rows).path)
    assert result.problems == []
    assert indicators(report_of(result)) == {"trained_workers": (D(300), D(180))}
    rows[1] = Row("Số lao động được đào tạo", "người", {"plan": 300, "actual": 170}, "1")
    result = read_file(write_format2(tmp_path / "b.xlsx", rows).path)
    assert errors(result) == [("row-duplicate", SHEET, "B8")]


@pytest.mark.parametrize("signer", ["TL. GIÁM ĐỐC", "TUQ. GIÁM ĐỐC", "KT. GIÁM ĐỐC"])
def test_a_signature_block_starting_in_the_row_number_column_ends_the_table(
    tmp_path: Path, signer: str
) -> None:
    """Regression: 'Nơi nhận:' typed in column A (under the row numbers) with 'TL. GIÁM ĐỐC'
    beside it was read as table rows and refused as not-a-number at the signer's name."""
    rows = [
        Row("Khuyến công quốc gia", "triệu đồng", {"plan": 1200, "actual": 800}),
        Row(None),
    ]
    built = write_format2(tmp_path / "a.xlsx", rows, signature=False, notes=False)
    last = int(built.cells["header"][1:]) + len(rows)  # one header row, then the rows
    number_col, plan_col = "A", built.columns["plan"]
    extra = {
        f"{number_col}{last + 2}": "Nơi nhận:",
        f"{plan_col}{last + 2}": signer,
        f"{number_col}{last + 3}": "- Như trên;",
        f"{plan_col}{last + 3}": "TRƯỞNG PHÒNG",
        f"{plan_col}{last + 6}": "Nguyễn Văn B",
    }
    built = write_format2(tmp_path / "a.xlsx", rows, signature=False, notes=False, extra=extra)
    result = read_file(built.path)
    assert result.status == FileStatus.ACCEPTED and result.problems == []
    assert money(report_of(result))["national"] == (None, D(1200), None, D(800))


@pytest.mark.parametrize(
    "beside", ["GIÁM ĐỐC", "Nơi nhận:", "Thanh Hóa, ngày 20 tháng 12 năm 2024"]
)
def test_a_signature_block_beside_the_rows_neither_ends_nor_cuts_the_table(
    tmp_path: Path, beside: str
) -> None:
    """Regression: 'GIÁM ĐỐC' or 'Nơi nhận:' two columns to the right of the first data row
    ended the table there, and the rows below it were dropped without a word."""
    rows = [
        Row("Khuyến công quốc gia", "triệu đồng", {"plan": 1200, "actual": 800}),
        Row("Khuyến công địa phương", "triệu đồng", {"plan": 3000, "actual": 2500}),
    ]
    plain = write_format2(tmp_path / "plain.xlsx", rows, signature=False, notes=False)
    first = int(plain.cells["header"][1:]) + 1
    beyond = chr(ord(max(plain.columns.values())) + 2)  # two columns right of the table
    built = write_format2(
        tmp_path / "beside.xlsx",
        rows,
        signature=False,
        notes=False,
        extra={f"{beyond}{first}": beside, f"{beyond}{first + 3}": "Nguyễn Văn A"},
    )
    result = read_file(built.path)
    assert result.status == FileStatus.ACCEPTED and result.problems == []
    assert money(report_of(result)) == money(report_of(read_file(plain.path)))
    assert money(report_of(result))["local"] == (None, D(3000), None, D(2500))


def test_a_total_formula_never_calculated_is_a_warning_not_a_refusal(tmp_path: Path) -> None:
    """As in format 1: kcstats computes the total anyway, so a Tổng cộng formula with no
    saved value (a file written by a program) is passed over with a warning; a part with no
    saved value is still refused."""
    rows = [
        Row("Khuyến công quốc gia", "triệu đồng", {"plan": 1200, "actual": 800}),
        Row("Khuyến công địa phương", "triệu đồng", {"plan": 3000, "actual": 2500}),
        Row("Tổng cộng", "triệu đồng", {"plan": "=SUM(D1:D2)", "actual": "=SUM(E1:E2)"}),
    ]
    built = write_format2(tmp_path / "a.xlsx", rows, signature=False, notes=False)
    result = read_file(built.path)
    assert result.status == FileStatus.ACCEPTED
    total_row = int(built.cells["header"][1:]) + 3
    plan, actual = built.columns["plan"], built.columns["actual"]
    assert warnings(result) == [
        ("total-formula-without-value", SHEET, f"{plan}{total_row}"),
        ("total-formula-without-value", SHEET, f"{actual}{total_row}"),
    ]
    assert money(report_of(result))["local"] == (None, D(3000), None, D(2500))
    rows[0] = Row("Khuyến công quốc gia", "triệu đồng", {"plan": 1200, "actual": "=1+1"})
    refused = read_file(write_format2(tmp_path / "b.xlsx", rows, signature=False, notes=False).path)
    assert ("formula-without-value", SHEET, f"{actual}{total_row - 2}") in errors(refused)


def test_a_wrong_percent_of_last_year_is_named_as_such_at_its_cell(tmp_path: Path) -> None:
    """Regression: a wrong '% so cùng kỳ' was refused with the message of '% đạt kế hoạch',
    sending the reader to the wrong column."""
    rows = [
        Row(
            "Doanh thu tư vấn phát triển công nghiệp",
            "triệu đồng",
            {"plan": 9910, "actual": 4870, "prior": 3168, "prior_percent": "150"},
            "1",
            "r",
        ),
    ]
    built = write_format2(tmp_path / "a.xlsx", rows, prior=True)
    result = read_file(built.path)
    column = built.columns["prior_percent"]
    assert errors(result) == [("prior-percent-mismatch", SHEET, f"{column}{built.rows['r']}")]
    [problem] = result.errors
    computed = (D(4870) * 100 / D(3168)).quantize(D("0.01"))
    assert (problem.found_text(), problem.expected_text()) == (
        "150",
        str(computed).replace(".", ","),
    )
    assert "cùng kỳ" in problem.message("vi") and "last year" in problem.message("en")


def test_a_saved_total_over_parts_typed_as_text_stands_and_the_text_parts_are_warned(
    tmp_path: Path,
) -> None:
    """A spreadsheet's SUM leaves out parts typed as text: a total stored as a number that
    equals the parts stored as numbers is not refused; each text part gets
    number-stored-as-text at its cell (report-format.md). One that agrees with neither sum
    is still refused at the total cell."""

    def rows(plan_total: int) -> list[Row]:
        return [
            Row("Khuyến công quốc gia", "triệu đồng", {"plan": "1.500", "actual": 800}),
            Row("Khuyến công địa phương", "triệu đồng", {"plan": 3000, "actual": "2.100,5"}),
            Row("Tổng cộng", "triệu đồng", {"plan": plan_total, "actual": 800}),
        ]

    built = write_format2(tmp_path / "a.xlsx", rows(3000), signature=False, notes=False)
    result = read_file(built.path)
    first = int(built.cells["header"][1:]) + 1
    plan, actual = built.columns["plan"], built.columns["actual"]
    assert result.status == FileStatus.ACCEPTED
    assert warnings(result) == [
        ("number-stored-as-text", SHEET, f"{plan}{first}"),
        ("number-stored-as-text", SHEET, f"{actual}{first + 1}"),
    ]
    assert money(report_of(result))["national"] == (None, D(1500), None, D(800))
    wrong = write_format2(tmp_path / "b.xlsx", rows(2999), signature=False, notes=False)
    refused = read_file(wrong.path)
    assert ("total-mismatch", SHEET, f"{plan}{first + 2}") in errors(refused)
