"""kcstats merge: regional totals, plan against actual, the missing reports.

    import kcstats
    result = kcstats.merge(["reports/2014"], regions="conference")
    result.facts        # the fact table of outputs.md (a pandas DataFrame)

`kcstats.merge` is this package, and calling it calls :func:`merge`: the package holds the
code, and the call is the public function (a package attribute cannot be both otherwise,
because importing a submodule rebinds the package's name on its parent).
"""

from __future__ import annotations

import sys
import types
from typing import Any

from kcstats.growth import GROWTH_COLUMNS
from kcstats.merge.api import merge, merge_files
from kcstats.merge.facts import FACT_COLUMNS, MISSING_COLUMNS
from kcstats.merge.result import MergeResult
from kcstats.regions import RegionError, RegionSet

__all__ = [
    "FACT_COLUMNS",
    "GROWTH_COLUMNS",
    "MISSING_COLUMNS",
    "MergeResult",
    "RegionError",
    "RegionSet",
    "merge",
    "merge_files",
]


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> MergeResult:
        return merge(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
