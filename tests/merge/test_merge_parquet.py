"""kcstats merge -o NAME.parquet: the fact table in NAME.parquet and the growth table in
NAME.growth.parquet, read back exactly (money Decimal, counts int, blanks null); without
pyarrow, one line naming the extra to install and exit status 2."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from merge_helpers import invoke, report

import kcstats
from kcstats.figures import money_mask


@pytest.fixture
def two_years(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    for year, actual in ((2023, "1.234,567"), (2024, "2.000,001")):
        report(
            folder,
            f"long-an-{year}.xlsx",
            province="Long An",
            year=year,
            funding={"national": (2, "1.500,25", 3, actual), "local": (None, None, 1, 7)},
            indicators={"trained_workers": (120, 98), "demo_models": (None, 2)},
        )
        report(folder, f"ha-noi-{year}.xlsx", province="Hà Nội", year=year)
    return folder


def figures_back(path: Path, frame: pd.DataFrame, names: tuple[str, ...]) -> pd.DataFrame:
    """The Parquet file as pandas reads it, each figure's money and count columns put back
    into one column as the table holds it (Decimal, int, None)."""
    back = pd.read_parquet(path, dtype_backend="numpy_nullable")
    money = money_mask(frame)
    for name in names:
        amounts = back.pop(f"{name}_money").tolist()
        counts = back.pop(f"{name}_count").astype(object).tolist()
        back[name] = [_plain(a if m else c) for a, c, m in zip(amounts, counts, money, strict=True)]
    return back[list(frame.columns)]


def _plain(value: Any) -> Any:
    return None if value is None or value is pd.NA else value


def values(frame: pd.DataFrame) -> list[list[Any]]:
    return [[_plain(v) for v in row] for row in frame.astype(object).itertuples(index=False)]


def test_the_parquet_files_hold_the_fact_and_growth_tables_exactly(
    two_years: Path, tmp_path: Path
) -> None:
    out = tmp_path / "facts.parquet"
    done = invoke("merge", two_years, "-o", out)
    assert done.exit_code == 0, done.output
    assert f"Đã ghi {out} và {tmp_path / 'facts.growth.parquet'}." in done.stderr
    assert done.stdout == ""
    library = kcstats.merge(two_years)
    shown_facts, shown_growth = library.facts_decimal(), library.growth_decimal()

    facts = figures_back(out, shown_facts, ("plan", "actual"))
    assert values(facts) == values(shown_facts)
    growth = figures_back(
        tmp_path / "facts.growth.parquet", shown_growth, ("base", "target", "change")
    )
    assert values(growth) == values(shown_growth)

    # The figures are exact decimals, and the money total is there to the thousand đồng.
    national = shown_facts[
        (shown_facts["province"] == "Long An")
        & (shown_facts["measure"] == "funding")
        & (shown_facts["source"] == "national")
        & (shown_facts["year"] == 2023)
    ]
    assert national["actual"].tolist() == [Decimal("1234.567")]
    assert Decimal("1234.567") in facts["actual"].tolist()


def test_money_is_decimal_with_three_decimals_counts_int64_and_blanks_null(
    two_years: Path, tmp_path: Path
) -> None:
    out = tmp_path / "facts.parquet"
    assert invoke("merge", two_years, "-o", out).exit_code == 0
    table = pq.read_table(out)
    assert table.schema.field("plan_money").type == pa.decimal128(38, 3)
    assert table.schema.field("actual_count").type == pa.int64()
    assert table.schema.field("reports").type == pa.int64()
    rows = table.to_pylist()
    local_plan = [
        r
        for r in rows
        if r["province"] == "Long An" and r["measure"] == "funding" and r["source"] == "local"
    ]
    assert {(r["plan_money"], r["plan_count"]) for r in local_plan} == {(None, None)}
    trained = [r for r in rows if r["province"] == "Long An" and r["measure"] == "trained_workers"]
    assert {(r["plan_money"], r["plan_count"], r["actual_count"]) for r in trained} == {
        (None, 120, 98)
    }
    growth = pq.read_table(tmp_path / "facts.growth.parquet")
    assert growth.schema.field("change_money").type == pa.decimal128(38, 3)
    assert growth.schema.field("change_count").type == pa.int64()


def test_without_pyarrow_parquet_output_is_one_line_naming_the_extra_and_exit_2(
    two_years: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [m for m in sys.modules if m == "pyarrow" or m.startswith("pyarrow.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # `import pyarrow` now fails
    done = invoke("merge", two_years, "-o", tmp_path / "facts.parquet")
    assert done.exit_code == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "pip install 'kcstats[parquet]'" in done.stderr
    assert "cần gói pyarrow" in done.stderr
    assert not list(tmp_path.glob("*.parquet"))
    # The other outputs do not need it.
    assert invoke("merge", two_years, "-o", tmp_path / "facts.csv").exit_code == 0


def test_parquet_goes_to_a_file_only(two_years: Path) -> None:
    done = invoke("merge", two_years, "--format", "parquet")
    assert done.exit_code == 2
    assert "parquet" in done.output
