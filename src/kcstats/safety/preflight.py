"""Preflight: look at a workbook's bytes before any parser does.

kcstats reads workbooks with calamine, which is fast but trusts the file: a single value at
XFD1048576, or a sharedStrings part that declares two billion strings, makes it reserve
hundreds of gigabytes and abort the whole process (SIGABRT, which Python cannot catch).
So before calamine sees a file, `preflight` checks what it really is and that it stays
inside `Limits`, using only the zip's central directory (read exactly as zipfile reads it:
see kcstats.safety.zip_directory), bounded zlib inflation and regular expressions on
bytes: no XML parser ever runs on untrusted bytes here, and no entity is ever expanded.
On the way it records what calamine cannot tell (it reads both as ''): formula cells with
no saved value, and error values such as #DIV/0!.

`preflight` never raises for any content of the file; every outcome is a `Preflight`.
The regular expressions accept any namespace prefix (`<x:c>`) and cells without an `r`
attribute, because calamine does too: the checks must see at least what the parser sees.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kcstats.messages import Param, count, quoted, say
from kcstats.problems import Problem, cell_name, problem
from kcstats.safety.biff import blank_formula_cells
from kcstats.safety.limits import DEFAULT_LIMITS, Limits, size_text
from kcstats.safety.zip_directory import Member, zip_members

Format = Literal["xlsx", "xls", "ods"]


@dataclass(frozen=True, slots=True)
class CellFlag:
    """What calamine cannot tell us about a cell: it reads both of these as an empty string."""

    kind: Literal["formula-without-value", "error-value"]
    text: str  # the formula ('=SUM(C5:C6)') or the error value ('#DIV/0!')


@dataclass(slots=True)
class Preflight:
    format: Format | None = None
    problems: list[Problem] = field(default_factory=list)
    # sheet name (as in the workbook) -> (row, col) zero-based -> flag
    cell_flags: dict[str, dict[tuple[int, int], CellFlag]] = field(default_factory=dict)
    # sheet name -> (row, col) of formula cells whose saved result is the empty string, where
    # calamine reads a number (.xls: see kcstats.safety.biff)
    blank_cells: dict[str, set[tuple[int, int]]] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


class _Refused(Exception):
    """Raised inside preflight to stop at the first container-level problem."""

    def __init__(self, found: Problem) -> None:
        super().__init__(found.code)
        self.problem = found


_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
# The 'Workbook' (BIFF8) or 'Book' (BIFF5) stream; OLE compares names case-insensitively.
_BIFF_BOOK = "book".encode("utf-16-le")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_IN_CHUNK = 256 * 1024  # compressed bytes fed to zlib at a time
_MAX_TAG_BYTES = 1 << 20  # one start tag's attributes; a cell's are a few dozen bytes
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,  # includes UnicodeDecodeError (member names)
    struct.error,
    NotImplementedError,
)

_ENTITY_DECL = re.compile(rb"<!(?i:doctype|entity)")
_XML_REF = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);")
_XML_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}

# Any namespace prefix is accepted (the prefix is a name followed by ':').
_P = rb"(?:[A-Za-z_][\w.\-]*:)?"
# The attributes of a start tag up to its closing '>', quote-aware ('>' may stand in a quoted
# value). Written as an unrolled loop: linear, and it always matches, so never backtracks.
_TAG_REST = re.compile(rb"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*""")
_ROW_OR_CELL = re.compile(rb"<" + _P + rb"(row|c)(?=[\s/>])")
_CELL_END = re.compile(rb"</" + _P + rb"c\s*>")
# The fast path for sheets written the usual way (every cell <c r="B7" ...>, as Excel,
# LibreOffice, openpyxl and xlsxwriter write them): see _scan_sheet.
_ANY_CELL_START = re.compile(rb"<" + _P + rb"c(?=[\s/>])")
_PLAIN_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
# What makes a sheet not plain, each found by a search that starts with a literal (fast):
# a cell start tag, prefixed or not, that is not <c r="B7" (the odd ':c ' in text counts
# too: taking a plain sheet for an odd one only costs time), or an r attribute that is
# neither that cell reference nor a row's (a second r in a cell, say, which calamine would
# take instead of the first).
_NOT_PLAIN = (
    re.compile(rb":c[\s/>]"),
    re.compile(rb'<c(?! r="[A-Z]{1,3}[0-9]{1,7}")[\s/>]'),
    re.compile(rb"r(?<=\sr)(?<!<c\sr)(?<!<row\sr)\s*="),
)
_PLAIN_F = re.compile(rb"<f[\s/>]")
_T_ERROR = re.compile(rb"t(?<=\st)\s*=\s*[\"']e[\"']")
_VALUE_CHILD = re.compile(rb"<" + _P + rb"(?:v|is)(?=[\s/>])")
_V_START = re.compile(rb"<" + _P + rb"v(?=[\s/>])")
_V_END = re.compile(rb"</" + _P + rb"v\s*>")
_F_START = re.compile(rb"<" + _P + rb"f(?=[\s/>])")
_F_END = re.compile(rb"</" + _P + rb"f\s*>")
_ATTRIBUTE = re.compile(rb"""(?<![^\s"'])([^\s=/"'<>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CELL_REF = re.compile(rb"\s*\$?([A-Za-z]+)\$?([0-9]+)\s*")
_SHEET_TAG = re.compile(rb"<" + _P + rb"sheet(?=[\s/>])")
_RELATIONSHIP_TAG = re.compile(rb"<" + _P + rb"Relationship(?=[\s/>])")
_SST_TAG = re.compile(rb"<" + _P + rb"sst(?=[\s/>])")

# OpenDocument: calamine matches these qualified names literally, and so do we.
_ODS_START = re.compile(rb"<table:(table|table-row|table-cell|covered-table-cell)(?=[\s/>])")
_ODS_CELL_END = re.compile(rb"</table:(?:covered-)?table-cell\s*>")
# A cell with only these attributes and no content is formatting (LibreOffice pads every
# sheet with such cells). Any other attribute may give it a value: office:value-type, but
# also office:string-value or office:value alone, which calamine reads as the cell's value.
_ODS_FORMAT_ATTRIBUTES = frozenset(
    {
        b"table:style-name",
        b"table:number-columns-repeated",
        b"table:number-columns-spanned",
        b"table:number-rows-spanned",
        b"table:number-matrix-columns-spanned",
        b"table:number-matrix-rows-spanned",
        b"table:content-validation-name",
        b"table:protect",
        b"table:protected",
        b"xml:id",
    }
)


def _tag(data: bytes, start: re.Match[bytes]) -> tuple[bytes, bool, int] | None:
    """(attributes, self-closing, index past '>') of the tag that `start` opened;
    None if it is never closed (the XML is broken from there on: a parser stops too)."""
    limit = start.end() + _MAX_TAG_BYTES
    rest = _TAG_REST.match(data, start.end(), limit)
    end = rest.end() if rest is not None else len(data)
    if end < len(data) and data[end] in b"\"'" and data.find(data[end : end + 1], end + 1) > 0:
        end = limit  # a quoted value that runs past the window
    if end >= limit:
        raise _Refused(_damaged(say("damaged.long-xml-tag")))
    if end >= len(data) or data[end] != 0x3E:  # never closed, or a quote never closed
        return None
    attrs = data[start.end() : end]
    if attrs.endswith(b"/"):
        return attrs[:-1], True, end + 1
    return attrs, False, end + 1


def _tags(data: bytes, start: re.Pattern[bytes]) -> Iterator[bytes]:
    """The attributes of every tag that `start` finds in data."""
    pos = 0
    while (m := start.search(data, pos)) is not None:
        tag = _tag(data, m)
        if tag is None:
            return
        yield tag[0]
        pos = tag[2]


def _child(
    body: bytes, start: re.Pattern[bytes], end: re.Pattern[bytes]
) -> tuple[bytes, bytes] | None:
    """(attributes, text) of the first child element of a cell that `start` finds."""
    m = start.search(body)
    if m is None:
        return None
    tag = _tag(body, m)
    if tag is None:
        return b"", b""
    attrs, closed, pos = tag
    if closed:
        return attrs, b""
    close = end.search(body, pos)
    return attrs, body[pos : close.start() if close is not None else len(body)]


def _number(raw: bytes) -> int | None:
    """A non-negative decimal attribute; absurdly long ones are simply very large."""
    digits = raw.strip()
    if not digits.isdigit():
        return None
    return int(digits) if len(digits) <= 15 else 10**15


def _attributes(attrs: bytes) -> dict[bytes, bytes]:
    """A start tag's attributes by exact qualified name, read in order so that text inside
    a quoted value is never taken for an attribute; a repeated name keeps its last value,
    as calamine does (it also ignores prefixed names such as x:r, and so do the lookups)."""
    return {key: dq or sq for key, dq, sq in _ATTRIBUTE.findall(attrs)}


def _unescape_ref(m: re.Match[str]) -> str:
    ref = m.group(1)
    if ref in _XML_NAMED:
        return _XML_NAMED[ref]
    try:
        return chr(int(ref[2:], 16) if ref[1] == "x" else int(ref[1:]))
    except (ValueError, OverflowError):
        return m.group(0)


def _text(raw: bytes) -> str:
    """XML text or attribute bytes as a str, with character and entity references resolved."""
    text = raw.decode("utf-8", errors="replace")
    return _XML_REF.sub(_unescape_ref, text) if "&" in text else text


def _col_index(letters: bytes) -> int:
    """Zero-based column of 'A'/'GR'/'XFD'; an absurdly long name is simply very far."""
    if len(letters) > 12:
        return 26**12
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n - 1


# ---------------------------------------------------------------------------------------------
# Entry point


def preflight(
    path: Path, limits: Limits = DEFAULT_LIMITS, *, data: bytes | None = None
) -> Preflight:
    """Check one file before any parser reads it. Never raises for what the file holds.

    `data`: the file's bytes, when the caller has read them already (see read_small): the
    checks are then made on exactly those bytes, and the file is not read again."""
    result = Preflight()
    try:
        _check_file(path if isinstance(path, Path) else Path(path), limits, result, data)
    except _Refused as refused:
        result.problems.append(refused.problem)
    return result


def read_small(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes | None:
    """The whole of a regular file of at most limits.max_file_bytes, read the way preflight
    reads it; None for anything else (preflight then reads it itself and says why not)."""
    try:
        status = os.stat(path)  # before opening: opening a FIFO would wait for a writer
        if not stat.S_ISREG(status.st_mode) or status.st_size > limits.max_file_bytes:
            return None
        with open(path, "rb") as fh:
            data = fh.read(limits.max_file_bytes + 1)
    except OSError:
        return None
    return data if len(data) <= limits.max_file_bytes else None


def _check_file(path: Path, limits: Limits, result: Preflight, data: bytes | None) -> None:
    suffix = path.suffix.lower()
    extension = quoted(suffix) if suffix else say("file.no-extension")
    if data is not None:
        if not data:
            raise _Refused(problem("not-a-workbook", found=say("file.empty"), expected=extension))
        _check_data(data, extension, limits, result)
        return
    data = b""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO would block the read for ever
            raise _Refused(
                problem(
                    "not-a-workbook",
                    found=say("file.not-regular"),
                    expected=extension,
                )
            )
        size = status.st_size
        if size <= limits.max_file_bytes:
            with path.open("rb") as fh:
                data = fh.read(limits.max_file_bytes + 1)  # the file may grow meanwhile
            size = len(data)
    except OSError as exc:
        raise _Refused(problem("damaged-workbook", found=_os_reason(exc))) from None
    if size > limits.max_file_bytes:
        raise _Refused(
            problem(
                "file-too-large",
                found=size_text(size),
                expected=f"≤ {size_text(limits.max_file_bytes)}",
            )
        )
    if not data:
        raise _Refused(problem("not-a-workbook", found=say("file.empty"), expected=extension))
    _check_data(data, extension, limits, result)


def _check_data(data: bytes, extension: Param, limits: Limits, result: Preflight) -> None:
    if data.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        _check_zip(data, extension, limits, result)
    elif data.startswith(_OLE_MAGIC):
        _check_ole(data, extension, result)
    else:
        raise _Refused(problem("not-a-workbook", found=_looks_like(data), expected=extension))


def _os_reason(exc: OSError) -> Param:
    return say("damaged.cannot-open", reason=exc.strerror or type(exc).__name__)


def _looks_like(data: bytes) -> Param:
    """What a file that is neither a zip nor an OLE container seems to be, for the message."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    elif head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    lowered = head.lstrip().lower()
    if lowered.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in lowered:
        return quoted("XML Spreadsheet 2003")
    html_starts = (b"<html", b"<!doctype html", b"<table", b"<head", b"<body", b"<meta", b"<div")
    if lowered.startswith(html_starts) or (lowered.startswith(b"<") and b"<html" in lowered):
        return quoted("HTML")
    if lowered.startswith(b"%pdf"):
        return quoted("PDF")
    if head and not any(b < 9 or 13 < b < 32 for b in head[:1024]):
        return say("file.text")
    return say("file.unknown")


# ---------------------------------------------------------------------------------------------
# OLE2 compound files (.xls, or an encrypted .xlsx)


def _check_ole(data: bytes, extension: Param, result: Preflight) -> None:
    # An encrypted OOXML workbook is an OLE file holding 'EncryptionInfo' and
    # 'EncryptedPackage' streams; their names sit UTF-16LE in the directory sectors.
    if _ENCRYPTED_PACKAGE in data:
        raise _Refused(problem("encrypted-workbook"))
    if _BIFF_BOOK not in data.lower():
        raise _Refused(
            problem(
                "not-a-workbook",
                found=say("file.ole-not-workbook"),
                expected=extension,
            )
        )
    result.format = "xls"
    result.blank_cells = blank_formula_cells(data)


# ---------------------------------------------------------------------------------------------
# Zip containers (.xlsx, .xlsm, .ods)


@dataclass(slots=True)
class _Zip:
    data: bytes
    members: dict[str, Member]
    keys: dict[str, str]  # _part_key(name) -> name, for every member (unique: see _check_zip)

    def find(self, path: str) -> str | None:
        """The member calamine opens for a part path."""
        return path if path in self.members else self.keys.get(_part_key(path))

    def read(self, name: str) -> bytes:
        """One member, inflated in bounded steps; never more than its declared size."""
        info = self.members[name]
        if info.flag_bits & 0x1:
            raise _Refused(problem("encrypted-workbook"))
        offset = info.header_offset
        if (
            offset < 0
            or not self.data.startswith(_ZIP_MAGIC, offset)
            or offset + 30 > len(self.data)
        ):
            raise _Refused(_damaged(say("damaged.missing-header", part=name)))
        name_len, extra_len = struct.unpack_from("<HH", self.data, offset + 26)
        start = offset + 30 + name_len + extra_len
        end = start + info.compress_size
        if end > len(self.data):
            raise _Refused(_damaged(say("damaged.truncated", part=name)))
        compressed = memoryview(self.data)[start:end]
        if info.compress_type == zipfile.ZIP_STORED:
            out = bytes(compressed)
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            out = _inflate(compressed, info.file_size, name)
        else:
            raise _Refused(
                _damaged(say("damaged.compression", part=name, method=info.compress_type))
            )
        if len(out) != info.file_size or zlib.crc32(out) != info.CRC:
            raise _Refused(_damaged(say("damaged.bad-crc", part=name)))
        return out

    def xml(self, name: str) -> bytes:
        """A member as UTF-8 XML, refused if it declares a DOCTYPE or entities."""
        data = _as_utf8(self.read(name), name)
        # '<!' needs a '!': looking for one byte is a memchr, many times quicker than the
        # pattern, and most parts have none.
        if b"!" in data and _ENTITY_DECL.search(data):
            raise _Refused(problem("xml-entities", found=name))
        return data


def _damaged(reason: Param) -> Problem:
    return problem("damaged-workbook", found=reason)


def _inflate(compressed: memoryview, declared: int, name: str) -> bytes:
    """Raw deflate data, inflated with zlib's max_length so output can never pass declared+1."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    if len(compressed) <= _IN_CHUNK:  # the usual part: one call does what the loop does
        try:
            inflated = inflater.decompress(compressed, declared + 1)
        except zlib.error as exc:
            raise _Refused(_damaged(say("damaged.bad-deflate", part=name, reason=exc))) from None
        if len(inflated) > declared:
            raise _Refused(_damaged(say("damaged.too-long", part=name)))
        if not inflater.eof and len(inflated) != declared:
            raise _Refused(_damaged(say("damaged.truncated-deflate", part=name)))
        return inflated
    out = bytearray()
    try:
        for pos in range(0, len(compressed), _IN_CHUNK):
            chunk: bytes | memoryview = compressed[pos : pos + _IN_CHUNK]
            while chunk and not inflater.eof:
                out += inflater.decompress(chunk, declared + 1 - len(out))
                if len(out) > declared:
                    raise _Refused(_damaged(say("damaged.too-long", part=name)))
                chunk = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error as exc:
        raise _Refused(_damaged(say("damaged.bad-deflate", part=name, reason=exc))) from None
    if not inflater.eof and len(out) != declared:
        raise _Refused(_damaged(say("damaged.truncated-deflate", part=name)))
    return bytes(out)


def _as_utf8(data: bytes, name: str) -> bytes:
    """XML in UTF-16/32 (legal, never written by office suites) re-encoded so the byte
    patterns see it; anything ASCII-compatible is returned as it is."""
    if b"\x00" not in data[:4] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data
    head = data[:4]
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        encoding = "utf-32"
    elif head.startswith(b"<\x00\x00\x00"):
        encoding = "utf-32-le"
    elif head.startswith(b"\x00\x00\x00<"):
        encoding = "utf-32-be"
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif head.startswith(b"<\x00"):
        encoding = "utf-16-le"
    else:
        encoding = "utf-16-be"
    try:
        return data.decode(encoding).encode("utf-8")
    except UnicodeError:
        raise _Refused(_damaged(say("damaged.bad-encoding", part=name))) from None


def _check_zip(data: bytes, extension: Param, limits: Limits, result: Preflight) -> None:
    # Reading the directory builds an object per entry before we could count them, and a
    # 50 MiB file can hold a million: count the entry signatures first (an overcount at
    # worst). Each takes 4 bytes, so a smaller file cannot hold more than the limit.
    if len(data) >= 4 * (limits.max_members + 1):
        entries = data.count(b"PK\x01\x02")
        if entries > limits.max_members:
            raise _Refused(_too_many_parts(entries, limits))
    _check_end_record(data)
    try:
        infos = zip_members(data)
    except _ZIP_ERRORS as exc:
        raise _Refused(_damaged(say("damaged.bad-zip", reason=exc))) from None
    members = {info.filename: info for info in infos}
    if len(members) != len(infos):
        raise _Refused(_damaged(say("damaged.duplicate-names")))
    keys = _part_keys(members)
    if len(keys) != len(members):
        # calamine finds a part by its name in any case, with / or \ between folders: two
        # parts it could take for one another would leave no telling which one it reads.
        raise _Refused(_damaged(say("damaged.names-differ")))
    archive_ = _Zip(data, members, keys)

    if archive_.find("xl/workbook.xml") is not None:
        if archive_.find("content.xml") is not None:
            # calamine would read one or the other depending on the file's name; only one
            # could be checked. No office suite writes such a file.
            raise _Refused(_damaged(say("damaged.excel-and-ods")))
        kind: Format = "xlsx"
    elif "content.xml" in members and "mimetype" in members and _is_ods(archive_):
        kind = "ods"
    else:
        if "xl/workbook.bin" in members:
            found = say("file.xlsb")
        elif "word/document.xml" in members:
            found = say("file.word")
        else:
            found = say("file.zip-not-workbook")
        raise _Refused(problem("not-a-workbook", found=found, expected=extension))
    result.format = kind
    _check_sizes(infos, limits)
    if kind == "xlsx":
        _check_xlsx(archive_, limits, result)
    else:
        _check_ods(archive_, limits, result)


_END_RECORD = b"PK\x05\x06"
_END_RECORD_BYTES = 22
_MAX_COMMENT_BYTES = 0xFFFF


def _check_end_record(data: bytes) -> None:
    """A zip is read from its end record, which says where the central directory is. zipfile
    takes the last end-record signature in the file's last 64 KiB whatever follows it;
    calamine's zip reader takes the last one whose comment ends exactly at the end of the
    file. A file holding two (a second directory hidden in the first one's comment) could
    thus be checked here as one workbook and read by calamine as another: when there are
    several, the last must end the file, so that both readers take the same one."""
    tail = max(0, len(data) - _END_RECORD_BYTES - _MAX_COMMENT_BYTES)
    last = data.rfind(_END_RECORD, tail)
    if last < 0:
        return
    comment = int.from_bytes(data[last + 20 : last + 22], "little")
    # The last one ends the file (the usual zip): whatever comes before it, both readers
    # take it. Only when it does not must there be no other one.
    if last + _END_RECORD_BYTES + comment != len(data) and data.count(_END_RECORD, tail) > 1:
        raise _Refused(_damaged(say("damaged.two-end-records")))


def _is_ods(archive: _Zip) -> bool:
    info = archive.members["mimetype"]
    if info.file_size > 200:
        return False
    return archive.read("mimetype").strip().startswith(_ODS_MIMETYPE)


def _too_many_parts(parts: int, limits: Limits) -> Problem:
    return problem(
        "unpacked-too-large",
        found=say("limit.parts", count=count(parts)),
        expected=say("limit.at-most", limit=count(limits.max_members)),
    )


def _check_sizes(infos: list[Member], limits: Limits) -> None:
    def too_large(found: object, expected: object) -> _Refused:
        return _Refused(problem("unpacked-too-large", found=found, expected=expected))

    if len(infos) > limits.max_members:
        raise _Refused(_too_many_parts(len(infos), limits))
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > limits.max_member_bytes:
            raise too_large(
                f"{info.filename}: {size_text(size)}", f"≤ {size_text(limits.max_member_bytes)}"
            )
        if size > limits.ratio_floor_bytes and size > limits.max_ratio * info.compress_size:
            ratio = size // max(info.compress_size, 1)
            raise too_large(
                say("limit.ratio", part=info.filename, ratio=count(ratio)),
                f"≤ {limits.max_ratio}:1",
            )
    if total > limits.max_unpacked_bytes:
        raise too_large(size_text(total), f"≤ {size_text(limits.max_unpacked_bytes)}")


# ---------------------------------------------------------------------------------------------
# .xlsx / .xlsm


def _check_xlsx(archive: _Zip, limits: Limits, result: Preflight) -> None:
    entity_parts: list[str] = []

    def xml_or_none(name: str) -> bytes | None:
        """The part's XML; None (and a problem noted) if it declares entities."""
        try:
            return archive.xml(name)
        except _Refused as refused:
            if refused.problem.code != "xml-entities":
                raise
            entity_parts.append(name)
            return None

    # Which part calamine reads for each sheet, found exactly as calamine finds it, so that
    # the flags recorded under a sheet's name are those of the part read under that name.
    workbook_name = archive.find("xl/workbook.xml")
    rels_name = archive.find("xl/_rels/workbook.xml.rels")
    workbook = xml_or_none(workbook_name) if workbook_name is not None else b""
    rels = xml_or_none(rels_name) if rels_name is not None else b""

    by_part: dict[str, list[str]] | None = None

    def sheets() -> dict[str, list[str]]:
        """part -> the names of the sheets read from it. Made only when needed: when a
        sheet has something to record, or a part's name does not say it is XML."""
        nonlocal by_part
        if by_part is None:
            if workbook is None or rels is None:
                by_part = {}  # calamine cannot open it: none of its sheets is read
            else:
                by_part = _sheet_parts(workbook, rels, archive.find)
        return by_part

    # Every XML part: DOCTYPE/ENTITY and sound compression; any part that could be read
    # as a worksheet or a shared-strings table is scanned, whether or not the workbook
    # names it, so no disagreement about relationships can hide one from the checks. A
    # sheet's part is XML to calamine whatever its name ends with, and so it is here.
    already = {workbook_name: workbook, rels_name: rels}
    for name in archive.members:
        if not (name.lower().endswith(_XML_SUFFIXES) or name in sheets()):
            continue
        data = already[name] if name in already else xml_or_none(name)
        if data is None:
            continue
        sheet_data, sst = _mentions(data)
        if sheet_data:
            _scan_sheet(data, functools.partial(_names, sheets, name), limits, result)
        if sst:
            _check_shared_strings(data, name, limits, result)
    for name in entity_parts:
        result.problems.append(problem("xml-entities", found=name))


@functools.lru_cache(maxsize=8)
def _far_candidate(max_rows: int, max_cols: int) -> re.Pattern[bytes]:
    """A plain cell reference that could lie beyond the limits: as many digits as the last
    allowed row, or as many letters as the last allowed column. Anything shorter is inside
    (a shorter number is smaller), so when nothing matches, no cell lies beyond."""
    digits = len(str(max_rows))
    letters = len(cell_name(0, max_cols - 1)) - 1
    return re.compile(rb'<c r="(?:[A-Z]{%d,}|[A-Z]{1,3}[0-9]{%d})' % (letters, digits))


# What makes a sheet not quiet (see _sheet_is_quiet), each found by a search that starts
# with a literal, or by looking for one byte (a memchr) first: a cell or formula start tag
# with a namespace prefix; an r attribute after a space that is neither a cell's nor a
# row's (_NOT_PLAIN's third search, split by the whitespace before the r, so that each
# search starts with a literal and the rare whitespace is looked for first).
_PREFIXED_C_OR_F = re.compile(rb":[cf][\s/>]")
_ERROR_TYPE = re.compile(rb'e"(?<="e")')  # finds '"e"' sooner than bytes.find: 'e"' is rarer
_ODD_R_AFTER_SPACE = re.compile(rb" r(?<!<c\sr)(?<!<row\sr)\s*=")
_ODD_R_AFTER_RARE = tuple(  # the rest of what \s matches in bytes
    (space, re.compile(re.escape(space) + rb"r(?<!<c\sr)(?<!<row\sr)\s*="))
    for space in (b"\t", b"\n", b"\r", b"\x0b", b"\x0c")
)


@functools.lru_cache(maxsize=8)
def _loud_start(max_rows: int, max_cols: int) -> re.Pattern[bytes] | None:
    """A cell start tag that is not a plain <c r="B7" surely inside the limits (fewer
    letters than the last allowed column's, fewer digits than the last allowed row's: see
    _far_candidate), or a formula's start tag <f (one search for both is quicker than two).
    None when the limits leave no such reference (a single-letter last column, a
    single-digit last row): no sheet can then be shown quiet this way."""
    letters = min(len(cell_name(0, max_cols - 1)) - 2, 3)
    digits = min(len(str(max_rows)) - 1, 7)
    if letters < 1 or digits < 1:
        return None
    return re.compile(rb'<(?:c(?! r="[A-Z]{1,%d}[0-9]{1,%d}")|f)[\s/>]' % (letters, digits))


def _sheet_is_quiet(data: bytes, limits: Limits) -> bool:
    """Whether a worksheet certainly has nothing to record: no more '<' than cells allowed
    (so no more elements), every cell start tag a plain <c r="B7" surely inside the limits,
    no other r attribute but a row's, no formula (no <f> start tag) and no error value (no
    t="e", which needs "e" or 'e'). The quick scan then finds a plain sheet, inside the
    limits, with nothing to flag; the exact scan the same (the hypothesis test in
    tests/safety/test_preflight_quick_scan.py checks both). Every test is one search in C,
    most of them for a literal or a single byte: a report's sheets take a few tens of
    microseconds, without building anything per cell."""
    loud_start = _loud_start(limits.max_rows, limits.max_cols)
    if loud_start is None:
        return False
    # Every element starts with '<', and every '<' takes a byte: count them only when the
    # bytes alone could pass the limit.
    if len(data) > limits.max_cells and data.count(b"<") > limits.max_cells:
        return False
    # A loud sheet usually shows it first by a formula or a cell beyond column Z: looked for
    # first, so that such a sheet pays little for this test before it is scanned.
    if loud_start.search(data) is not None or _PREFIXED_C_OR_F.search(data) is not None:
        return False
    if _ERROR_TYPE.search(data) is not None or (b"'" in data and b"'e'" in data):
        return False
    if _ODD_R_AFTER_SPACE.search(data) is not None:
        return False
    for space, odd in _ODD_R_AFTER_RARE:
        if space in data and odd.search(data) is not None:
            return False
    return True


_ASCII_LOWER = {upper: upper + 32 for upper in range(ord("A"), ord("Z") + 1)}


def _part_key(name: str) -> str:
    """A zip member's name as calamine compares it: \\ read as /, ASCII case ignored."""
    return name.replace("\\", "/").translate(_ASCII_LOWER)


def _part_keys(members: dict[str, Member]) -> dict[str, str]:
    """_part_key(name) -> name for every member; fewer keys than members when two names
    differ only in case or slashes. Names hold no NUL (zipfile cuts a name there), so all
    ASCII names (the usual case) are folded in one call."""
    joined = "\0".join(members)
    if members and joined.isascii():
        return dict(zip(joined.replace("\\", "/").lower().split("\0"), members, strict=True))
    return {_part_key(name): name for name in members}


_SHEET_DATA_OR_SST = re.compile(rb"s(?:heetData|st)")


def _mentions(data: bytes) -> tuple[bool, bool]:
    """Whether the bytes hold 'sheetData', and 'sst': one pass over them, not two (neither
    word can start inside the other, so each search goes on where the last one ended)."""
    sheet_data = sst = False
    pos = 0
    while not (sheet_data and sst) and (m := _SHEET_DATA_OR_SST.search(data, pos)) is not None:
        if m.end() - m.start() == 3:
            sst = True
        else:
            sheet_data = True
        pos = m.end()
    return sheet_data, sst


def _names(sheets: Callable[[], dict[str, list[str]]], part: str) -> list[str]:
    """The names a worksheet part is read under: its own name when no sheet names it."""
    return sheets().get(part, [part])


def _sheet_parts(
    workbook: bytes, rels: bytes, find: Callable[[str], str | None]
) -> dict[str, list[str]]:
    """part -> sheet names, mapped as calamine maps them: every Relationship of the workbook
    (Id and Target as written, never unescaped; a repeated Id keeps its last Target), and
    for each <sheet> its last r:id (or relationships:id) and its name. A target is a part
    path under xl/ unless it starts with xl/ or /xl/; it is not normalised ('..' stays)."""
    targets: dict[bytes, str] = {}
    for tag in _tags(rels, _RELATIONSHIP_TAG):
        rel = _attributes(tag)
        targets[rel.get(b"Id", b"")] = rel.get(b"Target", b"").decode("utf-8", "replace")
    sheets: dict[str, list[str]] = {}
    for tag in _tags(workbook, _SHEET_TAG):
        rel_id: bytes | None = None
        name = b""
        for key, double_quoted, single_quoted in _ATTRIBUTE.findall(tag):
            if key in (b"r:id", b"relationships:id"):
                rel_id = double_quoted or single_quoted
            elif key == b"name":
                name = double_quoted or single_quoted
        target = targets.get(rel_id) if rel_id is not None else None
        if target is None:
            continue  # calamine cannot open this workbook: none of its sheets is read
        if target.startswith("/xl/"):
            path = target[1:]
        elif target.startswith("xl/"):
            path = target
        else:
            path = "xl/" + target
        part = find(path)
        if part is not None:
            sheets.setdefault(part, []).append(_text(name))
    return sheets


def _check_shared_strings(data: bytes, part: str, limits: Limits, result: Preflight) -> None:
    for tag in _tags(data, _SST_TAG):
        attrs = _attributes(tag)
        for attr in (b"uniqueCount", b"count"):
            raw = attrs.get(attr)
            declared = _number(raw) if raw is not None else None
            if declared is None or declared <= limits.max_shared_strings:
                continue  # not a number: calamine reports an ordinary, catchable error
            result.problems.append(
                problem(
                    "unpacked-too-large",
                    found=say(
                        "limit.declared", part=part, attribute=attr.decode(), count=count(declared)
                    ),
                    expected=say("limit.strings", count=count(limits.max_shared_strings)),
                )
            )
            return


def _scan_sheet(
    data: bytes, names: Callable[[], list[str]], limits: Limits, result: Preflight
) -> None:
    """Check a worksheet's extent and record its cell flags under each of its sheet names
    (`names()`, asked only when there is something to record), quickly when it can.

    Most sheets are quiet (see _sheet_is_quiet): a few searches show it, and nothing more
    is done. Otherwise, when every cell start tag is a plain <c r="B7" ...> (the r attribute
    first, and no other r attribute anywhere but <row r="...">), the cells are exactly
    where their r says: if none of them, value or not, lies beyond the limits, the sheet is
    inside them, and only the cells holding a formula or an error need a closer look.
    Otherwise, or when some cell does lie beyond, the exact scan decides."""
    if _sheet_is_quiet(data, limits):
        return
    if data.count(b"<") > limits.max_cells:  # every element starts with '<': one quick count
        elements = data.count(b"<c") + data.count(b":c") + data.count(b"<row") + data.count(b":row")
        _check_cell_count(elements, names()[0], limits)
    # Each test is one search in C over the bytes, building nothing per cell: a sheet of
    # 5,000 rows costs a fraction of a microsecond a row here.
    if any(odd.search(data) is not None for odd in _NOT_PLAIN):
        _scan_sheet_exactly(data, names, limits, result)
        return
    if _far_candidate(limits.max_rows, limits.max_cols).search(data) is not None:
        # Some r has as many digits as the last allowed row, or as many letters as the last
        # allowed column (or leading zeros): only the exact figures can tell.
        refs = _PLAIN_CELL_REF.findall(data)
        last_row = max(map(int, {digits for _, digits in refs}), default=0)
        widest = max({letters for letters, _ in refs}, key=lambda n: (len(n), n), default=b"A")
        if last_row > limits.max_rows or _col_index(widest) >= limits.max_cols:
            _scan_sheet_exactly(data, names, limits, result)
            return
    flags: dict[tuple[int, int], CellFlag] = {}
    shared: dict[bytes, tuple[str, str]] = {}
    searches: list[re.Pattern[bytes]] = []  # what shows a flag: a formula, an error type
    if b"<f" in data or b":f" in data:
        searches.append(_F_START if b":f" in data else _PLAIN_F)
    if b'"e"' in data or b"'e'" in data:
        searches.append(_T_ERROR)
    upcoming = [-1] * len(searches)  # each search's next match (len(data): none left)
    pos = 0  # everything before this has been looked at: each byte is searched once
    while searches:
        for i, search in enumerate(searches):
            if upcoming[i] < pos:
                m = search.search(data, pos)
                upcoming[i] = m.start() if m is not None else len(data)
        hint = min(upcoming)
        if hint >= len(data):
            break
        start = data.rfind(b'<c r="', pos, hint)
        cell = _ANY_CELL_START.match(data, start) if start >= 0 else None
        tag = _tag(data, cell) if cell is not None else None
        if tag is None:  # not in a cell (<xm:f> in an extension, say): on to the next one
            pos = data.find(b'<c r="', hint)
            if pos < 0:
                break
            continue
        attrs = _attributes(tag[0])
        closed, end = tag[1], tag[2]
        body = b""
        if not closed:
            close = _CELL_END.search(data, end)
            body = data[end : close.start() if close is not None else len(data)]
            end = close.end() if close is not None else len(data)
        ref = _CELL_REF.fullmatch(attrs.get(b"r", b""))
        if hint >= end or closed or ref is None:
            pos = max(end, hint + 1)  # not inside that cell, or a styling tag
            continue
        pos = end
        here = (int(ref.group(2)) - 1, _col_index(ref.group(1)))
        flag = _cell_flag(attrs, body, here, shared)
        if flag is not None:
            flags[here] = flag
    _record_flags(result, names, flags)


def _record_flags(
    result: Preflight, names: Callable[[], list[str]], flags: dict[tuple[int, int], CellFlag]
) -> None:
    """A sheet's flags under each name it is read as. Two parts read under one name (a
    workbook that names two sheets alike) both count: a flag is never lost."""
    if not flags:
        return
    for name in names():
        recorded = result.cell_flags.setdefault(name, {})
        for cell, flag in flags.items():
            recorded.setdefault(cell, flag)


def _scan_sheet_exactly(
    data: bytes, names: Callable[[], list[str]], limits: Limits, result: Preflight
) -> None:
    """One pass over a worksheet: where the cells holding a value are, and the cell flags.

    Cells are placed as calamine places them: a cell with r where r says; a cell without r
    one column right of the cell before it (with r or not, value or not), on the row of its
    <row> element; a <row> without r just below the <row> before it (cells' r never move
    rows). A cell counts when it has a <v> or <is> child; a <c .../> or a <c> with only a
    formula is styling to calamine, which places no value there and reserves nothing."""
    row, col = -1, -1  # the current <row> element's row, the last cell's column
    far: tuple[int, int] | None = None  # the farthest value cell outside the limits
    flags: dict[tuple[int, int], CellFlag] = {}
    shared: dict[bytes, tuple[str, str]] = {}  # shared formula si -> (master cell, formula)
    max_row, max_col = limits.max_rows - 1, limits.max_cols - 1
    pos = 0
    while (m := _ROW_OR_CELL.search(data, pos)) is not None:
        tag = _tag(data, m)
        if tag is None:
            break
        attrs = _attributes(tag[0])
        closed, pos = tag[1], tag[2]
        if m.group(1) == b"row":
            r = attrs.get(b"r")
            number = _number(r) if r is not None else None
            row = number - 1 if number is not None else row + 1
            col = -1
            continue
        ref = attrs.get(b"r")
        ref_match = _CELL_REF.fullmatch(ref) if ref is not None else None
        if ref_match is not None:
            col = _col_index(ref_match.group(1))
            cell_row = (_number(ref_match.group(2)) or 0) - 1
        else:
            col += 1
            cell_row = row
        if closed:
            continue  # <c .../>: styling only
        close = _CELL_END.search(data, pos)
        body = data[pos : close.start() if close is not None else len(data)]
        pos = close.end() if close is not None else len(data)
        here = (max(cell_row, 0), col)
        if (
            (here[0] > max_row or here[1] > max_col)
            and (far is None or here > far)
            and _VALUE_CHILD.search(body) is not None
        ):
            far = here
        flag = _cell_flag(attrs, body, here, shared)
        if flag is not None:
            flags[here] = flag
    _record_flags(result, names, flags)
    if far is not None:
        result.problems.append(_sheet_too_large(names()[0], far, limits))


def _check_cell_count(elements: int, sheet: str, limits: Limits) -> None:
    """Refuse a sheet written with more cell and row elements than the limit (counted from
    above: anything starting like one counts), which bounds the time the scans take."""
    if elements > limits.max_cells:
        raise _Refused(
            problem(
                "unpacked-too-large",
                found=say("limit.cells", sheet=sheet, count=count(elements)),
                expected=say("limit.max-cells", count=count(limits.max_cells)),
            )
        )


def _sheet_too_large(sheet: str, far: tuple[int, int], limits: Limits) -> Problem:
    name = cell_name(*far)
    return problem(
        "sheet-too-large",
        sheet=sheet,
        cell=name,
        found=name,
        expected=say(
            "limit.rows-columns",
            rows=count(limits.max_rows),
            columns=count(limits.max_cols),
        ),
    )


def _cell_flag(
    attrs: dict[bytes, bytes],
    body: bytes,
    here: tuple[int, int],
    shared: dict[bytes, tuple[str, str]],
) -> CellFlag | None:
    kind = attrs.get(b"t")
    v = _child(body, _V_START, _V_END)
    value = v[1].strip() if v is not None else b""
    if kind == b"e":
        return CellFlag("error-value", _text(value) or "#?")
    f = _child(body, _F_START, _F_END)
    if f is None:
        return None
    f_attrs, f_text = _attributes(f[0]), _text(f[1]).strip()
    shared_index = f_attrs.get(b"si") if f_attrs.get(b"t") == b"shared" else None
    if shared_index is not None and f_text:
        shared.setdefault(shared_index, (cell_name(*here), f_text))
    # A saved value, or an empty <v></v> in a cell whose result is text (t="str": Excel's
    # saved empty string, as =IF(A1="";"";A1) leaves it).
    if value or (v is not None and kind == b"str"):
        return None
    if f_text:
        return CellFlag("formula-without-value", "=" + f_text)
    if shared_index is not None and shared_index in shared:
        master, master_text = shared[shared_index]
        return CellFlag(
            "formula-without-value", f"=(công thức dùng chung với {master}: ={master_text})"
        )
    return CellFlag("formula-without-value", "=(công thức dùng chung)")


# ---------------------------------------------------------------------------------------------
# .ods


def _check_ods(archive: _Zip, limits: Limits, result: Preflight) -> None:
    entity_parts: list[str] = []
    content: bytes | None = None
    # The manifest first: in an encrypted document every other part is ciphertext.
    for name in sorted(archive.members, key=lambda name: name != "META-INF/manifest.xml"):
        if not name.lower().endswith(_XML_SUFFIXES):
            continue
        try:
            data = archive.xml(name)
        except _Refused as refused:
            if refused.problem.code != "xml-entities":
                raise
            entity_parts.append(name)
            continue
        if name == "content.xml":
            content = data
        elif name == "META-INF/manifest.xml" and b"encryption-data" in data:
            raise _Refused(problem("encrypted-workbook"))  # content.xml is ciphertext
    for name in entity_parts:
        result.problems.append(problem("xml-entities", found=name))
    if content is not None:
        elements = sum(
            map(content.count, (b"<table:table-row", b"<table:table-cell", b"<table:covered-"))
        )
        _check_cell_count(elements, "content.xml", limits)
        for sheet, far in _ods_extents(content, limits):
            result.problems.append(_sheet_too_large(sheet, far, limits))


def _repeat(attrs: dict[bytes, bytes], name: bytes) -> int:
    raw = attrs.get(name)
    number = _number(raw) if raw is not None else None
    return max(number or 1, 1)


def _ods_extents(content: bytes, limits: Limits) -> Iterator[tuple[str, tuple[int, int]]]:
    """Each table whose non-empty cells, counted with their repeats, reach beyond the
    limits: (table name, farthest such cell). Repeated empty cells and rows (LibreOffice
    pads every sheet with them) only move the position."""
    max_row, max_col = limits.max_rows - 1, limits.max_cols - 1
    sheet: str | None = None
    far: tuple[int, int] | None = None
    row, row_repeat, col, last_col = -1, 1, 0, -1  # last_col: last non-empty cell in the row

    def row_far() -> tuple[int, int] | None:
        if last_col < 0:
            return None
        last = (row + row_repeat - 1, last_col)
        return last if last[0] > max_row or last[1] > max_col else None

    pos = 0
    while (m := _ODS_START.search(content, pos)) is not None:
        tag = _tag(content, m)
        if tag is None:
            break
        attrs = _attributes(tag[0])
        closed, pos = tag[1], tag[2]
        kind = m.group(1)
        if kind in (b"table", b"table-row"):
            candidate = row_far()
            if candidate is not None and (far is None or candidate > far):
                far = candidate
            if kind == b"table":
                if sheet is not None and far is not None:
                    yield sheet, far
                sheet = _text(attrs.get(b"table:name", b""))
                far, row, row_repeat = None, -1, 1
            else:
                row += row_repeat
                row_repeat = _repeat(attrs, b"table:number-rows-repeated")
            col, last_col = 0, -1
            continue
        body = b""
        if not closed:
            close = _ODS_CELL_END.search(content, pos)
            body = content[pos : close.start() if close is not None else len(content)]
            pos = close.end() if close is not None else len(content)
        repeat = _repeat(attrs, b"table:number-columns-repeated")
        if body.strip() or not _ODS_FORMAT_ATTRIBUTES.issuperset(attrs):
            last_col = col + repeat - 1
        col += repeat
    candidate = row_far()
    if candidate is not None and (far is None or candidate > far):
        far = candidate
    if sheet is not None and far is not None:
        yield sheet, far
