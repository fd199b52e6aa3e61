"""The scripts kcstats is compared with (issue 16), and how their totals are checked.

    .venv/bin/python benchmarks/peers.py NAME      # print one script, to read or run alone

benchmarks/run.py runs these scripts, alternated with `kcstats merge`, and checks their
totals; this module only holds them. Each script but the floor computes the regional funding
totals a user would want from the reports: national plus local money, plan and actual, per
conference area, year and period, from the "Thông tin" and "Kinh phí" sheets (province to
area from a CSV written once from schemas/provinces.json). It takes argv[1], the folder of
reports, and argv[2], that CSV, and prints {"region|year|period": [plan, actual], ...}.

  floor     import pandas and read every cell of every file with python-calamine, serially:
            the floor of any design that uses pandas (it computes nothing)
  polars    polars read_excel (fastexcel, calamine) per sheet, concat, join, group_by
  pandas    pandas read_excel(engine="calamine"), concat, merge, groupby
  duckdb    DuckDB read_xlsx (the excel extension of the duckdb-extension-excel wheel, loaded
            offline), one call per file and sheet, then one GROUP BY
  openpyxl  pandas read_excel(engine="openpyxl"), concat, merge, groupby

polars, DuckDB and its extension come with the `bench` extra (pip install -e ".[dev,bench]",
which `make bench` does); the test suite needs none of them.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOLERANCE = 0.001  # triệu đồng: one thousand đồng

FLOOR = """
import sys, pandas
from pathlib import Path
from python_calamine import CalamineWorkbook
for path in sorted(Path(sys.argv[1]).glob('*.xlsx')):
    wb = CalamineWorkbook.from_path(path)
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
"""
POLARS = """
import json, sys
from pathlib import Path
import polars as pl
frames = []
for path in sorted(Path(sys.argv[1]).glob('*.xlsx')):
    info = pl.read_excel(path, sheet_name='Thông tin', engine='calamine', has_header=False)
    fields = dict(zip(info['column_0'], info['column_1']))
    money = pl.read_excel(path, sheet_name='Kinh phí', engine='calamine',
                          read_options={'header_row': 1})
    frames.append(money.select(
        pl.col('Nguồn kinh phí').alias('source'),
        pl.col('Kinh phí kế hoạch').cast(pl.Float64).alias('plan'),
        pl.col('Kinh phí thực hiện').cast(pl.Float64).alias('actual'),
    ).with_columns(province=pl.lit(fields['Tỉnh/Thành phố']),
                   year=pl.lit(int(fields['Năm'])), period=pl.lit(fields['Kỳ báo cáo'])))
regions = pl.read_csv(sys.argv[2])
totals = (pl.concat(frames)
          .filter(pl.col('source').is_in(['Khuyến công quốc gia', 'Khuyến công địa phương']))
          .join(regions, on='province')
          .group_by('region', 'year', 'period')
          .agg(pl.col('plan').sum(), pl.col('actual').sum()))
print(json.dumps({f'{r}|{y}|{p}': [a, b] for r, y, p, a, b in totals.iter_rows()}))
"""
PANDAS = """
import json, sys
from pathlib import Path
import pandas as pd
frames = []
for path in sorted(Path(sys.argv[1]).glob('*.xlsx')):
    sheets = pd.read_excel(path, sheet_name=['Thông tin', 'Kinh phí'], header=None,
                           engine=ENGINE)
    info = sheets['Thông tin']
    fields = dict(zip(info[0], info[1]))
    money = sheets['Kinh phí'].iloc[1:, [0, 2, 4]]
    money.columns = ['source', 'plan', 'actual']
    money = money.iloc[1:].assign(province=fields['Tỉnh/Thành phố'],
                                  year=int(fields['Năm']), period=fields['Kỳ báo cáo'])
    frames.append(money)
regions = pd.read_csv(sys.argv[2])
table = pd.concat(frames, ignore_index=True)
table = table[table['source'].isin(['Khuyến công quốc gia', 'Khuyến công địa phương'])]
table = table.astype({'plan': float, 'actual': float}).merge(regions, on='province')
totals = table.groupby(['region', 'year', 'period'])[['plan', 'actual']].sum()
print(json.dumps({f'{r}|{y}|{p}': [a, b] for (r, y, p), (a, b) in totals.iterrows()}))
"""
PANDAS_CALAMINE = "ENGINE = 'calamine'\n" + PANDAS
PANDAS_OPENPYXL = "ENGINE = 'openpyxl'\n" + PANDAS
DUCKDB = """
import json, sys
from pathlib import Path
import duckdb, duckdb_extension_excel
extension = next(Path(duckdb_extension_excel.__file__).parent.glob(
    f'extensions/v{duckdb.__version__}/excel.duckdb_extension'))
