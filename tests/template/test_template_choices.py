"""Which provinces a template offers and is written for: the list in force for its period,
a region of it, and a clear refusal for a name that no longer exists."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from template_filling import fact_cell

from kcstats.catalog import Catalogue, Era
from kcstats.model import FileStatus
from kcstats.reader import read_file
from kcstats.template import TemplateError, write_template, write_templates
from kcstats.template.choices import choose, file_name


def test_abolished_province_for_a_later_period_is_refused_naming_its_successor(
    tmp_path: Path,
) -> None:
    with pytest.raises(TemplateError) as refused:
        write_template(tmp_path / "t.xlsx", province="Bình Dương", year=2025, period="FY")
    assert "TP. Hồ Chí Minh" in refused.value.message("vi")
    assert "merged into TP. Hồ Chí Minh" in refused.value.message("en")
    assert not (tmp_path / "t.xlsx").exists()


def test_old_province_is_fine_for_a_period_that_ended_before_the_merger(tmp_path: Path) -> None:
    path = write_template(tmp_path / "t.xlsx", province="binh duong", year=2025, period="H1")
    assert fact_cell(openpyxl.load_workbook(path), "province").value == "Bình Dương"


def test_unknown_province_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="Không nhận ra tỉnh/thành phố"):
        write_template(tmp_path / "t.xlsx", province="Atlantis", year=2024, period="FY")


def test_unknown_period_is_refused_listing_the_periods(tmp_path: Path) -> None:
    with pytest.raises(
        TemplateError, match="Q1 \\(Quý I\\), M4 \\(4 tháng\\), M5 \\(5 tháng\\), H1 \\(6 tháng\\)"
    ):
        write_template(tmp_path / "t.xlsx", year=2024, period="quý 5")


def test_province_list_is_the_one_in_force_at_the_end_of_the_period(catalogue: Catalogue) -> None:
    assert len(choose(catalogue, year=2025, period="H1").offered) == 63
    assert len(choose(catalogue, year=2025, period="9 tháng").offered) == 34
    assert len(choose(catalogue, year=2024).offered) == 63
    assert len(choose(catalogue, year=2026).offered) == 34


def test_open_period_across_the_merger_offers_old_and_new_names(catalogue: Catalogue) -> None:
    offered = choose(catalogue, year=2025).offered
    assert "Bình Dương" in offered and "Huế" in offered
    assert len(offered) == len(set(offered))


@pytest.mark.parametrize(
    ("region", "year", "period", "count"),
    [
        ("Nam", 2024, "FY", 20),
        ("bac", 2024, "Q1", 28),
        ("Miền Trung – Tây Nguyên", 2024, "H1", 15),
        ("Nam", 2025, "FY", 8),
        ("Đồng bằng sông Cửu Long", 2024, "FY", 13),
        (None, 2024, "FY", 63),
        (None, 2025, "9M", 34),
    ],
)
def test_all_writes_one_template_per_province_of_the_region(
    tmp_path: Path, region: str | None, year: int, period: str, count: int
) -> None:
    written = write_templates(tmp_path / "mau", year=year, period=period, region=region)
    assert len(written) == count
    assert sorted(p.name for p in (tmp_path / "mau").iterdir()) == sorted(p.name for p in written)


def test_each_template_of_all_is_prefilled_with_its_province_year_and_period(
    tmp_path: Path,
) -> None:
    written = write_templates(tmp_path, year=2024, period="FY", region="Nam")
    long_an = tmp_path / "long-an-2024-fy.xlsx"
    assert long_an in written
    result = read_file(long_an)
    assert result.status == FileStatus.ACCEPTED
    assert (result.province, result.year, result.period) == ("Long An", 2024, "FY")


def test_unknown_region_is_refused_naming_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="Miền Trung - Tây Nguyên") as refused:
        write_templates(tmp_path, year=2024, period="FY", region="Tây Bắc Bộ")
    assert "Nam" in refused.value.message("en")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("era", ["63", "34"])
def test_file_names_are_ascii_unique_and_named_by_province(catalogue: Catalogue, era: Era) -> None:
    names = [file_name(catalogue, p, 2025, "H1") for p in catalogue.provinces_of(era)]
    assert all(n.isascii() and " " not in n and n.endswith(".xlsx") for n in names)
    assert len(set(names)) == len(names)


def test_file_names_drop_diacritics_and_city_prefixes(catalogue: Catalogue) -> None:
    by_name = {p.name: file_name(catalogue, p, 2024, "FY") for p in catalogue.provinces_of("63")}
    assert by_name["Long An"] == "long-an-2024-fy.xlsx"
    assert by_name["TP. Hồ Chí Minh"] == "ho-chi-minh-2024-fy.xlsx"
    assert by_name["Bà Rịa - Vũng Tàu"] == "ba-ria-vung-tau-2024-fy.xlsx"
    assert by_name["Đắk Lắk"] == "dak-lak-2024-fy.xlsx"


def test_existing_file_is_not_overwritten_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"a filled report")
    with pytest.raises(TemplateError, match="--force"):
        write_template(path, year=2024, period="FY")
    assert path.read_bytes() == b"a filled report"
    write_template(path, year=2024, period="FY", overwrite=True)
    assert openpyxl.load_workbook(path).sheetnames[0] == "Thông tin"


def test_all_writes_nothing_when_one_name_is_taken(tmp_path: Path) -> None:
    (tmp_path / "long-an-2024-fy.xlsx").write_bytes(b"a filled report")
    with pytest.raises(TemplateError, match=r"long-an-2024-fy\.xlsx"):
        write_templates(tmp_path, year=2024, period="FY", region="Nam")
    assert [p.name for p in tmp_path.iterdir()] == ["long-an-2024-fy.xlsx"]


@pytest.mark.parametrize(("year", "period"), [(2024, "FY"), (2025, "FY")])
def test_every_province_template_of_a_period_is_accepted_by_the_reader(
    tmp_path: Path, year: int, period: str
) -> None:
    for path in write_templates(tmp_path, year=year, period=period):
        result = read_file(path)
        assert result.status == FileStatus.ACCEPTED, (path.name, result.problems)
        assert {p.code for p in result.problems} <= {"total-formula-without-value"}
        report = result.report
        assert report is not None and file_name_matches(path, report.province, year, period)


def file_name_matches(path: Path, province: str, year: int, period: str) -> bool:
    from kcstats.text import fold

    place, _, when = path.stem.partition(f"-{year}-")
    return place.replace("-", " ") in fold(province) and when == period.lower()


@pytest.mark.parametrize(
    ("year", "period", "name"),
    [(2024, "FY", "Thừa Thiên Huế"), (2025, "Q2", "Huế"), (2026, "H1", "Huế")],
)
def test_a_renamed_province_is_prefilled_and_offered_by_its_name_at_the_period_end(
    catalogue: Catalogue, tmp_path: Path, year: int, period: str, name: str
) -> None:
    choice = choose(catalogue, province="Thừa Thiên Huế", year=year, period=period)
    assert choice.province is not None and choice.province.name == name
    assert name in choice.offered
    assert ("Thừa Thiên Huế" in choice.offered) == (name == "Thừa Thiên Huế")
    path = write_template(tmp_path / "t.xlsx", province="Huế", year=year, period=period)
    result = read_file(path)
    assert (result.status, result.province) == (FileStatus.ACCEPTED, name)
