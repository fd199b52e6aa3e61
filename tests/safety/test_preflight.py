"""Preflight: every danger from "Reading untrusted files safely", built here into tmp_path,
gets the right problem code; real reports pass untouched."""

from __future__ import annotations

import os
import random
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile_files import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    OLE_MAGIC,
    SHEET1,
    add_rows,
    central_entry,
    rewrite,
)
from kcstats.safety.limits import DEFAULT_LIMITS, Limits
from kcstats.safety.preflight import CellFlag, Preflight, preflight


def write_report(path: Path, indicator_rows: int = 18) -> Path:
    """A report as a province would send it, written by openpyxl."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Thông tin"
    facts = [("Tỉnh/Thành phố", "Hà Nội"), ("Năm", 2024), ("Kỳ báo cáo", "Cả năm")]
    for row, (label, value) in enumerate(facts, start=3):
        ws.cell(row, 1, label)
        ws.cell(row, 2, value)
    ws = wb.create_sheet("Kinh phí & nguồn")
    ws.append(["Nguồn kinh phí", "Số đề án kế hoạch", "Kinh phí kế hoạch", "Số đề án thực hiện"])
    for source in ("Khuyến công quốc gia", "Khuyến công địa phương"):
        ws.append([source, 3, 1500.5, 3])
    ws = wb.create_sheet("Chỉ tiêu")
    ws.append(["Mã", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Ghi chú"])
    for i in range(indicator_rows):
        ws.append([f"code_{i}", f"Chỉ tiêu số {i}", "cơ sở", i * 10, i * 9, "ghi chú"])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(tmp_path_factory.mktemp("report") / "report.xlsx")


def codes(result: Preflight) -> list[str]:
    return [p.code for p in result.problems]


def only(result: Preflight, code: str) -> None:
    assert codes(result) == [code], [p.as_dict("en") for p in result.problems]
    assert result.refused


# ---------------------------------------------------------------------------------------------
# Real reports pass


def test_a_real_report_passes(report: Path) -> None:
    result = preflight(report)
    assert result == Preflight(format="xlsx")
    assert not result.refused


def test_a_report_of_5000_indicator_rows_stays_far_inside(tmp_path: Path) -> None:
    result = preflight(write_report(tmp_path / "big.xlsx", indicator_rows=5000))
    assert result == Preflight(format="xlsx")


def test_an_xlsm_and_a_default_limits_object_read_the_same(report: Path, tmp_path: Path) -> None:
    xlsm = tmp_path / "macro.xlsm"
    xlsm.write_bytes(report.read_bytes())
    assert preflight(xlsm, DEFAULT_LIMITS) == Preflight(format="xlsx")


def test_a_cell_on_the_last_allowed_row_and_column_passes(report: Path, tmp_path: Path) -> None:
    edge = add_rows(b'<row r="20000"><c r="GR20000"><v>1</v></c></row>')
    result = preflight(rewrite(report, tmp_path / "edge.xlsx", {SHEET1: edge}))
    assert result.problems == []


# ---------------------------------------------------------------------------------------------
# Sheet extent: what would make calamine reserve a range of billions of cells and abort


def test_a_stray_value_at_xfd1048576_is_refused(report: Path, tmp_path: Path) -> None:
    far = add_rows(b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    result = preflight(rewrite(report, tmp_path / "far.xlsx", {SHEET1: far}))
    only(result, "sheet-too-large")
    found = result.problems[0]
    assert (found.sheet, found.cell, found.found_text()) == (
        "Thông tin",
        "XFD1048576",
        "XFD1048576",
    )
    assert (
        found.expected_text() is not None
        and "20.000" in found.expected_text()
        and "200" in found.expected_text()
    )


@pytest.mark.parametrize(
    "cell",
    [
        b'<c r="XFD1048576" s="1"/>',
        b'<c r="XFD1048576" s="1"></c>',
        b'<c r="XFD1048576" s="2" />',
    ],
)
def test_a_styled_only_far_cell_is_not_refused(report: Path, tmp_path: Path, cell: bytes) -> None:
    styled = add_rows(b'<row r="1048576" s="1" customFormat="1">' + cell + b"</row>")
    result = preflight(rewrite(report, tmp_path / "styled.xlsx", {SHEET1: styled}))
    assert result.problems == []


def test_a_far_inline_string_is_refused(report: Path, tmp_path: Path) -> None:
    far = add_rows(b'<row r="30000"><c r="B30000" t="inlineStr"><is><t>x</t></is></c></row>')
    result = preflight(rewrite(report, tmp_path / "far.xlsx", {SHEET1: far}))
    only(result, "sheet-too-large")
    assert result.problems[0].cell == "B30000"


def test_a_column_past_gr_is_refused(report: Path, tmp_path: Path) -> None:
    wide = add_rows(b'<row r="9"><c r="GS9"><v>1</v></c></row>')
    result = preflight(rewrite(report, tmp_path / "wide.xlsx", {SHEET1: wide}))
    only(result, "sheet-too-large")
    assert result.problems[0].cell == "GS9"


def test_cells_without_r_are_placed_as_calamine_places_them(report: Path, tmp_path: Path) -> None:
    # A cell without r follows the previous cell; a row without r follows the previous row.
    wide = add_rows(b'<row r="9">' + b"<c><v>1</v></c>" * 300 + b"</row>")
    only(preflight(rewrite(report, tmp_path / "wide.xlsx", {SHEET1: wide})), "sheet-too-large")
    deep = add_rows(
        b'<row r="9"><c r="A9"><v>1</v></c></row>' + b"<row><c><v>1</v></c></row>" * 20_000
    )
    result = preflight(rewrite(report, tmp_path / "deep.xlsx", {SHEET1: deep}))
    only(result, "sheet-too-large")
    assert result.problems[0].cell == "A20009"
    after_styled = add_rows(b'<row r="9"><c r="GR9" s="1"/><c><v>1</v></c></row>')
    result = preflight(rewrite(report, tmp_path / "after.xlsx", {SHEET1: after_styled}))
    only(result, "sheet-too-large")
    assert result.problems[0].cell == "GS9"
    # Its row is its <row>'s, whatever the cell before it says (r="A5" does not move it).
    low_ref = add_rows(b'<row r="4000000000"><c r="A5" s="1"/><c><v>1</v></c></row>')
    result = preflight(rewrite(report, tmp_path / "low.xlsx", {SHEET1: low_ref}))
    only(result, "sheet-too-large")
    assert result.problems[0].cell == "B4000000000"
    # And a <row> without r follows the <row> before it, not the cells in it.
    next_row = add_rows(b'<row r="30000"><c r="A5"><v>1</v></c></row><row><c><v>1</v></c></row>')
    result = preflight(rewrite(report, tmp_path / "next.xlsx", {SHEET1: next_row}))
    only(result, "sheet-too-large")
    assert result.problems[0].cell == "A30001"


def test_prefixed_and_oddly_written_cells_are_seen(report: Path, tmp_path: Path) -> None:
    variants = {
        "prefixed": b'<x:row r="1048576"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>',
        "single quotes": b"<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>",
        "spaces": b'<row r = "1048576" ><c\n r = "XFD1048576" ><v>1</v></c></row>',
        "r not first": b'<row r="1048576"><c s="0" r="XFD1048576"><v>1</v></c></row>',
        "> in a value": b'<row r="1048576"><c foo="a>b" r="XFD1048576"><v>1</v></c></row>',
        "last r wins": b'<row r="9"><c r="A9" r="XFD1048576"><v>1</v></c></row>',
    }
    for name, xml in variants.items():
        changed = rewrite(report, tmp_path / "odd.xlsx", {SHEET1: add_rows(xml)})
        assert codes(preflight(changed)) == ["sheet-too-large"], name


def test_text_that_only_looks_like_an_r_attribute_is_not_taken_for_one(
    report: Path, tmp_path: Path
) -> None:
    # calamine reads E10 for both (prefixed attributes and quoted text are not r).
    for cell in (
        b'<c foo=" r=&quot;XFD1&quot; r=\'XFD1\'" r="E10"><v>1</v></c>',
        b'<c xmlns:x="urn:x" x:r="XFD1048576" r="E10"><v>1</v></c>',
    ):
        changed = rewrite(
            report, tmp_path / "tricky.xlsx", {SHEET1: add_rows(b'<row r="10">' + cell + b"</row>")}
        )
        assert preflight(changed).problems == []


def test_a_lying_dimension_is_ignored(report: Path, tmp_path: Path) -> None:
    def lie(data: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)

    assert preflight(rewrite(report, tmp_path / "dim.xlsx", {SHEET1: lie})).problems == []


def test_a_sheet_the_workbook_does_not_name_is_still_checked(report: Path, tmp_path: Path) -> None:
    orphan = b'<worksheet><sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
    result = preflight(
        rewrite(report, tmp_path / "orphan.xlsx", extra={"xl/worksheets/sheet99.xml": orphan})
    )
    only(result, "sheet-too-large")
    assert result.problems[0].sheet == "xl/worksheets/sheet99.xml"


def test_a_shared_strings_table_claiming_two_billion_strings_is_refused(
    report: Path, tmp_path: Path
) -> None:
    for attrs in (b'count="2000000000" uniqueCount="2000000000"', b'uniqueCount="2000000000"'):
        sst = (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            + attrs
            + "><si><t>Hà Nội</t></si></sst>".encode()
        )
        result = preflight(
            rewrite(report, tmp_path / "sst.xlsx", extra={"xl/sharedStrings.xml": sst})
        )
        only(result, "unpacked-too-large")
        assert "2.000.000.000" in (result.problems[0].found_text() or "")
    honest = b'<sst count="3" uniqueCount="1"><si><t>x</t></si></sst>'
    result = preflight(
        rewrite(report, tmp_path / "sst.xlsx", extra={"xl/sharedStrings.xml": honest})
    )
    assert result.problems == []


# ---------------------------------------------------------------------------------------------
# The container


def test_a_zip_bomb_is_refused_from_its_declared_sizes(report: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(report) as zin,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout,
    ):
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        with zout.open("xl/media/image1.png", "w") as member:  # 300 MB of zeros, streamed
            chunk = bytes(1 << 20)
            for _ in range(300):
                member.write(chunk)
    assert bomb.stat().st_size < 2 << 20  # 300 MB in under 2 MB
    result = preflight(bomb)
    only(result, "unpacked-too-large")
    assert "xl/media/image1.png" in (result.problems[0].found_text() or "")


def test_a_highly_compressed_member_is_refused_by_its_ratio(report: Path, tmp_path: Path) -> None:
    zeros = bytes(20 << 20)  # 20 MiB: under the size limit, not under the ratio limit
    result = preflight(rewrite(report, tmp_path / "ratio.xlsx", extra={"xl/media/a.bin": zeros}))
    only(result, "unpacked-too-large")
    assert (result.problems[0].found_text() or "").startswith("xl/media/a.bin: nén")
    assert result.problems[0].expected_text() == "≤ 200:1"


def test_a_member_that_unpacks_past_its_declared_size_is_stopped(
    report: Path, tmp_path: Path
) -> None:
    # Lie in both headers: say the sheet is 100 bytes; it inflates to more.
    data = bytearray(report.read_bytes())
    with zipfile.ZipFile(report) as z:
        info = z.getinfo(SHEET1)
    real, fake = info.file_size.to_bytes(4, "little"), (100).to_bytes(4, "little")
    local = info.header_offset + 22  # uncompressed size in the local header
    central = central_entry(data, SHEET1) + 24  # and in the central directory
    assert data[local : local + 4] == real == data[central : central + 4]
    data[local : local + 4] = data[central : central + 4] = fake
    path = tmp_path / "lie.xlsx"
    path.write_bytes(bytes(data))
    result = preflight(path)
    only(result, "damaged-workbook")
    assert "declared size" in (result.problems[0].found_text("en") or "")


def test_limits_on_file_size_member_count_and_total_apply(report: Path, tmp_path: Path) -> None:
    only(preflight(report, Limits(max_file_bytes=1000)), "file-too-large")
    only(preflight(report, Limits(max_members=3)), "unpacked-too-large")
    only(preflight(report, Limits(max_unpacked_bytes=10_000)), "unpacked-too-large")
    only(preflight(report, Limits(max_member_bytes=5_000)), "unpacked-too-large")
    tiny = preflight(report, Limits(max_rows=4, max_cols=2))
    assert set(codes(tiny)) == {"sheet-too-large"} and len(tiny.problems) == 3


def test_a_sheet_written_with_too_many_cells_is_refused(report: Path, tmp_path: Path) -> None:
    styled = add_rows(
        b"".join(b'<row r="%d"><c r="A%d" s="1"/></row>' % (i, i) for i in range(9, 40))
    )
    path = rewrite(report, tmp_path / "many.xlsx", {SHEET1: styled})
    assert preflight(path).problems == []
    result = preflight(path, Limits(max_cells=50))
    only(result, "unpacked-too-large")
    assert (result.problems[0].found_text() or "").startswith("Thông tin: ")


def test_an_abnormally_long_tag_is_refused_not_skipped(report: Path, tmp_path: Path) -> None:
    # A quoted value longer than any real one, then a far value: never read past quietly.
    long_value = (
        b'<row r="9"><c r="A9" x="'
        + random.Random(0).randbytes(3 << 19).hex().encode()
        + b'"><v>1</v></c></row>'
    )
    far = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    path = rewrite(report, tmp_path / "long.xlsx", {SHEET1: add_rows(long_value + far)})
    only(preflight(path), "damaged-workbook")


def test_an_empty_file_is_not_a_workbook(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    result = preflight(empty)
    only(result, "not-a-workbook")
    assert result.problems[0].expected_text() == ".xlsx"


def test_text_is_not_a_workbook(tmp_path: Path) -> None:
    text = tmp_path / "report.xlsx"
    text.write_text("Tỉnh;Năm\nHà Nội;2024\n", encoding="utf-8")
    result = preflight(text)
    only(result, "not-a-workbook")
    problem = result.problems[0]
    assert (problem.found_text("vi"), problem.found_text("en")) == ("văn bản", "text")


@pytest.mark.parametrize(
    "html",
    [
        b"<html><body><table><tr><td>1</td></tr></table></body></html>",
        b"\xef\xbb\xbf\r\n  <!DOCTYPE html><html></html>",
        "<table border=1><tr><td>Tỉnh</td></tr></table>".encode(),
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"></html>'.encode("utf-16"),
    ],
)
def test_an_xls_that_is_really_html_is_not_a_workbook(tmp_path: Path, html: bytes) -> None:
    fake = tmp_path / "report.xls"
    fake.write_bytes(html)
    result = preflight(fake)
    only(result, "not-a-workbook")
    assert (result.problems[0].found_text(), result.problems[0].expected_text()) == ("HTML", ".xls")


def test_unknown_bytes_are_not_a_workbook(tmp_path: Path) -> None:
    blob = tmp_path / "report.ods"
    blob.write_bytes(bytes(range(256)))
    result = preflight(blob)
    only(result, "not-a-workbook")
    problem = result.problems[0]
    assert (problem.found_text("vi"), problem.found_text("en")) == ("không rõ", "unknown")


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.txt", "hello")
    result = preflight(path)
    only(result, "not-a-workbook")
    assert "zip" in (result.problems[0].found_text() or "")
    assert result.format is None


def test_a_truncated_zip_is_damaged(report: Path, tmp_path: Path) -> None:
    data = report.read_bytes()
    for cut in (len(data) // 2, len(data) - 10, 40):
        path = tmp_path / "cut.xlsx"
        path.write_bytes(data[:cut])
        only(preflight(path), "damaged-workbook")


def test_damaged_deflate_data_is_damaged(report: Path, tmp_path: Path) -> None:
    data = bytearray(report.read_bytes())
    with zipfile.ZipFile(report) as z:
        info = z.getinfo(SHEET1)
    name_len = int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_len = int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    middle = start + info.compress_size // 2
    for i in range(middle, middle + 16):
        data[i] ^= 0xFF
    path = tmp_path / "flipped.xlsx"
    path.write_bytes(bytes(data))
    result = preflight(path)
    only(result, "damaged-workbook")
    assert SHEET1 in (result.problems[0].found_text() or "")


def test_an_encrypted_workbook_is_refused(tmp_path: Path) -> None:
    # An OLE compound file whose directory names an EncryptedPackage stream (and the
    # EncryptionInfo stream next to it), as Office writes a password-protected .xlsx.
    directory = b"".join(
        name.encode("utf-16-le").ljust(64, b"\x00") + bytes(64)
        for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage")
    )
    path = tmp_path / "secret.xlsx"
    path.write_bytes(OLE_MAGIC + bytes(504) + directory.ljust(512, b"\x00") + bytes(1024))
    result = preflight(path)
    only(result, "encrypted-workbook")
    assert result.format is None


def test_an_ole_file_with_a_workbook_stream_is_xls(tmp_path: Path) -> None:
    directory = b"".join(
        name.encode("utf-16-le").ljust(64, b"\x00") + bytes(64)
        for name in ("Root Entry", "Workbook")
    )
    path = tmp_path / "old.xls"
    path.write_bytes(OLE_MAGIC + bytes(504) + directory.ljust(512, b"\x00"))
    assert preflight(path) == Preflight(format="xls")
    word = tmp_path / "letter.xls"
    word.write_bytes(OLE_MAGIC + bytes(504) + "WordDocument".encode("utf-16-le"))
    only(preflight(word), "not-a-workbook")


def test_a_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    only(preflight(tmp_path / "gone.xlsx"), "damaged-workbook")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_or_a_folder_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)  # reading it would block for ever
    only(preflight(fifo), "not-a-workbook")
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    only(preflight(folder), "not-a-workbook")


# ---------------------------------------------------------------------------------------------
# XML entities


@pytest.mark.parametrize(
    "part", ["xl/workbook.xml", SHEET1, "[Content_Types].xml", "xl/styles.xml"]
)
def test_billion_laughs_in_a_part_is_refused(report: Path, tmp_path: Path, part: str) -> None:
    result = preflight(rewrite(report, tmp_path / "lol.xlsx", {part: lambda d: BILLION_LAUGHS + d}))
    only(result, "xml-entities")
    assert result.problems[0].found_text() == part


def test_billion_laughs_in_shared_strings_is_refused(report: Path, tmp_path: Path) -> None:
    sst = BILLION_LAUGHS + b'<sst count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    result = preflight(rewrite(report, tmp_path / "lol.xlsx", extra={"xl/sharedStrings.xml": sst}))
    only(result, "xml-entities")
    assert result.problems[0].found_text() == "xl/sharedStrings.xml"


def test_an_external_entity_is_refused(report: Path, tmp_path: Path) -> None:
    result = preflight(
        rewrite(report, tmp_path / "xxe.xlsx", {SHEET1: lambda d: EXTERNAL_ENTITY + d})
    )
    only(result, "xml-entities")


def test_a_doctype_in_utf16_or_lower_case_is_still_seen(report: Path, tmp_path: Path) -> None:
    def utf16(data: bytes) -> bytes:
        return (EXTERNAL_ENTITY + data).decode("utf-8").encode("utf-16")

    only(preflight(rewrite(report, tmp_path / "u16.xlsx", {SHEET1: utf16})), "xml-entities")
    lower = b'<!doctype x [<!entity e "e">]>'
    only(
        preflight(rewrite(report, tmp_path / "low.xlsx", {SHEET1: lambda d: lower + d})),
        "xml-entities",
    )


# ---------------------------------------------------------------------------------------------
# Cell flags: what calamine reads as '' but is not blank


def test_a_formula_without_a_saved_value_is_flagged(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Kinh phí"
    ws["A1"] = "Tổng"
    ws["B2"] = "=1+2"
    ws["C3"] = '=IF(A1<>"",SUM(B1:B2),"")'
    path = tmp_path / "formula.xlsx"
    wb.save(path)
    result = preflight(path)
    assert result.problems == []
    assert result.cell_flags == {
        "Kinh phí": {
            (1, 1): CellFlag("formula-without-value", "=1+2"),
            (2, 2): CellFlag("formula-without-value", '=IF(A1<>"",SUM(B1:B2),"")'),
        }
    }


def test_error_values_and_shared_formulas(report: Path, tmp_path: Path) -> None:
    cells = add_rows(
        b'<row r="9"><c r="B9" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        b'<c r="C9" t="e"><v>#REF!</v></c></row>'
        b'<row r="10"><c r="B10"><f t="shared" ref="B10:B11" si="0">A10*2</f><v></v></c>'
        b'<c r="C10"><f>A10+1</f><v>3</v></c></row>'
        b'<row r="11"><c r="B11"><f t="shared" si="0"/></c>'
        b'<c r="C11" t="str"><f>IF(A1="","",1)</f><v></v></c></row>'
    )
    result = preflight(rewrite(report, tmp_path / "flags.xlsx", {SHEET1: cells}))
    assert result.problems == []
    assert result.cell_flags == {
        "Thông tin": {
            (8, 1): CellFlag("error-value", "#DIV/0!"),
            (8, 2): CellFlag("error-value", "#REF!"),
            (9, 1): CellFlag("formula-without-value", "=A10*2"),
            (10, 1): CellFlag("formula-without-value", "=(công thức dùng chung với B10: =A10*2)"),
        }
    }


def test_flags_are_the_same_on_the_exact_path(report: Path, tmp_path: Path) -> None:
    # A cell written without r sends the whole sheet down the exact scan.
    cells = add_rows(
        b'<row r="9"><c r="B9" t="e"><v>#N/A</v></c><c><f>1+1</f><v/></c>'
        b"<x:c xmlns:x='urn:x' r='E9'><x:f>2+2</x:f></x:c></row>"
    )
    result = preflight(rewrite(report, tmp_path / "exact.xlsx", {SHEET1: cells}))
    assert result.problems == []
    assert result.cell_flags == {
        "Thông tin": {
            (8, 1): CellFlag("error-value", "#N/A"),
            (8, 2): CellFlag("formula-without-value", "=1+1"),
            (8, 4): CellFlag("formula-without-value", "=2+2"),
        }
    }


# ---------------------------------------------------------------------------------------------
# OpenDocument


def write_ods(path: Path, rows: str, *, prologue: str = "") -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>' + prologue + "<office:document-content"
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="Chỉ tiêu &amp; KP">'
        + rows
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


VALUE_CELL = '<table:table-cell office:value-type="float" office:value="1"{}><text:p>1</text:p></table:table-cell>'


def test_an_ods_report_with_libreoffice_padding_passes(tmp_path: Path) -> None:
    rows = (
        "<table:table-row>"
        + VALUE_CELL.format("")
        + VALUE_CELL.format("")
        + '<table:table-cell table:number-columns-repeated="16382"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048575">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    assert preflight(write_ods(tmp_path / "ok.ods", rows)) == Preflight(format="ods")


@pytest.mark.parametrize(
    ("rows", "cell"),
    [
        (
            "<table:table-row>"
            + VALUE_CELL.format(' table:number-columns-repeated="100000"')
            + "</table:table-row>",
            "EQXD1",
        ),
        (
            '<table:table-row table:number-rows-repeated="1000000">'
            + VALUE_CELL.format("")
            + "</table:table-row>",
            "A1000000",
        ),
        (
            '<table:table-row table:number-rows-repeated="1048576"><table:table-cell'
            ' office:string-value="x" table:number-columns-repeated="16384"/></table:table-row>',
            "XFD1048576",
        ),
        (
            '<table:table-row table:number-rows-repeated="30000"><table:table-cell/></table:table-row>'
            "<table:table-row>" + VALUE_CELL.format("") + "</table:table-row>",
            "A30001",
        ),
    ],
)
def test_repeated_ods_values_beyond_the_limits_are_refused(
    tmp_path: Path, rows: str, cell: str
) -> None:
    result = preflight(write_ods(tmp_path / "far.ods", rows))
    only(result, "sheet-too-large")
    assert (result.problems[0].sheet, result.problems[0].cell) == ("Chỉ tiêu & KP", cell)
    assert result.format == "ods"


def test_an_encrypted_ods_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "secret.ods"
    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", bytes(range(256)) * 4)
        z.writestr("META-INF/manifest.xml", manifest)
    only(preflight(path), "encrypted-workbook")


def test_ods_entities_are_refused(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "lol.ods", "", prologue=EXTERNAL_ENTITY.decode().split("\n", 1)[1])
    result = preflight(path)
    only(result, "xml-entities")
    assert result.problems[0].found_text() == "content.xml"


# ---------------------------------------------------------------------------------------------
# No input makes preflight raise


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_preflight_never_raises_on_damaged_bytes(
    report: Path, tmp_path: Path, data: st.DataObject
) -> None:
    original = report.read_bytes()
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(damaged) - 1))
        damaged[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(damaged)))
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(bytes(damaged[:cut]))
    result = preflight(path)
    assert isinstance(result, Preflight)
    if result.problems:
        assert result.refused


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.binary(max_size=400))
def test_preflight_never_raises_on_odd_sheet_xml(report: Path, tmp_path: Path, body: bytes) -> None:
    path = rewrite(
        report,
        tmp_path / "odd.xlsx",
        {SHEET1: lambda d: d.replace(b"</sheetData>", body + b"</sheetData>")},
    )
    assert isinstance(preflight(path), Preflight)
