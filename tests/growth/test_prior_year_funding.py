"""A format-2 report's "Cùng kỳ năm trước" on funding by source (money and projects) and on
activity money, checked against last year's report: a difference is a warning naming the
measure and the source or activity, shown by `kcstats merge --format json`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from growth_helpers import invoke, report

from format2_builder import Row, write_format2


def this_year(folder: Path, *, national: int = 350, projects: int = 3, training: int = 250) -> None:
    """Long An, 6 months of 2024, stating last year's figures in its prior column."""
    write_format2(
        folder / "2024.xlsx",
        [
            Row("Khuyến công quốc gia", "triệu đồng",
                {"plan": 1000, "actual": 400, "prior": national}, "A"),
            Row("Số đề án", "đề án", {"plan": 2, "actual": 1, "prior": projects}),
            Row("Khuyến công địa phương", "triệu đồng",
                {"plan": 2000, "actual": 900, "prior": 800}, "B"),
            Row("Đào tạo nghề", "triệu đồng", {"plan": 500, "actual": 300, "prior": training},
                "I"),
        ],
        prior=True,
    )  # fmt: skip


def last_year(folder: Path) -> None:
    """Long An, 6 months of 2023: a format-2 report giving funding and the training money."""
    write_format2(
        folder / "2023.xlsx",
        [
            Row("Khuyến công quốc gia", "triệu đồng", {"plan": 900, "actual": 350}, "A"),
            Row("Số đề án", "đề án", {"plan": 3, "actual": 3}),
            Row("Khuyến công địa phương", "triệu đồng", {"plan": 1800, "actual": 800}, "B"),
            Row("Đào tạo nghề", "triệu đồng", {"plan": 400, "actual": 250}, "I"),
        ],
        year=2023,
    )


def merged(folder: Path, lang: str = "vi") -> dict[str, dict[str, Any]]:
    done = invoke("merge", folder, "--format", "json", "--lang", lang)
    assert done.exit_code == 0, done.output
    return {Path(f["path"]).name: f for f in json.loads(done.stdout)["files"]}


def test_priors_that_match_last_years_report_give_no_warning(tmp_path: Path) -> None:
    last_year(tmp_path)
    this_year(tmp_path)
    files = merged(tmp_path)
    assert files["2024.xlsx"]["status"] == "accepted"
    assert files["2024.xlsx"]["problems"] == [] and files["2023.xlsx"]["problems"] == []


def test_priors_that_differ_are_warnings_naming_measure_and_source(tmp_path: Path) -> None:
    last_year(tmp_path)
    this_year(tmp_path, national=360, projects=4, training=260)
    files = merged(tmp_path)
    later = files["2024.xlsx"]
    assert later["status"] == "accepted" and files["2023.xlsx"]["problems"] == []
    found = {(p["code"], p["found"], p["expected"]): p for p in later["problems"]}
    assert set(found) == {
        ("prior-year-mismatch", "360", "350"),
        ("prior-year-mismatch", "4", "3"),
        ("prior-year-mismatch", "260", "250"),
    }
    en = {
        (p["found"], p["expected"]): p["message"]
        for p in merged(tmp_path, "en")["2024.xlsx"]["problems"]
    }
    money = found[("prior-year-mismatch", "360", "350")]["message"]
    assert "Kinh phí" in money and "Khuyến công quốc gia" in money and "2023.xlsx" in money
    assert "Money" in en["360", "350"] and "National extension funds" in en["360", "350"]
    projects = found[("prior-year-mismatch", "4", "3")]["message"]
    assert "Số đề án" in projects and "Khuyến công quốc gia" in projects
    assert "Projects" in en["4", "3"]
    activity = found[("prior-year-mismatch", "260", "250")]["message"]
    assert "Kinh phí hoạt động" in activity and "Đào tạo nghề" in activity
    assert "Vocational training" in en["260", "250"]
    # A format-2 table is not the format-1 sheet 'Kinh phí' or 'Chỉ tiêu': no sheet is named
    # rather than one the workbook does not have.
    assert {p["sheet"] for p in later["problems"]} == {None}


def test_funding_priors_are_checked_against_a_format_1_report_too(tmp_path: Path) -> None:
    # (plan projects, plan money, actual projects, actual money)
    report(tmp_path, "Long An", 2023, "H1", name="2023.xlsx",
           funding={"national": (3, 900, 3, 350), "local": (5, 1800, 5, 790)})  # fmt: skip
    this_year(tmp_path)
    later = merged(tmp_path)["2024.xlsx"]
    assert [(p["code"], p["found"], p["expected"]) for p in later["problems"]] == [
        ("prior-year-mismatch", "800", "790")
    ]


def test_across_the_merger_a_funding_prior_is_the_old_provinces_together(tmp_path: Path) -> None:
    for province, spent in (("Long An", 100), ("Tây Ninh", 50)):
        report(tmp_path / "2025", province, 2025, "H1", funding={"national": (1, 200, 1, spent)})
    for name, prior in (("agrees.xlsx", 150), ("differs.xlsx", 160)):
        folder = tmp_path / name.removesuffix(".xlsx")
        folder.mkdir()
        write_format2(
            folder / name,
            [Row("Khuyến công quốc gia", "triệu đồng",
                 {"plan": 300, "actual": 120, "prior": prior}, "A")],
            province="Tây Ninh",
            year=2026,
            prior=True,
        )  # fmt: skip
    done = invoke("merge", tmp_path / "agrees", tmp_path / "2025", "--format", "json")
    assert done.exit_code == 0, done.output
    files = {Path(f["path"]).name: f for f in json.loads(done.stdout)["files"]}
    assert files["agrees.xlsx"]["problems"] == []
    done = invoke("merge", tmp_path / "differs", tmp_path / "2025", "--format", "json")
    files = {Path(f["path"]).name: f for f in json.loads(done.stdout)["files"]}
    (warning,) = files["differs.xlsx"]["problems"]
    assert (warning["code"], warning["found"], warning["expected"]) == (
        "prior-year-mismatch",
        "160",
        "150",
    )
    assert "Long_An" in warning["message"] and "Tây_Ninh" in warning["message"]
