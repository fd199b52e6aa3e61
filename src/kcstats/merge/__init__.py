"""kcstats merge: regional totals, plan against actual, the missing reports.

    import kcstats
    result = kcstats.merge(["reports/2014"], regions="conference")
    result.facts        # the fact table of outputs.md (a pandas DataFrame)

`kcstats.merge` is this package, and calling it calls :func:`merge`: the package holds the
code, and the call is the public function (a package attribute cannot be both otherwise,
because importing a submodule rebinds the package's name on its parent).

Light to import: the names that need pandas (the tables' columns, MergeResult) are loaded
when first asked for, so that `kcstats merge` reads its files before pandas is imported.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING, Any

from kcstats.merge.api import merge, merge_files
from kcstats.merge.options import MergeOptions
from kcstats.regions import RegionError, RegionSet

if TYPE_CHECKING:
    from kcstats.growth import GROWTH_COLUMNS
    from kcstats.merge.facts import FACT_COLUMNS, MISSING_COLUMNS
    from kcstats.merge.result import MergeResult

__all__ = [
    "FACT_COLUMNS",
    "GROWTH_COLUMNS",
    "MISSING_COLUMNS",
    "MergeOptions",
    "MergeResult",
    "RegionError",
    "RegionSet",
    "merge",
    "merge_files",
]

_LAZY = {
    "FACT_COLUMNS": "kcstats.merge.facts",
    "MISSING_COLUMNS": "kcstats.merge.facts",
    "GROWTH_COLUMNS": "kcstats.growth",
    "MergeResult": "kcstats.merge.result",
}


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> MergeResult:
        return merge(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        if name in _LAZY:
            value = getattr(import_module(_LAZY[name]), name)
            setattr(self, name, value)
            return value
        raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")


sys.modules[__name__].__class__ = _CallableModule
