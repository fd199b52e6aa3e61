"""Hostile and broken workbooks, crafted at test time from real ones (no binary blobs).

Each danger of report-format.md "Reading untrusted files safely" has a builder here that
takes a real report (written by openpyxl) and turns it into the dangerous file. The unit
tests of kcstats.safety and the end-to-end tests of tests/hostile share them.

`DANGERS` lists every danger with what kcstats must answer: the refusal code, or for the
files that must still be read (a hidden sheet with stray figures, dates in the 1904 system)
the warning and the acceptance.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from builders import FUNDING_HEADERS, write_report

SHEET1 = "xl/worksheets/sheet1.xml"  # openpyxl's part for the first sheet ("Thông tin")
SHEET2 = "xl/worksheets/sheet2.xml"  # the second ("Kinh phí" in write_report's workbooks)
SHARED_STRINGS = "xl/sharedStrings.xml"
WORKBOOK = "xl/workbook.xml"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>\n"
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?>\n<!DOCTYPE x [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
)
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>\s*")


# The hostile files are built from a report of another province than the good one beside
# them, so that the two never count as copies or conflicts of each other.
HOSTILE_PROVINCE = "Cần Thơ"
HOSTILE_FUNDING = {"national": (3, 700, 3, 650), "local": (4, 900, 4, 880)}


# ---------------------------------------------------------------------------------------------
# Zip surgery


def rewrite(
    src: Path,
    dst: Path,
    changes: dict[str, Callable[[bytes], bytes]] | None = None,
    extra: dict[str, bytes] | None = None,
    drop: Sequence[str] = (),
) -> Path:
    """Copy a zip, changing some members' bytes, adding others and leaving some out."""
    changes = changes or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = zin.read(info.filename)
            if info.filename in changes:
                data = changes[info.filename](data)
            zout.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def add_rows(xml: bytes) -> Callable[[bytes], bytes]:
    """A change that appends rows at the end of a sheet's sheetData."""
    return lambda data: data.replace(b"</sheetData>", xml + b"</sheetData>")


def with_prologue(prologue: bytes) -> Callable[[bytes], bytes]:
    """A change that puts a DOCTYPE (and its entities) in front of a part's root element,
    and uses the last declared entity in the part so that a parser would expand it."""

    def change(data: bytes) -> bytes:
        body = _XML_DECLARATION.sub(b"", data, count=1)
        entity = re.findall(rb"<!ENTITY (\w+)", prologue)[-1]
        reference = b"&" + entity + b";"
        # Inside the first text node, when there is one: where a parser would expand it.
        used = re.sub(rb"<t>", b"<t>" + reference, body, count=1)
        return prologue + used

    return change


def central_entry(data: bytes | bytearray, name: str) -> int:
    """Offset of a member's central-directory entry."""
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        name_len = int.from_bytes(data[position + 28 : position + 30], "little")
        if data[position + 46 : position + 46 + name_len] == name.encode():
            return position
        position = data.find(b"PK\x01\x02", position + 4)
    raise AssertionError(name)


def member_data_span(path: Path, name: str) -> tuple[int, int]:
    """(start, end) of a member's compressed bytes in the file."""
    data = path.read_bytes()
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(name)
    offset = info.header_offset
    name_len = int.from_bytes(data[offset + 26 : offset + 28], "little")
    extra_len = int.from_bytes(data[offset + 28 : offset + 30], "little")
    start = offset + 30 + name_len + extra_len
    return start, start + info.compress_size


def ole_file(streams: Sequence[str], tail: int = 1024) -> bytes:
    """An OLE2 compound file whose directory names these streams, the way they sit in a real
    one (UTF-16LE names in 128-byte directory entries): enough for any sniffer."""
    directory = b"".join(
        name.encode("utf-16-le").ljust(64, b"\x00") + bytes(64) for name in streams
    )
    return OLE_MAGIC + bytes(504) + directory.ljust(512, b"\x00") + bytes(tail)


