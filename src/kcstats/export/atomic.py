"""Atomic output files: written to a temporary name beside the target, then renamed into place
(os.replace), so that a crash never leaves half a file where the output should be."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from kcstats.interrupts import deferred, temporary_folder


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write(temporary_path)`, then move the finished file to `path`.

    The temporary file sits in the same folder (so the rename is atomic) and its name starts
    with a dot (so that kcstats never reads a left-over one as a report). The finished file
    gets the permissions a newly created file would get, or those of the file it replaces.

    A symbolic link is written through, never replaced: the file it leads to gets the
    output (atomically, beside that file). A path that is not a regular file (a device such
    as /dev/stdout or /dev/null, a FIFO) is written into as it is, never replaced.
    """
    path = Path(path)
    if _is_special(path):
        _write_into(path, write)
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
        if path.is_symlink():  # a loop: there is no file to write through to
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
    temporary: Path | None = None
    try:
        with deferred():  # the file is known here before an interrupt can leave it behind
            handle, name = tempfile.mkstemp(
                prefix=f".{short_name(path.name)}.", suffix=".tmp", dir=path.parent
            )
            temporary = Path(name)
        os.close(handle)
        write(temporary)
        finish_atomic(temporary, path)
    except BaseException:
        if temporary is not None:
            with deferred(), contextlib.suppress(OSError):
                temporary.unlink()
        raise


def finish_atomic(temporary: Path, path: Path) -> None:
    """Put a complete temporary file in place: on disk, with the permissions `path` would
    get (see write_atomic), renamed over it."""
    with temporary.open("rb") as written:
        os.fsync(written.fileno())
    os.chmod(temporary, _mode_for(path))
    os.replace(temporary, path)


# A file name may be 255 bytes; a temporary one adds a dot, 8 random characters and
# '.tmp' to the name it stands for, so it keeps at most this many bytes of it.
_NAME_BYTES = 255 - 16


def short_name(name: str, limit: int = _NAME_BYTES) -> str:
    """The name cut to at most `limit` bytes as the file system stores them, on a whole
    character (a 99-character Vietnamese name is 252 bytes)."""
    end = len(name)
    while len(os.fsencode(name[:end])) > limit:  # names are short: a few steps at most
        end -= 1
    return name[:end]


def _is_special(path: Path) -> bool:
    """An existing path (through links) that is not a regular file nor a folder."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_into(path: Path, write: Callable[[Path], None]) -> None:
    """Write the output in a temporary folder, then copy it into the device or FIFO."""
    with temporary_folder(prefix="kcstats-output-") as folder:
        temporary = Path(folder) / ("output" + path.suffix)
        write(temporary)
        with temporary.open("rb") as source, open(path, "wb") as target:
            shutil.copyfileobj(source, target)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    def write(temporary: Path) -> None:
        temporary.write_bytes(data)

    write_atomic(path, write)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
