"""Preflight's own reading of a zip's central directory gives exactly what zipfile gives: for
any zip, written in any of the ways zipfile can write one and then damaged anywhere, it
either hands the zip to zipfile or lists the same members with the same sizes, offsets,
flags and checksums."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kcstats.safety.zip_directory import Member, quick_members, zip_members

ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,
    struct.error,
    NotImplementedError,
)
NAMES = ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml", "a", "Ảnh.png", ""]
EXTRAS = [
    b"",
    struct.pack("<HH", 0x5455, 5) + b"\x01abcd",  # an extended timestamp: sizes unchanged
    struct.pack("<HHQ", 0x0001, 8, 12),  # zip64: zipfile may take a size from it
    struct.pack("<HH", 0x7875, 40),  # longer than the field: zipfile refuses it
    b"\x01\x00",  # a stub shorter than a header: zipfile ignores it
]


def zipfile_members(data: bytes) -> list[Member] | type[BaseException]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except ZIP_ERRORS as exc:
        return type(exc)
    return [
        Member(i.filename, i.flag_bits, i.compress_type, i.CRC, i.compress_size, i.file_size,
               i.header_offset)
        for i in infos
    ]  # fmt: skip


# Fields of a central directory entry (offset, struct format) and of the end record, and
# values that make zipfile read a zip differently or refuse it.
ENTRY_FIELDS = {
    "extract_version": (6, "<B"),
    "flag_bits": (8, "<H"),
    "compress_size": (20, "<L"),
    "file_size": (24, "<L"),
    "name_length": (28, "<H"),
    "extra_length": (30, "<H"),
    "comment_length": (32, "<H"),
    "header_offset": (42, "<L"),
}
END_FIELDS = {"disks": (4, "<L"), "size": (12, "<L"), "offset": (16, "<L"), "comment": (20, "<H")}
VALUES = [0, 1, 2, 20, 63, 64, 0x800, 0xFFFF, 0xFFFF_FFFF, 0x0605_4B50]


def overwrite(data: bytes, at: int, fmt: str, value: int) -> bytes:
    size = struct.calcsize(fmt)
    if at < 0 or at + size > len(data):
        return data
    return data[:at] + struct.pack(fmt, value & (256**size - 1)) + data[at + size :]


@st.composite
def zips(draw: st.DrawFn) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(draw(st.integers(0, 4))):
            info = zipfile.ZipInfo(draw(st.sampled_from(NAMES)) + str(index) * (index > 0))
            info.compress_type = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
            info.extra = draw(st.sampled_from(EXTRAS))
            info.comment = draw(st.sampled_from([b"", b"note"]))
            archive.writestr(info, draw(st.binary(max_size=50)))
        archive.comment = draw(st.sampled_from([b"", b"", b"comment", b"PK\x05\x06"]))
    data = draw(st.sampled_from([b"", b"", b"MZ prefix "])) + buffer.getvalue()
    # Damage: a field of an entry or of the end record set to an odd value (or moved by a
    # little), bytes overwritten near the end, where the directory is, or a cut.
    for _ in range(draw(st.integers(0, 3))):
        entries = [i for i in range(len(data)) if data.startswith(b"PK\x01\x02", i)]
        end = data.rfind(b"PK\x05\x06")
        kind = draw(st.integers(0, 2))
        if kind == 0 and entries:
            offset, fmt = ENTRY_FIELDS[draw(st.sampled_from(sorted(ENTRY_FIELDS)))]
            at = draw(st.sampled_from(entries)) + offset
        elif kind == 1 and end >= 0:
            offset, fmt = END_FIELDS[draw(st.sampled_from(sorted(END_FIELDS)))]
            at = end + offset
        else:
            if not data:
                break
            start = len(data) - draw(st.integers(1, min(len(data), 200)))
            value = draw(st.binary(min_size=1, max_size=4))
            data = data[:start] + value + data[start + len(value) :]
            continue
        old = struct.unpack_from(fmt, data, at)[0] if at + struct.calcsize(fmt) <= len(data) else 0
        value = draw(st.sampled_from(VALUES) | st.integers(-4, 4).map(lambda d, old=old: old + d))
        data = overwrite(data, at, fmt, value)
    if draw(st.integers(0, 9)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


@settings(max_examples=800, deadline=None)
@given(data=zips())
def test_the_quick_directory_reader_lists_what_zipfile_lists(data: bytes) -> None:
    expected = zipfile_members(data)
    quick = quick_members(data)
    if quick is not None:
        assert quick == expected
    try:
        listed: list[Member] | type[BaseException] = zip_members(data)
    except ZIP_ERRORS as exc:
        listed = type(exc)
    assert listed == expected


def test_a_plain_zip_is_read_without_zipfile() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("Ảnh.png", b"\x89PNG")
    quick = quick_members(buffer.getvalue())
    assert quick is not None
    assert [member.filename for member in quick] == ["xl/workbook.xml", "Ảnh.png"]
    assert quick == zipfile_members(buffer.getvalue())


def test_a_zip64_end_record_is_left_to_zipfile(monkeypatch: pytest.MonkeyPatch) -> None:
    """A zip64 end record hidden in the last entry's comment, which the plain end record's
    directory covers: zipfile takes the zip64 record's directory instead."""
    buffer = io.BytesIO()
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 0)  # zipfile then writes zip64 records
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.xml", b"<a/>")
        archive.writestr("b.xml", b"<b/>")
    monkeypatch.undo()
    data = buffer.getvalue()
    end, record = len(data) - 22, data.rfind(b"PK\x06\x06")
    last = data.rfind(b"PK\x01\x02")
    size = struct.unpack_from("<L", data, end + 12)[0]
    data = overwrite(data, last + 32, "<H", end - record)  # the comment runs to the end record
    data = overwrite(data, end + 12, "<L", size + end - record)
    data = overwrite(data, record + 40, "<Q", size - 1)  # and zipfile reads another directory
    assert quick_members(data) is None
    try:
        listed: list[Member] | type[BaseException] = zip_members(data)
    except ZIP_ERRORS as exc:
        listed = type(exc)
    assert listed == zipfile_members(data)


