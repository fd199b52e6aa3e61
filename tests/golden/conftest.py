"""Golden tests: the bundled sample data, read and merged, gives the published figures.

The folder helper finds sample_data/ from this file, never from the working directory, so
the tests pass wherever pytest is started.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

SAMPLE_DATA = Path(__file__).parents[2] / "sample_data"


def _folder(name: str) -> Path:
    folder = SAMPLE_DATA / name
    assert folder.is_dir(), f"{folder} is missing: run .venv/bin/python sample_data/generate.py"
    return folder


@pytest.fixture(scope="session")
def sample_data() -> Path:
    """The sample_data/ folder of this repository."""
    assert SAMPLE_DATA.is_dir(), SAMPLE_DATA
    return SAMPLE_DATA


@pytest.fixture(scope="session")
def sample_folder() -> Callable[[str], Path]:
    """A folder of sample_data/ by name ('south-2012-2014'); fails clearly if it is missing."""
    return _folder


@pytest.fixture(scope="session")
def merged() -> Callable[[str], tuple[int, dict[str, Any]]]:
    """`kcstats merge FOLDER --format json`, run once per folder: (exit code, JSON document)."""
    from typer.testing import CliRunner

    from kcstats.cli import app

    runs: dict[str, tuple[int, dict[str, Any]]] = {}

    def run(name: str) -> tuple[int, dict[str, Any]]:
        if name not in runs:
            args = ["merge", str(_folder(name)), "--format", "json"]
            result = CliRunner().invoke(app, args)
            try:
                document = json.loads(result.stdout)
            except json.JSONDecodeError as error:
                raise AssertionError(
                    f"kcstats {' '.join(args)} printed no JSON document "
                    f"(exit {result.exit_code}, {result.exception!r}): {result.output[:2000]}"
                ) from error
            runs[name] = (result.exit_code, document)
        return runs[name]

    return run
