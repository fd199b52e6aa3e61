"""kcstats against the floor and the tools a user would pick instead, side by side (issue 16).

    .venv/bin/python benchmarks/run.py [--repeat 5] [--keep DIR] [--output FILE]
                                       [--peers polars,pandas,duckdb,openpyxl] [--no-load]
                                       [--no-reader] [--no-memory] [--extra]

Generates the 1,008 whole-country reports of benchmarks/generate.py and one report of 5,000
indicator rows into a temporary folder (or DIR, reused when it is already there), then:

1. **Quiet.** Runs, in alternation, `repeat` rounds (each round starting one command later,
   so that no command always follows the same one): the floor, `kcstats merge`, `kcstats
   merge --format json` and the peer scripts of benchmarks/peers.py (polars, pandas with
   calamine, DuckDB read_xlsx, pandas with openpyxl), each computing the same regional
   funding totals. Every run's totals are checked against kcstats' (the JSON document's
   facts) to 0.001; a difference stops the run. Wall time, and CPU time (user + system of
   the command and all its processes, from os.wait4); medians, and the ratios kcstats ÷ it.
2. **Loaded.** The same again with a CPU-bound busy loop on every core, started and stopped
   here (each loop also ends by itself after a bounded time).
3. **The reader's cost per extra indicator row**, in one process, best of several passes:
   what a reader process does for one file (check_file: digest and preflight, then
   read_file), on 200 reports of the set and on the 5,000-row report; and preflight and
   calamine alone, to show where an extra row's time goes.
4. **Peak memory** of `kcstats merge` and `--format json` of the 1,008 reports: the peak
   of the processes' proportional set sizes summed (PSS: a page shared by the parent and
   the forked readers counts once, split among them; sampled from /proc every few
   milliseconds), the figure the target is for; and the sum of every process's own peak
   resident set (VmHWM, an upper bound: a forked reader's shared pages count again).

--extra also times what issue 7 set targets for (--help, --version, validate of one report
and of the 5,000-row report, merge of half the files, of the same reports as format-2
tables, and the summary workbook). The peers need the `bench` extra (`make bench` installs
it; the test suite does not need it). Not a test: nothing here asserts, but a peer whose
totals differ from kcstats' stops the run. The kcstats package is compiled to bytecode
first, as an installed package is (the benchmark must not measure Python compiling kcstats'
sources on every start, which PYTHONDONTWRITEBYTECODE would otherwise cause).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
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
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_big, generate_country, write_one_format2  # noqa: E402
from peers import (  # noqa: E402
    LABELS,
    NEEDS,
    PEERS,
    SCRIPTS,
    Totals,
    differences,
    kcstats_totals,
    script_totals,
    write_regions,
)

# What a reader process does for one file, in one process: best of several passes.
READER = """
import json, sys, time
from pathlib import Path
from python_calamine import CalamineWorkbook
from kcstats.catalog import load_catalogue
from kcstats.reader import check_file, read_file
from kcstats.safety.limits import DEFAULT_LIMITS
from kcstats.safety.preflight import preflight, read_small
catalogue = load_catalogue()
small = sorted(Path(sys.argv[1]).glob('*.xlsx'))[:200]
big = Path(sys.argv[2])

def whole(path):
    read_file(path, catalogue, checked=check_file(path))

def checks(path):
    preflight(path, DEFAULT_LIMITS, data=read_small(path, DEFAULT_LIMITS))

def calamine(path):
    workbook = CalamineWorkbook.from_path(path)
    for name in workbook.sheet_names:
        workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)

def best(work, paths, runs):
    fastest = float('inf')
    for _ in range(runs):
        start = time.process_time()
        for path in paths:
            work(path)
        fastest = min(fastest, time.process_time() - start)
    return fastest / len(paths)

def rows(path):
    return len(CalamineWorkbook.from_path(path).get_sheet_by_name('Chỉ tiêu').to_python())

out = {'extra_rows': rows(big) - rows(small[0])}
for name, work in (('reader', whole), ('preflight', checks), ('calamine', calamine)):
    best(work, small[:20], 1)
    out[name] = (best(work, small, 5), best(work, [big], 5))
print(json.dumps(out))
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
BUSY = (
    "import time\nend = time.monotonic() + float({seconds})\nwhile time.monotonic() < end: pass\n"
)


def kcstats_bin() -> str:
    return str(Path(sys.executable).with_name("kcstats"))


@dataclass
class Runs:
    """Wall and CPU seconds of each run of one command."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def median_wall(self) -> float:
        return statistics.median(self.wall)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def run(cmd: list[str], out: Path | None = None) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the command and every process it waited for, exit code)."""
    with open(out if out is not None else os.devnull, "wb") as handle:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, stdout=handle, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, process.returncode


