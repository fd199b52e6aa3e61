"""The limits kcstats applies before and while reading an untrusted workbook.

Every default is far above what a real report needs (see docs/limits.md, which documents
each limit in Vietnamese and English; keep the two in step): a report of 5,000 indicator
rows is a sheet of about 5,000 rows × 10 columns and a file of well under 1 MiB.
"""

from __future__ import annotations

from dataclasses import dataclass

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB


@dataclass(frozen=True, slots=True)
class Limits:
    """What a workbook may hold before kcstats refuses to read it."""

    # The file on disk (file-too-large).
    max_file_bytes: int = 50 * MIB
    # The zip container of .xlsx/.xlsm/.ods (unpacked-too-large). Sizes are the uncompressed
    # sizes the zip declares; kcstats also checks them while it unpacks, never trusting them.
    max_members: int = 10_000
    max_member_bytes: int = 100 * MIB
    max_unpacked_bytes: int = 200 * MIB
    max_ratio: int = 200  # uncompressed : compressed, for members above ratio_floor_bytes
    ratio_floor_bytes: int = 1 * MIB
    # The size a sharedStrings part declares (count / uniqueCount attributes):
    # unpacked-too-large, because the reader would reserve room for that many strings.
    max_shared_strings: int = 1_000_000
    # Where a cell holding a value may be (sheet-too-large): rows 1..max_rows,
    # columns A..GR (200 columns).
    max_rows: int = 20_000
    max_cols: int = 200
    # How many cell and row elements one sheet may be written with, values or only
    # formatting (unpacked-too-large): this bounds the time reading a sheet can take.
    max_cells: int = 500_000
    # The isolated reader (kcstats.safety.sandbox): wall-clock time per file and the memory
    # a worker process may grow by (read-timeout, read-crashed).
    read_timeout_seconds: float = 20.0
    worker_memory_bytes: int = 1 * GIB


DEFAULT_LIMITS = Limits()


def size_text(n: int) -> str:
    """A byte count for people: '512 B', '12,5 KiB', '300 MiB' (decimal comma)."""
    if n < KIB:
        return f"{n} B"
    for unit, scale in (("GiB", GIB), ("MiB", MIB), ("KiB", KIB)):
        if n >= scale:
            value = n / scale
            text = f"{value:.0f}" if value >= 100 or value == int(value) else f"{value:.1f}"
            return f"{text.replace('.', ',')} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover
