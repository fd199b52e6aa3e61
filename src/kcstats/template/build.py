"""Assembling a template workbook from the catalogue: three report sheets, the instructions
and the hidden lists, in that order, with 'Thông tin' the sheet that opens."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from kcstats.catalog import Catalogue
from kcstats.problems import Lang
from kcstats.template.choices import TemplateChoice
from kcstats.template.context import GUIDE_SHEET, Context
from kcstats.template.funding_sheet import write_funding
from kcstats.template.guide_sheet import write_guide
from kcstats.template.info_sheet import write_info
from kcstats.template.labels import labels
from kcstats.template.lists import add_lists
from kcstats.template.results_sheet import write_results


def build_template(catalogue: Catalogue, choice: TemplateChoice, lang: Lang = "vi") -> Workbook:
    wb = Workbook()
    default = wb.active
    if default is not None:
        wb.remove(default)
    titles = catalogue.aliases.sheet_titles
    info, funding, results = (wb.create_sheet(titles[r]) for r in ("info", "funding", "results"))
    guide = wb.create_sheet(GUIDE_SHEET)
    texts = labels(catalogue, lang)
    lists = add_lists(
        wb,
        {
            "provinces": choice.offered,
            "periods": list(texts.periods.values()),
            "money_units": [u.label for u in catalogue.money_units.values()],
        },
    )
    ctx = Context(catalogue, choice, lang, texts, lists)
    write_info(info, ctx)
    write_funding(funding, ctx)
    write_results(results, ctx)
    write_guide(guide, ctx)
    for sheet in (info, funding, results, guide):
        _print_on_one_page_wide(sheet)
    wb.active = 0
    wb.calculation.fullCalcOnLoad = True  # Excel computes the total row when the file opens
    wb.properties.creator = "kcstats"
    wb.properties.title = ctx.say("info_title")
    return wb


def _print_on_one_page_wide(ws: Worksheet) -> None:
    """Provinces print the form to sign it: landscape A4, every column on the page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
