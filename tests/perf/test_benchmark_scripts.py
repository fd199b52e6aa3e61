"""Every script in benchmarks/ answers --help: a new user finds out what it measures and how
to run it without reading its source (issue 15)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.mark.parametrize("script", sorted(p.name for p in BENCHMARKS.glob("*.py")))
def test_every_benchmark_script_answers_help(script: str) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage:")
    assert len(done.stdout.splitlines()) > 3  # a description and options, not a bare usage line


def test_generate_writes_the_big_report_it_is_asked_for(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "generate.py"), str(tmp_path), "--big", "40"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert Path(done.stdout.strip()) == tmp_path / "big.xlsx"
    assert (tmp_path / "big.xlsx").stat().st_size > 0
