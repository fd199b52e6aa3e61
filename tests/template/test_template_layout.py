"""What a template holds: the three report sheets with the catalogue's labels, instructions,
a very hidden lists sheet, drop-downs and number rules, comments, and protected labels."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from template_filling import (
    FUNDING,
    INFO,
    RESULTS,
    fact_cell,
    funding_cell,
    header_columns,
    indicator_cell,
    row_of,
)

from kcstats.catalog import Catalogue
from kcstats.problems import Lang
from kcstats.template import write_template
from kcstats.template.labels import FUNDING_FIGURES, RESULT_FIGURES
from kcstats.text import fold, fold_label

GUIDE, LISTS = "Hướng dẫn", "Danh mục"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    path = tmp_path_factory.mktemp("template") / "bao-cao.xlsx"
    return openpyxl.load_workbook(write_template(path, province="Long An", year=2024, period="H1"))


def rules_at(ws: Worksheet, ref: str) -> list[DataValidation]:
    return [dv for dv in ws.data_validations.dataValidation if ref in dv.sqref]


def list_items(wb: Workbook, formula: str) -> list[str]:
    match = re.fullmatch(r"'?(.+?)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", formula)
    assert match is not None, formula
    sheet, col, first, _, last = match.groups()
    return [wb[sheet][f"{col}{row}"].value for row in range(int(first), int(last) + 1)]


def test_sheets_are_the_three_report_sheets_then_instructions_then_hidden_lists(
    template: Workbook,
) -> None:
    assert template.sheetnames == [INFO, FUNDING, RESULTS, GUIDE, LISTS]
    assert [template[n].sheet_state for n in template.sheetnames] == ["visible"] * 4 + [
        "veryHidden"
    ]
    assert template.active is not None and template.active.title == INFO


def test_facts_are_labelled_as_the_catalogue_names_them_and_prefilled(
    template: Workbook, catalogue: Catalogue
) -> None:
    for key in (
        "province",
        "year",
        "period",
        "money_unit",
        "reporting_unit",
        "prepared_by",
        "prepared_on",
        "note",
    ):
        label = template[INFO].cell(row=fact_cell(template, key).row, column=1).value
        assert catalogue.fact_index[fold_label(label)] == key
    assert [fact_cell(template, k).value for k in ("province", "year", "period", "money_unit")] == [
        "Long An",
        2024,
        "6 tháng",
        "triệu đồng",
    ]
    assert fact_cell(template, "reporting_unit").value is None


def test_nothing_stands_right_of_a_fact_value_for_the_reader_to_mistake_for_it(
    template: Workbook,
) -> None:
    ws = template[INFO]
    assert ws.max_column == 2


def test_funding_rows_are_the_catalogue_sources_with_a_total_between(
    template: Workbook, catalogue: Catalogue
) -> None:
    ws = template[FUNDING]
    labels = [ws.cell(row=r, column=1).value for r in range(4, ws.max_row + 1)]
    sources = [s.label_vi for s in catalogue.sources.values()]
    assert [x for x in labels if x in sources] == sources
    assert labels.index("Tổng cộng") == 2  # right below national and local, which it adds up


def test_total_row_sums_national_and_local_only(template: Workbook) -> None:
    national = funding_cell(template, "national", "plan_money").row
    local = funding_cell(template, "local", "plan_money").row
    for role in FUNDING_FIGURES:
        total = funding_cell(template, "total", role)
        letter = total.column_letter
        cells = f"{letter}{min(national, local)}:{letter}{max(national, local)}"
        assert total.value == f'=IF(COUNT({cells})=0,"",SUM({cells}))'
        assert abs(national - local) == 1


def test_indicator_rows_follow_the_catalogue_with_code_label_and_unit(
    template: Workbook, catalogue: Catalogue
) -> None:
    ws = template[RESULTS]
    _, cols = header_columns(ws, {"code": "Mã", "label": "Chỉ tiêu", "unit": "Đơn vị tính"})
    first = row_of(ws, cols["code"], next(iter(catalogue.indicators)))
    rows = [
        tuple(ws.cell(row=first + i, column=cols[k]).value for k in ("code", "label", "unit"))
        for i in range(len(catalogue.indicators))
    ]
    assert rows == [(i.code, i.label_vi, i.unit) for i in catalogue.indicators.values()]
    assert ws.cell(row=first + len(rows), column=cols["code"]).value is None


def test_each_indicator_label_carries_a_comment_with_its_definition_and_unit(
    template: Workbook, catalogue: Catalogue
) -> None:
    for indicator in catalogue.indicators.values():
        comment = indicator_cell(template, indicator.code, "label").comment
        assert comment is not None
        assert indicator.label_vi in comment.text
        assert indicator.definition_vi and indicator.definition_vi in comment.text
        assert f"Đơn vị tính: {indicator.unit}" in comment.text
        assert "Để trống nếu không báo cáo; ghi 0 nếu kết quả bằng 0." in comment.text


def test_province_drop_down_offers_the_63_provinces_of_a_2024_report(
    template: Workbook, catalogue: Catalogue
) -> None:
    (rule,) = rules_at(template[INFO], fact_cell(template, "province").coordinate)
    assert rule.type == "list"
    assert list_items(template, rule.formula1) == [p.name for p in catalogue.provinces_of("63")]
    assert rule.showErrorMessage and rule.errorStyle == "stop"


def test_period_and_money_unit_drop_downs_offer_what_the_reader_accepts(
    template: Workbook, catalogue: Catalogue
) -> None:
    (period,) = rules_at(template[INFO], fact_cell(template, "period").coordinate)
    (unit,) = rules_at(template[INFO], fact_cell(template, "money_unit").coordinate)
    periods = [catalogue.period_index[fold(x)] for x in list_items(template, period.formula1)]
    assert periods == list(catalogue.periods)
    assert {"Q1", "Q2", "Q3", "Q4", "H1", "9M", "FY", "M7", "M10"} <= set(periods)
    units = [catalogue.money_unit_index[fold(x)] for x in list_items(template, unit.formula1)]
    assert units == ["dong", "nghin", "trieu", "ty"]


def test_count_cells_take_whole_numbers_and_money_cells_decimals_zero_or_more(
    template: Workbook,
) -> None:
    cells = [
        (FUNDING, funding_cell(template, s, r), r.endswith("money"))
        for s in ("national", "other")
        for r in FUNDING_FIGURES
    ]
    cells += [
        (RESULTS, indicator_cell(template, c, r), c == "consulting_revenue")
        for c in ("trained_workers", "consulting_revenue")
        for r in RESULT_FIGURES
    ]
    for sheet, cell, money in cells:
        (rule,) = rules_at(template[sheet], cell.coordinate)
        assert (rule.type, rule.operator, rule.formula1) == (
            "decimal" if money else "whole",
            "greaterThanOrEqual",
            "0",
        )
        assert rule.allow_blank and rule.showInputMessage and rule.showErrorMessage
        assert "từ 0 trở lên" in rule.prompt and "từ 0 trở lên" in rule.error
        assert not cell.protection.locked


def test_money_indicator_unit_is_a_drop_down_of_money_units(template: Workbook) -> None:
    cell = indicator_cell(template, "consulting_revenue", "unit")
    (rule,) = rules_at(template[RESULTS], cell.coordinate)
    assert list_items(template, rule.formula1) == ["đồng", "nghìn đồng", "triệu đồng", "tỷ đồng"]
    assert not cell.protection.locked
    assert indicator_cell(template, "trained_workers", "unit").protection.locked


def test_report_sheets_are_protected_without_password_and_only_entry_cells_open(
    template: Workbook,
) -> None:
    for name in (INFO, FUNDING, RESULTS, GUIDE):
        assert template[name].protection.sheet and not template[name].protection.password
    open_cells = [
        fact_cell(template, "province"),
        funding_cell(template, "local", "actual_money"),
        indicator_cell(template, "media_items", "prior"),
    ]
    locked_cells = [
        template[INFO].cell(row=fact_cell(template, "province").row, column=1),
        funding_cell(template, "total", "plan_money"),
        indicator_cell(template, "media_items", "label"),
        indicator_cell(template, "media_items", "code"),
    ]
    assert [c.protection.locked for c in open_cells] == [False] * 3
    assert [c.protection.locked for c in locked_cells] == [True] * 4


def test_every_rule_message_fits_what_excel_accepts(tmp_path: Path) -> None:
    for lang in ("vi", "en"):
        wb = openpyxl.load_workbook(write_template(tmp_path / f"{lang}.xlsx", lang=lang))
        for ws in wb.worksheets:
            for rule in ws.data_validations.dataValidation:
                assert len(rule.promptTitle) <= 32 and len(rule.errorTitle) <= 32
                assert len(rule.prompt) <= 255 and len(rule.error) <= 255


@pytest.mark.parametrize(
    ("lang", "phrases"),
    [
        (
            "vi",
            [
                "Ô để trống nghĩa là KHÔNG BÁO CÁO",
                "Ghi 0 nghĩa là đã báo cáo",
                "triệu đồng",
                "Tổng cộng",
            ],
        ),
        ("en", ["A blank cell means NOT REPORTED", "0 means reported", "triệu đồng", "Total"]),
    ],
)
def test_instructions_say_what_a_blank_means_in_the_chosen_language(
    tmp_path: Path, lang: Lang, phrases: list[str]
) -> None:
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", lang=lang))
    text = "\n".join(
        str(c.value) for row in wb[GUIDE].iter_rows() for c in row if c.value is not None
    )
    for phrase in phrases:
        assert phrase in text
    assert wb.sheetnames[:4] == [INFO, FUNDING, RESULTS, GUIDE]


def test_english_template_labels_are_english_but_units_stay_the_catalogues(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write_template(tmp_path / "t.xlsx", lang="en"))
    assert wb[INFO].cell(row=fact_cell(wb, "province", "en").row, column=1).value == "Province"
    assert (
        indicator_cell(wb, "trained_workers", "label", "en").value
        == "Workers trained in trades, craft transfer and skills upgrading"
    )
    assert indicator_cell(wb, "trained_workers", "unit", "en").value == "lao động"
    headers = [c.value for c in wb[FUNDING][3]]
    assert headers == ["Source", "Plan projects", "Plan money", "Actual projects", "Actual money"]
    assert "SUM(" in funding_cell(wb, "total", "plan_money", "en").value
