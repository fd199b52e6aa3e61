"""The outputs of kcstats merge, each one module with a `write(result, options, sink)`:
`result` a MergeResult, `options` a ViewOptions, `sink` a file path (written atomically) or
a text stream (standard output). A new format is one module and one line here; the CLI's
--format choices, file extensions and messages follow from this table.

Light to import (names and module paths only): the CLI reads it before any file is read.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from kcstats.export.view_options import ViewOptions
    from kcstats.merge.result import MergeResult
    from kcstats.messages import Lang

Sink = Path | TextIO
Write = Callable[["MergeResult", "ViewOptions", Sink], None]


@dataclass(frozen=True, slots=True)
class Writer:
    """- `name`: the --format value.
    - `module`: the module whose `write` writes this output.
    - `extensions`: of the files it writes (the first is the one messages name); none: it
      only shows (the terminal view).
    - `stdout`: it can write to standard output (else only to a file given with -o).
    - `human`: it is the view for people: tables on standard output, refused and skipped files
      on standard error.
    - `lists_files`: its document lists the input files itself (so the CLI does not repeat
      them on standard error).
    - `companions`: other files it writes beside the one named: NAME.growth.parquet
      beside NAME.parquet for ("growth",).
    - `needs`, `extra`: an optional package it needs, and the extra that installs it.
    """

    name: str
    module: str
    extensions: tuple[str, ...] = ()
    stdout: bool = True
    human: bool = False
    lists_files: bool = False
    companions: tuple[str, ...] = ()
    needs: str | None = None
    extra: str | None = None

    def load(self) -> Write:
        """The write function (its module imported now: the CLI does it while files are read)."""
        write: Write = import_module(self.module).write
        return write

    def missing(self) -> str | None:
        """The optional package this writer needs and cannot find, if any."""
        if self.needs is None or importlib.util.find_spec(self.needs) is not None:
            return None
        return self.needs

    def needs_message(self, lang: Lang) -> str:
        """One line: what to install for this output."""
        from kcstats.messages import as_params, render

        install = f"pip install 'kcstats[{self.extra}]'"
        params = as_params({"name": self.name, "package": self.needs, "install": install})
        return render("cli.format.needs", lang, params)

    def paths(self, output: Path) -> list[Path]:
        """Every file written for `-o output`: it, then its companions."""
        return [output, *(companion(output, name) for name in self.companions)]


def companion(output: Path, name: str) -> Path:
    """facts.parquet -> facts.growth.parquet."""
    return output.with_name(f"{output.stem}.{name}{output.suffix}")


WRITERS = (
    Writer("table", "kcstats.render.merge", human=True),
    Writer("json", "kcstats.export.jsondoc", (".json",), lists_files=True),
    Writer("csv", "kcstats.export.csvout", (".csv",)),
    Writer("md", "kcstats.export.markdown", (".md",)),
    Writer("xlsx", "kcstats.export.xlsx", (".xlsx",), stdout=False, lists_files=True),
    Writer(
        "parquet",
        "kcstats.export.parquet",
        (".parquet",),
        stdout=False,
        companions=("growth",),
        needs="pyarrow",
        extra="parquet",
    ),
)
BY_NAME = {writer.name: writer for writer in WRITERS}
DEFAULT = BY_NAME["table"]


def stdout_names() -> list[str]:
    """What --format can name: the outputs that can go to standard output."""
    return [writer.name for writer in WRITERS if writer.stdout]


def file_extensions() -> list[str]:
    """The extensions -o recognises, in the order of WRITERS."""
    return [extension for writer in WRITERS for extension in writer.extensions]


def by_extension(path: Path) -> Writer | None:
    suffix = path.suffix.lower()
    return next((w for w in WRITERS if suffix in w.extensions), None)
