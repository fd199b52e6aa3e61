"""The terminal's growth table shows the three bases of outputs.md and says what each compares:
actual against actual, the target year's plan against the base year's plan, and against the
base year's actual, which for a part of a year is the base year's full-year actual ("so TH cả
năm"), and is left out, with a note saying why, when no full-year report of the base year is
given."""

from __future__ import annotations

from pathlib import Path

from growth_helpers import invoke, report


def _half_years(folder: Path, *, full_year: bool) -> Path:
    # Long An: 50 triệu spent in H1 2023, 80 in H1 2024; the plan 200 in 2023, 250 in 2024;
    # 160 triệu spent in the whole of 2023 (when given).
    report(folder, "Long An", 2023, "H1", funding={"local": (1, 200, 1, 50)})
    report(folder, "Long An", 2024, "H1", funding={"local": (1, 250, 1, 80)})
    if full_year:
        report(folder, "Long An", 2023, "FY", funding={"local": (2, 200, 2, 160)})
    return folder


def _line(out: str, title: str, name: str) -> list[str]:
    section = out[out.index(title) :]
    return next(line for line in section.splitlines() if line.strip().startswith(name)).split()


def test_a_half_year_plan_is_compared_with_last_years_full_year_actual(tmp_path: Path) -> None:
    done = invoke("merge", _half_years(tmp_path, full_year=True), "--money-unit", "trieu",
                  columns=200)  # fmt: skip
    assert done.exit_code == 0, done.output
    out = done.stdout
    title = "Tăng trưởng 6 tháng 2024 so với 6 tháng 2023 (triệu đồng)"
    heading = next(line for line in out[out.index(title) :].splitlines() if "Vùng" in line)
    for words in ("TH 2023", "TH 2024", "KH 2024", "KH 2024 so KH 2023 (%)",
                  "KH 2024 so TH cả năm 2023 (%)"):  # fmt: skip
        assert words in heading
    # 50 -> 80 spent: +30, +60 %; the plan 250 against 200: +25 %; against 160: +56,25 %
    # (never against the 50 of six months: +400 %).
    assert _line(out, title, "Nam") == ["Nam", "50", "80", "+30", "+60,00", "250", "+25,00",
                                        "+56,25"]  # fmt: skip
    assert "+400" not in out


def test_without_a_full_year_report_the_column_is_left_out_and_a_note_says_why(
    tmp_path: Path,
) -> None:
    done = invoke("merge", _half_years(tmp_path, full_year=False), "--lang", "en", columns=200)
    out = done.stdout
    title = "Growth, First half 2024 against First half 2023 (tỷ đồng)"
    heading = next(line for line in out[out.index(title) :].splitlines() if "Region" in line)
    assert "Plan 2024 vs plan 2023 (%)" in heading and "actual 2023 (%)" not in heading
    assert _line(out, title, "Nam") == ["Nam", "0.050", "0.080", "+0.030", "+60.00", "0.250",
                                        "+25.00"]  # fmt: skip
    assert (
        "Plan 2024 vs full-year actual 2023: not shown, as no full-year 2023 report was given"
        in out
    )


def test_a_full_year_shows_plan_against_plan_and_against_last_years_actual(south: Path) -> None:
    done = invoke("merge", south, "--lang", "en", columns=200)
    out = done.stdout
    title = "Growth, Full year 2014 against Full year 2013 (tỷ đồng)"
    heading = next(line for line in out[out.index(title) :].splitlines() if "Region" in line)
    assert "Plan 2014 vs plan 2013 (%)" in heading
    assert "Plan 2014 vs actual 2013 (%)" in heading and "full-year" not in heading
    # 63,335 tỷ planned for 2014: +14,95 % on 2013's plan of 55,1, +17,16 % on its 54,06 spent.
    nam = _line(out, title, "Nam")
    assert nam[:8] == ["Nam", "54.060", "–", "–", "–", "63.335", "+14.95", "+17.16"]
