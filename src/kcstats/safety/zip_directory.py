"""The members of a zip file, as zipfile lists them, read from its central directory.

zipfile builds a ZipInfo for every entry (dates, extra fields, a dozen attributes) after
seeking around a file object, which for a small workbook costs more than the rest of
reading its directory. `zip_members` reads the usual directory itself, in one pass over
the bytes, and hands anything unusual to zipfile: an archive comment, bytes in front of the
zip, zip64 records, an extra field that changes sizes or is damaged, a name with a NUL,
an entry zipfile would refuse. So what it gives is always exactly what zipfile gives, or
zipfile's own error (tests/safety/test_zip_directory.py checks that on generated and
damaged zips).
"""

from __future__ import annotations

import io
import struct
import zipfile
from typing import NamedTuple


class Member(NamedTuple):
    """What preflight needs of one central-directory entry (named as zipfile's ZipInfo)."""

    filename: str
    flag_bits: int
    compress_type: int
    CRC: int
    compress_size: int
    file_size: int
    header_offset: int


_END = struct.Struct("<4s4H2LH")  # the end of central directory record (22 bytes)
# A central directory entry (46 bytes, then its name, extra field and comment), the fields
# zipfile ignores skipped: versions made by, times, disk, attributes.
_ENTRY = struct.Struct("<4s2xBx2H4x3L3H8xL")
_END_SIGNATURE = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ENTRY_SIGNATURE = b"PK\x01\x02"
_UTF8_NAME = 0x800
_ZIP64_EXTRA = 0x0001


def zip_members(data: bytes) -> list[Member]:
    """Every entry of the zip's central directory, in order, as zipfile reads them.

    Raises what zipfile raises for a zip it cannot read."""
    quick = quick_members(data)
    if quick is not None:
        return quick
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            Member(
                info.filename,
                info.flag_bits,
                info.compress_type,
                info.CRC,
                info.compress_size,
                info.file_size,
                info.header_offset,
            )
            for info in archive.infolist()
        ]


def quick_members(data: bytes) -> list[Member] | None:
    """The entries of a plain zip (what office suites and zipfile write), or None when the
    zip is anything else and zipfile must decide."""
    end = len(data) - _END.size
    # zipfile takes the record at the very end when it has no comment; else it searches.
    if end < 0 or data[end : end + 4] != _END_SIGNATURE or data[-2:] != b"\0\0":
        return None
    if end >= 20 and data[end - 20 : end - 16] == _ZIP64_LOCATOR:
        return None
    size, offset = _END.unpack_from(data, end)[5:7]
    if offset + size != end:  # bytes in front of the zip (zipfile shifts every offset)
        return None
    members: list[Member] = []
    pos = offset
    while pos < end:
        if pos + _ENTRY.size > end:
            return None
        (
            signature,
            extract_version,
            flag_bits,
            compress_type,
            crc,
            compress_size,
            file_size,
            name_length,
            extra_length,
            comment_length,
            header_offset,
        ) = _ENTRY.unpack_from(data, pos)
        name_start = pos + _ENTRY.size
        extra_start = name_start + name_length
        pos = extra_start + extra_length + comment_length
        if (
            signature != _ENTRY_SIGNATURE
            or extract_version > zipfile.MAX_EXTRACT_VERSION
            or pos > end
        ):
            return None
        raw = data[name_start:extra_start]
        try:
            # An ASCII name reads the same in cp437 (zipfile's default) and in UTF-8, whose
            # decoder is in C where cp437's is a table lookup in Python.
            utf8 = flag_bits & _UTF8_NAME or raw.isascii()
            name = raw.decode("utf-8" if utf8 else "cp437")
        except UnicodeDecodeError:
            return None
        if "\0" in name:  # zipfile cuts the name there
            return None
        if extra_length and not _plain_extra(data[extra_start : extra_start + extra_length]):
            return None
        members.append(
            Member(name, flag_bits, compress_type, crc, compress_size, file_size, header_offset)
        )
    return members


def _plain_extra(extra: bytes) -> bool:
    """An extra field that zipfile reads without changing any size, and without an error."""
    pos = 0
    while len(extra) - pos >= 4:
        kind, length = struct.unpack_from("<HH", extra, pos)
        if kind == _ZIP64_EXTRA or pos + 4 + length > len(extra):
            return False
        pos += 4 + length
    return True
