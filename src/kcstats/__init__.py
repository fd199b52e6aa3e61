"""kcstats: validate and merge Vietnam's provincial khuyến công report workbooks.

    import kcstats
    result = kcstats.merge(["reports/"])   # a MergeResult; result.facts is a DataFrame
    report = kcstats.validate(["reports/"])  # a ValidationReport
    kcstats.merge(["reports/"], kcstats.MergeOptions(regions="socioeconomic", jobs=2))

`import kcstats` stays light: kcstats.merge (and pandas with it) is imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from kcstats.merge.api import merge as merge
    from kcstats.merge.options import MergeOptions as MergeOptions
    from kcstats.validate import ValidateOptions as ValidateOptions
    from kcstats.validate import validate as validate

# The packages kcstats.merge and kcstats.validate are callable: calling them calls
# kcstats.merge.api.merge and kcstats.validate.validate.
_LAZY = {
    "merge": ("kcstats.merge", None),
    "validate": ("kcstats.validate", None),
    "MergeOptions": ("kcstats.merge.options", "MergeOptions"),
    "ValidateOptions": ("kcstats.validate", "ValidateOptions"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module_name, attribute = _LAZY[name]
        module = importlib.import_module(module_name)
        return module if attribute is None else getattr(module, attribute)
    raise AttributeError(f"module 'kcstats' has no attribute {name!r}")
