"""The catalogues of schemas/, loaded into pydantic models.

A new indicator, alias or regional regrouping is a change to the JSON files, not to code.
The files sit at the top of the repository for people to read; an installed wheel carries
them inside the package (see pyproject.toml), and :func:`schemas_dir` finds either. What
modules that must stay light need of them (years, source codes, region-set names) is read
without pydantic in kcstats.catalogue_file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kcstats.catalogue_file import TOTAL, raw, with_total
from kcstats.catalogue_file import schemas_dir as schemas_dir  # where it always was
from kcstats.text import fold, fold_label

Era = Literal["63", "34"]
# Every period a report may cover (report-format.md): the cumulative periods from January
# (M1 ... 9M, FY) and the quarters alone (Q2, Q3, Q4; Q1 is both). Figures are only ever
# compared or summed within one code. schemas/catalogue.json describes each one.
PeriodCode = Literal[
    "M1", "M2", "Q1", "M4", "M5", "H1", "Q2", "M7", "M8", "9M", "Q3", "M10", "M11", "FY", "Q4"
]
MERGER_DATE = dt.date(2025, 7, 1)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Indicator(_Frozen):
    code: str
    label_vi: str
    label_en: str
    unit: str
    kind: Literal["count", "money"]
    # A main indicator: the summary tables (terminal, Markdown, growth) show it, by its
    # short label (which every main indicator has).
    main: bool = False
    short_vi: str = ""
    short_en: str = ""
    aliases: list[str] = []
    definition_vi: str = ""
    definition_en: str = ""
    activity: str | None = None  # the activity group it counts (format 2 section rows)

    def label(self, lang: str) -> str:
        return self.label_vi if lang == "vi" else self.label_en

    def short(self, lang: str) -> str:
        """The short label, for a table heading; the label where there is none."""
        return (self.short_vi if lang == "vi" else self.short_en) or self.label(lang)

    def definition(self, lang: str) -> str:
        return self.definition_vi if lang == "vi" else self.definition_en


class FundingSource(_Frozen):
    code: str
    label_vi: str
    label_en: str
    short_vi: str
    short_en: str
    in_total: bool  # added into the funding total (`total`)
    aliases: list[str] = []

    def label(self, lang: str) -> str:
        return self.label_vi if lang == "vi" else self.label_en

    def short(self, lang: str) -> str:
        return self.short_vi if lang == "vi" else self.short_en


class ShortLabels(_Frozen):
    short_vi: str
    short_en: str


class YearRange(_Frozen):
    """The years a report may have (report-format.md), both included."""

    first: int
    last: int


class RegionSetInfo(_Frozen):
    """A built-in region set: its name (merge --regions) and the field of provinces.json that
    gives each province's region in it."""

    name: str
    province_field: Literal["kc_conference_area", "socioeconomic_region"]


class Activity(_Frozen):
    """An activity group of khuyến công (Decree 45/2012 art. 4), as format 2 sections name it."""

    code: str
    label_vi: str
    label_en: str
    heading_words: list[str]  # what a section heading may say, matched after folding

    def label(self, lang: str) -> str:
        return self.label_vi if lang == "vi" else self.label_en


class MoneyUnit(_Frozen):
    code: Literal["dong", "nghin", "trieu", "ty"]
    label: str
    per_trieu: Decimal
    aliases: list[str] = []


class Period(_Frozen):
    code: PeriodCode
    label_vi: str
    label_en: str
    start_month: int  # 1 for the cumulative periods; 4, 7, 10 for the quarters Q2-Q4
    end_month: int
    aliases: list[str] = []

    def label(self, lang: str) -> str:
        return self.label_vi if lang == "vi" else self.label_en

    @property
    def cumulative(self) -> bool:
        """From January to the end month (Q1, H1, 9M, FY, M{N}), not a quarter alone."""
        return self.start_month == 1

    def end_date(self, year: int) -> dt.date:
        next_month = dt.date(year + (self.end_month == 12), self.end_month % 12 + 1, 1)
        return next_month - dt.timedelta(days=1)


class Rename(_Frozen):
    """A new name (and kind) a province took on a date, the unit itself unchanged: Thừa Thiên
    Huế became the centrally-run city Huế on 1 January 2025. `former_names` are the names it
    had: a report of a period ending on or after `valid_from` that still uses one of them is
    read as the new name, with the warning province-renamed."""

    valid_from: dt.date
    name: str
    kind: Literal["province", "city"]
    former_names: list[str]


class Province(_Frozen):
    """A province or centrally-run city of one era (the 63 before, the 34 after 1 July 2025)."""

    era: Era
    code: str
    name: str
    kind: Literal["province", "city"]
    aliases: list[str] = []
    socioeconomic_region: str
    kc_conference_area: str
    successor: str | None = None  # 63-era: the code of the unit it became
    predecessors: list[str] = []  # 34-era: the codes of the old provinces it was made from
    renamed: list[Rename] = []  # renames that kept the unit, in date order

    @property
    def key(self) -> str:
        """Unique across eras: 'Tuyên Quang' before and after the merger are different places."""
        return f"{self.era}:{self.code}"


