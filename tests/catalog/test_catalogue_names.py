"""What the code takes from schemas/catalogue.json is named there once: the main indicators and
the short labels of the summary tables, the years a report may have, the funding sources, and
the built-in region sets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pandas as pd
import pytest
from pydantic import ValidationError

from builders import write_report
from kcstats import catalogue_file
from kcstats.catalog import Catalogue, Province, schemas_dir
from kcstats.export.views import funding_columns, indicator_columns
from kcstats.model import ActivitySource, Report, SourceCode
from kcstats.reader.format2.layout import SOURCES
from kcstats.regions import BUILTIN, region_set
from reading import refused

RAW = json.loads((schemas_dir() / "catalogue.json").read_text(encoding="utf-8"))


def test_the_report_model_types_its_sources_as_the_catalogue_lists_them(
    catalogue: Catalogue,
) -> None:
    assert list(get_args(SourceCode)) == list(catalogue.sources)
    assert set(get_args(ActivitySource)) == {*catalogue.sources, "total"}
    assert tuple(catalogue.sources) == catalogue_file.SOURCE_CODES
    assert set(SOURCES) == {*catalogue.sources, "total"}


def test_the_total_adds_the_sources_marked_in_total_and_stands_after_the_last(
    catalogue: Catalogue,
) -> None:
    marked = [s["code"] for s in RAW["funding_sources"] if s["in_total"]]
    assert catalogue.in_total == list(catalogue_file.IN_TOTAL) == marked
    order = catalogue.sources_with_total
    assert order == list(catalogue_file.WITH_TOTAL)
    assert order.index("total") == order.index(marked[-1]) + 1


def test_main_indicators_are_flagged_in_the_catalogue_each_with_short_labels(
    catalogue: Catalogue,
) -> None:
    flagged = [i["code"] for i in RAW["indicators"] if i.get("main")]
    assert catalogue.main_indicators == flagged and flagged
    for code in flagged:
        indicator = catalogue.indicators[code]
        assert indicator.short_vi and indicator.short_en, code
    # The summary tables show them, by their short labels, in the catalogue's order.
    every = {f"{code}..actual": [1] for code in catalogue.indicators}
    columns = indicator_columns(pd.DataFrame(every), catalogue, "en")
    assert [c.heading for c in columns] == [catalogue.indicators[c].short_en for c in flagged]


def test_source_short_labels_head_the_funding_columns(catalogue: Catalogue) -> None:
    columns = funding_columns(pd.DataFrame(), "vi", wide=True)
    headings = [c.heading for c in columns if c.key.startswith("funding.")]
    for source in catalogue.sources_with_total:
        short = catalogue.source_short(source, "vi")
        assert f"{short} KH" in headings and f"{short} TH" in headings, source
    assert catalogue.source_short("total", "en") == RAW["total_source"]["short_en"]


def test_one_year_range_bounds_the_model_the_reader_and_the_cli(tmp_path: Path) -> None:
    first, last = RAW["years"]["first"], RAW["years"]["last"]
    assert (first, last) == catalogue_file.YEARS
    base = {"province": "Long An", "province_code": "80", "era": "63", "period": "H1"}
    Report.model_validate({**base, "year": first})
    Report.model_validate({**base, "year": last})
    for year in (first - 1, last + 1):
        with pytest.raises(ValidationError):
            Report.model_validate({**base, "year": year})
    result = refused(write_report(tmp_path / "a.xlsx", year=last + 1))
    assert [p.expected_text("en") for p in result.problems if p.code == "year-invalid"] == [
        f"{first}–{last}"
    ]
    done = subprocess.run(
        [sys.executable, "-m", "kcstats", "template", "-o", str(tmp_path / "t.xlsx"),
         "--year", str(last + 1)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and str(last) in done.stderr


def test_each_region_set_takes_a_field_every_province_has(catalogue: Catalogue) -> None:
    assert tuple(r["name"] for r in RAW["region_sets"]) == BUILTIN
    assert RAW["default_region_set"] in BUILTIN
    for info in RAW["region_sets"]:
        assert info["province_field"] in Province.model_fields
        chosen = region_set(info["name"], catalogue)
        assert chosen.name == info["name"]
        assert set(chosen.of) == {p.key for p in catalogue.provinces}
        assert all(chosen.regions)
