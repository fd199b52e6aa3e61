"""Standard output that cannot take the result: closed, on a full disk, gone read-only.

Such a run ends with one clear line and exit status 2, never a traceback: the result was
not delivered, and saying so is all there is to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import Any

# What writing can fail with when the fault is the destination's, not kcstats'.
WRITE_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS, errno.EBADF, errno.EFBIG, errno.EPIPE}
)


def is_write_error(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in WRITE_ERRNOS


def write_error_line(error: OSError) -> str:
    if error.errno == errno.EBADF:
        return "kcstats: không ghi được kết quả: đầu ra chuẩn đã bị đóng / cannot write the output: standard output is closed"
    said = error.strerror or str(error)
    return f"kcstats: không ghi được kết quả / cannot write the output: {said}"


def guard_closed_stdout() -> None:
    """A run started with standard output closed (`>&-`): descriptor 1 is taken by a file
    that cannot be written (or a file kcstats opens next would get it, and the results
    would go into that file), so that writing the result fails as on any other broken
    output."""
    if sys.stdout is not None:
        return
    with contextlib.suppress(OSError):
        fd = os.open(os.devnull, os.O_RDONLY)
        if fd != 1:  # 1 was not free after all
            os.close(fd)
            return
        sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115


def drop_stdout() -> None:
    """Whatever standard output still holds goes nowhere: the interpreter flushes it on the
    way out, and that flush must not fail a second time."""
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)


def quiet_write_errors(unraisable: Any) -> None:
    """sys.unraisablehook: an output file left half-written by a full disk is closed when
    collected (XlsxWriter's zip), fails again there, and Python would print its traceback.
    The failure was already reported: only that one is silenced."""
    if is_write_error(unraisable.exc_value):
        return
    sys.__unraisablehook__(unraisable)
