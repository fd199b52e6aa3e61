"""`kcstats --help` answers at once: it imports neither pandas nor openpyxl."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("pandas", "openpyxl", "numpy", "python_calamine")


def imported_packages(args: list[str], cwd: Path) -> set[str]:
    """Top-level packages that `python -X importtime -m kcstats ARGS` imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kcstats", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Cách dùng:" in done.stdout
    lines = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    return {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in lines}


@pytest.mark.parametrize("args", [["--help"], ["validate", "--help"]])
def test_help_imports_neither_pandas_nor_openpyxl(tmp_path: Path, args: list[str]) -> None:
    packages = imported_packages(args, tmp_path)
    assert {"kcstats", "typer"} <= packages
    assert packages.isdisjoint(HEAVY), sorted(packages & set(HEAVY))


def test_the_help_of_kcstats_reads_its_texts_without_the_catalogue_models(tmp_path: Path) -> None:
    # The help's texts come from the message table; reading it must not load pydantic (the
    # catalogue's models), which would double the time `kcstats --help` takes.
    packages = imported_packages(["--help"], tmp_path)
    assert "pydantic" not in packages
