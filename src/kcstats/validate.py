"""kcstats.validate(paths, options) -> ValidationReport: every report file read, and what is
wrong with each, and where. The reading itself is kcstats.pipeline; the JSON shape of the
report is kcstats.export.filedoc.

    import kcstats
    report = kcstats.validate(["reports/"])
    report.ok, [(f.path, f.status) for f in report.files]
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from kcstats.model import FileResult, FileStatus
from kcstats.pipeline import PathLike, Progress, ReadOptions, read_reports
from kcstats.problems import Lang


@dataclass(frozen=True, slots=True)
class ValidateOptions:
    """- `jobs`: worker processes that read (None: automatic).
    - `progress`: called with (files read, files in all) while reading.
    - `prefer_newer`: settle two differing reports of one province, year and period by their
      own dates (--prefer newer)."""

    jobs: int | None = None
    progress: Progress | None = None
    prefer_newer: bool = False


@dataclass(slots=True)
class ValidationReport:
    files: list[FileResult]

    @property
    def ok(self) -> bool:
        """True when no file was refused (skipped files are fine)."""
        return not any(f.status == FileStatus.REFUSED for f in self.files)

    @property
    def no_reports(self) -> bool:
        """True when the input held no report at all (an empty folder, a folder of PDFs,
        only skipped files): the command line says so and exits 1 (outputs.md)."""
        return all(f.status == FileStatus.SKIPPED for f in self.files)

    def count(self, status: FileStatus) -> int:
        return sum(f.status == status for f in self.files)

    def as_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        """The JSON document of `kcstats validate --format json` (kcstats.export.filedoc)."""
        from kcstats.export.filedoc import validation_document

        return validation_document(self, lang)


def validate(
    paths: PathLike | Iterable[PathLike], options: ValidateOptions | None = None, **fields: Any
) -> ValidationReport:
    """Read every report file and folder in `paths`. `fields` (jobs=..., ...) stand for
    ValidateOptions' fields, or replace those of `options`."""
    options = replace(options or ValidateOptions(), **fields)
    reading = ReadOptions(
        jobs=options.jobs, progress=options.progress, prefer_newer=options.prefer_newer
    )
    return ValidationReport(read_reports(paths, reading))


class _CallableModule(types.ModuleType):
    """`kcstats.validate(paths)` calls :func:`validate` (looked up at each call), while
    `kcstats.validate` stays this module."""

    def __call__(
        self,
        paths: PathLike | Iterable[PathLike],
        options: ValidateOptions | None = None,
        **fields: Any,
    ) -> ValidationReport:
        call = self.validate
        result: ValidationReport = call(paths, options, **fields)
        return result


sys.modules[__name__].__class__ = _CallableModule
