"""Why a template cannot be written: a usage problem the CLI reports with exit status 2."""

from __future__ import annotations

from kcstats.problems import Lang


class TemplateError(ValueError):
    """A choice that cannot make a template (unknown or abolished province, unknown region...).

    Carries its message in Vietnamese and English; str() is the Vietnamese one.
    """

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi
        self.message_en = message_en

    def message(self, lang: Lang = "vi") -> str:
        return self.message_vi if lang == "vi" else self.message_en
