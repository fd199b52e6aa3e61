"""Files generated from the code stay current: the report JSON Schema and the problem codes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from builders import write_report
from kcstats import problem_docs, schema_dump
from kcstats.model import Report
from kcstats.problems import CATALOGUE
from reading import accepted

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schemas" / "report.schema.json"
PROBLEM_CODES = ROOT / "docs" / "problem-codes.md"
REGENERATE_SCHEMA = "python -m kcstats.schema_dump schemas/report.schema.json"
REGENERATE_CODES = "python -m kcstats.problem_docs docs/problem-codes.md"


def test_committed_report_schema_is_the_models_schema() -> None:
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == Report.model_json_schema(), f"run {REGENERATE_SCHEMA}"
    assert SCHEMA.read_text(encoding="utf-8") == schema_dump.render(), f"run {REGENERATE_SCHEMA}"


def test_a_report_the_reader_accepts_is_valid_under_the_schema(tmp_path: Path) -> None:
    report = accepted(
        write_report(
            tmp_path / "a.xlsx",
            funding={"national": (2, "1.200,5", None, 1100), "other": (1, 5, 1, 4)},
            indicators={"consulting_revenue": ("12,345", 3), "demo_models": (2, None)},
        )
    )
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(report.model_dump(mode="json"), schema)
    jsonschema.validate(json.loads(report.model_dump_json()), schema)


def test_schema_refuses_a_report_with_an_unknown_period() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    document = {"province": "Long An", "province_code": "80", "era": "63", "year": 2024}
    jsonschema.validate({**document, "period": "H1"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**document, "period": "H2"}, schema)


def test_problem_codes_page_lists_every_code_of_the_catalogue() -> None:
    page = PROBLEM_CODES.read_text(encoding="utf-8")
    missing = [code for code in CATALOGUE if f"### `{code}`" not in page]
    assert missing == [], f"run {REGENERATE_CODES}"


def test_problem_codes_page_is_current() -> None:
    page = PROBLEM_CODES.read_text(encoding="utf-8")
    assert page == problem_docs.render(), f"run {REGENERATE_CODES}"


def test_problem_codes_page_gives_severity_group_and_both_messages() -> None:
    page = problem_docs.render()
    for kind in CATALOGUE.values():
        entry = page.split(f"### `{kind.code}`", 1)[1].split("\n### ", 1)[0]
        assert f"Severity: {kind.severity.value}" in entry
        assert f"Group: {kind.group}" in entry
        assert f"Tiếng Việt: {kind.vi}" in entry
        assert f"English: {kind.en}" in entry


def test_generators_print_without_a_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert schema_dump.main([]) == 0
    assert json.loads(capsys.readouterr().out) == Report.model_json_schema()
    assert problem_docs.main([]) == 0
    assert capsys.readouterr().out == problem_docs.render()
