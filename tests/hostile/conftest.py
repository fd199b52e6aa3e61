"""The hostile corpus, built once per test session into a temporary folder.

- `corpus[danger.name]`: a folder holding that danger's file and a good report;
- `mixed_folder`: every danger's file and the good report together.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hostile_run import write_good_report

from hostile_files import DANGERS, base_report, build


@pytest.fixture(scope="session")
def hostile_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return base_report(tmp_path_factory.mktemp("hostile-base"))


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory, hostile_base: Path) -> dict[str, Path]:
    """One folder per danger: its file beside a good report."""
    root = tmp_path_factory.mktemp("hostile-corpus")
    folders: dict[str, Path] = {}
    for danger in DANGERS:
        folder = root / danger.name
        folder.mkdir()
        build(danger, folder, hostile_base)
        write_good_report(folder)
        folders[danger.name] = folder
    return folders


@pytest.fixture(scope="session")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory, corpus: dict[str, Path]) -> Path:
    """Every danger's file and one good report, side by side."""
    folder = tmp_path_factory.mktemp("hostile-mixed")
    for danger in DANGERS:
        shutil.copyfile(corpus[danger.name] / danger.file_name, folder / danger.file_name)
    write_good_report(folder)
    return folder
