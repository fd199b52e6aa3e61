"""Issue 17, items 3 and 4: what a file holds costs the parent in proportion to the number of
files and problems, never to the size of one cell nor the square of a group of copies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import write_report
from hostile.hostile_run import by_name, codes, document, invoke, no_traceback
from hostile_files import SHARED_STRINGS, rewrite, with_shared_strings
from kcstats.catalog import schemas_dir
from kcstats.duplicates import NAMED
from kcstats.problems import problem
from kcstats.untrusted import EXCERPT_CHARS, excerpt

COPIES = 300


@pytest.mark.slow
def test_hundreds_of_copies_beside_a_different_file_are_skipped_once_each(
    tmp_path: Path,
) -> None:
    """Byte-identical copies are copies (report-format.md): each is skipped naming the first,
    and only the first and the different file conflict. Output stays linear."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    original = write_report(inbox / "copy-0000.xlsx")
    for n in range(1, COPIES):
        shutil.copyfile(original, inbox / f"copy-{n:04d}.xlsx")
    write_report(inbox / "different.xlsx", funding={"national": (2, 1200, 2, 1150)})

    result = invoke("validate", inbox, "--format", "json", "--lang", "en")
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 1
    files = by_name(document(result.stdout))
    assert len(files) == COPIES + 1
    for name in ("copy-0000.xlsx", "different.xlsx"):
        assert (files[name]["status"], codes(files[name])) == ("refused", ["duplicate-conflict"])
    copies = [
        entry
        for name, entry in files.items()
        if name.startswith("copy-") and name != "copy-0000.xlsx"
    ]
    assert len(copies) == COPIES - 1
    for entry in copies:
        assert (entry["status"], codes(entry)) == ("skipped", ["duplicate-copy"])
    longest = max(len(json.dumps(entry)) for entry in files.values())
    assert len(result.stdout) < (COPIES + 1) * 2 * longest
    assert longest < 1500


@pytest.mark.slow
def test_a_conflict_among_a_hundred_different_reports_names_a_few_files_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    count = COPIES // 3
    for n in range(count):
        write_report(inbox / f"version-{n:03d}.xlsx", funding={"national": (2, 1000 + n, 2, 900)})

    result = invoke("validate", inbox, "--format", "json", "--lang", "en")
    no_traceback(result.stdout, result.stderr)
    assert result.exit_code == 1
    files = by_name(document(result.stdout))
    assert len(files) == count
    others = count - 1  # every file conflicts with all the others
    for name, entry in files.items():
        assert (entry["status"], codes(entry)) == ("refused", ["duplicate-conflict"])
        [conflict] = entry["problems"]
        named = [n for n in files if n != name and n in conflict["message"]]
        assert len(named) == NAMED, conflict["message"]
        assert f"and {others - NAMED:,} other files" in conflict["message"]
    # Linear: each entry is about as long as one file's entry alone.
    longest = max(len(json.dumps(entry)) for entry in files.values())
    assert len(result.stdout) < count * 2 * longest
    assert longest < 1500


def test_a_long_cell_text_enters_a_problem_as_an_excerpt_with_its_length() -> None:
    text = "Hà Nội " * 100_000
    made = problem("province-unknown", found=text, sheet=text)
    head = text[:EXCERPT_CHARS]
    assert made.found_text("vi") == f"{head}… [{len(text):,} ký tự]".replace(",", ".")
    assert made.found_text("en") == f"{head}… [{len(text):,} characters]"
    assert made.sheet == excerpt(text)
    for message in (made.message("vi"), made.message("en")):
        assert len(message) < 2 * EXCERPT_CHARS + 300


def _shared_string_province(folder: Path, chars: int) -> Path:
    """A report whose province cell holds a text of `chars` characters, in the shared
    strings as Excel writes them (openpyxl alone cannot write more than 32,767)."""
    plain = write_report(folder.parent / "plain.xlsx", province="Tỉnh PLACEHOLDER")
    shared = with_shared_strings(plain, folder.parent / "shared.xlsx")
    return rewrite(
        shared,
        folder / "long.xlsx",
        {SHARED_STRINGS: lambda data: data.replace(b"PLACEHOLDER", b"x" * chars)},
    )


@pytest.mark.slow
def test_a_province_of_millions_of_characters_is_shown_as_an_excerpt_everywhere(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    chars = 900_000  # under the 1 MiB from which preflight checks the compression ratio
    _shared_string_province(inbox, chars)
    for args in (
        ["validate", inbox, "--format", "json"],
        ["validate", inbox],
        ["merge", inbox, "--format", "json"],
        ["merge", inbox, "--format", "csv"],
        ["merge", inbox],
    ):
        result = invoke(*args)
        no_traceback(result.stdout, result.stderr)
        assert result.exit_code == 1, (args, result.output[-2000:])
        assert len(result.stdout) + len(result.stderr) < 100_000, args
        assert "x" * EXCERPT_CHARS not in result.output.replace("\n", "").replace("│", "")
        assert f"{chars + 5:,}".replace(",", ".") in result.output.replace("\n", "")
    entry = document(invoke("validate", inbox, "--format", "json").stdout)["files"][0]
    assert entry["province"] == excerpt("Tỉnh " + "x" * chars)


def test_the_limits_page_states_the_bounds_of_showing() -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "limits.md").read_text("utf-8")
    assert f"| {EXCERPT_CHARS} ký tự, rồi `…` và độ dài thật" in page
    assert f"| {EXCERPT_CHARS} characters, then `…` and the real length" in page
    assert f'| {NAMED}, rồi "và N tệp khác"' in page
    assert f'| {NAMED}, then "and N other files"' in page


@given(st.text(max_size=3 * EXCERPT_CHARS), st.integers(min_value=1, max_value=2 * EXCERPT_CHARS))
def test_an_excerpt_is_short_starts_like_its_text_and_cutting_it_again_changes_nothing(
    text: str, limit: int
) -> None:
    cut = excerpt(text, limit)
    assert cut.startswith(text[:limit])
    assert (cut == text) == (len(text) <= limit) or text.endswith("characters]")
    assert len(cut) <= limit + 40
    assert excerpt(cut, limit) == cut
    if cut != text:
        assert f"{len(text):,}".replace(",", ".") in cut[limit:]


def test_the_json_lists_each_conflict_group_once_with_every_file(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(NAMED + 3):
        write_report(inbox / f"v{n}.xlsx", funding={"national": (2, 1000 + n, 2, 900)})
    write_report(inbox / "other.xlsx", province="Hà Nam")
    schema = json.loads((schemas_dir() / "merge-output.schema.json").read_text("utf-8"))
    for command in ("validate", "merge"):
        result = invoke(command, inbox, "--format", "json")
        no_traceback(result.stdout, result.stderr)
        doc = document(result.stdout)
        refused = sorted(e["path"] for e in doc["files"] if e["status"] == "refused")
        [group] = doc["conflicts"]
        assert sorted(group["files"]) == refused and len(refused) == NAMED + 3
        assert (group["province"], group["year"], group["period"]) == ("Long An", 2024, "H1")
        if command == "merge":
            jsonschema.validate(doc, schema)


def test_a_run_without_conflicts_has_no_conflicts_key(tmp_path: Path) -> None:
    write_report(tmp_path / "a.xlsx")
    for command in ("validate", "merge"):
        doc = document(invoke(command, tmp_path, "--format", "json").stdout)
        assert "conflicts" not in doc and doc["files"][0]["status"] == "accepted"
