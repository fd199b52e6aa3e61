"""What reading one format-2 report costs against a format-1 report of the same size.

    .venv/bin/python benchmarks/format2_read.py [--repeat 200]

Writes one report (funding from three sources, every indicator of the catalogue) as format 1
and as format 2 into a temporary folder, checks that both read to the same facts, then reads
each with kcstats.reader.read_file in one process, alternating, `repeat` times, and prints
the best and the median time of each and their ratio (issue 12: at most 1.3). Not a test:
nothing here asserts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the workbook builders of the tests

from builders import write_report  # noqa: E402
from format2_builder import report_rows, write_format2  # noqa: E402
from kcstats.catalog import load_catalogue  # noqa: E402
from kcstats.model import FileStatus  # noqa: E402
from kcstats.reader import read_file  # noqa: E402


def write_pair(folder: Path) -> tuple[Path, Path]:
    catalogue = load_catalogue()
    funding = {
        "national": (2, Decimal("1200.5"), 2, Decimal("1100.25")),
        "local": (10, Decimal("3000"), 9, Decimal("2800.75")),
        "counterpart": (None, Decimal("500"), None, Decimal("450")),
    }
    indicators: dict[str, tuple[object, object]] = {}
    for n, (code, indicator) in enumerate(catalogue.indicators.items(), start=1):
        if indicator.kind == "money":
            indicators[code] = (Decimal(f"{n * 10}.5"), Decimal(f"{n * 9}.25"))
        else:
            indicators[code] = (n * 10, n * 9)
    one = write_report(
        folder / "format1.xlsx",
        funding=funding,
        indicators={catalogue.indicators[c].label_vi: v for c, v in indicators.items()},
        indicator_units={
            catalogue.indicators[c].label_vi: catalogue.indicators[c].unit for c in indicators
        },
        use_codes=False,
    )
    rows = report_rows(
        funding, indicators, {c: catalogue.indicators[c].activity for c in indicators}
    )
    for row in rows:
        if row.label in catalogue.indicators:
            indicator = catalogue.indicators[row.label]
            row.label, row.unit = indicator.label_vi, indicator.unit
    two = write_format2(folder / "format2.xlsx", rows, unit_at="row").path
    return one, two


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=200, help="reads of each file (default 200)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        one, two = write_pair(Path(folder))
        for path in (one, two):
            result = read_file(path)
            assert result.status == FileStatus.ACCEPTED, result.problems
        one_report, two_report = read_file(one).report, read_file(two).report
        assert one_report is not None and two_report is not None
        same = one_report.figures() == two_report.figures()
        times: dict[Path, list[float]] = {one: [], two: []}
        for _ in range(args.repeat):
            for path in (one, two):
                start = time.perf_counter()
                read_file(path)
                times[path].append(time.perf_counter() - start)
        print(f"files: {one.stat().st_size:,} B (format 1), {two.stat().st_size:,} B (format 2)")
        print(f"same facts: {same}")
        # The best run is the cost of the work; the median also carries the machine's noise.
        for name, pick in (("best", min), ("median", statistics.median)):
            first, second = pick(times[one]), pick(times[two])
            print(
                f"{name} of {args.repeat}: format 1 {first * 1000:.2f} ms, "
                f"format 2 {second * 1000:.2f} ms, ratio {second / first:.2f} (target ≤ 1.30)"
            )


if __name__ == "__main__":
    main()
