"""Report folders shared by the growth tests, written once per session with
tests/builders.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from growth_helpers import report

TY = "tỷ đồng"


@pytest.fixture(scope="session")
def south(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two southern provinces whose totals are the published ones of the south conference:
    52,95 tỷ spent in 2012, 54,06 tỷ in 2013, 63,335 tỷ planned for 2014 (typed as
    Vietnamese text in tỷ đồng)."""
    folder = tmp_path_factory.mktemp("south")
    # 2012: 7,18 + 20 + 25,77 = 52,95 tỷ spent; no plan given.
    report(
        folder,
        "Long An",
        2012,
        money_unit=TY,
        funding={"national": (46, None, 46, "7,18"), "local": (100, None, 90, "20")},
        indicators={"trained_workers": (None, 1500), "demo_models": (None, 0)},
    )
    report(
        folder,
        "Cần Thơ",
        2012,
        money_unit=TY,
        funding={"local": (130, None, 136, "25,77")},
        indicators={"trained_workers": (None, 1700)},
    )
    # 2013: 7,73 + 20 + 26,33 = 54,06 tỷ spent of 8,15 + 20 + 26,95 = 55,1 tỷ planned.
    report(
        folder,
        "Long An",
        2013,
        money_unit=TY,
        funding={"national": (56, "8,15", 50, "7,73"), "local": (120, "20", 110, "20")},
        indicators={"trained_workers": (1600, 1600), "demo_models": (2, 4)},
    )
    report(
        folder,
        "Cần Thơ",
        2013,
        money_unit=TY,
        funding={"local": (128, "26,95", 127, "26,33")},
        indicators={"trained_workers": (1800, 1724)},
    )
    # 2014: the plan, 13,877 + 20 + 29,458 = 63,335 tỷ; nothing spent yet.
    report(
        folder,
        "Long An",
        2014,
        money_unit=TY,
        funding={"national": (68, "13,877", None, None), "local": (130, "20", None, None)},
    )
    report(folder, "Cần Thơ", 2014, money_unit=TY, funding={"local": (129, "29,458", None, None)})
    # H1 2013 for one province: a period with no year before in the input.
    report(folder, "Long An", 2013, "H1", funding={"national": (1, 100, 1, 50)})
    return folder  # fmt: skip


@pytest.fixture(scope="session")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """FY2024 from old provinces, FY2025 from the new units, in one folder.

    Each unit spends 50% more in 2025 than its old provinces together in 2024."""
    folder = tmp_path_factory.mktemp("mixed")
    # FY2024: the 63 provinces.
    report(folder, "Long An", 2024, funding={"national": (1, 100, 1, 80)})
    report(folder, "Tây Ninh", 2024, funding={"national": (2, 200, 2, 150)})
    report(folder, "Hà Giang", 2024, funding={"local": (1, 50, 1, 40)})
    report(folder, "Tuyên Quang", 2024, funding={"local": (1, 60, 1, 30)})
    report(folder, "Thái Nguyên", 2024, funding={"national": (1, 70, 1, 70)})  # no Bắc Kạn
    report(folder, "Bình Thuận", 2024, funding={"national": (1, 300, 1, 240)})
    report(folder, "Tiền Giang", 2024, funding={"national": (1, 10, 1, 10)})
    # FY2025: the 34 units. "Tây Ninh", "Tuyên Quang", "Thái Nguyên" name the new units.
    report(folder, "Tây Ninh", 2025, funding={"national": (3, 400, 3, 345)})
    report(folder, "Tuyên Quang", 2025, funding={"local": (2, 120, 2, 105)})
    report(folder, "Thái Nguyên", 2025,
           funding={"national": (1, 100, 1, 105), "local": (1, 5, 1, 5)})  # fmt: skip
    report(folder, "Lâm Đồng", 2025, funding={"national": (1, 500, 1, 360)})
    report(folder, "Hà Nội", 2025, funding={"national": (1, 20, 1, 20)})
    # Long An no longer exists at the end of 2025: refused, its successor named.
    report(folder, "Long An", 2025, name="long-an-2025.xlsx", funding={"national": (1, 1, 1, 1)})
    return folder
