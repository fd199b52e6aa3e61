"""What a template is for: its year, period, province list and province, checked against the
catalogue the reader uses, so that a template never offers what the reader would refuse."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kcstats.catalog import Catalogue, Era, Province
from kcstats.catalogue_file import YEAR_MAX, YEAR_MIN
from kcstats.template.errors import TemplateError
from kcstats.text import fold


@dataclass(frozen=True, slots=True)
class TemplateChoice:
    """The facts a template is pre-filled with, and the provinces its drop-down offers."""

    year: int | None
    period: str | None  # a period code of the catalogue: Q1, H1, 9M, FY, Q2-Q4, M1-M11
    era: Era | None  # None when year and period leave it open: both lists are offered
    province: Province | None
    offered: list[str]  # province names of the drop-down, in catalogue order


def resolve_period(catalogue: Catalogue, text: str) -> str:
    """A period given as its code or any label the reader accepts ('H1', '6 tháng')."""
    code = catalogue.period_index.get(fold(text))
    if code is None:
        choices = ", ".join(f"{p.code} ({p.label_vi})" for p in catalogue.periods.values())
        raise TemplateError("template.error.period", period=text, choices=choices)
    return code


def check_year(year: int) -> int:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise TemplateError("template.error.year", year=year, first=YEAR_MIN, last=YEAR_MAX)
    return year


def era_for(catalogue: Catalogue, year: int | None, period: str | None) -> Era | None:
    """The province list in force at the end of the period; a year alone fixes it unless the
    merger of 1 July 2025 falls inside that year."""
    if year is None:
        return None
    if period is not None:
        return catalogue.era_of(year, period)
    first = catalogue.era_of(year, min(catalogue.periods.values(), key=lambda p: p.end_month).code)
    last = catalogue.era_of(year, max(catalogue.periods.values(), key=lambda p: p.end_month).code)
    return first if first == last else None


def offered_names(catalogue: Catalogue, era: Era | None, end: dt.date | None = None) -> list[str]:
    """The drop-down: the list in force, or when the era is open every name of both lists;
    with the period's last day `end`, each by its name then (Huế from 2025)."""
    eras: tuple[Era, ...] = (era,) if era is not None else ("63", "34")
    names: list[str] = []
    for each in eras:
        for p in catalogue.provinces_of(each):
            name = catalogue.as_of(p, end).name if end is not None else p.name
            if name not in names:
                names.append(name)
    return names


def find_province(catalogue: Catalogue, name: str, era: Era | None, when: str) -> Province:
    """The province a name means in the era; an abolished one is refused naming its successor."""
    eras: tuple[Era, ...] = (era,) if era is not None else ("34", "63")
    for each in eras:
        found = catalogue.find_province(name, each)
        if found is not None:
            return found
    successor = catalogue.successor_of(name) if era == "34" else None
    if successor is not None:
        raise TemplateError(
            "template.error.province-abolished", name=name, when=when, successor=successor.name
        )
    raise TemplateError("template.error.province-unknown", name=name)


def choose(
    catalogue: Catalogue,
    *,
    province: str | None = None,
    year: int | None = None,
    period: str | None = None,
) -> TemplateChoice:
    """Check the options of one template and settle what it is pre-filled with."""
    year = check_year(year) if year is not None else None
    code = resolve_period(catalogue, period) if period is not None else None
    era = era_for(catalogue, year, code)
    end = catalogue.periods[code].end_date(year) if year is not None and code is not None else None
    found = None
    if province is not None:
        found = find_province(catalogue, province, era, period_text(catalogue, year, code))
        if end is not None:
            found = catalogue.as_of(found, end)  # the name and kind of the period's end
    return TemplateChoice(year, code, era, found, offered_names(catalogue, era, end))


def period_text(catalogue: Catalogue, year: int | None, period: str | None) -> str:
    label = catalogue.periods[period].label_vi if period is not None else ""
    return " ".join(part for part in (label, str(year) if year else "") if part) or "—"


def region_provinces(catalogue: Catalogue, era: Era, region: str | None) -> list[Province]:
    """The provinces of a region of any of the catalogue's region sets (a khuyến công
    conference area, a socio-economic region; any spelling), or of the whole country when no
    region is given."""
    provinces = catalogue.provinces_of(era)
    if region is None:
        return provinces
    wanted = fold(region)
    sets = list(catalogue.region_sets)
    chosen = [p for p in provinces if wanted in {fold(catalogue.region_of(p, s)) for s in sets}]
    if not chosen:
        known = [
            name for s in sets for name in sorted({catalogue.region_of(p, s) for p in provinces})
        ]
        listed = "; ".join(known)
        raise TemplateError("template.error.region", region=region, choices=listed)
    return chosen


def file_name(catalogue: Catalogue, province: Province, year: int, period: str) -> str:
    """An ASCII file name for a province's report of a year and period: ('Long An', 2025,
    'H1') -> 'long-an-2025-h1.xlsx', 'TP. Hồ Chí Minh' -> 'ho-chi-minh-2025-h1.xlsx' (the
    prefixes 'Tỉnh', 'Thành phố', 'TP.' are dropped). The year and period in the name keep
    one period's templates apart from the next one's in a shared folder."""
    folded = fold(province.name)
    for prefix in sorted((fold(p) for p in catalogue.aliases.province_prefixes), key=len)[::-1]:
        if folded.startswith(prefix + " "):
            folded = folded[len(prefix) + 1 :]
            break
    return f"{folded.replace(' ', '-')}-{year}-{period.lower()}.xlsx"