def compare(
    commands: dict[str, list[str]], repeat: int, work: Path, *, checked: bool
) -> dict[str, Runs]:
    """Every command `repeat` times, alternated; with `checked`, each round's totals are
    compared with kcstats' (the `json` command's)."""
    runs = {name: Runs() for name in commands}
    names = list(commands)
    for round_ in range(repeat):
        shift = round_ % len(names)
        order = names[shift:] + names[:shift]
        outputs: dict[str, Path] = {}
        for name in order:
            out = work / f"{name}.out"
            wall, cpu, code = run(commands[name], out)
            # 1 is a kcstats run that refused a file (the 5,000-row report repeats rows on
            # purpose); a peer script exits 0 or has failed.
            if code not in (0, 1) or (code == 1 and name in PEERS):
                sys.exit(f"FAIL: {name} exited with {code}: {' '.join(commands[name])}")
            runs[name].wall.append(wall)
            runs[name].cpu.append(cpu)
            outputs[name] = out
            print(f"  round {round_ + 1} {name:9} {wall:6.2f} s ({cpu:.2f} s CPU)", file=sys.stderr)
        if checked:
            check_totals(outputs)
    return runs


def check_totals(outputs: dict[str, Path]) -> None:
    reference: Totals = kcstats_totals(json.loads(outputs["json"].read_text(encoding="utf-8")))
    if not reference:
        sys.exit("FAIL: kcstats merge --format json gave no regional funding facts")
    for name, out in outputs.items():
        if name not in PEERS:
            continue
        found = differences(script_totals(out.read_text(encoding="utf-8")), reference)
        if found is not None:
            sys.exit(f"FAIL: {name}'s totals differ from kcstats': {found}")


