"""The language of what the command line says before (or without) its options being parsed:
`--lang en` on the command line, else English when the locale asks for it (LANG=en_US.UTF-8),
else Vietnamese, the users' language."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Literal

Lang = Literal["vi", "en"]


def language_of(
    argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None
) -> Lang:
    args = list(argv if argv is not None else _argv())
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            return "en" if args[index + 1] == "en" else "vi"
        if arg.startswith("--lang="):
            return "en" if arg.removeprefix("--lang=") == "en" else "vi"
    env = environ if environ is not None else os.environ
    # LC_ALL overrides LANG, as for every program of the system.
    locale = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    return "en" if locale.lower().startswith("en") else "vi"


def _argv() -> list[str]:
    import sys

    return sys.argv[1:]