_INLINE_STRING = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"([^>]*?) t="inlineStr"([^>]*)><is><t(?: [^>]*)?>(.*?)</t></is></c>',
    re.DOTALL,
)
_MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SST_TYPE = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
_SST_CONTENT = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def with_shared_strings(src: Path, dst: Path) -> Path:
    """The workbook as Excel saves it: every text cell in a shared-strings table
    (xl/sharedStrings.xml, wired into the relationships and content types), where openpyxl
    writes inline strings."""
    strings: dict[bytes, int] = {}
    uses = 0

    def shared(data: bytes) -> bytes:
        def one(m: re.Match[bytes]) -> bytes:
            nonlocal uses
            uses += 1
            index = strings.setdefault(m.group(4), len(strings))
            return b'<c r="%s"%s t="s"%s><v>%d</v></c>' % (m[1], m[2], m[3], index)

        return _INLINE_STRING.sub(one, data)

    with zipfile.ZipFile(src) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        parts = {name: shared(z.read(name)) for name in sheets}
    table = b"".join(b"<si><t>%s</t></si>" % text for text in strings)
    sst = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>'
        % (
            _MAIN_NS,
            uses,
            len(strings),
            table,
        )
    )
    rel = b'<Relationship Type="%s" Target="sharedStrings.xml" Id="rIdSst" />' % _SST_TYPE
    override = b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s" />' % _SST_CONTENT
    changes: dict[str, Callable[[bytes], bytes]] = {
        name: (lambda data, new=new: new) for name, new in parts.items()
    }
    changes["xl/_rels/workbook.xml.rels"] = lambda d: d.replace(
        b"</Relationships>", rel + b"</Relationships>"
    )
    changes["[Content_Types].xml"] = lambda d: d.replace(b"</Types>", override + b"</Types>")
    return rewrite(src, dst, changes, extra={SHARED_STRINGS: sst})


# ---------------------------------------------------------------------------------------------
# The dangers, each built from a real report (see base_report)


