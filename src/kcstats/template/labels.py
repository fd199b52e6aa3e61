"""The labels a template writes where the reader looks, taken from the reader's catalogue.

Vietnamese labels are the first spelling the catalogue lists; English ones are its first
spelling in plain ASCII. A test reads every template back, so the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from kcstats.catalog import Catalogue
from kcstats.problems import Lang

FACTS = (
    "province",
    "year",
    "period",
    "money_unit",
    "reporting_unit",
    "prepared_by",
    "prepared_on",
    "note",
)
REQUIRED_FACTS = ("province", "year", "period")
FUNDING_FIGURES = ("plan_projects", "plan_money", "actual_projects", "actual_money")
RESULT_FIGURES = ("plan", "actual", "prior")
ROW_NUMBER = {"vi": "STT", "en": "No."}


@dataclass(frozen=True, slots=True)
class Labels:
    facts: dict[str, str]  # fact key -> label
    funding: dict[str, str]  # 'source' and the four figure columns -> header text
    results: dict[str, str]  # 'number', code, label, unit, plan, actual, prior, note -> header
    sources: dict[str, str]  # source code -> row label
    total: str
    periods: dict[str, str]  # period code -> the value the drop-down offers
    indicators: dict[str, str]  # indicator code -> label


def _pick(names: list[str], lang: Lang) -> str:
    if lang == "en":
        return next((n for n in names if n.isascii()), names[0])
    return names[0]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def labels(catalogue: Catalogue, lang: Lang) -> Labels:
    aliases = catalogue.aliases
    column = {key: _pick(names, lang) for key, names in aliases.funding_columns.items()}
    funding = {"source": column["source"]}
    for stage in ("plan", "actual"):
        for kind in ("projects", "money"):
            if lang == "vi":  # 'Số đề án kế hoạch', as the spec writes it
                text = f"{column[kind]} {_lower_first(column[stage])}"
            else:  # 'Plan projects'
                text = f"{column[stage]} {_lower_first(column[kind])}"
            funding[f"{stage}_{kind}"] = text
    results = {"number": ROW_NUMBER[lang]}
    results |= {key: _pick(names, lang) for key, names in aliases.results_columns.items()}
    return Labels(
        facts={key: _pick(aliases.facts[key], lang) for key in FACTS},
        funding=funding,
        results=results,
        sources={code: s.label(lang) for code, s in catalogue.sources.items()},
        total=_pick(catalogue.report.total_labels, lang),
        periods={code: p.label(lang) for code, p in catalogue.periods.items()},
        indicators={code: i.label(lang) for code, i in catalogue.indicators.items()},
    )
