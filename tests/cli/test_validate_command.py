"""kcstats validate through Typer's runner: exit codes, the JSON shape of outputs.md, languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import write_report
from commandline import invoke
from kcstats.catalog import load_catalogue
from kcstats.cli import app
from kcstats.problems import Lang
from kcstats.text import fold
from kcstats.validate import validate

FILE_KEYS = [
    "path",
    "status",
    "province",
    "year",
    "period",
    "sha256",
    "problems",
    "format",
    "unmapped",
]
PROBLEM_KEYS = ["code", "severity", "sheet", "cell", "found", "expected", "message"]


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder with an accepted report, a refused one and a skipped file."""
    write_report(tmp_path / "long-an.xlsx")
    write_report(
        tmp_path / "tay-ninh.xlsx", province="Tây Ninh", funding={"national": (2, "1.5", 2, 1)}
    )
    (tmp_path / "ghi-chu.txt").write_text("x", encoding="utf-8")
    return tmp_path


def test_exit_status_is_0_when_every_report_is_accepted_and_others_skipped(tmp_path: Path) -> None:
    write_report(tmp_path / "a.xlsx")
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")
    result = invoke("validate", tmp_path)
    assert result.exit_code == 0, result.output


def test_exit_status_is_1_when_a_file_is_refused(mixed: Path) -> None:
    assert invoke("validate", mixed).exit_code == 1


def test_exit_status_is_2_for_an_unknown_option(tmp_path: Path) -> None:
    result = invoke("validate", "--no-such-option", tmp_path)
    assert result.exit_code == 2
    assert "--no-such-option" in result.output


def test_exit_status_is_2_for_a_missing_path(tmp_path: Path) -> None:
    result = invoke("validate", tmp_path / "missing")
    assert result.exit_code == 2
    assert "missing" in result.output


def test_exit_status_is_2_without_any_path() -> None:
    assert invoke("validate").exit_code == 2


def test_json_files_have_exactly_the_shape_of_outputs_md(mixed: Path) -> None:
    result = invoke("validate", mixed, "--format", "json")
    document = json.loads(result.stdout)
    assert list(document) == ["files"]
    assert [Path(f["path"]).name for f in document["files"]] == [
        "ghi-chu.txt",
        "long-an.xlsx",
        "tay-ninh.xlsx",
    ]
    for entry in document["files"]:
        assert list(entry) == FILE_KEYS
        for found in entry["problems"]:
            assert list(found) == PROBLEM_KEYS
    skipped, accepted, refused = document["files"]
    assert (skipped["status"], skipped["problems"][0]["code"]) == ("skipped", "not-a-report-file")
    assert accepted == {
        "path": str(mixed / "long-an.xlsx"),
        "status": "accepted",
        "province": "Long An",
        "year": 2024,
        "period": "H1",
        "sha256": accepted["sha256"],
        "problems": [],
        "format": 1,
        "unmapped": [],
    }
    assert (skipped["format"], skipped["unmapped"]) == (None, [])
    assert len(accepted["sha256"]) == 64
    assert refused["status"] == "refused"
    assert refused["problems"][0] == {
        "code": "ambiguous-number",
        "severity": "error",
        "sheet": "Kinh phí",
        "cell": "C4",
        "found": "1.5",
        "expected": "1,5",
        "message": refused["problems"][0]["message"],
    }


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_json_equals_the_library_result(mixed: Path, lang: Lang) -> None:
    result = invoke("validate", mixed, "--format", "json", "--lang", lang)
    assert json.loads(result.stdout) == validate([mixed]).as_dict(lang)


def test_lang_en_gives_english_messages(mixed: Path) -> None:
    result = invoke("validate", mixed, "--format", "json", "--lang", "en")
    messages = [p["message"] for f in json.loads(result.stdout)["files"] for p in f["problems"]]
    assert "Not a workbook file (.xlsx, .xlsm, .xls, .ods); skipped." in messages
    assert any(m.startswith('"1.5" can be read more than one way') for m in messages)


def test_messages_are_vietnamese_by_default(mixed: Path) -> None:
    result = invoke("validate", mixed, "--format", "json")
    messages = [p["message"] for f in json.loads(result.stdout)["files"] for p in f["problems"]]
    assert any("hãy viết 1,5" in m for m in messages)


def test_the_table_report_holds_the_files_then_every_problem_on_standard_output(
    mixed: Path,
) -> None:
    result = invoke("validate", mixed, "--lang", "en")
    out = result.stdout
    assert "long-an.xlsx" in out
    assert "1 accepted, 1 refused, 1 skipped" in out
    problems = out[out.index("Problems found") :].splitlines()
    assert any(
        line.startswith("Error ") and line.endswith("tay-ninh.xlsx  Kinh phí!C4  ambiguous-number")
        for line in problems
    ), problems
    assert any(
        line.startswith("Info ") and line.endswith("ghi-chu.txt  not-a-report-file")
        for line in problems
    ), problems
    assert result.stderr == ""


def test_table_headings_follow_the_language(mixed: Path) -> None:
    assert "chấp nhận" in invoke("validate", mixed).stdout
    assert "accepted" in invoke("validate", mixed, "--lang", "en").stdout


def test_file_that_is_not_a_workbook_is_refused_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "a.xlsx").write_text("not a workbook", encoding="utf-8")
    result = invoke("validate", tmp_path, "--format", "json")
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert json.loads(result.stdout)["files"][0]["status"] == "refused"


@pytest.mark.parametrize(("period", "vi"), [("Quý III", "Quý III"), ("7 tháng đầu năm", "7 tháng")])
def test_the_table_shows_the_period_as_officers_write_it(
    tmp_path: Path, period: str, vi: str
) -> None:
    write_report(tmp_path / "a.xlsx", period=period)
    shown = CliRunner().invoke(app, ["validate", str(tmp_path)], env={"COLUMNS": "200"})
    assert f"│ {vi} " in shown.stdout
    code = load_catalogue().period_index[fold(vi)]
    english = CliRunner().invoke(
        app, ["validate", str(tmp_path), "--lang", "en"], env={"COLUMNS": "200"}
    )
    assert f"│ {code} " in english.stdout
