"""The catalogues of schemas/, loaded into pydantic models.

A new indicator, alias or regional regrouping is a change to the JSON files, not to code.
The files sit at the top of the repository for people to read; an installed wheel carries
them inside the package (see pyproject.toml), and :func:`schemas_dir` finds either.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kcstats.text import fold, fold_label

Era = Literal["63", "34"]
# Every period a report may cover (report-format.md): the cumulative periods from January
# (M1 ... 9M, FY) and the quarters alone (Q2, Q3, Q4; Q1 is both). Figures are only ever
# compared or summed within one code. schemas/catalogue.json describes each one.
PeriodCode = Literal[
    "M1", "M2", "Q1", "M4", "M5", "H1", "Q2", "M7", "M8", "9M", "Q3", "M10", "M11", "FY", "Q4"
]
MERGER_DATE = dt.date(2025, 7, 1)


def schemas_dir() -> Path:
    packaged = Path(__file__).parent / "schemas"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "schemas"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Indicator(_Frozen):
    code: str
    label_vi: str
    label_en: str
    unit: str
    kind: Literal["count", "money"]
    aliases: list[str] = []
    definition_vi: str = ""
    definition_en: str = ""
    activity: str | None = None  # the activity group it counts (format 2 section rows)

    def label(self, lang: str) -> str:
        return self.label_vi if lang == "vi" else self.label_en

    def definition(self, lang: str) -> str:
        return self.definition_vi if lang == "vi" else self.definition_en


class FundingSource(_Frozen):
    code: Literal["national", "local", "counterpart", "other"]
    label_vi: str
    label_en: str
    in_total: bool
    aliases: list[str] = []

    def label(self, lang: str) -> str:
        return self.label_vi if lang == "vi" else self.label_en


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

    @property
    def key(self) -> str:
        """Unique across eras: 'Tuyên Quang' before and after the merger are different places."""
        return f"{self.era}:{self.code}"


class ReportCatalogue(_Frozen):
    indicators: list[Indicator]
    funding_sources: list[FundingSource]
    total_labels: list[str]
    money_units: list[MoneyUnit]
    default_money_unit: Literal["dong", "nghin", "trieu", "ty"]
    periods: list[Period]
    activities: list[Activity]


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
        self.by_key = {p.key: p for p in provinces}

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

    def provinces_of(self, era: Era) -> list[Province]:
        return [p for p in self.provinces if p.era == era]


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    root = schemas_dir()
    report = ReportCatalogue.model_validate(_read_json(root / "catalogue.json"))
    aliases = Aliases.model_validate(_read_json(root / "aliases.json"))
    raw = ProvinceList.model_validate(_read_json(root / "provinces.json"))
    provinces = [Province.model_validate({**p, "era": "63"}) for p in raw.provinces_63]
    provinces += [Province.model_validate({**p, "era": "34"}) for p in raw.units_34]
    return Catalogue(report, aliases, provinces)


def _read_json(path: Path) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("$comment", None)
    if not isinstance(data, dict):  # pragma: no cover - the shipped files are objects
        raise TypeError(f"{path} must hold a JSON object")
    return data
