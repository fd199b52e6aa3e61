"""Benchmarks for issue 7: kcstats against the floor of any pandas design, measured side by side.

    .venv/bin/python benchmarks/run.py [--repeat 5] [--keep DIR] [--output FILE]

Generates ~1,000 whole-country reports, the same reports as format-2 tables, and a 5,000-row
report into a temporary folder (or DIR, reused when it is already there), then runs these
commands in alternation, `repeat` times each, so that a noisy machine slows all alike:

  floor       a plain Python process that imports pandas and reads every cell of every
              file with python-calamine, serially: the floor of any design that uses pandas
  merge       kcstats merge DIR (the terminal summary, everything computed)
  json        kcstats merge DIR --format json (the whole document)
  merge-half  kcstats merge on the first half of the files (for the cost of one more report)
  merge-f2    kcstats merge on the same ~1,000 reports written as format-2 tables
  help, version, validate-1 (one report), validate-big (the 5,000-row report)
  read_excel  pandas.read_excel(sheet_name=None) with openpyxl over every file (slow: run
              --read-excel-repeat times, in the first rounds)
  xlsx        kcstats merge DIR -o summary.xlsx, the summary workbook (issue 15: at most a
              quarter of the 10.6 s it took before; run every round unless --xlsx-repeat)

and, in one process, the summary workbook's writer alone (best of several runs on one merge),

then prints medians, the ratios the issue sets targets for, the reader's own cost per file
and per extra row (in one process, best of several runs), and peak memory. Not a test:
nothing here asserts. --output writes the same report to a file (docs/performance.md
quotes it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_big, generate_country, write_one_format2  # noqa: E402

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
# The reader alone, in one process: best of several runs of read_file over the same files.
READER = """
import json, sys, time
from pathlib import Path
from kcstats.catalog import load_catalogue
from kcstats.reader import read_file
catalogue = load_catalogue()
small = sorted(Path(sys.argv[1]).glob('*.xlsx'))[:200]
big = Path(sys.argv[2])
# The same 200 reports written as format-2 tables (the same figures, the same names).
tables = [Path(sys.argv[3]) / path.name for path in small]

def best(paths, runs):
    fastest = float('inf')
    for _ in range(runs):
        start = time.process_time()
        for path in paths:
            read_file(path, catalogue)
        fastest = min(fastest, time.process_time() - start)
    return fastest / len(paths)

best(small[:20], 1)
best(tables[:20], 1)
small_file = best(small, 5)
table_file = best(tables, 5)
big_file = best([big], 5)
from python_calamine import CalamineWorkbook
def rows(path):
    return len(CalamineWorkbook.from_path(path).get_sheet_by_name('Chỉ tiêu').to_python())
print(json.dumps({'small': small_file, 'format2': table_file, 'big': big_file,
                  'extra_rows': rows(big) - rows(small[0])}))
"""
# The summary workbook's writer alone, in one process: one merge, then the best of several
# writes (kcstats.export.xlsx), and how many cells the workbook holds.
WORKBOOK = """
import json, sys, time, zipfile, re
from pathlib import Path
import kcstats
from kcstats.catalog import load_catalogue
from kcstats.export.view_options import ViewOptions
from kcstats.export.xlsx import write_summary
result = kcstats.merge(Path(sys.argv[1]))
target = Path(sys.argv[2])
catalogue, options = load_catalogue(), ViewOptions()
fastest = float('inf')
for _ in range(3):
    start = time.perf_counter()
    write_summary(target, result, catalogue, options)
    fastest = min(fastest, time.perf_counter() - start)
with zipfile.ZipFile(target) as z:
    cells = sum(len(re.findall(rb'<c ', z.read(n))) for n in z.namelist()
                if n.startswith('xl/worksheets/sheet'))
