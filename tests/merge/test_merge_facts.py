"""The fact table of outputs.md, from real report workbooks."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from merge_helpers import D, funding, report, row, rows

import kcstats
from kcstats.catalog import Catalogue
from kcstats.merge import FACT_COLUMNS, MISSING_COLUMNS, MergeResult, merge_files
from kcstats.merge.facts import measures
from kcstats.model import FileResult, FileStatus, FundingLine, IndicatorFigure, Report
from kcstats.regions import conference_areas


def test_totals_are_exact_in_every_unit_mix(tmp_path: Path) -> None:
    # (province, how its money is written, funding rows, the same figures in triệu đồng)
    cases = [
        (
            "Long An",
            {"money_unit": "đồng"},
            {"national": (2, 1_200_500_000, 2, "1.100.000.000"), "local": (1, 300_000_001, 1, 0)},
            {"national": ("1200.5", "1100"), "local": ("300.000", "0")},
        ),
        (
            "Tiền Giang",
            {"money_unit": "nghìn đồng"},
            {"national": (1, 54_060, 1, "50.001")},
            {"national": ("54.06", "50.001")},
        ),
        (
            "Cần Thơ",
            {"money_unit": "tỷ đồng"},
            {"national": (1, 2.5, 1, "1,234"), "local": (3, "1.234,5", 2, 0.001)},
            {"national": ("2500", "1234"), "local": ("1234500", "1")},
        ),
        (
            "Hà Nội",
            {"money_unit": "triệu đồng", "funding_money_header_unit": "tỷ đồng"},
            {"national": (1, "0,5", 1, 0.25)},
            {"national": ("500", "250")},
        ),
        (
            "Đà Nẵng",
            {},
            {"national": (1, "1.505", 1, "1.234,567"), "local": (2, "12 triệu", 1, 7.125)},
            {"national": ("1505", "1234.567"), "local": ("12", "7.125")},
        ),
    ]
    for index, (province, how, figures, _) in enumerate(cases):
        report(tmp_path, f"r{index}.xlsx", province=province, funding=figures, **how)
    result = kcstats.merge(tmp_path)
    assert result.ok, [p.message("en") for f in result.files for p in f.problems]
    region = {"Long An": "Nam", "Tiền Giang": "Nam", "Cần Thơ": "Nam", "Hà Nội": "Bắc"}
    sums: dict[tuple[str, str, str], Decimal] = {}
    for province, _, _, expected in cases:
        place = region.get(province, "Miền Trung - Tây Nguyên")
        for source, (plan, actual) in expected.items():
            got = funding(result, source, level="province", region=place, province=province)
            assert (got["plan"], got["actual"]) == (D(plan), D(actual)), (province, source)
            for key in ((place, source, "plan"), ("", source, "plan")):
                sums[key] = sums.get(key, D("0")) + D(plan)
            for key in ((place, source, "actual"), ("", source, "actual")):
                sums[key] = sums.get(key, D("0")) + D(actual)
    for (place, source, field), value in sums.items():
        level = "region" if place else "all"
        assert funding(result, source, level=level, region=place or None)[field] == value
    everything = funding(result, "total")
    assert everything["plan"] == sum(sums[("", s, "plan")] for s in ("national", "local"))
    assert everything["actual"] == sum(sums[("", s, "actual")] for s in ("national", "local"))
    # Money is always Decimal triệu đồng with 3 decimals in the fact table.
    assert str(funding(result, "national")["plan"]) == "5759.560"


def test_blank_stays_blank_and_reports_say_how_complete(tmp_path: Path) -> None:
    report(tmp_path, "a.xlsx", province="Long An", funding={"national": (2, 100, None, None)})
    report(
        tmp_path,
        "b.xlsx",
        province="Tiền Giang",
        funding={"national": (None, None, 1, 50), "local": (None, None, None, None)},
        indicators={"trained_workers": (None, 40)},
    )
    result = kcstats.merge(tmp_path)
    national = funding(result, "national", level="region", region="Nam")
    assert (national["plan"], national["actual"], national["reports"]) == (D("100"), D("50"), 2)
    assert national["expected"] == 20
    assert national["pct_of_plan"] == 50.0
    local = funding(result, "local", level="region", region="Nam")
    assert (local["plan"], local["actual"], local["pct_of_plan"], local["reports"]) == (
        None,
        None,
        None,
        0,
    )
    long_an = funding(result, "national", level="province", region="Nam", province="Long An")
    assert (long_an["plan"], long_an["actual"], long_an["reports"], long_an["expected"]) == (
        D("100"),
        None,
        1,
        1,
    )
    projects = funding(result, "national", level="all", measure="projects")
    assert (projects["plan"], projects["actual"], projects["reports"]) == (2, 1, 2)
    # Nobody reported the indicator's plan: a blank, never zero; one province its actual.
    workers = row(result, level="all", measure="trained_workers", year=2024, period="H1")
    assert (workers["plan"], workers["actual"], workers["reports"]) == (None, 40, 1)
    assert workers["source"] is None and workers["unit"] == "lao động"
    nothing = row(result, level="all", measure="demo_models", year=2024, period="H1")
    assert (nothing["plan"], nothing["actual"], nothing["reports"]) == (None, None, 0)
    assert nothing["expected"] == 63
    # Regions with no accepted report have no rows and no missing provinces.
    assert rows(result, level="region", region="Bắc").empty
    assert set(result.missing["region"]) == {"Nam"}
    assert len(result.missing) == 18


def test_counterpart_and_other_funds_are_never_in_the_total(tmp_path: Path) -> None:
    report(
        tmp_path,
        "a.xlsx",
        funding={
            "national": (1, 10, 1, 9),
            "local": (2, 20, 2, 18),
            "counterpart": (3, 1000, 3, 900),
            "other": (4, 5000, 4, 4000),
        },
    )
    result = kcstats.merge(tmp_path)
    for level, region in (("province", "Nam"), ("region", "Nam"), ("all", None)):
        province = "Long An" if level == "province" else None
        get = {
            source: funding(result, source, level=level, region=region, province=province)
            for source in ("total", "counterpart", "other")
        }
        assert (get["total"]["plan"], get["total"]["actual"]) == (D("30"), D("27"))
        assert get["counterpart"]["actual"] == D("900")
        assert get["other"]["actual"] == D("4000")
        projects = funding(
            result, "total", level=level, region=region, province=province, measure="projects"
        )
        assert (projects["plan"], projects["actual"]) == (3, 3)


def test_a_stated_total_row_is_checked_not_added(tmp_path: Path) -> None:
    report(tmp_path, "a.xlsx", funding={"national": (1, 10, 1, 9), "total": (1, 10, 1, 9)})
    result = kcstats.merge(tmp_path)
    assert funding(result, "total")["actual"] == D("9")


def test_percent_of_plan(tmp_path: Path) -> None:
    report(
        tmp_path,
        "a.xlsx",
        funding={"national": (1, 7, 1, 3), "local": (1, 0, 1, 5), "other": (1, 0, 1, 0)},
    )
    result = kcstats.merge(tmp_path)
    assert funding(result, "national")["pct_of_plan"] == pytest.approx(42.8571, abs=0)
    assert funding(result, "local")["pct_of_plan"] is None  # plan 0
    assert funding(result, "other")["pct_of_plan"] is None
    assert funding(result, "total")["pct_of_plan"] == pytest.approx(114.2857, abs=0)


def test_expected_and_missing_follow_the_province_list_of_the_period(tmp_path: Path) -> None:
    # H1 2025 ends on 30 June: the 63 provinces. FY 2025 ends after 1 July: the 34 units.
    report(tmp_path, "old.xlsx", province="Hà Giang", year=2025, period="6 tháng")
    report(tmp_path, "new.xlsx", province="Tuyên Quang", year=2025, period="Cả năm")
    result = kcstats.merge(tmp_path)
    assert result.ok, [p.message("en") for f in result.files for p in f.problems]
    assert funding(result, "total", year=2025, period="H1")["expected"] == 63
    assert funding(result, "total", year=2025, period="FY")["expected"] == 34
    assert (
        funding(result, "total", level="region", region="Bắc", year=2025, period="H1")["expected"]
        == 28
    )
    assert (
        funding(result, "total", level="region", region="Bắc", year=2025, period="FY")["expected"]
        == 18
    )
    missing = result.missing
    assert list(missing.columns) == MISSING_COLUMNS
    h1 = missing[(missing["period"] == "H1").to_numpy()]
    fy = missing[(missing["period"] == "FY").to_numpy()]
    assert len(h1) == 27 and "Hà Giang" not in set(h1["province"])
    assert len(fy) == 17 and "Tuyên Quang" not in set(fy["province"])
    assert "Yên Bái" in set(h1["province"]) and "Yên Bái" not in set(fy["province"])
    assert set(missing["region"]) == {"Bắc"}


def test_copies_count_once_and_refused_files_not_at_all(tmp_path: Path) -> None:
    report(tmp_path / "a", "long-an.xlsx", funding={"national": (1, 10, 1, 9)})
    report(tmp_path / "b", "long-an copy.xlsx", funding={"national": (1, 10, 1, 9)})
    report(tmp_path / "b", "bad.xlsx", province="Tiền Giang", funding={"national": (1, "x", 1, 9)})
    result = kcstats.merge([tmp_path / "a", tmp_path / "b"])
    statuses = sorted(f.status.value for f in result.files)
    assert statuses == ["accepted", "refused", "skipped"]
    assert not result.ok
    assert funding(result, "national")["actual"] == D("9")
    assert funding(result, "total", level="region", region="Nam")["reports"] == 1
    assert set(rows(result, level="province")["province"]) == {"Long An"}


def test_the_fact_table_has_exactly_the_columns_of_outputs_md(tmp_path: Path) -> None:
    report(tmp_path, "a.xlsx", indicators={"consulting_revenue": ("12,345", 3)})
    result = kcstats.merge(tmp_path)
    facts = result.facts
    assert list(facts.columns) == FACT_COLUMNS
    assert set(facts["level"]) == {"province", "region", "all"}
    assert str(facts["pct_of_plan"].dtype) == "Float64"
    assert str(facts["reports"].dtype) == "int64"
    money = row(result, level="all", measure="consulting_revenue", year=2024, period="H1")
    assert (money["plan"], money["actual"], money["unit"]) == (
        D("12.345"),
        D("3.000"),
        "triệu đồng",
    )
    assert isinstance(money["actual"], Decimal)
    count = row(result, level="all", measure="trained_workers", year=2024, period="H1")
    assert count["plan"] is None
    sources = rows(result, level="all", measure="funding")["source"].tolist()
    assert sources == ["national", "local", "total", "counterpart", "other"]
    # Every place has every measure: blanks are rows with null figures.
    per_place = facts.groupby(["level", "region", "province"], dropna=False).size()
    assert set(per_place) == {len(facts) // 3}


def test_figures_beyond_int64_stay_exact(tmp_path: Path) -> None:
    # 999,999,999,999,999 tỷ đồng is 10^21 thousand đồng: beyond int64, summed as Python ints.
    huge = 999_999_999_999_999
    report(tmp_path, "a.xlsx", money_unit="tỷ đồng", funding={"national": (1, huge, 1, huge)})
    report(
        tmp_path,
        "b.xlsx",
        province="Tiền Giang",
        money_unit="tỷ đồng",
        funding={"national": (1, huge, 1, 1), "local": (1, huge, None, None)},
    )
    result = kcstats.merge(tmp_path)
    assert result.ok
    plan = Decimal(huge) * 1000
    assert funding(result, "national")["plan"] == 2 * plan
    assert funding(result, "total")["plan"] == 3 * plan
    assert funding(result, "total")["actual"] == plan + 1000
    assert funding(result, "national")["pct_of_plan"] == pytest.approx(50.0, abs=1e-4)


def test_kcstats_merge_accepts_a_path_a_string_or_a_list(tmp_path: Path) -> None:
    path = report(tmp_path, "a.xlsx")
    for given in (tmp_path, str(tmp_path), [path], [str(path)]):
        result = kcstats.merge(given)
        assert isinstance(result, MergeResult)
        assert funding(result, "national")["actual"] == D("1100")
    from kcstats.merge import merge

    assert merge(path, regions="socioeconomic").facts.equals(
        kcstats.merge(path, regions="socioeconomic").facts
    )


def test_import_kcstats_stays_light() -> None:
    code = "import sys, kcstats; assert 'pandas' not in sys.modules; print(callable(kcstats.merge))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"


def _synthetic(catalogue: Catalogue, years: range) -> list[FileResult]:
    files = []
    for year in years:
        for period in ("Q1", "H1", "9M", "FY"):
            for n, province in enumerate(catalogue.provinces_of("63")):
                value = Decimal(1000 + n) + Decimal(year % 7) / 1000
                lines = [
                    FundingLine(
                        source=source,
                        plan_projects=n,
                        plan_money=value,
                        actual_projects=n,
                        actual_money=value - 1,
                    )
                    for source in ("national", "local", "counterpart", "other")
                ]
                figures = [
                    IndicatorFigure(code=code, plan=Decimal(n), actual=Decimal(n + 1))
                    for code in catalogue.indicators
                ]
                made = Report(
                    province=province.name,
                    province_code=province.code,
                    era="63",
                    year=year,
                    period=period,
                    funding=lines,
                    indicators=figures,
                )
                files.append(
                    FileResult(
                        path=f"{year}-{period}-{province.code}.xlsx",
                        status=FileStatus.ACCEPTED,
                        report=made,
                    )
                )
    return files


def test_a_whole_country_history_has_every_place_and_exact_totals(catalogue: Catalogue) -> None:
    # Speed is measured in benchmarks/, never asserted here.
    files = _synthetic(catalogue, range(2010, 2018))  # 2,016 reports
    regions = conference_areas(catalogue)
    result = merge_files(files, regions, catalogue)
    places = len(files) + 4 * 8 * (3 + 1)
    assert len(result.facts) == places * len(measures(catalogue))
    expected = sum(Decimal(1000 + n) + Decimal(2017 % 7) / 1000 for n in range(63)) * 2
    assert funding(result, "total", year=2017, period="FY")["plan"] == expected
