"""MergeOptions: everything kcstats.merge(paths, options) can be told, in one object."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kcstats.catalogue_file import DEFAULT_REGION_SET
from kcstats.pipeline import Progress, ReadOptions
from kcstats.regions import RegionSet


@dataclass(frozen=True, slots=True)
class MergeOptions:
    """- `regions`: 'conference' (the khuyến công conference areas, the default),
      'socioeconomic', the path of a CSV province,region table, or a RegionSet.
    - `compare`: a (base year, target year) pair for growth rows, besides each year against
      the one before.
    - `jobs`: worker processes that read (None: automatic).
    - `prefer_newer`: settle two accepted reports of one province, year and period that
      differ by their own dates (--prefer newer).
    - `progress`: called with (files read, files in all) while reading.
    - `warm_up`: called once while the workers read, with what the merge itself needs: what
      the caller needs next (the CLI imports its writer), at no cost in time.
    - `pyarrow`: False to import pandas without pyarrow, when this process has imported
      neither yet: pandas loads pyarrow whenever it is installed (0.1 s of CPU, 35-45 MiB),
      and the merge and every writer but Parquet's give the same bytes without it. Only for
      a process that will not want pyarrow from pandas afterwards (the kcstats command when
      it writes no Parquet): pandas there keeps text in Python objects.
    """

    regions: str | Path | RegionSet = DEFAULT_REGION_SET
    compare: tuple[int, int] | None = None
    jobs: int | None = None
    prefer_newer: bool = False
    progress: Progress | None = None
    warm_up: Callable[[], object] | None = None
    pyarrow: bool = True

    def reading(self) -> ReadOptions:
        """The options of the reading pipeline; its warm-up also imports the merge (pandas,
        numpy, the fact table and growth), which the workers need not carry."""
        return ReadOptions(
            jobs=self.jobs,
            progress=self.progress,
            prefer_newer=self.prefer_newer,
            warm_up=self._warm_up,
        )

    def _warm_up(self) -> None:
        if not self.pyarrow:
            pandas_without_pyarrow()
        import kcstats.growth
        import kcstats.merge.facts
        import kcstats.merge.result  # noqa: F401

        if self.warm_up is not None:
            self.warm_up()


def pandas_without_pyarrow() -> None:
    """Import pandas as if pyarrow were not installed, unless this process imported either
    already. pyarrow stays importable afterwards (its entry is taken out again); pandas in
    this process will not use it."""
    if "pandas" in sys.modules or "pyarrow" in sys.modules:
        return
    sys.modules["pyarrow"] = None  # type: ignore[assignment]  # import pyarrow: ImportError
    try:
        import pandas  # noqa: F401
    finally:
        if sys.modules.get("pyarrow", False) is None:
            del sys.modules["pyarrow"]
