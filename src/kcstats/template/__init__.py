"""Blank report templates for the provinces, generated from the catalogue the reader uses.

    write_template(Path("bao-cao.xlsx"), province="Long An", year=2025, period="H1")
    write_templates(Path("mau/"), year=2025, period="FY", region="Nam")

Importing this package does not import pandas.
"""

from __future__ import annotations

from pathlib import Path

from kcstats.catalog import Catalogue, load_catalogue
from kcstats.problems import Lang
from kcstats.template.build import build_template
from kcstats.template.choices import choose, file_name, region_provinces
from kcstats.template.errors import TemplateError
from kcstats.template.save import save_atomically

__all__ = ["TemplateError", "build_template", "write_template", "write_templates"]


def write_template(
    path: Path,
    *,
    province: str | None = None,
    year: int | None = None,
    period: str | None = None,
    lang: Lang = "vi",
    overwrite: bool = False,
    catalogue: Catalogue | None = None,
) -> Path:
    """Write one template, pre-filled with whatever of province, year and period is given."""
    catalogue = catalogue or load_catalogue()
    _check_target(path)
    if path.exists() and not overwrite:
        raise _exists([path])
    choice = choose(catalogue, province=province, year=year, period=period)
    path.parent.mkdir(parents=True, exist_ok=True)
    return save_atomically(build_template(catalogue, choice, lang), path)


def write_templates(
    out_dir: Path,
    *,
    year: int,
    period: str,
    region: str | None = None,
    lang: Lang = "vi",
    overwrite: bool = False,
    catalogue: Catalogue | None = None,
) -> list[Path]:
    """One template per province of the region (or of the country) in force for the period,
    each named by its province, year and period ('long-an-2025-h1.xlsx'). Nothing is written if any name is taken."""
    catalogue = catalogue or load_catalogue()
    first = choose(catalogue, year=year, period=period)
    assert first.era is not None  # a year and a period always fix the province list
    provinces = region_provinces(catalogue, first.era, region)
    assert first.period is not None
    targets = [out_dir / file_name(catalogue, p, year, first.period) for p in provinces]
    taken = [t for t in targets if t.exists()]
    if taken and not overwrite:
        raise _exists(taken)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for province, target in zip(provinces, targets, strict=True):
        choice = choose(catalogue, province=province.name, year=year, period=period)
        written.append(save_atomically(build_template(catalogue, choice, lang), target))
    return written


def _check_target(path: Path) -> None:
    if path.suffix.lower() != ".xlsx":
        raise TemplateError("template.error.not-xlsx", path=str(path))
    if path.is_dir():
        raise TemplateError("template.error.folder", path=str(path))


def _exists(paths: list[Path]) -> TemplateError:
    shown = ", ".join(str(p) for p in paths[:5]) + (" …" if len(paths) > 5 else "")
    return TemplateError("template.error.exists", paths=shown)
