"""What calamine cannot tell from an .xls: which formula cells saved an empty-string result.

python-calamine reads a formula whose result is the empty string (the template's
=IF(COUNT(..)=0,"",SUM(..)), a blank turned into text by a formula) as 0.0 in an .xls, where
it reads "" in .xlsx and .ods: a blank would become a figure. The .xls file says it plainly:
each formula cell is a BIFF8 FORMULA record whose saved result is either a number or, marked
by 0xFFFF in its last two bytes, a string, a boolean, an error or the empty string (type 3).
A string result is followed by a STRING record that holds it; an empty one is blank as well.

LibreOffice writes it otherwise: a formula in a number-formatted cell is saved with a number
result, and its empty string as 0.0 (the template's figure cells are number-formatted). Only
the formula itself can tell that 0 from a real one. A formula cell whose saved result is 0
and whose formula holds the empty-string constant "" (=IF(E7="","",E7)) is therefore taken
as blank: of "not reported" and "reported as zero", kcstats never makes up the zero.

This module reads just that from the bytes preflight already holds: the compound file's
directory and allocation table, the workbook stream, the sheets' names and positions and
their FORMULA records. Every length and position comes from the file, so each is checked
before it is used, chains of sectors are followed at most as many steps as the file has
sectors, and anything malformed ends the reading with what was found so far: calamine,
behind the sandbox, then says whether the file can be read at all.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_HEADER_DIFAT = 109
_BOF, _EOF, _BOUNDSHEET, _FORMULA, _STRING, _FILEPASS = (
    0x0809,
    0x000A,
    0x0085,
    0x0006,
    0x0207,
    0x002F,
)
_BIFF8 = 0x0600
_RESULT_EMPTY_STRING, _RESULT_STRING = 3, 0

Cells = dict[str, set[tuple[int, int]]]
_READ = frozenset({_BOF, _BOUNDSHEET, _FORMULA, _STRING, _FILEPASS})
# Records read in all, over the workbook stream and every sheet: far more than a report holds
# (its .xls has some thousands), far fewer than would take a second in Python.
MAX_RECORDS = 400_000


class _Malformed(Exception):
    """The compound file or the workbook stream is not what it says: stop reading it."""


def blank_formula_cells(data: bytes) -> Cells:
    """Sheet name -> the (row, col), zero-based, of formula cells whose saved result is the
    empty string. Empty when the file is not a readable BIFF8 workbook."""
    try:
        stream = _workbook_stream(data)
        return _blank_formulas(stream) if stream else {}
    except (_Malformed, struct.error, IndexError, UnicodeDecodeError):
        return {}


# ---------------------------------------------------------------------------------------------
# The compound file (OLE2): just enough to read one stream


def _workbook_stream(data: bytes) -> bytes | None:
    if len(data) < 512:
        raise _Malformed
    sector_shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if not 7 <= sector_shift <= 16 or not 2 <= mini_shift < sector_shift:
        raise _Malformed
    size = 1 << sector_shift
    sectors = max((len(data) - 512) // size, 0)  # whole sectors after the header
    fat_count, first_dir = struct.unpack_from("<II", data, 0x2C)
    cutoff, first_minifat, minifat_count, first_difat, difat_count = struct.unpack_from(
        "<IIIII", data, 0x38
    )
    del fat_count, minifat_count  # the chains say how long they are

    def sector(number: int) -> bytes:
        if number >= sectors:
            raise _Malformed
        start = 512 + number * size
        return data[start : start + size]

    difat = list(struct.unpack_from(f"<{_HEADER_DIFAT}I", data, 0x4C))
    next_difat, seen = first_difat, 0
    while next_difat not in (_END_OF_CHAIN, _FREE) and seen < min(difat_count, sectors):
        block = struct.unpack(f"<{size // 4}I", sector(next_difat))
        difat.extend(block[:-1])
        next_difat, seen = block[-1], seen + 1
    fat: list[int] = []
    for number in difat:
        if number in (_END_OF_CHAIN, _FREE):
            continue
        fat.extend(struct.unpack(f"<{size // 4}I", sector(number)))
        if len(fat) > sectors + size:  # more entries than the file has sectors to describe
            break

    def chain(first: int, table: list[int], limit: int) -> Iterator[int]:
        number, steps = first, 0
        while number not in (_END_OF_CHAIN, _FREE):
            if number >= len(table) or steps > limit:
                raise _Malformed
            yield number
            number, steps = table[number], steps + 1

    def read(first: int) -> bytes:
        return b"".join(sector(n) for n in chain(first, fat, sectors))

    directory = read(first_dir)
    root_start, workbook = None, None
    for offset in range(0, len(directory) - 127, 128):
        entry = directory[offset : offset + 128]
        name_length = struct.unpack_from("<H", entry, 0x40)[0]
        kind = entry[0x42]
        start, length = struct.unpack_from("<II", entry, 0x74)
        name = entry[: max(min(name_length, 64) - 2, 0)].decode("utf-16-le", "replace")
        if kind == 5:
            root_start = (start, length)
        elif kind == 2 and name in ("Workbook", "Book") and workbook is None:
            workbook = (start, length)
    if workbook is None:
        return None
    start, length = workbook
    if length >= cutoff:
        return read(start)[:length]
    # A small stream lives in the mini stream, held by the root entry, in 64-byte pieces.
    if root_start is None:
        raise _Malformed
    container = read(root_start[0])
    minifat_bytes = read(first_minifat) if first_minifat not in (_END_OF_CHAIN, _FREE) else b""
    minifat = list(struct.unpack(f"<{len(minifat_bytes) // 4}I", minifat_bytes))
    mini = 1 << mini_shift
    pieces = []
    for number in chain(start, minifat, len(container) // mini):
        piece = container[number * mini : (number + 1) * mini]
        if len(piece) < mini:
            raise _Malformed
        pieces.append(piece)
    return b"".join(pieces)[:length]


# ---------------------------------------------------------------------------------------------
# The workbook stream (BIFF8)


def _records(stream: bytes, position: int, budget: list[int]) -> Iterator[tuple[int, bytes]]:
    """(record type, body) from `position`, the body cut out only for the few types read.
    Each record spends one of `budget`: a report's .xls holds some thousands of records, and
    a stream of millions of tiny ones must not hold preflight up for seconds."""
    end = len(stream)
    header = struct.Struct("<HH").unpack_from
    while position + 4 <= end and budget[0] > 0:
        budget[0] -= 1
        kind, length = header(stream, position)
        if position + 4 + length > end:
            return
        yield kind, stream[position + 4 : position + 4 + length] if kind in _READ else b""
        position += 4 + length


def _blank_formulas(stream: bytes) -> Cells:
    budget = [MAX_RECORDS]
    sheets: list[tuple[str, int]] = []
    for index, (kind, body) in enumerate(_records(stream, 0, budget)):
        if index == 0 and (kind != _BOF or len(body) < 2 or body[0] | body[1] << 8 != _BIFF8):
            return {}  # not BIFF8 (an older .xls): calamine reads those its own way
        if kind == _FILEPASS:
            return {}  # encrypted: nothing to read here
        if kind == _BOUNDSHEET and len(body) >= 8:
            position = struct.unpack_from("<I", body, 0)[0]
            sheets.append((_sheet_name(body[6:]), position))
        elif kind == _EOF:
            break
    found: Cells = {}
    # Each sheet is read from its BOF to its EOF. Sheets that say they start at one place, or
    # inside one another, would read the stream again and again: the budget bounds it all.
    for name, position in dict.fromkeys(sheets):
        cells = _sheet_blank_formulas(stream, position, budget)
        if cells:
            found.setdefault(name, set()).update(cells)
        if budget[0] <= 0:
            break
    return found


def _sheet_name(raw: bytes) -> str:
    count, wide = raw[0], raw[1] & 1
    text = raw[2 : 2 + count * (2 if wide else 1)]
    return text.decode("utf-16-le") if wide else text.decode("latin-1")


def _sheet_blank_formulas(stream: bytes, position: int, budget: list[int]) -> set[tuple[int, int]]:
    cells: set[tuple[int, int]] = set()
    pending: tuple[int, int] | None = None  # a string result: its STRING record comes next
    for index, (kind, body) in enumerate(_records(stream, position, budget)):
        if index == 0 and kind != _BOF:
            return cells
        if kind == _EOF:
            break
        if pending is not None and kind == _STRING:
            if len(body) >= 2 and struct.unpack_from("<H", body, 0)[0] == 0:
                cells.add(pending)
            pending = None
        if kind != _FORMULA or len(body) < 14:
            continue
        row, col = struct.unpack_from("<HH", body, 0)
        result = body[6:14]
        if result[6:8] != b"\xff\xff":
            if result == bytes(8) and _can_give_empty_text(body[20:]):
                cells.add((row, col))  # 0.0 saved for "" (LibreOffice): see the module notes
            continue  # a number
        if result[0] == _RESULT_EMPTY_STRING:
            cells.add((row, col))
        elif result[0] == _RESULT_STRING:
            pending = (row, col)
    return cells


# Bytes after the token of each BIFF8 formula token (Ptg) of fixed size, by its base code:
# operators and parentheses have none; references and areas their cells; functions their
# index (and argument count). Class variants 0x20-0x7F share the base (code & 0x1F) | 0x20.
_PTG_SIZES = {
    **{code: 0 for code in range(0x03, 0x17)},
    0x01: 4, 0x02: 4, 0x1C: 1, 0x1D: 1, 0x1E: 2, 0x1F: 8,
    0x20: 7, 0x21: 2, 0x22: 3, 0x23: 4, 0x24: 4, 0x25: 8, 0x26: 6, 0x27: 6, 0x28: 6, 0x29: 2,
    0x2A: 4, 0x2B: 8, 0x2C: 4, 0x2D: 8, 0x39: 6, 0x3A: 6, 0x3B: 10, 0x3C: 6, 0x3D: 10,
}  # fmt: skip
_PTG_STR, _PTG_ATTR, _ATTR_CHOOSE = 0x17, 0x19, 0x04


def _can_give_empty_text(formula: bytes) -> bool:
    """Whether the formula (cce, then its tokens) holds the constant "": its tokens walked
    one by one, so that no operand byte is taken for a token. Unknown tokens: False."""
    if len(formula) < 2:
        return False
    size = struct.unpack_from("<H", formula, 0)[0]
    tokens = formula[2 : 2 + size]
    position = 0
    while position < len(tokens):
        code = tokens[position]
        if code == _PTG_STR:
            if position + 2 >= len(tokens):
                return False
            count, wide = tokens[position + 1], tokens[position + 2] & 1
            if count == 0:
                return True
            position += 3 + count * (2 if wide else 1)
            continue
        if code == _PTG_ATTR:
            if position + 4 > len(tokens):
                return False
            kind = tokens[position + 1]
            position += 4
            if kind & _ATTR_CHOOSE:
                position += 2 * (struct.unpack_from("<H", tokens, position - 2)[0] + 1)
            continue
        base = code if code < 0x20 else (code & 0x1F) | 0x20
        length = _PTG_SIZES.get(base)
        if length is None:
            return False
        position += 1 + length
    return False
