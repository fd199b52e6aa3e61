"""Pausing Python's cycle collector while kcstats builds many objects that form no cycles.

Reading a thousand reports rebuilds some forty thousand models in this process, and the
merge makes pandas' arrays: every few hundred new objects the collector would walk the young
ones, and now and then everything (pandas, numpy and the reports: a full pass takes 20-30 ms)
to find nothing to free. Paused, it runs again as it was once the work is done, and what the
work made and kept (the files read, the merge's tables) is moved to the oldest generation
without being walked: only a full collection looks at it, as it would at anything
long-lived. Anything that did become cyclic garbage meanwhile is found then.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off for the block, then back as it was (a caller that turned it
    off keeps it off)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        _promote_survivors()
        if enabled:
            gc.enable()


def _promote_survivors() -> None:
    """Every tracked object into the oldest generation, without a collection (freeze, then
    unfreeze: two list splices). Not when something else froze objects: unfreezing would
    undo that."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
