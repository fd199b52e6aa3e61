"""Benchmarks for issue 7: kcstats against the floor of any pandas design, measured side by side.

    .venv/bin/python benchmarks/run.py [--repeat 5] [--keep DIR]

Generates ~1,000 whole-country reports and a 5,000-row report into a temporary folder, then
runs, in alternation, `repeat` times each:
  floor     a plain Python process that imports pandas and reads every cell of every file
            with python-calamine, serially
  merge     kcstats merge DIR (terminal summary)
  json      kcstats merge DIR --format json (the whole document)
  read_excel  pandas.read_excel(sheet_name=None) with openpyxl over every file (run once or twice:
            it is slow)
and prints medians and the ratios the issue sets targets for. Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_big, generate_country  # noqa: E402

FLOOR = """
import sys, pandas
from pathlib import Path
from python_calamine import CalamineWorkbook
for path in sorted(Path(sys.argv[1]).glob('*.xlsx')):
    wb = CalamineWorkbook.from_path(path)
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
"""
READ_EXCEL = """
import sys, pandas
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob('*.xlsx')):
    pandas.read_excel(path, sheet_name=None, engine='openpyxl')
"""


def kcstats_bin() -> str:
    return str(Path(sys.executable).with_name("kcstats"))


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def peak_memory_mib(cmd: list[str]) -> float:
    """Peak resident memory of a command, children included, from /usr/bin/time if present."""
    gnu_time = shutil.which("time") or "/usr/bin/time"
    if not Path(gnu_time).exists():
        return float("nan")
    out = subprocess.run([gnu_time, "-v", *cmd], capture_output=True, text=True, check=False)
    for line in out.stderr.splitlines():
        if "Maximum resident set size" in line:
            return int(line.split(":")[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="kcstats-bench-"))
    country, big = root / "country", root / "big"
    if not country.exists():
        print("generating ~1,000 reports ...", file=sys.stderr)
        generate_country(country)
        generate_big(big)
    files = len(list(country.glob("*.xlsx")))
    py, kc = sys.executable, kcstats_bin()
    commands = {
        "floor": [py, "-c", FLOOR, str(country)],
        "merge": [kc, "merge", str(country)],
        "json": [kc, "merge", str(country), "--format", "json"],
        "help": [kc, "--help"],
        "version": [kc, "--version"],
        "validate1": [kc, "validate", str(next(country.glob("*.xlsx")))],
        "big": [kc, "validate", str(big / "big.xlsx")],
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, cmd in commands.items():
            samples[name].append(timed(cmd))
    samples["read_excel"] = [timed([py, "-c", READ_EXCEL, str(country)]) for _ in range(2)]
    med = {name: statistics.median(values) for name, values in samples.items()}
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; {files} reports; repeat {args.repeat}")
    for name, value in med.items():
        print(f"  {name:<11} median {value:8.3f} s")
    print("ratios (targets in brackets):")
    print(f"  merge / floor       {med['merge'] / med['floor']:6.2f}   [≤ 1.5]")
    print(f"  json / floor        {med['json'] / med['floor']:6.2f}   [≤ 2.5]")
    print(f"  read_excel / merge  {med['read_excel'] / med['merge']:6.1f}   [≥ 15]")
    print(f"  read_excel / json   {med['read_excel'] / med['json']:6.1f}   [≥ 15]")
    print(f"  --help {med['help']:.3f} s [< 0.15], --version {med['version']:.3f} s [< 0.15], "
          f"validate one file {med['validate1']:.3f} s [< 0.4], 5,000-row report {med['big']:.3f} s")
    print(f"  peak memory merge: {peak_memory_mib(commands['merge']):.0f} MiB [< 160], "
          f"json: {peak_memory_mib(commands['json']):.0f} MiB")
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