print(json.dumps({'seconds': fastest, 'cells': cells}))
"""
XLSX_BEFORE = 10.612  # s, `merge -o summary.xlsx` before issue 15 (docs/performance.md)


def kcstats_bin() -> str:
    return str(Path(sys.executable).with_name("kcstats"))


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    found = [int(c) for c in text.split()]
    return found + [g for c in found for g in _children(c)]


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def peak_memory(cmd: list[str]) -> tuple[float, float]:
    """(largest process's peak RSS, peak of the whole process tree's PSS), in MiB.

    The first comes from the kernel (GNU time's figure); the second is sampled every few
    milliseconds, summing proportional set sizes so that pages shared by the forked reader
    processes count once. NaN where /proc is not there."""
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while True:
        # wait4 gives this child's own figures (with its waited-for children's), where
        # getrusage(RUSAGE_CHILDREN) would give the largest of every child so far.
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            break
        tree = [process.pid, *_children(process.pid)]
        peak = max(peak, sum(_pss_kib(p) for p in tree))
        time.sleep(0.003)
    return usage.ru_maxrss / 1024, (peak / 1024 if peak else float("nan"))


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = ""
    return (
        f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; {load} at the start"
    )


def json_size(cmd: list[str]) -> str:
    out = subprocess.run(cmd, capture_output=True, check=False).stdout
    try:
        document = json.loads(out)
    except ValueError:
        return f"{len(out) / 1e6:.1f} MB (not JSON?)"
    return (
        f"{len(out) / 1e6:.1f} MB: {len(document['files'])} files, "
        f"{len(document['facts']):,} facts, {len(document['growth']):,} growth rows"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description="kcstats merge, --format json, validate and the summary workbook against "
        "the floor of any pandas design, alternated in one run (see the module's docstring).",
    )
    parser.add_argument("--repeat", type=int, default=5, help="rounds of every command")
    parser.add_argument(
        "--read-excel-repeat", type=int, default=2, help="rounds of pandas/openpyxl (slow)"
    )
    parser.add_argument(
        "--xlsx-repeat",
        type=int,
        default=None,
        help="rounds of the summary workbook (default: every round)",
    )
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="kcstats-bench-"))
    country, big, half = root / "country", root / "big", root / "half"
    tables = root / "country-format2"
    if not country.exists():
        print("generating ~1,000 reports ...", file=sys.stderr)
        generate_country(country)
    if not tables.exists():
        print("generating the same reports as format-2 tables ...", file=sys.stderr)
        generate_country(tables, writer=write_one_format2)
    if not (big / "big.xlsx").exists():
        generate_big(big)
    reports = sorted(country.glob("*.xlsx"))
    if not half.exists():
        half.mkdir()
        for path in reports[: len(reports) // 2]:
            (half / path.name).symlink_to(path)
    halved = len(list(half.glob("*.xlsx")))
    py, kc = sys.executable, kcstats_bin()
    commands = {
        "floor": [py, "-c", FLOOR, str(country)],
        "merge": [kc, "merge", str(country)],
        "json": [kc, "merge", str(country), "--format", "json"],
        "merge-half": [kc, "merge", str(half)],
        "merge-f2": [kc, "merge", str(tables)],
        "help": [kc, "--help"],
        "version": [kc, "--version"],
        "validate-1": [kc, "validate", str(reports[0])],
        "validate-big": [kc, "validate", str(big / "big.xlsx")],
    }
    summary = [kc, "merge", str(country), "-o", str(root / "summary.xlsx"), "--force"]
    described = machine()
    samples: dict[str, list[float]] = {name: [] for name in [*commands, "read_excel", "xlsx"]}
    for name in ("floor", "merge"):  # warm the file cache and the bytecode cache
        timed(commands[name])
    for round_ in range(args.repeat):
        print(f"round {round_ + 1}/{args.repeat} ...", file=sys.stderr)
        for name, cmd in commands.items():
            samples[name].append(timed(cmd))
        if round_ < args.read_excel_repeat:
            samples["read_excel"].append(timed([py, "-c", READ_EXCEL, str(country)]))
        if args.xlsx_repeat is None or round_ < args.xlsx_repeat:
            samples["xlsx"].append(timed(summary))
    med = {name: statistics.median(values) for name, values in samples.items() if values}
    reader = json.loads(
        subprocess.run(
            [py, "-c", READER, str(country), str(big / "big.xlsx"), str(tables)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    workbook = json.loads(
        subprocess.run(
            [py, "-c", WORKBOOK, str(country), str(root / "writer.xlsx")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    memory = {name: peak_memory(commands[name]) for name in ("merge", "json")}
    memory["xlsx"] = peak_memory(summary)
    size = json_size(commands["json"])

    lines: list[str] = []
    say: Callable[[str], None] = lines.append
    say(f"machine: {described}")
    say(
        f"{len(reports)} reports; medians of {args.repeat} alternated runs "
        f"(read_excel: {len(samples['read_excel'])}, xlsx: {len(samples['xlsx'])})"
    )
    for name, value in med.items():
        spread = f"{min(samples[name]):.3f}–{max(samples[name]):.3f}"
        say(f"  {name:<13} {value:7.3f} s   (range {spread})")
    floor = med["floor"]
    per_report = (med["merge"] - med["merge-half"]) / (len(reports) - halved)
    say("targets:")
    say(f"  merge / floor            {med['merge'] / floor:6.2f}    [≤ 1.5]")
    say(f"  json / floor             {med['json'] / floor:6.2f}    [≤ 2.5]  ({size})")
    if "read_excel" in med:
        say(f"  read_excel / merge       {med['read_excel'] / med['merge']:6.1f}    [≥ 15]")
        say(f"  read_excel / json        {med['read_excel'] / med['json']:6.1f}    [≥ 15]")
    say(f"  merge, per extra report  {per_report * 1e3:6.2f} ms [< 1]  (merge − merge-half)")
    extra_row = (reader["big"] - reader["small"]) / reader["extra_rows"]
    say(
        f"  reader, per extra row    {extra_row * 1e6:6.1f} µs [< 10] "
        f"(5,000-row report {reader['big'] * 1e3:.0f} ms [< 100], in one process)"
    )
    say(f"  reader, per report       {reader['small'] * 1e3:6.2f} ms  (in one process, serial)")
    say(
        f"  reader, format 2 / 1     {reader['format2'] / reader['small']:6.2f}    [≤ 1.3]  "
        f"({reader['format2'] * 1e3:.2f} ms a format-2 table of the same report)"
    )
    say(f"  merge-f2 / merge         {med['merge-f2'] / med['merge']:6.2f}    (the same reports)")
    say(
        f"  xlsx / before            {med['xlsx'] / XLSX_BEFORE:6.2f}    [≤ 0.25]  "
        f"(merge -o summary.xlsx {med['xlsx']:.2f} s, before {XLSX_BEFORE} s; the writer alone "
        f"{workbook['seconds']:.2f} s in one process, {workbook['cells']:,} cells)"
    )
    say(
        f"  --help {med['help']:.3f} s, --version {med['version']:.3f} s [< 0.15]; "
        f"validate one report {med['validate-1']:.3f} s [< 0.4]"
    )
    for name, (largest, tree) in memory.items():
        say(
            f"  peak memory, {name:<5} largest process {largest:5.0f} MiB, "
            f"all processes (PSS) {tree:5.0f} MiB [< 160]"
            + ("  (summary workbook)" if name == "xlsx" else "")
        )
    report = "\n".join(lines)
    print(report)
    if args.output is not None:
        args.output.write_text(report + "\n", encoding="utf-8")
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
