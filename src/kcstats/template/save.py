"""Writing a workbook atomically: a temporary file beside the target, then os.replace.

A reader never sees half a file, and a failed write leaves whatever was there before.
The temporary name starts with a dot, so kcstats skips it as a hidden file if it meets one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openpyxl import Workbook


def save_atomically(wb: Workbook, path: Path) -> Path:
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        wb.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
