"""Year-on-year growth, also across the 2025 province merger (outputs.md "Growth rows").

    from kcstats.growth import compute_growth, check_prior_year
    growth = compute_growth(facts, catalogue=catalogue, regions=regions, compare=(2013, 2014))
    files = check_prior_year(files, catalogue)   # "Cùng kỳ năm trước" against last year

kcstats.merge calls both: the second on the files before it builds its output, the first on
the fact table it built. Neither changes the fact table.
"""

from __future__ import annotations

from kcstats.growth.prior import check_prior_year, last_year_keys
from kcstats.growth.rollup import (
    NAME_JOINER,
    joined_names,
    predecessors,
    spans_merger,
    successor_unit,
)
from kcstats.growth.table import (
    BASES,
    BASIS_FIELDS,
    GROWTH_COLUMNS,
    YearPair,
    compute_growth,
    empty_growth,
    pct_change,
    year_pairs,
)

__all__ = [
    "BASES",
    "BASIS_FIELDS",
    "GROWTH_COLUMNS",
    "NAME_JOINER",
    "YearPair",
    "check_prior_year",
    "compute_growth",
    "empty_growth",
    "joined_names",
    "last_year_keys",
    "pct_change",
    "predecessors",
    "spans_merger",
    "successor_unit",
    "year_pairs",
]
