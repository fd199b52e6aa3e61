"""What every command does with the files it writes: -o writes the file and says so in one
line; an existing file is kept unless --force is given; missing folders are created; no
report found means exit 1 and no file at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import write_report
from commandline import invoke, run_installed


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    write_report(folder / "long-an.xlsx")
    write_report(folder / "tien-giang.xlsx", province="Tiền Giang")
    return folder


@pytest.mark.parametrize("name", ["tong-hop.xlsx", "facts.csv", "doc.json", "tables.md"])
def test_output_goes_to_the_file_and_one_line_says_what_was_written(
    reports: Path, tmp_path: Path, name: str
) -> None:
    done = invoke("merge", reports, "-o", tmp_path / name)
    assert done.exit_code == 0, done.output
    assert (tmp_path / name).stat().st_size > 0
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"Đã ghi {tmp_path / name}. 2 báo cáo được chấp nhận, 0 bị từ chối, 0 bỏ qua."
    ]


def test_the_installed_command_writes_the_file_and_one_line_in_english(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    write_report(tmp_path / "in" / "a.xlsx")
    done = run_installed("merge", "in", "-o", "out.xlsx", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (done.stdout, done.stderr) == (
        "",
        "Wrote out.xlsx. 1 reports accepted, 0 refused, 0 skipped.\n",
    )


def test_a_csv_file_with_a_refused_report_beside_lists_it_before_the_line(
    reports: Path, tmp_path: Path
) -> None:
    write_report(reports / "bad.xlsx", province="Nowhere")
    done = invoke("merge", reports, "-o", tmp_path / "facts.csv")
    assert done.exit_code == 1
    lines = done.stderr.splitlines()
    assert f"{reports / 'bad.xlsx'}: từ chối" in lines
    assert lines[-1].startswith(f"Đã ghi {tmp_path / 'facts.csv'}. 2 báo cáo được chấp nhận, 1 bị")


def test_a_workbook_lists_the_refused_report_itself_so_one_line_is_all(
    reports: Path, tmp_path: Path
) -> None:
    write_report(reports / "bad.xlsx", province="Nowhere")
    done = invoke("merge", reports, "-o", tmp_path / "tong-hop.xlsx")
    assert done.exit_code == 1
    assert done.stderr.splitlines() == [
        f"Đã ghi {tmp_path / 'tong-hop.xlsx'}. 2 báo cáo được chấp nhận, 1 bị từ chối, 0 bỏ qua."
    ]


def test_an_existing_output_is_kept_without_force_and_replaced_with_it(
    reports: Path, tmp_path: Path
) -> None:
    out = tmp_path / "doc.json"
    out.write_text("earlier", encoding="utf-8")
    kept = invoke("merge", reports, "-o", out)
    assert kept.exit_code == 2
    assert kept.stderr == f"kcstats merge: Đã có tệp {out}. Thêm --force để ghi đè.\n"
    assert out.read_text(encoding="utf-8") == "earlier"
    english = invoke("merge", reports, "-o", out, "--lang", "en")
    assert english.stderr == f"kcstats merge: {out} already exists. Add --force to overwrite it.\n"
    replaced = invoke("merge", reports, "-o", out, "--force")
    assert replaced.exit_code == 0, replaced.output
    assert json.loads(out.read_text(encoding="utf-8"))["facts"]


def test_a_parquet_output_is_kept_when_its_growth_file_exists(
    reports: Path, tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow")
    (tmp_path / "facts.growth.parquet").write_bytes(b"earlier")
    done = invoke("merge", reports, "-o", tmp_path / "facts.parquet")
    assert done.exit_code == 2 and "facts.growth.parquet" in done.stderr
    assert not (tmp_path / "facts.parquet").exists()


def test_missing_folders_are_created_by_merge_and_template_alike(
    reports: Path, tmp_path: Path
) -> None:
    merged = invoke("merge", reports, "-o", tmp_path / "2024" / "h1" / "tong-hop.xlsx")
    assert merged.exit_code == 0, merged.output
    assert (tmp_path / "2024" / "h1" / "tong-hop.xlsx").is_file()
    template = invoke("template", "-o", tmp_path / "mau" / "2025" / "long-an.xlsx")
    assert template.exit_code == 0, template.output
    assert (tmp_path / "mau" / "2025" / "long-an.xlsx").is_file()


def test_a_refused_output_leaves_no_folder_behind(reports: Path, tmp_path: Path) -> None:
    done = invoke("merge", reports, "-o", tmp_path / "new" / "out.txt")
    assert done.exit_code == 2
    assert not (tmp_path / "new").exists()


def test_a_file_in_the_way_of_the_output_folder_is_refused_before_reading(
    reports: Path, tmp_path: Path
) -> None:
    (tmp_path / "bao-cao").write_text("a file, not a folder")
    done = invoke("merge", reports, "-o", tmp_path / "bao-cao" / "out.json", "--lang", "en")
    assert done.exit_code == 2
    assert done.stderr == (
        f"kcstats merge: {tmp_path / 'bao-cao'} is not a folder, so "
        f"{tmp_path / 'bao-cao' / 'out.json'} cannot be written.\n"
    )


@pytest.mark.parametrize("content", ["empty", "pdfs", "skipped-only"])
@pytest.mark.parametrize("name", ["tong-hop.xlsx", "facts.json", "facts.csv"])
def test_no_report_found_exits_1_with_a_clear_message_and_writes_nothing(
    tmp_path: Path, content: str, name: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    if content == "pdfs":
        (folder / "a.pdf").write_bytes(b"%PDF-1.4")
    elif content == "skipped-only":
        (folder / "~$a.xlsx").write_bytes(b"lock")
        (folder / ".hidden.xlsx").write_bytes(b"x")
    out = tmp_path / "out" / name
    done = invoke("merge", folder, "-o", out)
    assert done.exit_code == 1
    assert done.stdout == ""
    assert done.stderr.splitlines()[-1] == (
        f"Không tìm thấy báo cáo nào (tệp .xlsx, .xlsm, .xls, .ods) trong {folder}; "
        "không có gì để tổng hợp, không tệp nào được ghi."
    )
    assert not (tmp_path / "out").exists()


def test_no_report_found_on_standard_output_prints_nothing_there(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for args in ([], ["--format", "json"], ["--format", "csv"], ["--format", "md"]):
        done = invoke("merge", tmp_path / "in", *args, "--lang", "en")
        assert done.exit_code == 1
        assert done.stdout == ""
        assert "No report found" in done.stderr


def test_the_library_result_says_when_no_report_was_found(tmp_path: Path) -> None:
    import kcstats

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.pdf").write_bytes(b"%PDF-1.4")
    assert kcstats.merge(tmp_path / "in").no_reports
    assert kcstats.validate(tmp_path / "in").no_reports
    write_report(tmp_path / "in" / "bad.xlsx", province="Nowhere")  # refused, but a report
    assert not kcstats.merge(tmp_path / "in").no_reports
    assert not kcstats.validate(tmp_path / "in").no_reports


def test_the_installed_command_exits_1_on_a_folder_of_pdfs(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.pdf").write_bytes(b"%PDF-1.4")
    done = run_installed("merge", "in", "-o", "tong-hop.xlsx", cwd=tmp_path)
    assert done.returncode == 1
    assert "Không tìm thấy báo cáo nào" in done.stderr
    assert not (tmp_path / "tong-hop.xlsx").exists()