class ReportCatalogue(_Frozen):
    indicators: list[Indicator]
    funding_sources: list[FundingSource]
    total_source: ShortLabels
    total_labels: list[str]
    money_units: list[MoneyUnit]
    default_money_unit: Literal["dong", "nghin", "trieu", "ty"]
    periods: list[Period]
    activities: list[Activity]
    years: YearRange
    region_sets: list[RegionSetInfo]
    default_region_set: str


class Format2Aliases(_Frozen):
    """What format 2 (the administrative report table) says, as data: see aliases.json."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    comment: str = Field(default="", alias="$comment")
    columns: dict[str, list[str]]
    sub_columns: dict[str, list[str]]
    agency_prefixes: list[str]
    province_words: list[str]
    passed_over_lines: list[str]
    title_words: list[str]
    unit_line_labels: list[str]
    signature_words: list[str]
    projects_labels: list[str]
    projects_units: list[str]
    month_words: dict[str, int]
    full_year_words: list[str]
    unit_aliases: dict[str, list[str]]
    section_context: dict[str, dict[str, str]]
    recognition_levels: dict[str, str]
    abbreviations: dict[str, str]  # expanded in section headings: 'CNNT' -> 'công nghiệp nông thôn'
    label_prefixes: list[str]  # 'Trong đó: KCQG' is the row 'KCQG'


class Aliases(_Frozen):
    sheets: dict[str, list[str]]
    sheet_titles: dict[str, str]
    facts: dict[str, list[str]]
    funding_columns: dict[str, list[str]]
    results_columns: dict[str, list[str]]
    province_prefixes: list[str]
    format2: Format2Aliases


class EraInfo(_Frozen):
    id: Era
    label: str
    valid_until: dt.date | None = None
    valid_from: dt.date | None = None


class ProvinceList(_Frozen):
    eras: list[EraInfo]
    provinces_63: list[dict[str, object]]
    units_34: list[dict[str, object]]


def _index(
    labels: dict[str, list[str]] | Sequence[tuple[str, list[str]]], *, values: bool = False
) -> dict[str, str]:
    """Folded name -> key. Labels may carry a leading '1.'; values ('6 tháng') never do."""
    items: Iterable[tuple[str, list[str]]] = labels.items() if isinstance(labels, dict) else labels
    folder = fold if values else fold_label
    index: dict[str, str] = {}
    for key, names in items:
        for name in names:
            index[folder(name)] = key
    return index


class Catalogue:
    """Everything the reader, merge and the template maker know about report format 1."""

    def __init__(self, report: ReportCatalogue, aliases: Aliases, provinces: list[Province]):
        self.report = report
        self.aliases = aliases
        self.provinces = provinces
        self.indicators: dict[str, Indicator] = {i.code: i for i in report.indicators}
        self.sources: dict[str, FundingSource] = {s.code: s for s in report.funding_sources}
        self.periods: dict[str, Period] = {p.code: p for p in report.periods}
        self.activities: dict[str, Activity] = {a.code: a for a in report.activities}
        self.money_units: dict[str, MoneyUnit] = {u.code: u for u in report.money_units}
        self.region_sets: dict[str, RegionSetInfo] = {r.name: r for r in report.region_sets}
        self.by_key = {p.key: p for p in provinces}

    # Sources and indicators as the tables show them.
    @cached_property
    def in_total(self) -> list[str]:
        """The sources the funding total adds (national, local)."""
        return [s.code for s in self.sources.values() if s.in_total]

    @cached_property
    def sources_with_total(self) -> list[str]:
        """The sources in the catalogue's order, `total` right after the last one it adds."""
        return list(with_total((s.code, s.in_total) for s in self.sources.values()))

    def source_short(self, code: str, lang: str) -> str:
        """A source's short label (KCQG, KCĐP, ...), `total`'s too."""
        if code == TOTAL:
            labels = self.report.total_source
            return labels.short_vi if lang == "vi" else labels.short_en
        return self.sources[code].short(lang)

    def region_of(self, province: Province, region_set: str) -> str:
        """A province's region in one of the catalogue's region sets."""
        region: str = getattr(province, self.region_sets[region_set].province_field)
        return region

    @cached_property
    def main_indicators(self) -> list[str]:
        """The indicators the summary tables show, in the catalogue's order."""
        return [code for code, indicator in self.indicators.items() if indicator.main]

    # Label indexes: folded text -> catalogue key.
    @cached_property
    def sheet_index(self) -> dict[str, str]:
        return _index(self.aliases.sheets)

    @cached_property
    def fact_index(self) -> dict[str, str]:
        return _index(self.aliases.facts)

    @cached_property
    def source_index(self) -> dict[str, str]:
        index = _index(
            [(s.code, [s.label_vi, s.label_en, *s.aliases]) for s in self.sources.values()]
        )
        index.update(_index({"total": self.report.total_labels}))
        return index

    @cached_property
    def indicator_index(self) -> dict[str, str]:
        pairs = [
            (i.code, [i.code, i.label_vi, i.label_en, *i.aliases]) for i in self.indicators.values()
        ]
        return _index(pairs)

    @cached_property
    def period_index(self) -> dict[str, str]:
        pairs = [
            (p.code, [p.code, p.label_vi, p.label_en, *p.aliases]) for p in self.periods.values()
        ]
        return _index(pairs, values=True)

    @cached_property
    def money_unit_index(self) -> dict[str, str]:
        pairs = [(u.code, [u.code, u.label, *u.aliases]) for u in self.money_units.values()]
        return _index(pairs, values=True)

    @cached_property
    def unit_index(self) -> dict[str, str]:
        """Folded unit text -> the catalogue unit it names (for the ĐVT column)."""
        index = {fold(i.unit): i.unit for i in self.indicators.values()}
        index.update({key: "money" for key in self.money_unit_index})
        return index

    def unit_names(self, unit: str) -> frozenset[str]:
        """Folded unit texts that name a catalogue unit: itself and its aliases ('người' for
        'lao động'), for the ĐVT cell of either format."""
        return self._unit_names.get(unit, frozenset({fold(unit)}))

    @cached_property
    def _unit_names(self) -> dict[str, frozenset[str]]:
        aliases = self.aliases.format2.unit_aliases
        return {
            i.unit: frozenset({fold(i.unit), *(fold(a) for a in aliases.get(i.unit, []))})
            for i in self.indicators.values()
        }

    @cached_property
    def _province_index(self) -> dict[Era, dict[str, Province]]:
        index: dict[Era, dict[str, Province]] = {"63": {}, "34": {}}
        for p in self.provinces:
            for name in (p.name, *p.aliases):
                index[p.era][self.fold_province(name)] = p
        return index

    @cached_property
    def _province_prefixes(self) -> list[str]:
        """'tinh ', 'thanh pho ', ...: the longest first, each with the space after it."""
        folded = sorted((fold(p) for p in self.aliases.province_prefixes), key=len, reverse=True)
        return [prefix + " " for prefix in folded]

    def fold_province(self, name: str) -> str:
        folded = fold(name)
        for prefix in self._province_prefixes:
            if folded.startswith(prefix):
                folded = folded[len(prefix) :]
                break
        return folded.replace(" ", "")

    def era_of(self, year: int, period: str) -> Era:
        end = self.periods[period].end_date(year)
        return "63" if end < MERGER_DATE else "34"

    def find_province(self, name: str, era: Era) -> Province | None:
        return self._province_index[era].get(self.fold_province(name))

    def successor_of(self, name: str) -> Province | None:
        """The 34-era unit an old province became, when the name is only an old one."""
        old = self._province_index["63"].get(self.fold_province(name))
        if old is None or old.successor is None:
            return None
        return self.by_key[f"34:{old.successor}"]

    def as_of(self, province: Province, end: dt.date) -> Province:
        """The province with the name and kind in force on `end` (a period's last day)."""
        current = None
        for rename in province.renamed:
            if rename.valid_from <= end:
                current = rename
        if current is None or (current.name, current.kind) == (province.name, province.kind):
            return province
        return province.model_copy(update={"name": current.name, "kind": current.kind})

    def renamed_from(self, province: Province, text: str, end: dt.date) -> Rename | None:
        """The rename in force on `end` whose former names include `text`, if any."""
        folded = self.fold_province(text)
        for rename in province.renamed:
            if rename.valid_from <= end and any(
                self.fold_province(old) == folded for old in rename.former_names
            ):
                return rename
        return None

    def province_name(self, province: Province, year: int, period: str) -> str:
        """The province's name at the end of that year's period."""
        if not province.renamed:
            return province.name
        return self.as_of(province, self.periods[period].end_date(year)).name

    def names_of(self, province: Province) -> list[str]:
        """Every name the province had in its era: its own and those it was renamed to."""
        return [province.name, *(r.name for r in province.renamed if r.name != province.name)]

    def provinces_of(self, era: Era) -> list[Province]:
        return [p for p in self.provinces if p.era == era]


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    report = ReportCatalogue.model_validate(raw("catalogue.json"))
    aliases = Aliases.model_validate(raw("aliases.json"))
    provinces_file = ProvinceList.model_validate(raw("provinces.json"))
    provinces = [Province.model_validate({**p, "era": "63"}) for p in provinces_file.provinces_63]
    provinces += [Province.model_validate({**p, "era": "34"}) for p in provinces_file.units_34]
    return Catalogue(report, aliases, provinces)
