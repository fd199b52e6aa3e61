"""MergeOptions: everything kcstats.merge(paths, options) can be told, in one object."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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
    """

    regions: str | Path | RegionSet = "conference"
    compare: tuple[int, int] | None = None
    jobs: int | None = None
    prefer_newer: bool = False
    progress: Progress | None = None
    warm_up: Callable[[], object] | None = None

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
        import kcstats.growth
        import kcstats.merge.facts
        import kcstats.merge.result  # noqa: F401

        if self.warm_up is not None:
            self.warm_up()
