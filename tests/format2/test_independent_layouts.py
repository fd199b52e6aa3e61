"""Format 2 read from layouts written independently of the reader's tests (see the fixture
folder's README): merge --format json gives exactly the expected facts, activity funding and
refusal cells, for .xlsx, .xls saved by LibreOffice and .ods saved by LibreOffice alike."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from commandline import invoke

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "format2-independent"
EXPECTED: dict[str, dict[str, Any]] = json.loads((FOLDER / "expected.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    result = invoke("merge", FOLDER, "--format", "json")
    assert result.exit_code == 1, result.stderr  # some files are refused on purpose
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def _entry(document: dict[str, Any], name: str) -> dict[str, Any]:
    [entry] = [f for f in document["files"] if Path(f["path"]).name == name]
    return entry


def _fact(
    document: dict[str, Any],
    entry: dict[str, Any],
    measure: str,
    source: str | None,
    activity: str | None,
) -> tuple[Decimal | None, Decimal | None] | None:
    for fact in document["facts"]:
        if (
            fact["level"] == "province"
            and fact["province"] == entry["province"]
            and (fact["year"], fact["period"]) == (entry["year"], entry["period"])
            and fact["measure"] == measure
            and (fact["source"] or None) == source
            and (fact.get("activity") or None) == activity
        ):
            plan, actual = (
                None if v is None else Decimal(str(v)) for v in (fact["plan"], fact["actual"])
            )
            return plan, actual
    return None


def _pair(values: list[Any]) -> tuple[Decimal | None, Decimal | None]:
    return (Decimal(values[0]), Decimal(values[1]))


@pytest.mark.parametrize(
    "name", sorted(n for n, e in EXPECTED.items() if e["status"] == "accepted")
)
def test_an_independent_layout_gives_the_expected_facts(
    document: dict[str, Any], name: str
) -> None:
    expected = EXPECTED[name]
    entry = _entry(document, name)
    assert (entry["status"], entry["format"]) == ("accepted", 2), entry["problems"]
    assert (entry["province"], entry["year"], entry["period"]) == (
        expected["province"],
        expected["year"],
        expected["period"],
    )
    for source, (plan, actual, plan_projects, actual_projects) in expected["funding"].items():
        assert _fact(document, entry, "funding", source, None) == _pair([plan, actual]), source
        if plan_projects is not None:
            assert _fact(document, entry, "projects", source, None) == _pair(
                [plan_projects, actual_projects]
            )
    for key, values in expected.get("activity", {}).items():
        activity, source = key.split("|")
        assert _fact(document, entry, "funding", source, activity) == _pair(values), key
    for code, values in expected["indicators"].items():
        assert _fact(document, entry, code, None, None) == _pair(values), code
    warnings = {p["code"] for p in entry["problems"]}
    assert set(expected.get("warnings", [])) <= warnings
    assert all(p["severity"] != "error" for p in entry["problems"])


def test_defects_typed_into_known_cells_are_refused_at_those_cells(
    document: dict[str, Any],
) -> None:
    entry = _entry(document, "thanh-hoa-q2-2024.xlsx")
    assert entry["status"] == "refused"
    cells = {(p["code"], p["cell"]) for p in entry["problems"] if p["severity"] == "error"}
    assert cells == {
        ("negative-number", "E11"),
        ("total-mismatch", "D12"),
        ("percent-mismatch", "F13"),
    }


@pytest.mark.parametrize(
    "name", sorted(n for n, e in EXPECTED.items() if e["status"] == "refused" and "codes" in e)
)
def test_an_independent_refusal_names_its_reason(document: dict[str, Any], name: str) -> None:
    entry = _entry(document, name)
    assert entry["status"] == "refused"
    assert set(EXPECTED[name]["codes"]) <= {p["code"] for p in entry["problems"]}
