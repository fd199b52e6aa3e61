"""validate and merge on a folder mixing both formats, through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import write_report
from commandline import invoke, run_installed
from format2_builder import Row, write_format2


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    write_report(folder / "long-an.xlsx", province="Long An")
    write_format2(folder / "tien-giang.xlsx", province="Tiền Giang", header="sources")
    write_format2(folder / "ben-tre.xlsx", province="Bến Tre", header="count_money")
    return folder


def funding_facts(document: dict[str, object]) -> dict[tuple[str, str], tuple[object, object]]:
    facts = document["facts"]
    assert isinstance(facts, list)
    return {
        (f["province"], f["source"]): (f["plan"], f["actual"])
        for f in facts
        if f["level"] == "province" and f["measure"] == "funding" and f["activity"] is None
    }


def test_validate_accepts_both_formats_in_one_folder(mixed: Path) -> None:
    done = invoke("validate", mixed, "--format", "json")
    assert done.exit_code == 0, done.output
    files = json.loads(done.stdout)["files"]
    assert {f["province"]: f["status"] for f in files} == {
        "Long An": "accepted",
        "Tiền Giang": "accepted",
        "Bến Tre": "accepted",
    }


def test_merge_gives_the_funding_of_both_formats(mixed: Path) -> None:
    done = invoke("merge", mixed, "--format", "json")
    assert done.exit_code == 0, done.output
    facts = funding_facts(json.loads(done.stdout))
    for province in ("Long An", "Tiền Giang", "Bến Tre"):
        assert facts[(province, "national")][0] == 1200
    assert facts[("Tiền Giang", "local")] == (3000, 1500)
    assert facts[("Bến Tre", "total")] == (4200, 2300)


def test_a_refused_format_2_file_names_its_cell_and_the_others_still_count(
    mixed: Path,
) -> None:
    rows = [
        Row("Khuyến công quốc gia", "triệu đồng", {"plan": 1200, "actual": "nhiều"}),
        Row("Khuyến công địa phương", "triệu đồng", {"plan": 3000, "actual": -5}),
    ]
    write_format2(mixed / "vinh-long.xlsx", rows, province="Vĩnh Long")
    done = run_installed("merge", mixed, "--format", "json", cwd=mixed.parent)
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    refused = next(f for f in document["files"] if f["province"] == "Vĩnh Long")
    assert refused["status"] == "refused"
    assert [(p["code"], p["sheet"], p["cell"]) for p in refused["problems"]] == [
        ("not-a-number", "Biểu 01", "E7"),
        ("negative-number", "Biểu 01", "E8"),
    ]
    assert ("Long An", "national") in funding_facts(document)
