"""schemas/catalogue.json as plain JSON, read once and without pydantic: the few things that
light modules (the CLI's options, the report model's bounds, the reader's source loops) take
from the catalogue before, or without, loading it (kcstats.catalog.load_catalogue).

Each is named once, in the catalogue: the years a report may have, the funding sources (and
which of them make the total), and the built-in region sets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

TOTAL = "total"  # the source code of a funding total (the sources marked in_total, added)


def schemas_dir() -> Path:
    """The catalogues: inside an installed package, else at the top of the source tree."""
    packaged = Path(__file__).parent / "schemas"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "schemas"


@cache
def raw(name: str) -> dict[str, Any]:
    """A catalogue file of schemas/ as JSON, without its "$comment". Shared: never change it."""
    data = json.loads((schemas_dir() / name).read_text(encoding="utf-8"))
    if not isinstance(data, dict):  # pragma: no cover - the shipped files are objects
        raise TypeError(f"{name} must hold a JSON object")
    return {key: value for key, value in data.items() if key != "$comment"}


def with_total(sources: Iterable[tuple[str, bool]]) -> tuple[str, ...]:
    """Source codes in the catalogue's order with `total` right after the last one it adds:
    (code, in_total) pairs -> ('national', 'local', 'total', 'counterpart', 'other')."""
    listed = list(sources)
    last = [code for code, in_total in listed if in_total][-1]
    out: list[str] = []
    for code, _ in listed:
        out.append(code)
        if code == last:
            out.append(TOTAL)
    return tuple(out)


_CATALOGUE = raw("catalogue.json")
YEAR_MIN: int = _CATALOGUE["years"]["first"]
YEAR_MAX: int = _CATALOGUE["years"]["last"]
YEARS: tuple[int, int] = (YEAR_MIN, YEAR_MAX)
SOURCE_CODES: tuple[str, ...] = tuple(s["code"] for s in _CATALOGUE["funding_sources"])
IN_TOTAL: tuple[str, ...] = tuple(s["code"] for s in _CATALOGUE["funding_sources"] if s["in_total"])
WITH_TOTAL: tuple[str, ...] = with_total(
    (s["code"], s["in_total"]) for s in _CATALOGUE["funding_sources"]
)
REGION_SETS: tuple[str, ...] = tuple(r["name"] for r in _CATALOGUE["region_sets"])
DEFAULT_REGION_SET: str = _CATALOGUE["default_region_set"]
