"""kcstats: validate and merge Vietnam's provincial khuyến công report workbooks.

    import kcstats
    result = kcstats.merge(["reports/"])   # a MergeResult; result.facts is a DataFrame

`import kcstats` stays light: kcstats.merge (and pandas with it) is imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from kcstats.merge.api import merge as merge


def __getattr__(name: str) -> Any:
    if name == "merge":
        import importlib

        # The package kcstats.merge; calling it calls kcstats.merge.api.merge.
        return importlib.import_module("kcstats.merge")
    raise AttributeError(f"module 'kcstats' has no attribute {name!r}")
