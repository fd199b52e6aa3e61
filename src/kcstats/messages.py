"""The message table: every text kcstats shows people, by id, in Vietnamese and English.

The texts live in schemas/messages.json (the wheel carries it as kcstats/schemas), read
once, the first time a text is shown (about 0.2 ms). Code names a text by its id and gives
its parameters; a text is put together in one language only when it is shown, so that what
kcstats says follows --lang everywhere and nothing is formatted that nobody reads.

A parameter is a plain tuple (cheap to build, compare, hash and send between processes)
whose first item says what it is:

    ("text", s)              a text quoted from a workbook, a file name or the system: shown
                             as it is, in any language
    ("cut", head, length)    the start of a longer quoted text, and its full length
    ("count", n)             a whole number, its digits grouped the language's way
    ("label", vi, en)        a name the catalogue gives in both languages
    ("msg", id, params)      a text of the table with its own parameters
    ("join", sep, items)     parameters shown one after another, sep between them

Texts from a workbook (a 50 MB cell) or a file name (bytes that are not UTF-8) become
parameters bounded and showable (kcstats.untrusted): every output that shows them is too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, Literal

from kcstats.untrusted import EXCERPT_CHARS, is_excerpt, name_text

Lang = Literal["vi", "en"]
Param = tuple[Any, ...]
Params = tuple[tuple[str, Param], ...]

# A parameter besides found/expected may name files (a conflict names a few others): room
# for a few long paths.
PARAM_CHARS = 4 * EXCERPT_CHARS

_table: dict[str, dict[str, str]] | None = None


def table() -> dict[str, dict[str, str]]:
    """Every text by id: {"vi": ..., "en": ...}."""
    global _table
    if _table is None:
        # catalogue_file, not kcstats.catalog (pydantic): `--help` reads its texts here.
        from kcstats.catalogue_file import schemas_dir

        raw = json.loads((schemas_dir() / "messages.json").read_text(encoding="utf-8"))
        _table = {key: value for key, value in raw.items() if not key.startswith("$")}
    return _table


def text(message_id: str, lang: Lang) -> str:
    """The text of an id as the table holds it, parameters unfilled."""
    return table()[message_id][lang]


def render(message_id: str, lang: Lang, params: Params = ()) -> str:
    """The text of an id in one language, its parameters filled in (one not given: blank)."""
    values = Values()
    for name, param in params:
        values[name] = show(param, lang)
    return fill(message_id, lang, values)


def fill(message_id: str, lang: Lang, values: Values) -> str:
    """The text of an id in one language with its parameters already shown as text."""
    return text(message_id, lang).format_map(values)


def show(param: Param, lang: Lang) -> str:
    """A parameter as text in one language."""
    kind = param[0]
    if kind == "text":
        return param[1]  # type: ignore[no-any-return]
    if kind == "msg":
        return render(param[1], lang, param[2])
    if kind == "count":
        return group_digits(param[1], lang)
    if kind == "label":
        return str(param[1] if lang == "vi" else param[2])
    if kind == "cut":
        return render("text.cut", lang, (("head", ("text", param[1])), ("length", count(param[2]))))
    if kind == "join":
        return str(param[1]).join(show(item, lang) for item in param[2])
    raise ValueError(f"not a message parameter: {param!r}")


def group_digits(n: int, lang: Lang) -> str:
    """20000 -> '20.000' in Vietnamese, '20,000' in English."""
    grouped = f"{n:,}"
    return grouped.replace(",", ".") if lang == "vi" else grouped


class Values(dict[str, str]):
    """Parameters shown as text, by name: one a text names but nobody gave shows blank."""

    def __missing__(self, key: str) -> str:
        return ""


# Building parameters ---------------------------------------------------------------------


def quoted(value: str, limit: int = EXCERPT_CHARS) -> Param:
    """A text from a workbook, a file name or the system, bounded to `limit` characters."""
    if not value.isascii():
        value = name_text(value)
    if len(value) <= limit or is_excerpt(value, limit):
        return ("text", value)
    return ("cut", value[:limit], len(value))


def count(n: int) -> Param:
    return ("count", n)


def label(vi: str, en: str) -> Param:
    return ("label", vi, en)


def say(message_id: str, **params: object) -> Param:
    """A text of the table with its parameters, to be shown in the language asked for later."""
    return ("msg", message_id, as_params(params, EXCERPT_CHARS))


def joined(separator: str, items: Iterator[Param] | list[Param]) -> Param:
    return ("join", separator, tuple(items))


def as_param(value: object, limit: int = EXCERPT_CHARS) -> Param:
    """A parameter as it is; any other value as a quoted text (a str, a number, a date)."""
    if type(value) is tuple:
        return value
    return quoted(value if isinstance(value, str) else str(value), limit)


def as_params(params: Mapping[str, object], limit: int = PARAM_CHARS) -> Params:
    return tuple((name, as_param(value, limit)) for name, value in params.items())


# Texts by group, for code that looks many up by key --------------------------------------


class Section(Mapping[str, dict[str, str]]):
    """The texts whose ids start with `prefix`, by language then by the rest of the id:
    Section("view.")["en"]["plan"] is the English text of view.plan."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self._by_lang: dict[str, dict[str, str]] = {}

    def __getitem__(self, lang: str) -> dict[str, str]:
        words = self._by_lang.get(lang)
        if words is None:
            if lang not in ("vi", "en"):
                raise KeyError(lang)
            cut = len(self.prefix)
            words = {
                key[cut:]: texts[lang]
                for key, texts in table().items()
                if key.startswith(self.prefix)
            }
            self._by_lang[lang] = words
        return words

    def __iter__(self) -> Iterator[str]:
        return iter(("vi", "en"))

    def __len__(self) -> int:
        return 2


class MessageError(ValueError):
    """An error whose text is in the table: shown in the language asked for."""

    def __init__(self, message_id: str, **params: object) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.params = as_params(params)

    def message(self, lang: Lang = "vi") -> str:
        return render(self.message_id, lang, self.params)

    def __str__(self) -> str:
        return f"{self.message('vi')}\n{self.message('en')}"
