"""Across the 2025 province merger: which comparisons span it, and the older facts rolled up
into the 34 units that the 63 provinces became on 1 July 2025.

A comparison spans the change when its base year's period ended before 1 July 2025 (the 63
provinces) and its target year's period after (the 34 units): FY2024 against FY2025, H1 2025
against H1 2026. Its base is then re-added by unit (Province.successor), and its regions are
those of the units in the region set in use, so that "Tây Ninh 2025 against 2024" compares
the new Tây Ninh with old Tây Ninh plus old Long An. The fact table itself is never changed:
the old provinces stay in the old years.

Sums follow the merge's blank rules: a sum over provinces that reported nothing is blank; if
only some old provinces of a unit have a figure, the sum is theirs, and `*_from` names them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kcstats.catalog import Catalogue, Province
from kcstats.regions import RegionSet
from kcstats.text import fold

Figure = int  # the fact store's integers (kcstats.figures): thousandths of triệu đồng, counts
NAME_JOINER = " + "


def spans_merger(catalogue: Catalogue, base_year: int, target_year: int, period: str) -> bool:
    """True when the base year's period names the 63 provinces and the target year's the 34."""
    return (
        catalogue.era_of(base_year, period) == "63"
        and catalogue.era_of(target_year, period) == "34"
    )


def successor_unit(catalogue: Catalogue, old: Province) -> Province:
    """The 34-era unit an old province became (itself, for a unit of the 34)."""
    if old.era == "34":
        return old
    if old.successor is None:  # pragma: no cover - every old province has a successor
        raise ValueError(f"{old.name} has no successor in the province list")
    return catalogue.by_key[f"34:{old.successor}"]


def predecessors(catalogue: Catalogue, unit: Province) -> list[Province]:
    """The old provinces a 34-era unit was made from, in the catalogue's order."""
    return [catalogue.by_key[f"63:{code}"] for code in unit.predecessors]


def joined_names(names: Iterable[str]) -> str | None:
    """Old province names in alphabetical order (ignoring diacritics): 'Long An + Tây Ninh';
    None when there are none."""
    ordered = sorted(set(names), key=lambda name: (fold(name), name))
    return NAME_JOINER.join(ordered) if ordered else None


@dataclass(slots=True)
class Sum:
    """A sum under the merge's blank rules, and the places that gave a figure to it."""

    value: Figure | None = None
    names: list[str] = field(default_factory=list)

    def add(self, value: Figure | None, names: Iterable[str]) -> None:
        if value is None:
            return
        self.value = value if self.value is None else self.value + value
        self.names.extend(names)


@dataclass(slots=True)
class RolledRow:
    """One place and measure of a rolled-up base year."""

    level: str
    region: str | None
    province: str | None
    measure: str
    source: str | None
    activity: str | None
    plan: Sum = field(default_factory=Sum)
    actual: Sum = field(default_factory=Sum)


# level, region, province, measure, source, activity
Key = tuple[str, str | None, str | None, str, str | None, str | None]


def roll_up(
    rows: Iterable[tuple[str, str, str | None, str | None, Figure | None, Figure | None]],
    catalogue: Catalogue,
    regions: RegionSet,
) -> list[RolledRow]:
    """Province rows of a 63-era year and period, as (province name, measure, source,
    activity, plan, actual), re-added into province rows of the 34 units, their regions in `regions`, and
    the total: the base of a comparison that spans the merger."""
    # A 63-era province renamed before the merger (Huế, 2025) is named by its period.
    old_by_name = {name: p for p in catalogue.provinces_of("63") for name in catalogue.names_of(p)}
    out: dict[Key, RolledRow] = {}

    def put(key: Key, plan: Figure | None, actual: Figure | None, name: str) -> None:
        row = out.get(key)
        if row is None:
            row = out[key] = RolledRow(*key)
        row.plan.add(plan, [name])
        row.actual.add(actual, [name])

    for name, measure, source, activity, plan, actual in rows:
        old = old_by_name.get(name)
        if old is None:
            raise ValueError(f"{name!r} is not one of the 63 provinces")
        unit = successor_unit(catalogue, old)
        region = regions.region_of(unit.key)
        put(("province", region, unit.name, measure, source, activity), plan, actual, name)
        put(("region", region, None, measure, source, activity), plan, actual, name)
        put(("all", None, None, measure, source, activity), plan, actual, name)
    return list(out.values())
