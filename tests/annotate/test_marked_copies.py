"""kcstats.annotate: a marked-up copy of every refused workbook, each problem cell filled and
commented, every problem listed on a first sheet 'Lỗi', the original left untouched."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from annotate_files import BROKEN, cell_values, set_text, sha256, write_broken, write_ods

from builders import write_report
from kcstats.annotate import FILLS, AnnotateError, annotate_refused
from kcstats.model import FileResult, FileStatus
from kcstats.problems import Severity, problem
from kcstats.reader import read_file
from kcstats.validate import validate

PROBLEMS = "Lỗi"
RED = FILLS[Severity.ERROR].fgColor.rgb
YELLOW = FILLS[Severity.WARNING].fgColor.rgb


@dataclass
class Annotated:
    files: list[FileResult]
    written: list[Path]
    out: Path
    before: dict[Path, str]  # sha256 of every input before annotating

    def copy_of(self, name: str) -> Path:
        return self.out / name

    def result(self, name: str) -> FileResult:
        return next(f for f in self.files if Path(f.path).name == name)


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory) -> Annotated:
    root = tmp_path_factory.mktemp("annotate")
    inbox = root / "inbox"
    write_broken(inbox)
    write_report(inbox / "clean.xlsx", province="Cà Mau")
    (inbox / "not-a-workbook.xlsx").write_text("Kính gửi Sở Công Thương", encoding="utf-8")
    before = {p: sha256(p) for p in inbox.iterdir()}
    files = validate([inbox]).files
    written = annotate_refused(files, root / "out")
    return Annotated(files, written, root / "out", before)


def test_every_refused_file_gets_one_copy_and_accepted_files_none(annotated: Annotated) -> None:
    expected = sorted([*BROKEN, "not-a-workbook.loi.xlsx"])
    assert sorted(p.name for p in annotated.written) == expected
    assert sorted(p.name for p in annotated.out.iterdir()) == expected
    assert annotated.result("clean.xlsx").status == FileStatus.ACCEPTED


def test_originals_are_byte_for_byte_unchanged(annotated: Annotated) -> None:
    assert {p: sha256(p) for p in annotated.before} == annotated.before


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_problem_cell_is_filled_red_and_commented_with_what_was_found_and_expected(
    annotated: Annotated, name: str
) -> None:
    wb = openpyxl.load_workbook(annotated.copy_of(name))
    placed = [p for p in annotated.result(name).problems if p.sheet and p.cell]
    for p in placed:
        cell = wb[p.sheet][p.cell]
        assert (cell.fill.fill_type, cell.fill.fgColor.rgb) == ("solid", RED), (p.code, p.cell)
        assert cell.comment is not None
        assert f"[{p.code}] {p.message('vi')}" in cell.comment.text
        if p.found_text():
            assert f"Tìm thấy: {p.found_text()}" in cell.comment.text
        if p.expected_text():
            assert f"Cần: {p.expected_text()}" in cell.comment.text


def test_problem_cells_are_the_only_cells_marked(annotated: Annotated) -> None:
    name = "negative.xlsx"
    wb = openpyxl.load_workbook(annotated.copy_of(name))
    marked = {
        (ws.title, c.coordinate)
        for ws in wb.worksheets[1:]
        for row in ws.iter_rows()
        for c in row
        if c.comment is not None or c.fill.fgColor.rgb == RED
    }
    assert marked == {("Kinh phí", "C4")}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_problem_sheet_comes_first_and_lists_every_problem_with_its_place(
    annotated: Annotated, name: str
) -> None:
    wb = openpyxl.load_workbook(annotated.copy_of(name))
    assert wb.sheetnames[0] == PROBLEMS and wb.active is not None and wb.active.title == PROBLEMS
    rows = list(wb[PROBLEMS].iter_rows(min_row=4, values_only=True))
    listed = [
        (code, sheet, cell, found, message) for _, code, _, sheet, cell, found, _, message in rows
    ]
    expected = [
        (p.code, p.sheet, p.cell, p.found_text(), p.message("vi"))
        for p in annotated.result(name).problems
    ]
    assert listed == expected
    assert wb.sheetnames[1:] == list(cell_values(Path(annotated.result(name).path)))


def test_problems_of_the_whole_file_are_listed_on_the_problem_sheet(annotated: Annotated) -> None:
    wb = openpyxl.load_workbook(annotated.copy_of("missing-sheet.xlsx"))
    (row,) = wb[PROBLEMS].iter_rows(min_row=4, values_only=True)
    assert row[1] == "sheet-missing" and row[3] is None and row[4] is None
    assert 'Thiếu trang tính "Kinh phí"' in row[7]


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_copy_keeps_every_original_cell_value(annotated: Annotated, name: str) -> None:
    copy = cell_values(annotated.copy_of(name))
    del copy[PROBLEMS]
    assert copy == cell_values(Path(annotated.result(name).path))


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_marked_copy_reads_as_its_original_did(annotated: Annotated, name: str) -> None:
    again = read_file(annotated.copy_of(name))
    assert [(p.code, p.sheet, p.cell) for p in again.problems] == [
        (p.code, p.sheet, p.cell) for p in annotated.result(name).problems
    ]


def test_unreadable_file_gets_a_standalone_problem_list_saying_why(annotated: Annotated) -> None:
    wb = openpyxl.load_workbook(annotated.copy_of("not-a-workbook.loi.xlsx"))
    assert wb.sheetnames == [PROBLEMS]
    intro = wb[PROBLEMS]["A1"].value
    assert "not-a-workbook.xlsx" in intro and "không mở được" in intro
    assert wb[PROBLEMS]["B4"].value == "not-a-workbook"


def test_ods_file_gets_a_standalone_problem_list_saying_it_cannot_be_marked(tmp_path: Path) -> None:
    funding_header = [
        "Nguồn kinh phí",
        "Số đề án kế hoạch",
        "Kinh phí kế hoạch",
        "Số đề án thực hiện",
        "Kinh phí thực hiện",
    ]
    ods = write_ods(
        _folder(tmp_path / "in") / "bao-cao.ods",
        {
            "Thông tin": [["Tỉnh/Thành phố", "Long An"], ["Năm", 2024], ["Kỳ báo cáo", "6 tháng"]],
            "Kinh phí": [funding_header, ["Khuyến công quốc gia", 1, -5, 1, 2]],
            "Chỉ tiêu": [
                ["Mã", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện"],
                ["demo_models", "Mô hình", "mô hình", 1, 2],
            ],
        },
    )
    files = validate([ods]).files
    assert [(p.code, p.sheet, p.cell) for p in files[0].problems] == [
        ("negative-number", "Kinh phí", "C2")
    ]
    (written,) = annotate_refused(files, tmp_path / "out")
    assert written.name == "bao-cao.loi.xlsx"
    sheet = openpyxl.load_workbook(written)[PROBLEMS]
    assert ".ods" in sheet["A1"].value and "Không đánh dấu được trực tiếp" in sheet["A1"].value
    assert (sheet["B4"].value, sheet["D4"].value, sheet["E4"].value) == (
        "negative-number",
        "Kinh phí",
        "C2",
    )
    assert sheet["E4"].hyperlink is None  # nothing to link to: the cell is in the original


def test_text_from_the_input_never_becomes_a_formula(tmp_path: Path) -> None:
    injected = '=HYPERLINK("http://example.invalid","bấm vào đây")'
    path = write_report(
        _folder(tmp_path / "in") / "a.xlsx", use_codes=False, indicators={"trained_workers": (1, 2)}
    )
    set_text(path, "Chỉ tiêu", {"C4": injected})
    (written,) = annotate_refused(validate([path]).files, tmp_path / "out")
    wb = openpyxl.load_workbook(written)
    found = wb[PROBLEMS]["F4"]
    assert (found.value, found.data_type) == (injected, "s")
    assert "bấm vào đây" in wb[PROBLEMS]["H4"].value
    with zipfile.ZipFile(written) as archive:
        for part in archive.namelist():
            if part.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in archive.read(part), part


def test_two_refused_files_of_one_name_get_distinct_copies(tmp_path: Path) -> None:
    first = write_report(
        _folder(tmp_path / "a") / "bao-cao.xlsx",
        province="Long An",
        funding={"national": (1, -1, 1, 1)},
    )
    second = write_report(
        _folder(tmp_path / "b") / "bao-cao.xlsx",
        province="Bến Tre",
        funding={"national": (1, 1, -1, 1)},
    )
    written = annotate_refused(validate([first, second]).files, tmp_path / "out")
    assert [p.name for p in written] == ["bao-cao.xlsx", "bao-cao (2).xlsx"]
    assert openpyxl.load_workbook(written[0])["Kinh phí"]["C4"].comment is not None
    assert openpyxl.load_workbook(written[1])["Kinh phí"]["D4"].comment is not None


def test_warning_cell_is_filled_yellow_beside_the_red_errors(tmp_path: Path) -> None:
    path = write_report(
        _folder(tmp_path / "in") / "a.xlsx", funding={"national": (1, 1200.0004, -1, 1100)}
    )
    files = validate([path]).files
    assert {(p.code, p.cell) for p in files[0].problems} == {
        ("money-rounded", "C4"),
        ("negative-number", "D4"),
    }
    (written,) = annotate_refused(files, tmp_path / "out")
    ws = openpyxl.load_workbook(written)["Kinh phí"]
    assert (ws["C4"].fill.fgColor.rgb, ws["D4"].fill.fgColor.rgb) == (YELLOW, RED)


def test_comment_already_on_a_problem_cell_is_kept_below_the_problem(tmp_path: Path) -> None:
    path = write_report(_folder(tmp_path / "in") / "a.xlsx", funding={"national": (1, -5, 1, 1)})
    wb = openpyxl.load_workbook(path)
    wb["Kinh phí"]["C4"].comment = openpyxl.comments.Comment("Số liệu tạm tính", "Chị Lan")
    wb.save(path)
    (written,) = annotate_refused(validate([path]).files, tmp_path / "out")
    text = openpyxl.load_workbook(written)["Kinh phí"]["C4"].comment.text
    assert text.index("[negative-number]") < text.index("Số liệu tạm tính")


def test_problem_inside_a_merged_range_marks_its_top_left_cell(tmp_path: Path) -> None:
    path = write_report(_folder(tmp_path / "in") / "a.xlsx")  # 'Thông tin' A1:D1 is a merged title
    result = FileResult(
        path=str(path),
        status=FileStatus.REFUSED,
        problems=[problem("not-a-number", sheet="Thông tin", cell="C1", found="x", expected="1")],
    )
    (written,) = annotate_refused([result], tmp_path / "out")
    ws = openpyxl.load_workbook(written)["Thông tin"]
    assert ws["A1"].comment is not None and ws["A1"].fill.fgColor.rgb == RED


def test_xlsm_copy_stays_an_xlsm_with_its_values(tmp_path: Path) -> None:
    path = write_report(
        _folder(tmp_path / "in") / "bao-cao.xlsm", funding={"national": (1, -5, 1, 1)}
    )
    (written,) = annotate_refused(validate([path]).files, tmp_path / "out")
    assert written.name == "bao-cao.xlsm"
    copy = cell_values(written)
    del copy[PROBLEMS]
    assert copy == cell_values(path)


def test_folder_holding_the_originals_is_refused_as_output(tmp_path: Path) -> None:
    path = write_report(tmp_path / "a.xlsx", funding={"national": (1, -5, 1, 1)})
    before = sha256(path)
    with pytest.raises(AnnotateError):
        annotate_refused(validate([path]).files, tmp_path)
    assert sha256(path) == before and [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]


def test_english_copy_explains_in_english(tmp_path: Path) -> None:
    path = write_report(_folder(tmp_path / "in") / "a.xlsx", funding={"national": (1, -5, 1, 1)})
    (written,) = annotate_refused(validate([path]).files, tmp_path / "out", lang="en")
    wb = openpyxl.load_workbook(written)
    assert wb.sheetnames[0] == PROBLEMS
    assert wb[PROBLEMS]["B3"].value == "Code"
    assert "Negative figure -5" in wb["Kinh phí"]["C4"].comment.text


def _folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
