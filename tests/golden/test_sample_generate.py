"""sample_data/generate.py rebuilds the sample data it is kept with: the same figures, read by
the reader, and the same bytes."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from kcstats.reader import read_file

MODULE = "kcstats_sample_generate"


@pytest.fixture(scope="module")
def generator(sample_data: Path) -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location(MODULE, sample_data / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[MODULE] = module  # dataclasses look their module up while the file runs
    writes_bytecode = sys.dont_write_bytecode
    sys.dont_write_bytecode = True  # no __pycache__ left in sample_data/
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.dont_write_bytecode = writes_bytecode
        sys.modules.pop(MODULE, None)


@pytest.fixture(scope="module")
def regenerated(generator: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample_data")
    generator.main([str(out)])
    return out


def _workbooks(root: Path, folder: str) -> list[str]:
    return sorted(p.name for p in (root / folder).glob("*.xlsx"))


def test_regenerating_gives_the_same_files(
    generator: ModuleType, regenerated: Path, sample_data: Path
) -> None:
    for folder in generator.FOLDERS:
        assert _workbooks(regenerated, folder), folder
        assert _workbooks(regenerated, folder) == _workbooks(sample_data, folder), folder


def test_regenerating_gives_the_same_figures(
    generator: ModuleType, regenerated: Path, sample_data: Path
) -> None:
    for folder in generator.FOLDERS:
        for name in _workbooks(sample_data, folder):
            kept, rebuilt = (
                read_file(sample_data / folder / name),
                read_file(regenerated / folder / name),
            )
            assert rebuilt.status == kept.status, name
            assert [p.code for p in rebuilt.problems] == [p.code for p in kept.problems], name
            assert rebuilt.report == kept.report, name


def test_regenerating_gives_the_same_bytes(
    generator: ModuleType, regenerated: Path, sample_data: Path
) -> None:
    changed = [
        f"{folder}/{name}"
        for folder in generator.FOLDERS
        for name in _workbooks(sample_data, folder)
        if (regenerated / folder / name).read_bytes() != (sample_data / folder / name).read_bytes()
    ]
    assert changed == []
