"""Properties of the merge over generated figure sets, written as real workbooks.

Every total equals the sum of the provinces' figures whatever units and number styles the
reports use; neither the order of the files nor splitting a folder in two changes a total.
Writing workbooks is slow, so each example writes a handful once and the examples are few.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from merge_helpers import funding, report

import kcstats
from kcstats.merge import MergeResult

POOL = {  # province -> conference area
    "Long An": "Nam",
    "Tiền Giang": "Nam",
    "Cần Thơ": "Nam",
    "Hà Nội": "Bắc",
    "Hải Phòng": "Bắc",
    "Đà Nẵng": "Miền Trung - Tây Nguyên",
}
SOURCES = ("national", "local", "counterpart", "other")
# How money is written: the sheet's unit, and the unit of the money header if any.
STYLES = {
    "dong": ("đồng", None),
    "nghin": ("nghìn đồng", None),
    "trieu": (None, None),
    "ty": ("tỷ đồng", None),
    "header-ty": ("triệu đồng", "tỷ đồng"),
    "header-nghin": ("tỷ đồng", "nghìn đồng"),
}
PER_THOUSAND = {"đồng": Decimal(1000), "nghìn đồng": Decimal(1), "triệu đồng": Decimal("0.001")}
PER_THOUSAND["tỷ đồng"] = Decimal("0.000001")

thousands = st.one_of(st.none(), st.integers(min_value=0, max_value=10**9))
projects = st.one_of(st.none(), st.integers(min_value=0, max_value=500))


@dataclass(frozen=True)
class Province:
    name: str
    style: str
    as_text: bool
    part: int  # which half of the folder its file goes to
    # source -> (plan projects, plan money, actual projects, actual money), money in thousands
    figures: dict[str, tuple[int | None, int | None, int | None, int | None]]


@st.composite
def provinces(draw: st.DrawFn) -> list[Province]:
    names = draw(st.lists(st.sampled_from(sorted(POOL)), min_size=2, max_size=5, unique=True))
    out = []
    for name in names:
        chosen = draw(st.lists(st.sampled_from(SOURCES), min_size=1, max_size=4, unique=True))
        figures = {
            s: (draw(projects), draw(thousands), draw(projects), draw(thousands)) for s in chosen
        }
        out.append(
            Province(
                name,
                draw(st.sampled_from(sorted(STYLES))),
                draw(st.booleans()),
                draw(st.integers(0, 1)),
                figures,
            )
        )
    return out


def vietnamese(value: Decimal) -> str:
    """'1.234.567,891': dots group thousands, a comma marks decimals."""
    text = format(value.normalize(), "f")
    whole, _, fraction = text.partition(".")
    groups = f"{int(whole):,}".replace(",", ".")
    return f"{groups},{fraction}" if fraction else groups


def cell(thousand: int | None, unit: str, as_text: bool) -> Any:
    if thousand is None:
        return None
    value = Decimal(thousand) * PER_THOUSAND[unit]
    if as_text:
        return vietnamese(value)
    return int(value) if value == value.to_integral_value() else float(value)


def write(folder: Path, data: list[Province]) -> list[Path]:
    paths = []
    for index, p in enumerate(data):
        sheet_unit, header_unit = STYLES[p.style]
        money_unit = header_unit or sheet_unit or "triệu đồng"
        rows = {
            source: (
                plan_p,
                cell(plan_m, money_unit, p.as_text),
                actual_p,
                cell(actual_m, money_unit, p.as_text),
            )
            for source, (plan_p, plan_m, actual_p, actual_m) in p.figures.items()
        }
        paths.append(
            report(
                folder / f"part{p.part}",
                f"{index}.xlsx",
                province=p.name,
                money_unit=sheet_unit,
                funding_money_header_unit=header_unit,
                funding=rows,
            )
        )
    return paths


def total(values: list[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def money(thousand: int | None) -> Decimal | None:
    return None if thousand is None else Decimal(thousand) / 1000


def expected(data: list[Province], source: str, field: int) -> dict[str, int | None]:
    """Province -> the figure (index 0..3 of a funding row) for a source or 'total'."""
    wanted = ("national", "local") if source == "total" else (source,)
    return {
        p.name: total([p.figures[s][field] if s in p.figures else None for s in wanted])
        for p in data
    }


def check_sums(result: MergeResult, data: list[Province]) -> None:
    assert result.ok, [m.message("en") for f in result.files for m in f.problems]
    for source in (*SOURCES, "total"):
        for measure, (plan_at, actual_at) in (("funding", (1, 3)), ("projects", (0, 2))):
            wrap = money if measure == "funding" else (lambda v: v)
            plans, actuals = expected(data, source, plan_at), expected(data, source, actual_at)
            for name, by_province in (("plan", plans), ("actual", actuals)):
                for province, value in by_province.items():
                    got = funding(
                        result,
                        source,
                        level="province",
                        region=POOL[province],
                        province=province,
                        measure=measure,
                    )
                    assert got[name] == wrap(value), (province, source, measure, name)
                for region in {POOL[p.name] for p in data}:
                    members = [v for p, v in by_province.items() if POOL[p] == region]
                    got = funding(result, source, level="region", region=region, measure=measure)
                    assert got[name] == wrap(total(members)), (region, source, measure, name)
                got = funding(result, source, level="all", measure=measure)
                assert got[name] == wrap(total(list(by_province.values())))
            reported = sum(plans[p] is not None or actuals[p] is not None for p in plans)
            assert funding(result, source, measure=measure)["reports"] == reported
            assert funding(result, source, measure=measure)["expected"] == 63


SETTINGS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(provinces())
def test_totals_equal_the_sum_of_the_provinces_in_every_unit_mix(data: list[Province]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder), data)
        check_sums(kcstats.merge(Path(folder)), data)


@SETTINGS
@given(provinces(), st.randoms(use_true_random=False))
def test_file_order_and_folder_splits_never_change_a_total(
    data: list[Province], shuffler: random.Random
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = write(root, data)
        whole = kcstats.merge(root)
        shuffled = list(paths)
        shuffler.shuffle(shuffled)
        pd.testing.assert_frame_equal(kcstats.merge(shuffled).facts, whole.facts)
        halves = [root / f"part{i}" for i in (0, 1) if (root / f"part{i}").is_dir()]
        pd.testing.assert_frame_equal(kcstats.merge(halves[::-1]).facts, whole.facts)
        # Merging each half on its own: the same province facts, and totals that add up.
        parts = [kcstats.merge(half) for half in halves]
        province_rows = pd.concat(
            [p.facts[(p.facts["level"] == "province").to_numpy()] for p in parts]
        )
        mine = whole.facts[(whole.facts["level"] == "province").to_numpy()]
        key = ["province", "measure", "source"]
        pd.testing.assert_frame_equal(
            province_rows.sort_values(key).reset_index(drop=True),
            mine.sort_values(key).reset_index(drop=True),
        )
        for source in ("national", "local", "total", "counterpart", "other"):
            for field in ("plan", "actual", "reports"):
                pieces = [funding(p, source)[field] for p in parts]
                known = [v for v in pieces if v is not None]
                added = sum(known) if known else None
                assert funding(whole, source)[field] == added
