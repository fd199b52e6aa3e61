"""Format 2 in the documents of kcstats merge: the `activity` column of the fact table in JSON
and CSV, and each file's `format` and `unmapped` rows (outputs.md), against the schema."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from kcstats.catalog import load_catalogue
from kcstats.export.csvout import table_csv_bytes
from kcstats.export.jsondoc import dumps, merge_json
from kcstats.merge import MergeResult, merge_files
from kcstats.model import UnmappedRow
from kcstats.regions import conference_areas
from report_results import accepted

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "schemas" / "merge-output.schema.json").read_text(
        encoding="utf-8"
    )
)
UNMAPPED = UnmappedRow(
    sheet="Biểu 01",
    row=17,
    label="Hỗ trợ xây dựng website",
    unit="cơ sở",
    section="media",
    plan=Decimal("3"),
    actual=Decimal("2"),
)


@pytest.fixture(scope="module")
def result() -> MergeResult:
    files = [
        accepted(
            "Hà Nội",
            funding={"national": ("300", "250.5")},
            activities={
                ("media", "national"): ("12.5", "10"),
                ("media", "local"): ("2", "1.25"),
            },
            unmapped=[UNMAPPED],
        ),
        accepted("Long An", funding={"local": ("80", "70")}, format_=1),
        accepted("Long An", 2023, funding={"local": ("60", "50")}, format_=1),
        accepted("Hà Nội", 2023, activities={("media", "total"): ("10", "8")}),
    ]
    return merge_files(files, conference_areas(load_catalogue()))


def test_json_facts_and_growth_carry_the_activity(result: MergeResult) -> None:
    document = json.loads(merge_json(result), parse_float=Decimal)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    media = [f for f in document["facts"] if f["activity"] == "media" and f["level"] == "all"]
    assert [(f["year"], f["source"], f["plan"], f["actual"]) for f in media] == [
        (2023, "national", None, None),
        (2023, "local", None, None),
        (2023, "total", Decimal("10"), Decimal("8")),
        (2024, "national", Decimal("12.5"), Decimal("10")),
        (2024, "local", Decimal("2"), Decimal("1.25")),
        (2024, "total", Decimal("14.5"), Decimal("11.25")),
    ]
    whole = [f for f in document["facts"] if f["measure"] != "funding"]
    assert whole and all(f["activity"] is None for f in whole)
    growth = [g for g in document["growth"] if g["activity"] == "media" and g["level"] == "all"]
    assert {(g["source"], g["basis"], g["change"]) for g in growth} >= {
        ("total", "actual", Decimal("3.25")),
        ("total", "plan", Decimal("4.5")),
    }


def test_json_file_entries_say_the_format_and_list_the_unmapped_rows(result: MergeResult) -> None:
    document = json.loads(merge_json(result), parse_float=Decimal)
    formats = {(f["province"], f["year"]): f["format"] for f in document["files"]}
    assert formats == {
        ("Hà Nội", 2024): 2,
        ("Hà Nội", 2023): 2,
        ("Long An", 2024): 1,
        ("Long An", 2023): 1,
    }
    ha_noi = next(f for f in document["files"] if (f["province"], f["year"]) == ("Hà Nội", 2024))
    assert ha_noi["unmapped"] == [
        {
            "sheet": "Biểu 01",
            "row": 17,
            "label": "Hỗ trợ xây dựng website",
            "unit": "cơ sở",
            "section": "media",
            "plan": Decimal("3"),
            "actual": Decimal("2"),
        }
    ]
    assert all(f["unmapped"] == [] for f in document["files"] if f is not ha_noi)
    # The streamed document is the library's dictionary exactly.
    assert json.loads(merge_json(result), parse_float=Decimal) == json.loads(
        dumps(result.as_dict()), parse_float=Decimal
    )


def test_the_schema_refuses_an_activity_on_anything_but_funding(result: MergeResult) -> None:
    document = json.loads(merge_json(result))
    validator = jsonschema.Draft202012Validator(SCHEMA)
    indicator = next(f for f in document["facts"] if f["measure"] not in ("funding", "projects"))
    money = next(f for f in document["facts"] if f["activity"] == "media")
    assert validator.is_valid({**document, "facts": [money]})
    for bad in (
        {**indicator, "activity": "media"},
        {**money, "activity": "Media!"},
        {k: v for k, v in money.items() if k != "activity"},
    ):
        assert not validator.is_valid({**document, "facts": [bad]}), bad
    entry = document["files"][0]
    for bad_entry in (
        {**entry, "format": 3},
        {**entry, "format": None},  # an accepted file was read as one format or the other
        {**entry, "unmapped": [{"sheet": "x", "row": 0, "label": "y"}]},
        {k: v for k, v in entry.items() if k != "format"},
    ):
        assert not validator.is_valid({**document, "files": [bad_entry]}), bad_entry


def test_csv_has_the_activity_column_blank_for_all_activities(result: MergeResult) -> None:
    text = table_csv_bytes(result.facts).decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    assert list(table[0])[6:9] == ["source", "activity", "unit"]
    media = [
        r
        for r in table
        if r["activity"] == "media"
        and r["level"] == "province"
        and r["year"] == "2024"
        and r["province"] == "Hà Nội"
    ]
    assert [(r["source"], r["plan"], r["actual"]) for r in media] == [
        ("national", "12.5", "10"),
        ("local", "2", "1.25"),
        ("total", "14.5", "11.25"),
    ]
    whole = [r for r in table if r["measure"] == "funding" and r["activity"] == ""]
    facts = result.facts
    blank = (facts["measure"] == "funding").to_numpy() & facts["activity"].isna().to_numpy()
    assert len(whole) == int(blank.sum()) > 0
