"""What one report costs in preflight, in calamine and in the reader, measured in one process.

    .venv/bin/python benchmarks/preflight_cost.py FOLDER [--runs 7] [--baseline REF] [--big FILE]

FOLDER holds the reports (benchmarks/generate.py FOLDER writes the 1,008 of the benchmark).
Each file is read into memory once; then, best of --runs passes over all of them (CPU time,
so that another process on the machine slows the figures as little as it can):

  preflight   kcstats.safety.preflight.preflight(path, data=bytes), as check_file calls it
  baseline    the same function as it was at git REF (--baseline main, say), loaded from
              `git show REF:src/kcstats/safety/preflight.py` into this process; its passes
              alternate with the current one's, so a noisy machine slows both alike
  calamine    python-calamine alone: open the file, every sheet to Python values
  reader      kcstats.reader.read_file given what check_file found: no preflight in it,
              but calamine opening and parsing the sheets the reader reads

and prints microseconds per report. --big FILE also times preflight (and the baseline) on
one large report (generate.py --big 5000 FILE.xlsx). Not a test: nothing here asserts, but
it says so when the baseline and the current preflight find different things.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def baseline_module(ref: str) -> ModuleType:
    """preflight.py as it was at `ref`, importable beside the current one."""
    source = subprocess.run(
        ["git", "show", f"{ref}:src/kcstats/safety/preflight.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    name = "kcstats.safety._preflight_baseline"
    spec = importlib.util.spec_from_loader(name, loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    exec(compile(source, f"{ref}:preflight.py", "exec"), module.__dict__)
    return module


def found(result: Any) -> tuple[object, ...]:
    """What a Preflight holds, comparable across the two modules' classes."""
    flags = {
        sheet: {cell: (flag.kind, flag.text) for cell, flag in cells.items()}
        for sheet, cells in result.cell_flags.items()
    }
    return result.format, result.problems, flags, result.blank_cells


def per_item(run: Callable[[], object], count: int) -> float:
    start = time.process_time()
    run()
    return (time.process_time() - start) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="folder of reports (benchmarks/generate.py)")
    parser.add_argument("--runs", type=int, default=7, help="passes; the best counts")
    parser.add_argument("--baseline", metavar="REF", help="also time preflight.py at git REF")
    parser.add_argument("--big", type=Path, metavar="FILE", help="also time one large report")
    parser.add_argument(
        "--only-preflight", action="store_true", help="skip calamine and the reader"
    )
    args = parser.parse_args()

    from python_calamine import CalamineWorkbook

    from kcstats.catalog import load_catalogue
    from kcstats.reader import check_file, read_file
    from kcstats.safety.preflight import preflight

    paths = sorted(p for p in args.folder.iterdir() if p.suffix in (".xlsx", ".xls", ".ods"))
    files = [(path, path.read_bytes()) for path in paths]
    old = baseline_module(args.baseline).preflight if args.baseline else None

    def pass_of(check: Callable[..., object]) -> Callable[[], object]:
        return lambda: [check(path, data=data) for path, data in files]

    timings: dict[str, list[float]] = {"preflight": []}
    if old is not None:
        timings["baseline"] = []
        differ = [
            path.name
            for path, data in files
            if found(old(path, data=data)) != found(preflight(path, data=data))
        ]
        if differ:
            print(f"baseline and current differ on {len(differ)} files, e.g. {differ[:3]}")
    for _ in range(args.runs):
        timings["preflight"].append(per_item(pass_of(preflight), len(files)))
        if old is not None:
            timings["baseline"].append(per_item(pass_of(old), len(files)))
    if args.big is not None:
        big = args.big.read_bytes()
        for label, check in (("big", preflight), ("big baseline", old)):
            if check is not None:
                timings[label] = [
                    per_item(lambda c=check: c(args.big, data=big), 1) for _ in range(args.runs)
                ]
    if not args.only_preflight:
        catalogue = load_catalogue()
        checked = {path: check_file(path) for path, _ in files}

        def calamine() -> None:
            for path, _ in files:
                workbook = CalamineWorkbook.from_path(path)
                for name in workbook.sheet_names:
                    workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)

        def reader() -> None:
            for path, _ in files:
                read_file(path, catalogue, checked=checked[path])

        timings["calamine"] = [per_item(calamine, len(files)) for _ in range(args.runs)]
        timings["reader"] = [per_item(reader, len(files)) for _ in range(args.runs)]

    print(f"{len(files)} files, best of {args.runs} passes (CPU time), µs per report:")
    for label, values in timings.items():
        print(f"  {label:13} {min(values) * 1e6:8.1f}")


if __name__ == "__main__":
    main()
