"""Region sets: which region each province belongs to, in each era of the province lists.

kcstats knows the region sets that schemas/catalogue.json names (`region_sets`: the three
khuyến công conference areas, the default, and the six socio-economic regions; each takes a
province's region from a field of provinces.json), and reads a user's own province -> region
table from a CSV file.

For the 34 units made on 1 July 2025, a unit belongs to the region of the old province that
holds its seat of government: the old province whose statistics-office code the unit kept.
A user's table may name the unit itself to say otherwise.

This module is imported by the CLI before any file is read, so it stays free of pandas.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kcstats.catalog import Catalogue, Era, Province
from kcstats.catalogue_file import REGION_SETS
from kcstats.messages import MessageError, Param, count, joined, quoted, say
from kcstats.text import fold

BUILTIN = REGION_SETS  # the names of the catalogue's region sets
ERAS: tuple[Era, ...] = ("63", "34")
MAX_TABLE_BYTES = 1_000_000
MAX_REGION_CHARS = 60  # a region name is a table's row heading
SHOWN_LINE_ERRORS = 5  # a refused table names its first few faulty lines, counts the rest
_NAME_CHARS = 60  # of a name quoted from the table in a message

_PROVINCE_COLUMNS = {"province", "tinh", "tinh thanh pho", "tinh thanh", "ten tinh"}
_REGION_COLUMNS = {"region", "vung", "khu vuc", "cum", "cum thi dua"}
_ERA_COLUMNS = {"era", "giai doan"}


class RegionError(MessageError):
    """A region set that cannot be used: an unreadable table, unknown names, or provinces
    of the reports' period that the table leaves without a region. A usage error (exit 2)."""


@dataclass(frozen=True, slots=True, eq=False)
class RegionSet:
    """Province key ('63:80', '34:80') -> region name, for both eras of the province lists.

    `regions` gives the order regions are shown in. A set read from a user's table may leave
    provinces out; :meth:`check_complete` says which, for the eras a merge needs.
    """

    name: str
    regions: tuple[str, ...]
    of: Mapping[str, str]
    _members: dict[tuple[Era, str], list[Province]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, name: str, catalogue: Catalogue, of: Mapping[str, str]) -> RegionSet:
        regions: list[str] = []
        members: dict[tuple[Era, str], list[Province]] = {}
        for province in catalogue.provinces:
            region = of.get(province.key)
            if region is None:
                continue
            if region not in regions:
                regions.append(region)
            members.setdefault((province.era, region), []).append(province)
        return cls(name, tuple(regions), dict(of), members)

    def region_of(self, province_key: str) -> str:
        return self.of[province_key]

    def members(self, era: Era, region: str) -> list[Province]:
        """The provinces of a region in one era, in the catalogue's order (statistics codes)."""
        return list(self._members.get((era, region), []))

    def expected(self, era: Era, region: str) -> int:
        """How many provinces a region holds in an era: the `expected` of its fact rows."""
        return len(self._members.get((era, region), []))

    def missing_provinces(self, catalogue: Catalogue, eras: Iterable[Era]) -> list[Province]:
        """Provinces of the given eras that this set gives no region."""
        wanted = set(eras)
        return [p for p in catalogue.provinces if p.era in wanted and p.key not in self.of]

    def check_complete(self, catalogue: Catalogue, eras: Iterable[Era]) -> None:
        missing = self.missing_provinces(catalogue, eras)
        if missing:
            shown = missing[:SHOWN_LINE_ERRORS]
            names = joined(
                ", ",
                (
                    say("region.province-of-era", name=p.name, era=say(f"region.era.{p.era}"))
                    for p in shown
                ),
            )
            rest = len(missing) - len(shown)
            raise RegionError(
                "region.error.incomplete",
                name=self.name,
                count=count(len(missing)),
                provinces=names,
                more=say("region.error.more-provinces", count=count(rest))
                if rest
                else ("text", ""),
            )


def builtin_region_set(name: str, catalogue: Catalogue) -> RegionSet:
    """One of the catalogue's region sets, by name."""
    of = {p.key: catalogue.region_of(p, name) for p in catalogue.provinces}
    return RegionSet.build(name, catalogue, of)


def conference_areas(catalogue: Catalogue) -> RegionSet:
    """The three khuyến công conference areas: Bắc, Miền Trung - Tây Nguyên, Nam."""
    return builtin_region_set("conference", catalogue)


def socioeconomic_regions(catalogue: Catalogue) -> RegionSet:
    """The six socio-economic regions."""
    return builtin_region_set("socioeconomic", catalogue)


def region_set(spec: str | Path | RegionSet, catalogue: Catalogue) -> RegionSet:
    """The name of one of the catalogue's region sets ('conference', the default, or
    'socioeconomic'), or the path of a CSV province,region table."""
    if isinstance(spec, RegionSet):
        return spec
    text = str(spec)
    if text in catalogue.region_sets and not isinstance(spec, Path):
        return builtin_region_set(text, catalogue)
    path = Path(spec)
    if not path.is_file():
        raise RegionError("region.error.unknown-set", name=text)
    return read_region_table(path, catalogue)


