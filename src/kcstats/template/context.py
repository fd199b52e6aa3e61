"""What every sheet writer of a template needs: the catalogue, the choice, the language."""

from __future__ import annotations

from dataclasses import dataclass

from kcstats.catalog import Catalogue
from kcstats.problems import Lang
from kcstats.template.choices import TemplateChoice
from kcstats.template.labels import Labels
from kcstats.template.lists import Messages
from kcstats.template.texts import joined, text

GUIDE_SHEET = "Hướng dẫn"


@dataclass(frozen=True, slots=True)
class Context:
    catalogue: Catalogue
    choice: TemplateChoice
    lang: Lang
    labels: Labels
    lists: dict[str, str]  # list name ('provinces', 'periods', 'money_units') -> cell range

    def say(self, key: str, **values: object) -> str:
        return text(self.lang, key, **values)

    def messages(self, topic: str, *, prompt: str | None = None, **values: object) -> Messages:
        """The input and error messages of a rule: '<topic>_prompt_title', '<topic>_prompt'..."""
        return Messages(
            prompt_title=self.say(f"{topic}_prompt_title"),
            prompt=self.say(prompt or f"{topic}_prompt", **values),
            error_title=self.say(f"{topic}_error_title"),
            error=self.say(f"{topic}_error", **values),
        )

    def sheet(self, role: str) -> str:
        """A report sheet's name, as the catalogue spells it (always Vietnamese)."""
        return self.catalogue.aliases.sheet_titles[role]

    @property
    def unit_labels(self) -> list[str]:
        return [u.label for u in self.catalogue.money_units.values()]

    @property
    def default_unit(self) -> str:
        return self.catalogue.money_units[self.catalogue.report.default_money_unit].label

    def units_text(self) -> str:
        return joined(self.unit_labels, self.lang)

    def periods_text(self) -> str:
        return joined(list(self.labels.periods.values()), self.lang)

    def era_text(self) -> str:
        era = self.choice.era
        return self.say(f"era_{era}" if era is not None else "era_open")

    def in_total(self) -> tuple[list[str], list[str]]:
        """Source codes added into the khuyến công total, and those reported beside it."""
        sources = self.catalogue.sources.values()
        return [s.code for s in sources if s.in_total], [s.code for s in sources if not s.in_total]