def test_an_end_record_with_a_comment_it_does_not_have_is_left_to_zipfile() -> None:
    """zipfile looks for the last end-record signature when the record at the end says it
    has a comment; here one stands inside that record, too short to be read."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.xml", b"<a/>")
    data = buffer.getvalue()
    data = data[:-18] + b"PK\x05\x06" + data[-14:-2] + b"\x01\x00"
    assert quick_members(data) is None
    assert zipfile_members(data) is zipfile.BadZipFile


def test_every_field_of_the_directory_set_to_odd_values_reads_as_zipfile_reads_it() -> None:
    """Each field of each entry and of the end record, and each byte of each name, set in
    turn to values that change how zipfile reads it: hypothesis may seldom hit one field
    with one value, this sets each one."""
    damaged = []
    for zip64_extra in (b"", EXTRAS[2]):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, extra in (("xl/a.xml", b""), ("Ảnh.png", EXTRAS[1]), ("b\\c", zip64_extra)):
                info = zipfile.ZipInfo(name)
                info.extra = extra
                archive.writestr(info, b"<x/>")
        damaged += damaged_versions(buffer.getvalue())
    for data in damaged:
        expected = zipfile_members(data)
        quick = quick_members(data)
        assert quick is None or quick == expected, data
        try:
            listed: list[Member] | type[BaseException] = zip_members(data)
        except ZIP_ERRORS as exc:
            listed = type(exc)
        assert listed == expected, data


def damaged_versions(base: bytes) -> list[bytes]:
    entries = [i for i in range(len(base)) if base.startswith(b"PK\x01\x02", i)]
    end = base.rfind(b"PK\x05\x06")
    damaged = []
    for entry in entries:
        for offset, fmt in ENTRY_FIELDS.values():
            old = struct.unpack_from(fmt, base, entry + offset)[0]
            for value in [*VALUES, *(old + delta for delta in (-2, -1, 1, 2))]:
                damaged.append(overwrite(base, entry + offset, fmt, value))
        name_length = struct.unpack_from("<H", base, entry + 28)[0]
        for at in range(entry + 46, entry + 46 + name_length):
            for byte in (0x00, 0x5C, 0x80, 0xC3, 0xE9, 0xFF):
                for flags in (0, 0x800):
                    renamed = overwrite(base, at, "<B", byte)
                    damaged.append(overwrite(renamed, entry + 8, "<H", flags))
    for offset, fmt in END_FIELDS.values():
        old = struct.unpack_from(fmt, base, end + offset)[0]
        for value in [*VALUES, *(old + delta for delta in (-2, -1, 1, 2))]:
            damaged.append(overwrite(base, end + offset, fmt, value))
    return damaged