def read_region_table(path: Path, catalogue: Catalogue, base: RegionSet | None = None) -> RegionSet:
    """A user's province -> region table: a CSV file with columns `province,region` (and an
    optional `era` column, 63 or 34, for a name that exists in both province lists).

    The table need only list the provinces it moves: every province it does not name keeps
    its region in `base` (the conference areas by default). A name is matched as the reader
    matches province names, in both eras; a name that exists in both lists sets both unless
    `era` says which, and a line with an era wins over one without. A 34-era unit that the
    table does not name takes the region of the old province holding its seat (the one whose
    code it kept) when the table names that one.

    A table with faults is refused as a whole, naming its first few faulty lines
    (file:line), so that the message stays short whatever the file holds.
    """
    try:
        if path.stat().st_size > MAX_TABLE_BYTES:
            raise RegionError(
                "region.error.too-large", path=str(path), limit=count(MAX_TABLE_BYTES)
            )
        raw = path.read_bytes()
    except OSError as error:
        raise RegionError(
            "region.error.unreadable", path=str(path), reason=error.strerror or str(error)
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RegionError("region.error.not-utf8", path=str(path)) from None
    rows = _rows(path, text)
    if not rows:
        raise RegionError("region.error.empty", path=str(path))
    first_line, first = rows[0]
    header = [fold(cell) for cell in first]
    province_col = _column(header, _PROVINCE_COLUMNS)
    region_col = _column(header, _REGION_COLUMNS)
    era_col = _column(header, _ERA_COLUMNS)
    if province_col is None or region_col is None:
        raise RegionError(
            "region.error.no-columns",
            where=f"{path}:{first_line}",
            columns=quoted(", ".join(first), _NAME_CHARS),
        )
    # province key -> (region, line, whether the line named the era)
    explicit: dict[str, tuple[str, int, bool]] = {}
    errors: list[Param] = []
    for line, row in rows[1:]:
        where = f"{path}:{line}"
        name = _cell(row, province_col)
        region = _cell(row, region_col)
        era_text = _cell(row, era_col) if era_col is not None else ""
        if not name or not region:
            errors.append(say("region.line.blank", where=where))
            continue
        if "\n" in region or "\r" in region:
            errors.append(say("region.line.line-break", where=where))
            continue
        if len(region) > MAX_REGION_CHARS:
            errors.append(say("region.line.long-region", where=where, limit=MAX_REGION_CHARS))
            continue
        eras: tuple[Era, ...] = ERAS
        if era_text:
            if era_text not in ERAS:
                errors.append(say("region.line.era", where=where))
                continue
            eras = ("63",) if era_text == "63" else ("34",)
        found = [p for p in (catalogue.find_province(name, era) for era in eras) if p is not None]
        if not found:
            errors.append(
                say("region.line.unknown-province", where=where, name=quoted(name, _NAME_CHARS))
            )
            continue
        specific = bool(era_text)
        for province in found:
            earlier = explicit.get(province.key)
            if earlier is None or (specific and not earlier[2]):
                explicit[province.key] = (region, line, specific)
            elif earlier[0] != region and specific == earlier[2]:
                errors.append(
                    say(
                        "region.line.two-regions",
                        where=where,
                        name=quoted(name, _NAME_CHARS),
                        region=earlier[0],
                        earlier=earlier[1],
                    )
                )
    if errors:
        shown = errors[:SHOWN_LINE_ERRORS]
        rest = len(errors) - len(shown)
        raise RegionError(
            "region.error.lines",
            path=str(path),
            count=count(len(errors)),
            lines=joined("\n", shown),
            more=say("region.error.more-lines", count=count(rest)) if rest else ("text", ""),
        )
    of = {key: region for key, (region, _line, _specific) in explicit.items()}
    for unit in catalogue.provinces_of("34"):
        seat = f"63:{unit.code}"
        if unit.key not in of and seat in of:
            of[unit.key] = of[seat]
    base = base if base is not None else conference_areas(catalogue)
    for province in catalogue.provinces:
        if province.key not in of and province.key in base.of:
            of[province.key] = base.of[province.key]
    return RegionSet.build(str(path), catalogue, of)


def _rows(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """The table's rows that hold something, each with the line of the file it starts on (a
    quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text))
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error:  # a quote left open, a cell beyond the csv module's field limit
        raise RegionError("region.error.not-csv", where=f"{path}:{start}") from None
    return rows


def _column(header: list[str], names: set[str]) -> int | None:
    for index, name in enumerate(header):
        if name in names:
            return index
    return None


def _cell(row: list[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""
