"""`kcstats validate` reads reports without pandas (issue 7: it must answer at once), and
`kcstats merge` imports pandas only after its reader processes have started. No timing here:
what is imported, and in which order, is what keeps them quick."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from builders import write_report

HEAVY = ("pandas", "numpy", "openpyxl")


def imports(args: list[str], cwd: Path) -> list[str]:
    """Top-level packages that `python -X importtime -m kcstats ARGS` imported, in order."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kcstats", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    lines = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    return [line.rsplit("|", 1)[-1].strip() for line in lines]


def test_validating_a_report_imports_no_pandas(tmp_path: Path) -> None:
    report = write_report(tmp_path / "report.xlsx")
    names = {name.split(".")[0] for name in imports(["validate", str(report)], tmp_path)}
    assert "kcstats" in names
    assert names.isdisjoint(HEAVY), sorted(names & set(HEAVY))


def test_validating_as_json_imports_no_pandas(tmp_path: Path) -> None:
    report = write_report(tmp_path / "report.xlsx")
    names = {
        name.split(".")[0] for name in imports(["validate", str(report), "-f", "json"], tmp_path)
    }
    assert names.isdisjoint(HEAVY), sorted(names & set(HEAVY))


def test_merge_imports_pandas_after_the_reader(tmp_path: Path) -> None:
    """The reader (and what it needs) is imported before the worker processes fork, pandas
    only after: the workers do not carry pandas, and it is imported while they read."""
    write_report(tmp_path / "report.xlsx")
    order = imports(["merge", str(tmp_path)], tmp_path)
    assert order.index("kcstats.reader") < order.index("pandas")
