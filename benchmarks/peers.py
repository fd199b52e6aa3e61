"""Issue 16: kcstats against the tools a user would pick instead, measured side by side.

    .venv/bin/python benchmarks/peers.py [--repeat 5] [--keep DIR] [--load] [--output FILE]

Needs the bench extra (pip install -e ".[dev,bench]", which `make bench` does). On the
~1,008 reports of benchmarks/generate.py (generated into a temporary folder, or DIR, reused
when it is already there) it runs these commands in alternation, `repeat` rounds, so that a
noisy machine slows all alike:

  floor     import pandas and read every cell of every file with python-calamine, serially
            (FLOOR of benchmarks/run.py)
  merge     kcstats merge DIR (the terminal summary)
  json      kcstats merge DIR --format json
  polars    polars read_excel (fastexcel, calamine) per sheet, concat, join, group_by
  pandas    pandas read_excel(engine="calamine"), concat, merge, groupby
  duckdb    DuckDB read_xlsx (the excel extension of the duckdb-extension-excel wheel, loaded
            offline), one call per file and sheet, then one GROUP BY
  openpyxl  pandas read_excel(engine="openpyxl"), concat, merge, groupby

Each peer computes the regional funding totals, national plus local money, plan and actual,
per conference area, year and period, from the "Thông tin" and "Kinh phí" sheets (province
to area from a CSV written once from schemas/provinces.json), and prints them as JSON. Every
run's totals are checked against each other and against kcstats' own facts (merge --format
json: level region, measure funding, source national and local, activity empty) to 0.001; a
difference stops the run with an error.

Wall time and CPU time (user + system of the command and its children, from os.wait4) per
command; medians and the ratios kcstats/peer and kcstats/floor are printed as a Markdown
table. --load runs the comparison a second time with two busy-loop processes (one per core)
started and stopped here, each bounded in time.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from run import FLOOR, kcstats_bin, machine  # noqa: E402

TOLERANCE = 0.001
NATIONAL, LOCAL = "Khuyến công quốc gia", "Khuyến công địa phương"

# Each peer: argv[1] the folder of reports, argv[2] the province,region CSV. Prints
# {"region|year|period": [plan, actual], ...}: national plus local money.
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
PEERS = {
    "polars": POLARS,
    "pandas": PANDAS_CALAMINE,
    "duckdb": DUCKDB,
    "openpyxl": PANDAS_OPENPYXL,
}
LABELS = {
    "floor": "floor (pandas import + python-calamine, every cell, serial)",
    "merge": "`kcstats merge`",
    "json": "`kcstats merge --format json`",
    "polars": 'polars `read_excel(engine="calamine")` (fastexcel)',
    "pandas": 'pandas `read_excel(engine="calamine")`',
    "duckdb": "DuckDB `read_xlsx` (excel extension)",
    "openpyxl": 'pandas `read_excel(engine="openpyxl")`',
}
BUSY = (
    "import time\nend = time.monotonic() + float({seconds})\nwhile time.monotonic() < end: pass\n"
)

Totals = dict[str, tuple[float, float]]


def write_regions(path: Path) -> None:
    """province,region (the conference area) for the 63 provinces, from schemas/."""
    document = json.loads((ROOT / "schemas" / "provinces.json").read_text(encoding="utf-8"))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["province", "region"])
        for province in document["provinces_63"]:
            writer.writerow([province["name"], province["kc_conference_area"]])


def run(cmd: list[str], out: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the command and its children, exit code)."""
    with out.open("wb") as handle:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, stdout=handle, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, process.returncode


def kcstats_totals(path: Path) -> Totals:
    document = json.loads(path.read_text(encoding="utf-8"))
    totals: dict[str, tuple[float, float]] = {}
    for fact in document["facts"]:
        if (
            fact["level"] == "region"
            and fact["measure"] == "funding"
            and fact["source"] in ("national", "local")
            and not fact["activity"]
        ):
            key = f"{fact['region']}|{fact['year']}|{fact['period']}"
            plan, actual = totals.get(key, (0.0, 0.0))
            totals[key] = (plan + (fact["plan"] or 0.0), actual + (fact["actual"] or 0.0))
    return totals


def check(name: str, found: Totals, expected: Totals, against: str) -> None:
    if set(found) != set(expected):
        missing = sorted(set(expected) - set(found))[:5]
        extra = sorted(set(found) - set(expected))[:5]
        sys.exit(f"FAIL: {name} and {against} total different groups: {missing} / {extra}")
    for key, (plan, actual) in expected.items():
        other = found[key]
        if abs(other[0] - plan) > TOLERANCE or abs(other[1] - actual) > TOLERANCE:
            sys.exit(f"FAIL: {name} gives {key} = {other}, {against} gives {(plan, actual)}")


