"""CSV for both readers: the standard style for programs (comma, dot decimal) and excel-vi for a
spreadsheet set to Vietnamese (semicolon, comma decimal), each read back by its own convention
and compared with the fact store's figures exactly."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from merge_helpers import invoke

import kcstats
from kcstats.export.csvout import table_csv_bytes
from kcstats.merge import MergeResult

SOUTH = Path(__file__).parents[2] / "sample_data" / "south-2012-2014"
FIGURES = {"plan", "actual", "pct_of_plan", "base", "target", "change", "pct_change"}


@pytest.fixture(scope="module")
def south() -> MergeResult:
    return kcstats.merge(SOUTH)


def _expected(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The table as the JSON document holds it: Decimal triệu đồng, int counts, None blank."""
    from kcstats.merge.result import records

    return records(table)


def _read_vi(data: bytes) -> list[dict[str, Any]]:
    """Python's csv module with the Vietnamese convention: ';' between cells, ',' decimal."""
    assert data.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, body = lines[0], lines[1:]
    out = []
    for line in body:
        row: dict[str, Any] = {}
        for name, text in zip(header, line, strict=True):
            if text == "":
                row[name] = None
            elif name in FIGURES:
                assert "." not in text, (name, text)  # no dot: it is no thousands separator
                row[name] = Decimal(text.replace(",", "."))
            else:
                row[name] = text
        out.append(row)
    return out


def _same(expected: dict[str, Any], got: dict[str, Any]) -> None:
    for name, value in expected.items():
        if name in FIGURES:
            assert got[name] == (None if value is None else Decimal(value)), name
        elif value is None:
            assert got[name] is None, name
        else:
            assert got[name] == str(value), name


@pytest.mark.parametrize("table", ["facts", "growth"])
def test_excel_vi_csv_read_with_semicolons_and_decimal_commas_equals_the_facts(
    south: MergeResult, table: str
) -> None:
    frame = south.facts if table == "facts" else south.growth
    data = table_csv_bytes(frame, south.measures, "excel-vi")
    expected = _expected(south.facts_decimal() if table == "facts" else south.growth_decimal())
    got = _read_vi(data)
    assert len(got) == len(expected) > 100
    for want, have in zip(expected, got, strict=True):
        _same(want, have)


def test_pandas_reads_excel_vi_figures_as_numbers_negative_ones_too(south: MergeResult) -> None:
    data = table_csv_bytes(south.growth, south.measures, "excel-vi")
    table = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    for name in ("base", "target", "change", "pct_change"):
        assert pd.api.types.is_float_dtype(table[name]) or pd.api.types.is_integer_dtype(
            table[name]
        ), name
    growth = south.growth_decimal()
    chosen = (
        (growth["province"] == "Bình Thuận")
        & (growth["measure"] == "funding")
        & (growth["source"] == "local")
        & (growth["basis"] == "actual")
        & (growth["base_year"] == 2012)
    ).to_numpy()
    want = growth[chosen].iloc[0]
    got = table[chosen].iloc[0]
    assert want["change"] < 0 and want["pct_change"] < 0  # 1605 -> 1553,093: -51,907 (-3,2341%)
    assert got["change"] == float(want["change"])
    assert got["pct_change"] == float(want["pct_change"])
    assert got["target"] == float(want["target"]) == 1553.093
    text = data.decode("utf-8-sig")
    assert ";-51,907;-3,2341;" in text and "'-" not in text


def test_the_standard_csv_is_unchanged_comma_and_dot(south: MergeResult) -> None:
    data = table_csv_bytes(south.growth, south.measures)
    assert data == table_csv_bytes(south.growth, south.measures, "standard")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("level,region,province,period,")
    assert ",1553.093,-51.907,-3.2341," in text
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert table["target"].max() == float(south.growth_decimal()["target"].max())


def test_excel_vi_keeps_text_that_could_run_as_a_formula_as_text() -> None:
    frame = pd.DataFrame(
        {
            "region": ["=Nam", "-1", "Bắc; Trung"],
            "measure": ["funding", "funding", "funding"],
            "plan": pd.array([1234500, None, 5], dtype="Int64"),
        }
    )
    lines = table_csv_bytes(frame, style="excel-vi").decode("utf-8-sig").splitlines()
    assert lines == [
        "region;measure;plan",
        "'=Nam;funding;1234,5",
        "'-1;funding;",
        '"Bắc; Trung";funding;0,005',
    ]


def test_merge_csv_style_on_the_command_line(tmp_path: Path) -> None:
    vi = tmp_path / "facts-vi.csv"
    done = invoke("merge", SOUTH, "-o", vi, "--csv-style", "excel-vi")
    assert done.exit_code == 0, done.output
    header = vi.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("level;region;province;year;")
    standard = invoke("merge", SOUTH, "--format", "csv")
    assert standard.stdout_bytes.decode("utf-8-sig").startswith("level,region,province,year,")
    wrong = invoke("merge", SOUTH, "--format", "csv", "--csv-style", "excel")
    assert wrong.exit_code == 2