def far_value(src: Path, dst: Path) -> Path:
    """A stray value at XFD1048576, the last cell of a sheet."""
    far = add_rows(b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    return rewrite(src, dst, {SHEET1: far})


def shared_strings_count(src: Path, dst: Path, count: int = 2_000_000_000) -> Path:
    """A shared-strings table that declares two billion strings."""

    def lie(data: bytes) -> bytes:
        data = re.sub(rb'\s(?:unique)?[cC]ount="\d+"', b"", data, count=2)
        attrs = b' count="%d" uniqueCount="%d"' % (count, count)
        return re.sub(rb"<sst\b", b"<sst" + attrs, data, count=1)

    return rewrite(src, dst, {SHARED_STRINGS: lie})


def zip_bomb(src: Path, dst: Path, megabytes: int = 300) -> Path:
    """A real report with a member of `megabytes` MiB of zeros, streamed into the zip (the
    test never holds it in memory): a file of about 1 MiB."""
    with (
        zipfile.ZipFile(src) as zin,
        zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout,
    ):
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        chunk = bytes(1 << 20)
        with zout.open("xl/media/image1.png", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
    return dst


def entities(part: str, prologue: bytes) -> Callable[[Path, Path], Path]:
    def build(src: Path, dst: Path) -> Path:
        return rewrite(src, dst, {part: with_prologue(prologue)})

    return build


def text_file(src: Path, dst: Path) -> Path:
    """Not a zip at all: text saved with a workbook's name."""
    dst.write_text("Tỉnh;Năm;Kỳ\nHà Nội;2024;6 tháng\n", encoding="utf-8")
    return dst


def truncated(src: Path, dst: Path) -> Path:
    """The first half of a real report, as a broken download leaves it."""
    data = src.read_bytes()
    dst.write_bytes(data[: len(data) // 2])
    return dst


def damaged_deflate(src: Path, dst: Path) -> Path:
    """Sixteen bytes flipped in the middle of a sheet's compressed data."""
    data = bytearray(src.read_bytes())
    start, end = member_data_span(src, SHEET2)
    middle = (start + end) // 2
    for i in range(middle, middle + 16):
        data[i] ^= 0xFF
    dst.write_bytes(bytes(data))
    return dst


def encrypted(src: Path, dst: Path) -> Path:
    """A password-protected workbook: an OLE file with EncryptionInfo and EncryptedPackage."""
    dst.write_bytes(ole_file(["Root Entry", "EncryptionInfo", "EncryptedPackage"]))
    return dst


def word_renamed_xls(src: Path, dst: Path) -> Path:
    """A Word 97 document (another kind of OLE file) renamed .xls."""
    dst.write_bytes(ole_file(["Root Entry", "WordDocument", "1Table"]))
    return dst


def biff4_renamed_xls(src: Path, dst: Path) -> Path:
    """An Excel 4.0 worksheet (a bare BIFF4 stream, from before OLE containers): a BOF
    record, a number cell, an EOF record. Too old for any reader kcstats uses."""
    bof = bytes.fromhex("0904 0600 0000 1000 0000")  # BOF, BIFF4, a worksheet
    number = bytes.fromhex("0302 0e00 0000 0000 0000") + struct.pack("<d", 1200.0)
    eof = bytes.fromhex("0a00 0000")
    dst.write_bytes(bof + number + eof)
    return dst


def broken_xls(src: Path, dst: Path) -> Path:
    """An OLE file that names a 'Workbook' stream, but whose sectors hold nothing readable."""
    dst.write_bytes(ole_file(["Root Entry", "Workbook"], tail=4096))
    return dst


def html_renamed_xls(src: Path, dst: Path) -> Path:
    """A web page saved with a workbook's name, as some reporting portals export them."""
    dst.write_text(
        "<html><head><meta charset='utf-8'></head><body><table>"
        "<tr><td>Tỉnh</td><td>Hà Nội</td></tr></table></body></html>",
        encoding="utf-8",
    )
    return dst


def zip_not_workbook(src: Path, dst: Path) -> Path:
    """A zip of photos named .xlsx."""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("anh/IMG_0001.txt", "không phải ảnh")
        z.writestr("ghi-chu.txt", "Báo cáo gửi sau")
    return dst


def missing_sheet_part(src: Path, dst: Path) -> Path:
    """workbook.xml names sheet 'Kinh phí', whose part is not in the zip."""
    return rewrite(src, dst, drop=[SHEET2])


# Each danger whose facts can still be read claims its own province: two files of one province,
# year and period would be resolved as copies or conflicts, which is not what these test.
FORMULAS_PROVINCE = "Hậu Giang"
ERRORS_PROVINCE = "Sóc Trăng"


def formulas_without_values(src: Path, dst: Path) -> Path:
    """Figures as formulas that were never computed (a file written by a program)."""
    write_report(
        dst,
        province=FORMULAS_PROVINCE,
        funding={"national": (2, "=600+600", 2, "=SUM(C4:C4)"), "local": (10, 3000, 9, 2800)},
    )
    return dst


def error_cells(src: Path, dst: Path) -> Path:
    """Figures that are error values: #DIV/0!, #REF!."""
    write_report(
        dst,
        province=ERRORS_PROVINCE,
        funding={"national": (2, 1200, 2, "#REF!"), "local": (10, 3000, 9, 2800)},
        indicators={"trained_workers": (300, 320, "#DIV/0!")},
    )
    return dst


HIDDEN_SHEET = "Kinh phí (cũ)"  # names 'Kinh phí', as sheet names are matched
HIDDEN_SHEET_PROVINCE = "Bến Tre"


def hidden_sheet(src: Path, dst: Path) -> Path:
    """A hidden sheet named like 'Kinh phí' beside the real one, holding other figures."""
    wb = openpyxl.load_workbook(src)
    wb["Thông tin"]["B3"] = HIDDEN_SHEET_PROVINCE
    hidden = wb.create_sheet(HIDDEN_SHEET)
    hidden.append(list(FUNDING_HEADERS.values())[:5])
    hidden.append(["Khuyến công quốc gia", 999, 999_999, 999, 999_999])
    hidden.append(["Khuyến công địa phương", 999, 999_999, 999, 999_999])
    hidden.sheet_state = "hidden"
    wb.save(dst)
    return dst


PREPARED_ON = "2024-07-15"  # 44026 in the 1904 system; read in the 1900 one, 2020-07-14
DATE1904_PROVINCE = "Vĩnh Long"


def date1904(src: Path, dst: Path) -> Path:
    """A workbook in the 1904 date system (<workbookPr date1904="1"/>, old Mac Excel) whose
    'Ngày lập' is a date."""
    import datetime as dt

    wb = openpyxl.load_workbook(src)
    wb.epoch = CALENDAR_MAC_1904
    info = wb["Thông tin"]
    info["B3"] = DATE1904_PROVINCE
    info.append(["Ngày lập", dt.datetime.fromisoformat(PREPARED_ON)])
    info.cell(info.max_row, 2).number_format = "dd/mm/yyyy"
    wb.save(dst)
    return dst


RELS = "xl/_rels/workbook.xml.rels"
_SHEET2_TARGET = b'Target="/xl/worksheets/sheet2.xml"'


def _unsaved_formula(data: bytes) -> bytes:
    """'Kinh phí'!E4 (national money spent) as a formula never computed: no saved value."""
    return re.sub(rb'<c r="E4"([^>]*)><v>[^<]*</v></c>', rb'<c r="E4"\1><f>600+50</f></c>', data)


def _sheet2(src: Path) -> bytes:
    with zipfile.ZipFile(src) as z:
        return _unsaved_formula(z.read(SHEET2))


def retarget(target: bytes) -> Callable[[bytes], bytes]:
    return lambda data: data.replace(_SHEET2_TARGET, b'Target="' + target + b'"')


# Ways a workbook can lead calamine to the part of sheet 'Kinh phí' (here holding a formula
# without a saved value) other than the usual xl/worksheets/sheet2.xml named in plain words.
# Each must still have its formula flagged, under the sheet's name.
SHEET_PART_TRICKS: dict[str, Callable[[Path, Path], Path]] = {
    "named .bin": lambda src, dst: rewrite(
        src,
        dst,
        {RELS: retarget(b"/xl/worksheets/sheet2.bin")},
        extra={"xl/worksheets/sheet2.bin": _sheet2(src)},
        drop=[SHEET2],
    ),
    "in capitals": lambda src, dst: rewrite(
        src, dst, extra={"XL/WORKSHEETS/SHEET2.XML": _sheet2(src)}, drop=[SHEET2]
    ),
    "with backslashes": lambda src, dst: rewrite(
        src, dst, extra={"xl\\worksheets\\sheet2.xml": _sheet2(src)}, drop=[SHEET2]
    ),
    "through ..": lambda src, dst: rewrite(
        src,
        dst,
        {RELS: retarget(b"worksheets/../worksheets/sheet2.xml")},
        extra={"xl/worksheets/../worksheets/sheet2.xml": _sheet2(src)},
    ),
    "with a character reference": lambda src, dst: rewrite(
        src,
        dst,
        {RELS: retarget(b"/xl/worksheets/sheet&#50;.xml")},
        extra={"xl/worksheets/sheet&#50;.xml": _sheet2(src)},
    ),
    "an external target": lambda src, dst: rewrite(
        src,
        dst,
        {
            SHEET2: _unsaved_formula,
            RELS: lambda data: data.replace(
                _SHEET2_TARGET, _SHEET2_TARGET + b' TargetMode="External"'
            ),
        },
    ),
    "a decoy id": lambda src, dst: rewrite(
        src,
        dst,
        {
            SHEET2: _unsaved_formula,
            WORKBOOK: lambda data: data.replace(b'r:id="rId2"', b'x:id="rId1" r:id="rId2"'),
        },
    ),
}


SHEET_PART_PROVINCE = "Trà Vinh"


def sheet_part_named_bin(src: Path, dst: Path) -> Path:
    """Sheet 'Kinh phí' read from xl/worksheets/sheet2.bin, with a formula without a saved
    value (and the report of another province than base_report's)."""
    province = HOSTILE_PROVINCE.encode()

    def other_province(data: bytes) -> bytes:
        return data.replace(b"<t>" + province + b"</t>", f"<t>{SHEET_PART_PROVINCE}</t>".encode())

    return rewrite(
        src,
        dst,
        {RELS: retarget(b"/xl/worksheets/sheet2.bin"), SHARED_STRINGS: other_province},
        extra={"xl/worksheets/sheet2.bin": _sheet2(src)},
        drop=[SHEET2],
    )


def case_twins(src: Path, dst: Path) -> Path:
    """Two parts whose names differ only in case: which one calamine reads is anyone's
    guess (the second holds a stray value at XFD1048576)."""
    far = add_rows(b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    with zipfile.ZipFile(src) as z:
        twin = far(z.read(SHEET2))
    return rewrite(src, dst, extra={"xl/worksheets/Sheet2.xml": twin})


def _zip_bytes(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _directory(data: bytes) -> tuple[bytes, bytes, bytearray]:
    """(local parts, central directory, end record) of a zip without a comment."""
    end = data.rfind(b"PK\x05\x06")
    size, offset = struct.unpack("<II", data[end + 12 : end + 20])
    return data[:offset], data[offset : offset + size], bytearray(data[end : end + 22])


def _moved(directory: bytes, shift: int) -> bytes:
    """A central directory whose entries point `shift` bytes further into the file."""
    out = bytearray(directory)
    at = 0
    while at < len(out):
        name, extra, comment = struct.unpack("<HHH", out[at + 28 : at + 34])
        (offset,) = struct.unpack("<I", out[at + 42 : at + 46])
        struct.pack_into("<I", out, at + 42, offset + shift)
        at += 46 + name + extra + comment
    return bytes(out)


def two_directories(src: Path, dst: Path) -> Path:
    """One zip file, two workbooks: the real end record points at a directory whose sheet
    holds a stray value at XFD1048576; its comment hides a second end record (one that does
    not end the file) pointing at the untouched workbook's directory. Python's zipfile
    reads the hidden one, calamine's zip reader the real one."""
    with zipfile.ZipFile(src) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    far = add_rows(b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    real_local, real_directory, real_end = _directory(
        _zip_bytes({**parts, SHEET2: far(parts[SHEET2])})
    )
    hidden_local, hidden_directory, hidden_end = _directory(_zip_bytes(parts))
    real_at = len(real_local) + len(hidden_local)
    struct.pack_into("<I", real_end, 16, real_at)
    struct.pack_into("<I", hidden_end, 16, real_at + len(real_directory) + 22)
    struct.pack_into("<H", hidden_end, 20, 5000)  # a comment that would run past the end
    comment = _moved(hidden_directory, len(real_local)) + bytes(hidden_end)
    struct.pack_into("<H", real_end, 20, len(comment))
    dst.write_bytes(real_local + hidden_local + real_directory + bytes(real_end) + comment)
    return dst


ODS_FAR_TABLE = (
    b'<table:table table:name="Th\xc3\xb4ng tin">'
    b'<table:table-row table:number-rows-repeated="1048570"><table:table-cell/></table:table-row>'
    b'<table:table-row><table:table-cell table:number-columns-repeated="16000"/>'
    b'<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p>'
    b"</table:table-cell></table:table-row></table:table>"
)


def excel_and_opendocument(src: Path, dst: Path) -> Path:
    """A real .xlsx that also holds an OpenDocument spreadsheet (mimetype, content.xml) whose
    table reaches cell WQK1048572: named .ods, calamine reads the OpenDocument one."""
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?><office:document-content'
        b' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        b' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        b' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        b"<office:body><office:spreadsheet>"
        + ODS_FAR_TABLE
        + b"</office:spreadsheet></office:body></office:document-content>"
    )
    mimetype = b"application/vnd.oasis.opendocument.spreadsheet"
    return rewrite(src, dst, extra={"mimetype": mimetype, "content.xml": content})


def _column(index: int) -> bytes:
    letters = b""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = bytes([65 + rem]) + letters
    return letters


def slow_to_check(src: Path, dst: Path, rows: int = 19_000, cols: int = 25) -> Path:
    """A sheet of 475,000 error cells (#DIV/0!), inside every limit (500,000 cell and row
    elements): the slowest kind of cell to check and read, seconds of work for one file."""
    letters = [_column(c) for c in range(cols)]
    first = 100  # below the report's tables

    def cells(data: bytes) -> bytes:
        body = b"".join(
            b'<row r="%d">' % r
            + b"".join(b'<c r="%s%d" t="e"><v>#DIV/0!</v></c>' % (col, r) for col in letters)
            + b"</row>"
            for r in range(first, first + rows)
        )
        return data.replace(b"</sheetData>", body + b"</sheetData>")

    with (
        zipfile.ZipFile(src) as zin,
        zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout,
    ):
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info.filename, cells(data) if info.filename == SHEET2 else data)
    return dst


# ---------------------------------------------------------------------------------------------
# The corpus


Outcome = Literal["refused", "accepted"]


@dataclass(frozen=True)
class Danger:
    name: str  # also the file's stem
    suffix: str
    build: Callable[[Path, Path], Path]
    outcome: Outcome
    code: str  # the refusal code, or the warning an accepted file must carry ("" for none)
    province: str | None = None  # the province its facts name, where they can be read

    @property
    def file_name(self) -> str:
        return self.name + self.suffix


DANGERS: tuple[Danger, ...] = (
    Danger("far-value", ".xlsx", far_value, "refused", "sheet-too-large"),
    Danger("shared-strings-2e9", ".xlsx", shared_strings_count, "refused", "unpacked-too-large"),
    Danger("zip-bomb", ".xlsx", zip_bomb, "refused", "unpacked-too-large"),
    *(
        Danger(
            f"{kind}-{short}",
            ".xlsx",
            entities(part, prologue),
            "refused",
            "xml-entities",
        )
        for kind, prologue in (("laughs", BILLION_LAUGHS), ("xxe", EXTERNAL_ENTITY))
        for short, part in (("sst", SHARED_STRINGS), ("sheet", SHEET1), ("workbook", WORKBOOK))
    ),
    Danger("text", ".xlsx", text_file, "refused", "not-a-workbook"),
    Danger("truncated", ".xlsx", truncated, "refused", "damaged-workbook"),
    Danger("bad-deflate", ".xlsx", damaged_deflate, "refused", "damaged-workbook"),
    Danger("encrypted", ".xlsx", encrypted, "refused", "encrypted-workbook"),
    Danger("word", ".xls", word_renamed_xls, "refused", "not-a-workbook"),
    Danger("biff4", ".xls", biff4_renamed_xls, "refused", "not-a-workbook"),
    Danger("broken-ole", ".xls", broken_xls, "refused", "damaged-workbook"),
    Danger("html", ".xls", html_renamed_xls, "refused", "not-a-workbook"),
    Danger("zip-of-photos", ".xlsx", zip_not_workbook, "refused", "not-a-workbook"),
    Danger(
        "missing-part",
        ".xlsx",
        missing_sheet_part,
        "refused",
        "damaged-workbook",
        HOSTILE_PROVINCE,
    ),
    Danger(
        "formulas",
        ".xlsx",
        formulas_without_values,
        "refused",
        "formula-without-value",
        FORMULAS_PROVINCE,
    ),
    Danger("errors", ".xlsx", error_cells, "refused", "error-value", ERRORS_PROVINCE),
    Danger(
        "sheet-part-bin",
        ".xlsx",
        sheet_part_named_bin,
        "refused",
        "formula-without-value",
        SHEET_PART_PROVINCE,
    ),
    Danger("case-twins", ".xlsx", case_twins, "refused", "damaged-workbook"),
    Danger("two-directories", ".xlsx", two_directories, "refused", "damaged-workbook"),
    Danger("excel-and-ods", ".ods", excel_and_opendocument, "refused", "damaged-workbook"),
    Danger(
        "hidden-sheet",
        ".xlsx",
        hidden_sheet,
        "accepted",
        "hidden-sheet-ignored",
        HIDDEN_SHEET_PROVINCE,
    ),
    Danger("date1904", ".xlsx", date1904, "accepted", "", DATE1904_PROVINCE),
)


def base_report(folder: Path) -> Path:
    """The real report every hostile file is made from, written into `folder` as Excel
    writes it (with a shared-strings table)."""
    plain = write_report(folder / "plain.xlsx", province=HOSTILE_PROVINCE, funding=HOSTILE_FUNDING)
    return with_shared_strings(plain, folder / "base.xlsx")


def build(danger: Danger, folder: Path, base: Path) -> Path:
    """The danger's file in `folder`, made from `base` (see base_report)."""
    return danger.build(base, folder / danger.file_name)