con = duckdb.connect()
con.load_extension(str(extension))
con.execute('CREATE TABLE money (province VARCHAR, year INTEGER, period VARCHAR, '
            'source VARCHAR, plan DOUBLE, actual DOUBLE)')
for path in sorted(Path(sys.argv[1]).glob('*.xlsx')):
    con.execute(
        "INSERT INTO money WITH info AS (SELECT * FROM read_xlsx($path, sheet='Thông tin', "
        "header=false, all_varchar=true, range='A3:B6')) "
        "SELECT (SELECT B FROM info WHERE A = 'Tỉnh/Thành phố'), "
        "(SELECT B FROM info WHERE A = 'Năm')::INTEGER, "
        "(SELECT B FROM info WHERE A = 'Kỳ báo cáo'), "
        "\\"Nguồn kinh phí\\", \\"Kinh phí kế hoạch\\", \\"Kinh phí thực hiện\\" "
        "FROM read_xlsx($path, sheet='Kinh phí', header=true, range='A2:E100')",
        {'path': str(path)})
rows = con.execute(
    "SELECT r.region, m.year, m.period, sum(m.plan), sum(m.actual) FROM money m "
    "JOIN read_csv($regions, header=true) r ON r.province = m.province "
    "WHERE m.source IN ('Khuyến công quốc gia', 'Khuyến công địa phương') "
    "GROUP BY ALL", {'regions': sys.argv[2]}).fetchall()
print(json.dumps({f'{r}|{y}|{p}': [a, b] for r, y, p, a, b in rows}))
"""
# The scripts that compute the totals, in the order they run; the floor computes none.
PEERS = {
    "polars": POLARS,
    "pandas": PANDAS_CALAMINE,
    "duckdb": DUCKDB,
    "openpyxl": PANDAS_OPENPYXL,
}
SCRIPTS = {"floor": FLOOR, **PEERS}
# What each needs beyond kcstats' own dependencies (the `bench` extra).
NEEDS = {"polars": ("polars", "fastexcel"), "duckdb": ("duckdb", "duckdb_extension_excel")}
LABELS = {
    "floor": "floor (pandas import + python-calamine, every cell, serial)",
    "merge": "`kcstats merge`",
    "json": "`kcstats merge --format json`",
    "polars": 'polars `read_excel(engine="calamine")` (fastexcel)',
    "pandas": 'pandas `read_excel(engine="calamine")`',
    "duckdb": "DuckDB `read_xlsx` (excel extension)",
    "openpyxl": 'pandas `read_excel(engine="openpyxl")`',
}
NATIONAL_LOCAL = ("national", "local")

Totals = dict[str, tuple[float, float]]


def write_regions(path: Path) -> None:
    """province,region (the conference area) for the 63 provinces, from schemas/."""
    document = json.loads((ROOT / "schemas" / "provinces.json").read_text(encoding="utf-8"))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["province", "region"])
        for province in document["provinces_63"]:
            writer.writerow([province["name"], province["kc_conference_area"]])


def kcstats_totals(document: dict[str, object]) -> Totals:
    """The same totals from kcstats' JSON document: its region facts of funding, national
    and local, without an activity."""
    totals: Totals = {}
    facts = document["facts"]
    assert isinstance(facts, list)
    for fact in facts:
        if (
            fact["level"] == "region"
            and fact["measure"] == "funding"
            and fact["source"] in NATIONAL_LOCAL
            and not fact["activity"]
        ):
            key = f"{fact['region']}|{fact['year']}|{fact['period']}"
            plan, actual = totals.get(key, (0.0, 0.0))
            totals[key] = (plan + float(fact["plan"] or 0), actual + float(fact["actual"] or 0))
    return totals


def script_totals(text: str) -> Totals:
    return {key: (float(v[0]), float(v[1])) for key, v in json.loads(text).items()}


def differences(found: Totals, expected: Totals) -> str | None:
    """None when both give the same groups and totals to TOLERANCE; else what differs."""
    if set(found) != set(expected):
        missing = sorted(set(expected) - set(found))[:5]
        extra = sorted(set(found) - set(expected))[:5]
        return f"different groups: missing {missing}, extra {extra}"
    for key, (plan, actual) in expected.items():
        other = found[key]
        if abs(other[0] - plan) > TOLERANCE or abs(other[1] - actual) > TOLERANCE:
            return f"{key} = {other}, expected {(plan, actual)}"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Print one of the scripts benchmarks/run.py compares kcstats with (issue "
        '16), to read it or to run it alone: python -c "$(python benchmarks/peers.py polars)" '
        "FOLDER REGIONS.csv.",
    )
    parser.add_argument("name", choices=list(SCRIPTS), help="the script to print")
    args = parser.parse_args()
    sys.stdout.write(SCRIPTS[args.name].lstrip("\n"))


if __name__ == "__main__":
    main()
