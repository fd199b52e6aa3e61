"""Files generated from the code (the report schema, the problem-code page) and kept current
by tests: one way to write them, from `python -m kcstats.<module> [PATH]`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path


def write_or_print(render: Callable[[], str], argv: list[str] | None = None) -> int:
    """Write render() to the path given as the first argument, or print it without one."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.stdout.write(render())
    else:
        Path(args[0]).write_text(render(), encoding="utf-8")
    return 0
