"""Saving a workbook atomically, with the permissions a newly created file would get."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from kcstats.export.atomic import write_atomic


def save_atomically(wb: Workbook, path: Path) -> Path:
    write_atomic(path, wb.save)
    return path
