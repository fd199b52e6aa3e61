"""Refused workbooks for the annotate tests, and ways to look at files and copies."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl

from builders import write_report

# One refused file per kind of problem, each its own province so that none conflicts.
BROKEN: dict[str, dict[str, Any]] = {
    "negative.xlsx": {"province": "Long An", "funding": {"national": (2, -1200, 2, 1100)}},
    "ambiguous.xlsx": {"province": "Tiền Giang", "indicators": {"trained_workers": ("1.5", 320)}},
    "fraction.xlsx": {"province": "Bến Tre", "indicators": {"demo_models": (2, 2.5)}},
    "unknown-indicator.xlsx": {"province": "Trà Vinh", "indicators": {"no_such_indicator": (1, 2)}},
    "missing-sheet.xlsx": {"province": "Vĩnh Long", "omit_sheets": ["funding"]},
    "wrong-total.xlsx": {
        "province": "Đồng Tháp",
        "funding": {
            "national": (2, 1200, 2, 1100),
            "local": (1, 300, 1, 250),
            "total": (3, 9999, 3, 1350),
        },
    },
    "unknown-province.xlsx": {"province": "Tỉnh Atlantis"},
    "abolished.xlsx": {"province": "Bình Dương", "year": 2025, "period": "Cả năm"},
    "unit.xlsx": {
        "province": "An Giang",
        "indicators": {"demo_models": (2, 1)},
        "indicator_units": {"demo_models": "cái"},
    },
}


def write_broken(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [write_report(folder / name, **knobs) for name, knobs in BROKEN.items()]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cell_values(path: Path) -> dict[str, dict[str, object]]:
    """Every sheet's non-empty cell values, by A1 address."""
    wb = openpyxl.load_workbook(path)
    return {
        ws.title: {
            c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None
        }
        for ws in wb.worksheets
    }


def set_text(path: Path, sheet: str, values: Mapping[str, str]) -> Path:
    """Type text into cells, kept as text even when it starts with '=' (as Excel's ' prefix)."""
    wb = openpyxl.load_workbook(path)
    for ref, text in values.items():
        cell = wb[sheet][ref]
        cell.value = text
        cell.data_type = "s"
    wb.save(path)
    return path


def write_ods(path: Path, sheets: Mapping[str, Sequence[Sequence[object]]]) -> Path:
    """A minimal OpenDocument spreadsheet, as LibreOffice would save the given cell values."""
    tables = []
    for name, rows in sheets.items():
        xml_rows = []
        for row in rows:
            cells = []
            for value in row:
                if value is None:
                    cells.append("<table:table-cell/>")
                elif isinstance(value, int | float):
                    cells.append(
                        f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
                    )
                else:
                    cells.append(
                        f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'
                    )
            xml_rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        tables.append(
            f'<table:table table:name="{escape(name)}">' + "".join(xml_rows) + "</table:table>"
        )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>"
        + "".join(tables)
        + "</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path
