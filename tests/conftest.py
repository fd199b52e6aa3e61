"""Shared fixtures. tests/ is on sys.path (this conftest sits in it), so test modules import
the workbook builders with `from builders import write_report`."""

from __future__ import annotations

import pytest

from kcstats.catalog import Catalogue, load_catalogue


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()