def table(runs: dict[str, Runs]) -> list[str]:
    merge, json_ = runs["merge"], runs["json"]
    lines = [
        "| command | wall s | CPU s | merge ÷ it, wall | merge ÷ it, CPU "
        "| json ÷ it, wall | json ÷ it, CPU |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, values in runs.items():
        wall, cpu = values.median_wall, values.median_cpu
        lines.append(
            f"| {LABELS[name]} | {wall:.2f} | {cpu:.2f} "
            f"| {merge.median_wall / wall:.2f} × | {merge.median_cpu / cpu:.2f} × "
            f"| {json_.median_wall / wall:.2f} × | {json_.median_cpu / cpu:.2f} × |"
        )
    return lines


def verdicts(runs: dict[str, Runs], peers: list[str], *, loaded: bool) -> list[str]:
    merge, json_, floor = runs["merge"], runs["json"], runs["floor"]
    lines = [
        f"- merge ÷ floor: {merge.median_wall / floor.median_wall:.2f} × wall, "
        f"{merge.median_cpu / floor.median_cpu:.2f} × CPU; json ÷ floor: "
        f"{json_.median_wall / floor.median_wall:.2f} × wall, "
        f"{json_.median_cpu / floor.median_cpu:.2f} × CPU"
        + ("" if loaded else "  [quiet: ≤ 2.0 × wall, ≤ 3 × CPU]")
    ]
    if peers:
        fastest = min(peers, key=lambda name: runs[name].median_wall)
        slower_wall = [p for p in peers if merge.median_wall >= runs[p].median_wall]
        slower_cpu = [p for p in peers if merge.median_cpu >= runs[p].median_cpu]
        lines.append(
            f"- fastest peer: {fastest}; merge ÷ {fastest} "
            f"{merge.median_wall / runs[fastest].median_wall:.2f} × wall, "
            f"{merge.median_cpu / runs[fastest].median_cpu:.2f} × CPU; json ÷ {fastest} "
            f"{json_.median_wall / runs[fastest].median_wall:.2f} × wall"
            + ("  [loaded: ≤ 1.2 × wall]" if loaded else "")
        )
        if not loaded:
            lines.append(
                "- merge takes less wall time than every peer: "
                + ("yes" if not slower_wall else f"no ({', '.join(slower_wall)})")
                + "; less CPU than every peer: "
                + ("yes" if not slower_cpu else f"no ({', '.join(slower_cpu)})")
            )
    return lines


# ---------------------------------------------------------------------------------------------
# Peak memory


def _tree(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return [pid]
    return [pid, *(p for child in text.split() for p in _tree(int(child)))]


def _proc_kib(pid: int, name: str, key: str) -> int:
    """A figure in KiB from /proc/PID/NAME (0 when the process is gone)."""
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


@dataclass(frozen=True)
class Memory:
    largest: float  # MiB: the largest process's peak RSS (the kernel's ru_maxrss)
    summed_peaks: float  # MiB: every process's own peak RSS (VmHWM), summed
    summed_pss: float  # MiB: the peak of the processes' PSS summed
    processes: int


# Starts the command from a small process of its own: a process started by exec keeps the
# peak RSS of the one it replaced, and subprocess starts commands with vfork, so a command
# started from here would report this script's peak (the JSON it parsed) as its own.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], 'w') as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def peak_memory(cmd: list[str], work: Path) -> Memory:
    """Sampled every few milliseconds while `cmd` runs (NaN where /proc is not there)."""
    answer = work / "maxrss"
    process = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, str(answer), *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peaks: dict[int, int] = {}
    pss = 0
    while process.poll() is None:
        tree = _tree(process.pid)[1:]  # the launcher itself is not measured
        for member in tree:
            peaks[member] = max(peaks.get(member, 0), _proc_kib(member, "status", "VmHWM:"))
        pss = max(pss, sum(_proc_kib(p, "smaps_rollup", "Pss:") for p in tree))
        time.sleep(0.002)
    # The kernel's figure for the command's largest process (it and its readers): exact,
    # where the samples may miss the parent's last moments.
    largest = int(answer.read_text()) / 1024
    summed = sum(peaks.values()) / 1024
    summed = max(summed, largest) if peaks else float("nan")
    return Memory(largest, summed, pss / 1024 if pss else float("nan"), len(peaks))


# ---------------------------------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def compile_kcstats() -> None:
    """Bytecode for kcstats' modules, as an installed package has: with
    PYTHONDONTWRITEBYTECODE set, an editable install would compile them on every start."""
    spec = importlib.util.find_spec("kcstats")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)


def chosen_peers(names: str) -> list[str]:
    peers = [name for name in names.split(",") if name] if names else list(PEERS)
    unknown = [name for name in peers if name not in PEERS]
    if unknown:
        sys.exit(f"unknown peer(s): {', '.join(unknown)}; choose from {', '.join(PEERS)}")
    missing = [
        module
        for name in peers
        for module in NEEDS.get(name, ())
        if importlib.util.find_spec(module) is None
    ]
    if missing:
        sys.exit(
            f"the peers need {', '.join(missing)}: pip install -e '.[dev,bench]' (make bench), "
            "or leave them out with --peers"
        )
    return peers


def busy_loops(seconds: float) -> list[subprocess.Popen[bytes]]:
    code = BUSY.format(seconds=seconds)
    return [subprocess.Popen([sys.executable, "-c", code]) for _ in range(os.cpu_count() or 2)]


def extra(root: Path, country: Path, big: Path, repeat: int, work: Path) -> list[str]:
    """Issue 7's other targets: start, validate, one more report, format 2, the workbook."""
    kc = kcstats_bin()
    reports = sorted(country.glob("*.xlsx"))
    half, tables = root / "half", root / "country-format2"
    if not half.exists():
        half.mkdir()
        for path in reports[: len(reports) // 2]:
            (half / path.name).symlink_to(path)
    if not tables.exists():
        print("generating the same reports as format-2 tables ...", file=sys.stderr)
        generate_country(tables, writer=write_one_format2)
    commands = {
        "merge": [kc, "merge", str(country)],
        "merge-half": [kc, "merge", str(half)],
        "merge-f2": [kc, "merge", str(tables)],
        "help": [kc, "--help"],
        "version": [kc, "--version"],
        "validate-1": [kc, "validate", str(reports[0])],
        "validate-big": [kc, "validate", str(big)],
        "xlsx": [kc, "merge", str(country), "-o", str(work / "summary.xlsx"), "--force"],
    }
    runs = compare(commands, repeat, work, checked=False)
    med = {name: r.median_wall for name, r in runs.items()}
    halved = len(list(half.glob("*.xlsx")))
    workbook = json.loads(
        subprocess.run(
            [sys.executable, "-c", WORKBOOK, str(country), str(work / "writer.xlsx")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    per_report = (med["merge"] - med["merge-half"]) / (len(reports) - halved)
    return [
        "Issue 7's other figures (wall, medians):",
        "",
        f"- merge, per extra report {per_report * 1e3:.2f} ms [< 1] (merge − merge of half)",
        f"- the same reports as format-2 tables: {med['merge-f2'] / med['merge']:.2f} × merge",
        f"- --help {med['help']:.3f} s, --version {med['version']:.3f} s [< 0.15]",
        f"- validate one report {med['validate-1']:.3f} s [< 0.4]; the 5,000-row report "
        f"{med['validate-big']:.2f} s",
        f"- merge -o summary.xlsx {med['xlsx']:.2f} s = {med['xlsx'] / XLSX_BEFORE:.2f} × "
        f"the {XLSX_BEFORE} s before issue 15 [≤ 0.25]; the writer alone "
        f"{workbook['seconds']:.2f} s in one process, {workbook['cells']:,} cells",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description="kcstats merge and --format json against the floor and the polars, "
        "pandas, DuckDB and openpyxl scripts computing the same totals, alternated, quiet and "
        "under a load started here; the reader's cost per extra row; peak memory (issue 16; "
        "see the module's docstring).",
    )
    parser.add_argument("--repeat", type=int, default=5, help="rounds of every command")
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument(
        "--peers",
        default="",
        help="comma-separated peers to run (default: polars,pandas,duckdb,openpyxl); "
        "'none' for the floor and kcstats alone",
    )
    parser.add_argument("--no-quiet", action="store_true", help="skip the quiet comparison")
    parser.add_argument("--no-load", action="store_true", help="skip the loaded comparison")
    parser.add_argument("--no-reader", action="store_true", help="skip the reader's cost")
    parser.add_argument("--no-memory", action="store_true", help="skip peak memory")
    parser.add_argument("--extra", action="store_true", help="also issue 7's other figures")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    args = parser.parse_args()
    peers = [] if args.peers == "none" else chosen_peers(args.peers)
    root = args.keep or Path(tempfile.mkdtemp(prefix="kcstats-bench-"))
    country, big = root / "country", root / "big" / "big.xlsx"
    if not country.exists():
        print("generating 1,008 reports ...", file=sys.stderr)
        generate_country(country)
    if not big.exists():
        generate_big(big.parent)
    regions = root / "regions.csv"
    write_regions(regions)
    compile_kcstats()
    work = Path(tempfile.mkdtemp(prefix="kcstats-bench-out-"))
    py, kc = sys.executable, kcstats_bin()
    commands = {
        "floor": [py, "-c", SCRIPTS["floor"], str(country)],
        "merge": [kc, "merge", str(country)],
        "json": [kc, "merge", str(country), "--format", "json"],
        **{name: [py, "-c", SCRIPTS[name], str(country), str(regions)] for name in peers},
    }
    reports = len(list(country.glob("*.xlsx")))
    lines: list[str] = []
    say: Callable[[str], None] = lines.append
    say(f"Machine: {machine()}.")
    say(
        f"`{' '.join(['benchmarks/run.py', *sys.argv[1:]])}`: {reports} reports, medians of "
        f"{args.repeat} alternated rounds; CPU = user + system of the command and all its "
        "processes; ratios are kcstats' time ÷ the command's (below 1: kcstats is faster)."
    )
    for name in ("floor", "merge"):  # warm the file cache
        run(commands[name])
    if not args.no_quiet:
        say("")
        say(f"Quiet (load average {load_average()} before):")
        say("")
        quiet = compare(commands, args.repeat, work, checked=True)
        lines += table(quiet)
        say("")
        lines += verdicts(quiet, peers, loaded=False)
    if not args.no_load:
        # Bounded even if this process dies: each busy loop ends by itself.
        loops = busy_loops(120 + 60 * args.repeat)
        try:
            time.sleep(1)
            loaded = compare(commands, args.repeat, work, checked=True)
            load = load_average()
        finally:
            for process in loops:
                process.terminate()
            for process in loops:
                process.wait()
        say("")
        say(
            f"Loaded ({len(loops)} busy-loop processes started here, one per core; load "
            f"average {load} at the end):"
        )
        say("")
        lines += table(loaded)
        say("")
        lines += verdicts(loaded, peers, loaded=True)
    if peers and not (args.no_quiet and args.no_load):
        say("")
        say("Every peer's totals agree with kcstats' to 0.001 in every round.")
    if not args.no_reader:
        reader = json.loads(
            subprocess.run(
                [py, "-c", READER, str(country), str(big)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        rows = reader["extra_rows"]

        def per_row(name: str) -> float:
            small, large = reader[name]
            return (large - small) / rows * 1e6

        small, large = reader["reader"]
        say("")
        say(
            f"Reader, in one process (best of 5, CPU): a report {small * 1e3:.2f} ms; the "
            f"5,000-row report {large * 1e3:.1f} ms; per extra indicator row "
            f"{per_row('reader'):.1f} µs [< 10] (preflight {per_row('preflight'):.1f} µs, "
            f"calamine alone {per_row('calamine'):.1f} µs of it)"
        )
    if not args.no_memory:
        say("")
        for name in ("merge", "json"):
            memory = peak_memory(commands[name], work)
            say(
                f"Peak memory, {name}: PSS of all its processes summed "
                f"{memory.summed_pss:.0f} MiB [≤ 160]; their peak RSS summed "
                f"{memory.summed_peaks:.0f} MiB (an upper bound: pages a forked reader shares "
                f"with the parent count twice; {memory.processes} processes); largest "
                f"process {memory.largest:.0f} MiB"
            )
    if args.extra:
        say("")
        lines += extra(root, country, big, args.repeat, work)
    report = "\n".join(lines)
    print(report)
    if args.output is not None:
        args.output.write_text(report + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
