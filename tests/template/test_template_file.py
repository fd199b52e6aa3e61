"""Template files are ordinary files (the umask decides who may read them) that print well."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kcstats.template import write_template


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("umask_022")
def test_template_written_atomically_is_readable_by_others_under_umask_022(tmp_path: Path) -> None:
    path = write_template(tmp_path / "mau.xlsx", province="Long An", year=2024, period="H1")
    assert path.stat().st_mode & 0o777 == 0o644


def test_template_sheets_print_landscape_one_page_wide(tmp_path: Path) -> None:
    import openpyxl

    path = write_template(tmp_path / "mau.xlsx", province="Long An", year=2024, period="H1")
    wb = openpyxl.load_workbook(path)
    for name in ("Thông tin", "Kinh phí", "Chỉ tiêu"):
        setup = wb[name].page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
        assert wb[name].sheet_properties.pageSetUpPr.fitToPage is True