def compare(
    commands: dict[str, list[str]], repeat: int, work: Path
) -> dict[str, list[tuple[float, float]]]:
    """Run every command `repeat` times in alternation, checking each run's totals."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for round_ in range(repeat):
        reference: Totals | None = None
        for name, cmd in commands.items():
            out = work / f"{name}.out"
            wall, cpu, code = run(cmd, out)
            if code != 0:
                sys.exit(f"FAIL: {name} exited with {code}: {' '.join(cmd)}")
            times[name].append((wall, cpu))
            print(f"  round {round_ + 1} {name:9} {wall:6.2f} s ({cpu:.2f} s CPU)", file=sys.stderr)
            if name in ("floor", "merge"):
                continue
            if name == "json":
                reference = kcstats_totals(out)
                continue
            found = {k: (v[0], v[1]) for k, v in json.loads(out.read_text()).items()}
            assert reference is not None
            check(name, found, reference, "kcstats merge --format json")
    return times


def median(values: list[tuple[float, float]], index: int) -> float:
    return statistics.median(v[index] for v in values)


def table(times: dict[str, list[tuple[float, float]]]) -> list[str]:
    merge_wall, merge_cpu = median(times["merge"], 0), median(times["merge"], 1)
    json_wall, json_cpu = median(times["json"], 0), median(times["json"], 1)
    lines = [
        "| command | wall s | CPU s | merge ÷ it, wall | merge ÷ it, CPU "
        "| json ÷ it, wall | json ÷ it, CPU |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, values in times.items():
        wall, cpu = median(values, 0), median(values, 1)
        lines.append(
            f"| {LABELS[name]} | {wall:.2f} | {cpu:.2f} | {merge_wall / wall:.2f} × "
            f"| {merge_cpu / cpu:.2f} × | {json_wall / wall:.2f} × | {json_cpu / cpu:.2f} × |"
        )
    floor_wall, floor_cpu = median(times["floor"], 0), median(times["floor"], 1)
    fastest = min(PEERS, key=lambda name: median(times[name], 0))
    lines += [
        "",
        f"- kcstats/floor: merge {merge_wall / floor_wall:.2f} × wall, "
        f"{merge_cpu / floor_cpu:.2f} × CPU; json {json_wall / floor_wall:.2f} × wall, "
        f"{json_cpu / floor_cpu:.2f} × CPU",
        f"- fastest peer: {fastest}; merge/{fastest} {merge_wall / median(times[fastest], 0):.2f} "
        f"× wall; json/{fastest} {json_wall / median(times[fastest], 0):.2f} × wall",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description="kcstats merge against polars, pandas, DuckDB and openpyxl scripts "
        "computing the same regional funding totals (issue 16)."
    )
    parser.add_argument("--repeat", type=int, default=5, help="rounds (default 5)")
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument(
        "--load",
        action="store_true",
        help="run the comparison again with a CPU-bound load on both cores",
    )
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="kcstats-peers-"))
    country = root / "country"
    if not country.exists():
        print("generating ~1,000 reports ...", file=sys.stderr)
        from generate import generate_country

        generate_country(country)
    regions = root / "regions.csv"
    write_regions(regions)
    work = Path(tempfile.mkdtemp(prefix="kcstats-peers-out-"))
    python, kcstats = sys.executable, kcstats_bin()
    commands = {
        "floor": [python, "-c", FLOOR, str(country)],
        "merge": [kcstats, "merge", str(country)],
        "json": [kcstats, "merge", str(country), "--format", "json"],
        **{name: [python, "-c", code, str(country), str(regions)] for name, code in PEERS.items()},
    }
    reports = len(list(country.glob("*.xlsx")))
    report = [
        f"Machine: {machine()}.",
        f"Command: `{' '.join(sys.argv)}`; {reports} reports; medians of {args.repeat} "
        "alternated rounds; CPU = user + system of the command and its children.",
        "",
        "Quiet (no load started by the benchmark):",
        "",
        *table(compare(commands, args.repeat, work)),
    ]
    if args.load:
        cores = os.cpu_count() or 2
        # Bounded even if this process dies: each busy loop ends by itself.
        seconds = 600 + 120 * args.repeat
        busy = [
            subprocess.Popen([python, "-c", BUSY.format(seconds=seconds)]) for _ in range(cores)
        ]
        try:
            time.sleep(1)
            loaded = compare(commands, args.repeat, work)
            load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        finally:
            for process in busy:
                process.terminate()
            for process in busy:
                process.wait()
        report += [
            "",
            f"Loaded ({cores} busy-loop processes, one per core; load average {load} at the end):",
            "",
            *table(loaded),
        ]
    report += ["", f"All totals agree with kcstats' to {TOLERANCE}."]
    text = "\n".join(report)
    print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
