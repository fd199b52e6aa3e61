"""A name calamine can open for a file whose own name is not UTF-8.

calamine takes a path as UTF-8 text; a name holding other bytes (Latin-1 from an old archive
or a mail client, carried in Python as lone surrogates) would be refused as missing. Such a
file is opened through a symbolic link with a plain name and the same extension (calamine
tells the format by the extension, which preflight checked): the same file, read the same
way. The link lives in the workers' temporary folder, which is removed however they end.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

_numbers = itertools.count()
# Set in each worker process to the folder its pool removes when done (kcstats.safety.sandbox).
scratch: Path | None = None


@contextlib.contextmanager
def openable(path: Path) -> Iterator[Path]:
    """The path itself when calamine can take it, else a link to it; the link goes when done
    (calamine has the file open by then)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        yield path
        return
    with contextlib.ExitStack() as stack:
        folder = scratch or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        link = folder / f"name-{os.getpid()}-{next(_numbers)}{path.suffix}"
        os.symlink(os.path.abspath(path), link)
        try:
            yield link
        finally:
            with contextlib.suppress(OSError):
                link.unlink()
