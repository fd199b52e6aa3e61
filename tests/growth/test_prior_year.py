"""The "Cùng kỳ năm trước" column checked against last year's report: a difference is a
warning on the later file that names the other, also across the 2025 merger."""

from __future__ import annotations

from pathlib import Path

from growth_helpers import invoke, report

import kcstats
from kcstats.catalog import Catalogue
from kcstats.growth import check_prior_year
from kcstats.model import FileResult, FileStatus
from kcstats.pipeline import read_reports


def by_name(files: list[FileResult], name: str) -> FileResult:
    return next(f for f in files if Path(f.path).name == name)


def test_a_stated_prior_is_checked_against_last_years_actual(tmp_path: Path) -> None:
    report(tmp_path, "Long An", 2023, "H1", name="2023.xlsx",
           indicator_units={"consulting_revenue": "tỷ đồng"}, indicators={"trained_workers": (300, 320), "demo_models": (1, 1),
                       "consulting_revenue": (None, "1,5")})  # fmt: skip
    # (plan, actual, stated percent, same period last year); money in triệu đồng here.
    report(tmp_path, "Long An", 2024, "H1", name="2024.xlsx",
           indicators={"trained_workers": (350, 400, None, 320), "demo_models": (2, 2, None, 2),
                       "consulting_revenue": (None, 1800, None, 1500),
                       "fair_booths": (None, 5, None, 4)})  # fmt: skip
    result = kcstats.merge(tmp_path)
    later, earlier = by_name(result.files, "2024.xlsx"), by_name(result.files, "2023.xlsx")
    assert later.status == FileStatus.ACCEPTED and result.ok
    assert earlier.problems == []
    (warning,) = later.problems  # 320 agrees, 1,5 tỷ = 1500 triệu agrees, no booths in 2023
    assert (warning.code, warning.severity.value) == ("prior-year-mismatch", "warning")
    assert (warning.found_text(), warning.expected_text()) == ("2", "1")
    assert earlier.path in warning.message("vi") and earlier.path in warning.message("en")
    assert "Cùng kỳ năm trước" in warning.message("vi")
    assert "Mô hình trình diễn kỹ thuật" in warning.message("vi")
    assert "Technical demonstration models" in warning.message("en")


def test_the_warning_shows_in_the_json_and_keeps_exit_0(tmp_path: Path) -> None:
    report(tmp_path, "Long An", 2023, "FY", name="a.xlsx", indicators={"demo_models": (1, 3)})
    report(tmp_path, "Long An", 2024, "FY", name="b.xlsx",
           indicators={"demo_models": (1, 3, None, 4)})  # fmt: skip
    done = invoke("merge", tmp_path, "--format", "json")
    assert done.exit_code == 0, done.output
    import json

    files = {Path(f["path"]).name: f for f in json.loads(done.stdout)["files"]}
    assert files["b.xlsx"]["status"] == "accepted"
    assert [p["code"] for p in files["b.xlsx"]["problems"]] == ["prior-year-mismatch"]
    assert files["b.xlsx"]["problems"][0]["found"] == "4"
    assert files["a.xlsx"]["problems"] == []


def test_across_the_merger_last_year_is_the_old_provinces_together(tmp_path: Path) -> None:
    def old(province: str, workers: int) -> None:
        report(tmp_path, province, 2025, "H1", indicators={"trained_workers": (None, workers)})

    old("Long An", 100)
    old("Tây Ninh", 50)
    old("Hà Giang", 10)
    old("Tuyên Quang", 20)
    old("Thái Nguyên", 7)  # Bắc Kạn sent nothing
    for province, prior in (("Tây Ninh", 150), ("Tuyên Quang", 25), ("Thái Nguyên", 999)):
        report(tmp_path, province, 2026, "H1",
               indicators={"trained_workers": (None, 1, None, prior)})  # fmt: skip
    files = read_reports([tmp_path])
    checked = check_prior_year(files, load())
    assert by_name(checked, "2026-H1-Tây_Ninh.xlsx").problems == []  # 100 + 50 = 150
    (warning,) = by_name(checked, "2026-H1-Tuyên_Quang.xlsx").problems
    assert (warning.found_text(), warning.expected_text()) == ("25", "30")
    message = warning.message("en")
    assert "2025-H1-Hà_Giang.xlsx" in message and "2025-H1-Tuyên_Quang.xlsx" in message
    # Last year's Thái Nguyên needs Bắc Kạn's report too: without it, nothing is checked.
    assert by_name(checked, "2026-H1-Thái_Nguyên.xlsx").problems == []
    # The input list is not changed; files without a difference come back as they were.
    assert all(f.problems == [] for f in files)
    assert by_name(checked, "2025-H1-Long_An.xlsx") is by_name(files, "2025-H1-Long_An.xlsx")


def test_nothing_to_check_without_last_years_report(tmp_path: Path, catalogue: Catalogue) -> None:
    report(tmp_path, "Long An", 2024, "H1", indicators={"demo_models": (1, 1, None, 9)})
    report(tmp_path, "Long An", 2023, "FY", indicators={"demo_models": (1, 3)})  # other period
    report(tmp_path, "Long An", 2022, "H1", indicators={"demo_models": (1, 3)})  # two years back
    files = read_reports([tmp_path])
    assert [f.problems for f in check_prior_year(files, catalogue)] == [[], [], []]


def test_a_blank_actual_last_year_is_not_compared(tmp_path: Path, catalogue: Catalogue) -> None:
    report(tmp_path, "Long An", 2023, "H1", indicators={"demo_models": (1, None)})
    report(tmp_path, "Long An", 2024, "H1", indicators={"demo_models": (1, 1, None, 5)})
    files = read_reports([tmp_path])
    assert all(f.problems == [] for f in check_prior_year(files, catalogue))


def load() -> Catalogue:
    from kcstats.catalog import load_catalogue

    return load_catalogue()
