"""--money-unit takes tỷ, ty, triệu and trieu (precomposed or with combining marks), and every
money cell of a table has one format: the same number of decimals, the language's separators."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from commandline import run_installed
from kcstats.cli import app
from kcstats.export.text_table import Money, money_rows

SAMPLE_DATA = Path(__file__).parents[2] / "sample_data"
SOUTH_H1 = SAMPLE_DATA / "south-2019-h1"
NORTH = SAMPLE_DATA / "north-2024-h1-two-formats"


def merge(*args: str | Path) -> Result:
    return CliRunner().invoke(app, ["merge", *map(str, args)], env={"COLUMNS": "200"})


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("tỷ", "tỷ đồng"),
        ("ty", "tỷ đồng"),
        (unicodedata.normalize("NFD", "tỷ"), "tỷ đồng"),
        ("Tỷ", "tỷ đồng"),
        ("triệu", "triệu đồng"),
        ("trieu", "triệu đồng"),
        (unicodedata.normalize("NFD", "triệu"), "triệu đồng"),
        ("triệu đồng", "triệu đồng"),
    ],
)
def test_money_unit_accepts_the_vietnamese_names_with_or_without_marks(
    name: str, label: str
) -> None:
    done = merge(SOUTH_H1, "--money-unit", name)
    assert done.exit_code == 0, done.output
    assert f"Kinh phí khuyến công theo vùng, 6 tháng 2019 ({label})" in done.stdout


@pytest.mark.parametrize(
    ("lang", "said"), [("vi", "không phải đơn vị tiền"), ("en", "not a money")]
)
def test_another_money_unit_is_a_usage_error_said_plainly(lang: str, said: str) -> None:
    done = merge(SOUTH_H1, "--money-unit", "đô la", "--lang", lang)
    assert done.exit_code == 2
    assert said in done.output and '"đô la"' in done.output
    assert "pydantic" not in done.output and "Value error" not in done.output
    assert "Kinh phí" not in done.stdout  # refused before any file is read


def test_the_installed_command_takes_money_unit_trieu_with_combining_marks(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "triệu")
    done = run_installed("merge", SOUTH_H1, "--money-unit", nfd, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "(triệu đồng)" in done.stdout


def _table(out: str, title: str) -> list[list[str]]:
    """The rows of the table under `title`, down to its total, split into cells."""
    lines = out[out.index(title) :].splitlines()
    rule = next(i for i, line in enumerate(lines) if line.strip().startswith("───"))
    rows = []
    for line in lines[rule + 1 :]:
        if line.strip():
            rows.append(re.split(r"\s{2,}", line.strip()))
            if rows[-1][0] in ("Tổng cộng", "Total"):
                break
    return rows


# 1.553,093 in Vietnamese, 1,553.093 in English: 3 decimals after the comma (dot).
THREE_DECIMALS = {"vi": r"\d{1,3}(\.\d{3})*,\d{3}", "en": r"\d{1,3}(,\d{3})*\.\d{3}"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_money_cell_of_a_trieu_table_has_the_same_decimals(lang: str) -> None:
    done = merge(NORTH, "--money-unit", "trieu", "--lang", lang)
    title = {"vi": "theo vùng, 6 tháng 2023", "en": "by region, First half 2023"}[lang]
    rows = _table(done.stdout, title)
    assert rows
    # Region | reports | national, % | local, % | total plan, actual, % | counterpart | projects
    for row in rows:
        money = [row[2], row[4], row[6], row[7], row[9]]
        assert all(re.fullmatch(THREE_DECIMALS[lang], cell) for cell in money), row
    # The plan of 132.700 triệu is written as 132.700,000 beside 1.813,282, never as 132.700.
    expected = {"vi": "132.700,000", "en": "132,700.000"}[lang]
    assert expected in done.stdout


def test_a_table_of_whole_trieu_shows_no_decimals_and_tỷ_always_three() -> None:
    rows = [[Money(Decimal("2150")), Money(Decimal("634"))]]
    assert money_rows(rows, "vi", "trieu") == [["2.150", "634"]]
    rows = [[Money(Decimal("2150")), Money(Decimal("634.508"))]]
    assert money_rows(rows, "vi", "trieu") == [["2.150,000", "634,508"]]
    assert money_rows(rows, "en", "trieu") == [["2,150.000", "634.508"]]
    rows = [[Money(Decimal("2150.5")), Money(Decimal("3"))]]
    assert money_rows(rows, "vi", "trieu") == [["2.150,5", "3,0"]]
    assert money_rows(rows, "vi", "ty") == [["2,151", "0,003"]]  # 2,1505 tỷ, half up
    signed = [[Money(Decimal("1.5"), signed=True), Money(Decimal("-2"), signed=True)]]
    assert money_rows(signed, "en", "trieu") == [["+1.5", "-2.0"]]
