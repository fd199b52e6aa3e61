"""Running kcstats on hostile folders, in process and as the installed command, and reading
what it answered.

The installed command runs with its address space capped (RLIMIT_AS) and a wall-clock
timeout: a file that made kcstats blow up or hang fails the test with an exception
(MemoryError in the output, subprocess.TimeoutExpired), never through a timing assertion.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from builders import write_report
from commandline import KCSTATS
from kcstats.cli import app
from kcstats.problems import CATALOGUE

if sys.platform != "win32":
    import resource

MEMORY_CAP = 2 << 30  # bytes of address space for the whole kcstats process tree
KCSTATS_TIMEOUT = 60  # seconds; a real folder of reports takes about one

GOOD_NAME = "good.xlsx"
GOOD_PROVINCE = "Long An"
GOOD_FUNDING = {"national": (2, 1200.5, 2, 1100.25), "local": (10, 3000, 9, "2.800,125")}
GOOD_INDICATORS = {"trained_workers": (300, 320), "demo_models": (2, 1)}
# (measure, source) -> (plan, actual) as the fact table must hold them, in triệu đồng.
GOOD_FACTS: dict[tuple[str, str | None], tuple[Decimal, Decimal]] = {
    ("funding", "national"): (Decimal("1200.5"), Decimal("1100.25")),
    ("funding", "local"): (Decimal("3000"), Decimal("2800.125")),
    ("funding", "total"): (Decimal("4200.5"), Decimal("3900.375")),
    ("projects", "national"): (Decimal(2), Decimal(2)),
    ("projects", "local"): (Decimal(10), Decimal(9)),
    ("projects", "total"): (Decimal(12), Decimal(11)),
    ("trained_workers", None): (Decimal(300), Decimal(320)),
    ("demo_models", None): (Decimal(2), Decimal(1)),
}


def write_good_report(folder: Path) -> Path:
    return write_report(
        folder / GOOD_NAME,
        province=GOOD_PROVINCE,
        funding=GOOD_FUNDING,
        indicators=GOOD_INDICATORS,
    )


def invoke(*args: str | Path) -> Result:
    """kcstats in this process, through Typer's test runner."""
    return CliRunner().invoke(app, [str(a) for a in args])


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_bounded(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed kcstats with its memory capped and a timeout (see the module doc)."""
    return subprocess.run(
        [str(KCSTATS), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=KCSTATS_TIMEOUT,
        check=False,
        preexec_fn=_cap_memory if sys.platform != "win32" else None,
    )


def document(text: str) -> dict[str, Any]:
    """A JSON document kcstats printed, numbers read exactly."""
    parsed: dict[str, Any] = json.loads(text, parse_float=Decimal)
    return parsed


def no_traceback(*texts: str) -> None:
    """Neither a traceback nor main()'s line for an internal error reached the user."""
    for text in texts:
        assert "Traceback" not in text, text
        assert "internal error" not in text, text


def by_name(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The `files` entries keyed by file name."""
    entries = {Path(entry["path"]).name: entry for entry in doc["files"]}
    assert len(entries) == len(doc["files"])
    return entries


def codes(entry: dict[str, Any]) -> list[str]:
    return [p["code"] for p in entry["problems"]]


def assert_catalogued(entry: dict[str, Any]) -> None:
    """Every problem is from the catalogue, with the catalogue's severity and a message."""
    for found in entry["problems"]:
        kind = CATALOGUE[found["code"]]
        assert found["severity"] == kind.severity.value
        assert found["message"]


def assert_good_accepted(entry: dict[str, Any], folder: Path) -> None:
    import hashlib

    assert entry["status"] == "accepted", entry
    assert entry["problems"] == []
    assert (entry["province"], entry["year"], entry["period"]) == (GOOD_PROVINCE, 2024, "H1")
    digest = hashlib.sha256((folder / GOOD_NAME).read_bytes()).hexdigest()
    assert entry["sha256"] == digest


def province_facts(doc: dict[str, Any], province: str) -> dict[tuple[str, str | None], Any]:
    """(measure, source) -> (plan, actual) of a province's fact rows that hold a figure."""
    return {
        (row["measure"], row["source"]): (row["plan"], row["actual"])
        for row in doc["facts"]
        if row["level"] == "province"
        and row["province"] == province
        and (row["plan"] is not None or row["actual"] is not None)
    }


def assert_good_facts(doc: dict[str, Any]) -> None:
    assert province_facts(doc, GOOD_PROVINCE) == GOOD_FACTS


# The figures every hostile file was made from (hostile_files.base_report): an accepted one
# (a hidden sheet beside the real one, a 1904 workbook) must give exactly these.
HOSTILE_FACTS: dict[tuple[str, str | None], tuple[Decimal, Decimal]] = {
    ("funding", "national"): (Decimal(700), Decimal(650)),
    ("funding", "local"): (Decimal(900), Decimal(880)),
    ("funding", "total"): (Decimal(1600), Decimal(1530)),
    ("projects", "national"): (Decimal(3), Decimal(3)),
    ("projects", "local"): (Decimal(4), Decimal(4)),
    ("projects", "total"): (Decimal(7), Decimal(7)),
    ("trained_workers", None): (Decimal(300), Decimal(320)),
    ("demo_models", None): (Decimal(2), Decimal(1)),
}
