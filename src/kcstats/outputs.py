"""The rules every command follows for what it writes, checked before any report is read
(so that a run is not spent on a result that cannot be delivered):

- an existing file is overwritten only when asked (--force: `overwrite=True`); a device or
  FIFO (`-o /dev/stdout`) is written into, never replaced, and needs no --force;
- missing folders on the way to an output are created, when the output is written;
- an output never overwrites an input, and a workbook is never written into an input
  folder, where the next run would read it as a report;
- the folder that will hold the output must be a folder kcstats may write into.

Library code: it raises OutputError (a usage error for the command line, exit 2), never
prints.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from kcstats.messages import MessageError, Param, count, say

MARKED_SUFFIXES = frozenset({".xlsx", ".xlsm"})  # what --annotate writes
SHOWN_NAMES = 3  # files named in a message; the rest are counted


class OutputError(MessageError):
    """An output that must not or cannot be written where asked."""


def check_output_file(output: Path, inputs: Sequence[Path], *, overwrite: bool) -> None:
    """An output file (`-o`): not a folder, not an input, not a workbook inside an input
    folder, not an existing file unless `overwrite`, and in a folder that can be written."""
    # Imported here: kcstats.discover brings the report model, which `--help` does not need.
    from kcstats.discover import WORKBOOK_SUFFIXES

    # realpath, not resolve(): a link in a loop must reach the writing, which says so.
    target = Path(os.path.realpath(output))
    if target.is_dir():
        raise OutputError("output.error.is-folder", path=str(output))
    is_workbook = target.suffix.lower() in WORKBOOK_SUFFIXES
    for source in inputs:
        root = Path(os.path.realpath(source))
        inside = root.is_dir() and within(target, root)
        if same_file(target, root) or (inside and is_workbook and target.exists()):
            raise OutputError("output.error.is-input", path=str(output))
        if inside and is_workbook:
            raise OutputError("output.error.inside-inputs", path=str(output), folder=str(source))
    kind = _kind(target)
    if kind == "special":  # a device or FIFO: written into as it is
        return
    if kind == "file" and not overwrite:
        raise OutputError("output.error.exists", paths=str(output), more=("text", ""))
    check_writable_folder(target.parent, output)


def check_marked_copies_folder(folder: Path, inputs: Sequence[Path], *, overwrite: bool) -> None:
    """The folder of `validate --annotate`: outside every input folder, holding no input,
    a folder that can be written (or created), and without workbooks the copies could
    overwrite unless `overwrite`."""
    out = Path(os.path.realpath(folder))
    if out.exists() and not out.is_dir():
        raise OutputError("output.error.not-a-folder", path=str(folder), target=str(folder))
    for source in inputs:
        root = Path(os.path.realpath(source))
        if root.is_dir() and within(out, root):
            raise OutputError(
                "annotate.error.inside-inputs", folder=str(folder), inputs=str(source)
            )
        if not root.is_dir() and root.parent == out:
            raise OutputError("annotate.error.holds-originals", folder=str(folder))
    if out.is_dir() and not overwrite:
        taken = sorted(
            entry.name
            for entry in os.scandir(out)
            if Path(entry.name).suffix.lower() in MARKED_SUFFIXES and entry.is_file()
        )
        if taken:
            raise OutputError(
                "output.error.copies-exist",
                folder=str(folder),
                count=count(len(taken)),
                paths=", ".join(taken[:SHOWN_NAMES]),
                more=_more(len(taken)),
            )
    check_writable_folder(out, folder)


def check_writable_folder(folder: Path, output: Path) -> None:
    """The folder that will hold `output`, or the nearest one of its parents that exists
    (the others are created): a folder kcstats may write into."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError("output.error.not-a-folder", path=str(existing), target=str(output))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError("output.error.not-writable", folder=str(existing))


def make_parents(path: Path) -> None:
    """Create the missing folders on the way to an output, as it is written."""
    Path(os.path.realpath(path)).parent.mkdir(parents=True, exist_ok=True)


def same_file(a: Path, b: Path) -> bool:
    """Equal paths, or two spellings of one file (a case-insensitive disk, a hard link)."""
    if a == b:
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def within(target: Path, folder: Path) -> bool:
    return target.is_relative_to(folder) or any(same_file(p, folder) for p in target.parents)


def _kind(path: Path) -> str:
    """'file', 'special' (a device, a FIFO), or '' (nothing there, or a link in a loop)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return ""
    return "file" if stat.S_ISREG(mode) else "special"


def _more(total: int) -> Param:
    rest = total - SHOWN_NAMES
    return say("text.more-files", count=count(rest)) if rest > 0 else ("text", "")
