"""How the reading pipeline runs: one options object instead of loose keyword arguments."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kcstats.safety.limits import DEFAULT_LIMITS, Limits

# (files done, files in all): called as the workers hand their chunks back.
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """- `jobs`: worker processes that read (None: automatic, one below PARALLEL_FROM files).
    - `progress`: told how many files are read, now and then.
    - `prefer_newer`: settle two differing reports by their own dates (--prefer newer).
    - `limits`: the bounds of reading one file (kcstats.safety.limits).
    - `warm_up`: called once in this process while the workers read (after them with a single
      worker): what the caller needs next, imported then, costs no time. `kcstats merge`
      imports pandas and the merge here; before the workers fork it would only slow them.
    """

    jobs: int | None = None
    progress: Progress | None = None
    prefer_newer: bool = False
    limits: Limits = DEFAULT_LIMITS
    warm_up: Callable[[], object] | None = None
