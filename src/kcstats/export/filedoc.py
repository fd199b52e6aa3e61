"""The JSON shape of the input files (outputs.md `files` and `conflicts`), shared by the
documents of kcstats validate and kcstats merge. Plain values only: the writer is
kcstats.export.jsondoc. Light to import (validate --format json loads no pandas)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from kcstats.untrusted import maybe_excerpt, name_text

if TYPE_CHECKING:
    from kcstats.model import FileResult
    from kcstats.problems import Lang
    from kcstats.validate import ValidationReport


def validation_document(report: ValidationReport, lang: Lang = "vi") -> dict[str, Any]:
    """The document of `kcstats validate --format json`: {files, conflicts (if any)}."""
    return files_document(report.files, lang)


def files_document(files: list[FileResult], lang: Lang = "vi") -> dict[str, Any]:
    document: dict[str, Any] = {"files": [file_entry(f, lang) for f in files]}
    groups = conflict_groups(files)
    if groups:
        document["conflicts"] = groups
    return document


def file_entry(result: FileResult, lang: Lang = "vi") -> dict[str, Any]:
    """One entry of the `files` list of outputs.md."""
    return {
        "path": name_text(result.path),
        "status": result.status.value,
        "province": maybe_excerpt(result.province),
        "year": result.year,
        "period": result.period,
        "sha256": result.sha256,
        "problems": [p.as_dict(lang) for p in result.problems],
        "format": result.format
        if result.format is not None or result.report is None
        else result.report.format,
        "unmapped": [row.model_dump() for row in result.unmapped],
    }


def conflict_groups(files: Iterable[FileResult]) -> list[dict[str, Any]]:
    """Each group of files refused as `duplicate-conflict`, once, with every member: a file's
    own problem names only a few of the others, so that the document stays linear in the
    number of files however large a group is."""
    groups: dict[tuple[str | None, int | None, str | None], list[str]] = {}
    for result in files:
        if any(p.code == "duplicate-conflict" for p in result.problems):
            key = (maybe_excerpt(result.province), result.year, result.period)
            groups.setdefault(key, []).append(name_text(result.path))
    return [
        {"province": province, "year": year, "period": period, "files": paths}
        for (province, year, period), paths in groups.items()
    ]
