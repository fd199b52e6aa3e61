"""kcstats merge PATH...: regional totals, plan against actual, and the summary workbook."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from kcstats.catalogue_file import YEARS  # the years a report may have
from kcstats.cli.common import JOBS, LANG, PREFER, LangOption, Prefer, progress_bar

if TYPE_CHECKING:
    import pandas as pd

    from kcstats.catalog import Catalogue
    from kcstats.export.views import MoneyUnit
    from kcstats.merge.result import MergeResult
    from kcstats.problems import Lang
    from kcstats.regions import RegionSet


class MergeFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class By(StrEnum):
    region = "region"
    province = "province"


class TableChoice(StrEnum):
    facts = "facts"
    growth = "growth"


class MoneyUnitOption(StrEnum):
    ty = "ty"
    trieu = "trieu"


EXTENSIONS = {".json": "json", ".csv": "csv", ".md": "md", ".xlsx": "xlsx"}


def register(app: typer.Typer) -> None:
    app.command("merge")(merge_command)


def merge_command(
    paths: list[Path] = typer.Argument(
        ..., exists=True, metavar="PATH", help="Report files or folders (searched recursively)."
    ),
    regions: str = typer.Option(
        "conference",
        "--regions",
        help="Region set: conference (the khuyến công conference areas), socioeconomic, "
        "or a CSV file with columns province,region.",
    ),
    by: By = typer.Option(By.region, "--by", help="region, or province for a table per province."),
    output_format: MergeFormat | None = typer.Option(
        None,
        "--format",
        "-f",
        help="table (default), json (the whole document), csv (one table), md (Markdown).",
    ),
    table: TableChoice = typer.Option(
        TableChoice.facts, "--table", help="The table that CSV output holds: facts or growth."
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Write to this file (.json .csv .md .xlsx) instead of standard output.",
        dir_okay=False,
    ),
    money_unit: MoneyUnitOption = typer.Option(
        MoneyUnitOption.ty, "--money-unit", help="Money shown in ty (tỷ đồng) or trieu (triệu)."
    ),
    min_pct: float | None = typer.Option(
        None, "--min-pct", min=0, help="List provinces and regions below N% of funding plan."
    ),
    max_pct: float | None = typer.Option(
        None, "--max-pct", min=0, help="List provinces and regions above N% of funding plan."
    ),
    compare: tuple[int, int] | None = typer.Option(
        None,
        "--compare",
        metavar="BASE TARGET",
        help="Also compare these two years (e.g. --compare 2013 2014, or years further apart), "
        "besides each year against the one before.",
    ),
    lang: LangOption = LANG,
    jobs: int | None = JOBS,
    prefer: Prefer | None = PREFER,
) -> None:
    """Tổng hợp báo cáo / Merge reports: regional totals, plan against actual, missing reports.

    Exit status: 0 every report accepted, 1 a file refused or a plan check failed, 2 usage.
    """
    target = _target_format(output_format, output)
    if output is not None:
        _check_output(output, paths)
    if min_pct is not None and max_pct is not None and min_pct > max_pct:
        raise typer.BadParameter("--min-pct > --max-pct", param_hint="--min-pct")
    pair = _compare_pair(compare)

    from kcstats.catalog import load_catalogue
    from kcstats.regions import RegionError, region_set
    from kcstats.validate import read_reports

    catalogue = load_catalogue()
    try:
        chosen: RegionSet = region_set(regions, catalogue)
    except RegionError as error:
        raise typer.BadParameter(str(error), param_hint="--regions") from None
    with progress_bar("Đọc tệp" if lang == "vi" else "Reading") as progress:
        # pandas and the merge are imported while the workers read (not before they fork).
        files = read_reports(
            paths,
            jobs=jobs,
            progress=progress,
            prepare=lambda: _import_for(target),
            prefer_newer=prefer == Prefer.newer,
        )
    from kcstats.merge.api import merge_files

    try:
        result = merge_files(files, chosen, catalogue, compare=pair)
    except RegionError as error:
        raise typer.BadParameter(str(error), param_hint="--regions") from None

    flags = (
        result.plan_check(min_pct, max_pct) if min_pct is not None or max_pct is not None else None
    )
    if pair is not None and not _compared(result, pair):
        from kcstats.export.views import TEXT

        note = TEXT[lang.value]["growth_compare_missing"].format(base=pair[0], target=pair[1])
        typer.echo(note, err=True)
    view = _View(
        result,
        catalogue,
        "en" if lang == LangOption.en else "vi",
        "trieu" if money_unit == MoneyUnitOption.trieu else "ty",
        by == By.province,
        flags,
        min_pct,
        max_pct,
    )
    if output is not None:
        try:
            view.write(output, target, table)
        except OSError as error:
            raise typer.BadParameter(
                f"không ghi được / cannot write {_shown(output)}: {error.strerror or error}",
                param_hint="--output",
            ) from None
        view.human()
        typer.echo(_wrote(output, lang), err=True)
    elif target == "table":
        view.human()
    else:
        view.stdout(target, table)
    failed_check = flags is not None and not flags.empty
    raise typer.Exit(0 if result.ok and not failed_check else 1)


def _compare_pair(compare: tuple[int, int] | None) -> tuple[int, int] | None:
    """--compare BASE TARGET: two report years, the base before the target."""
    if compare is None:
        return None
    base, target = compare
    if not (YEARS[0] <= base <= YEARS[1] and YEARS[0] <= target <= YEARS[1]):
        raise typer.BadParameter(
            f"{base} {target}: năm phải từ {YEARS[0]} đến {YEARS[1]} / years must be "
            f"{YEARS[0]} to {YEARS[1]}.",
            param_hint="--compare",
        )
    if base >= target:
        raise typer.BadParameter(
            f"{base} {target}: năm gốc phải trước năm so sánh / the base year must come "
            "before the target year.",
            param_hint="--compare",
        )
    return base, target


def _compared(result: MergeResult, pair: tuple[int, int]) -> bool:
    growth = result.growth
    return bool(((growth["base_year"] == pair[0]) & (growth["target_year"] == pair[1])).any())


def _import_for(target: str) -> None:
    """What computing and showing the result needs: the heaviest imports of a merge
    (pandas, numpy and kcstats.growth; rich and the tables every output uses; openpyxl)."""
    from importlib import import_module

    extra = {"json": ["kcstats.export.jsondoc"], "xlsx": ["kcstats.export.xlsx"]}
    for name in ["kcstats.merge.api", "kcstats.render.merge", *extra.get(target, [])]:
        import_module(name)


def _wrote(path: Path, lang: LangOption) -> str:
    from kcstats.export.views import TEXT

    return TEXT[lang.value]["wrote"].format(path=_shown(path))


def _shown(path: Path | str) -> str:
    """A path named in a message: control characters and undecodable bytes escaped."""
    from kcstats.render.safe import terminal_text

    return terminal_text(str(path))


@dataclass(slots=True)
class _View:
    """Renders one result every way the command can."""

    result: MergeResult
    catalogue: Catalogue
    lang: Lang
    unit: MoneyUnit
    by_province: bool
    flags: pd.DataFrame | None
    min_pct: float | None
    max_pct: float | None

    def human(self) -> None:
        """Results on standard output; refused and skipped files on standard error."""
        from kcstats.render.merge import render_files, render_merge, table_console

        render_merge(
            self.result,
            self.catalogue,
            lang=self.lang,
            unit=self.unit,
            by_province=self.by_province,
            plan_flags=self.flags,
            min_pct=self.min_pct,
            max_pct=self.max_pct,
            console=table_console(),
        )
        render_files(self.result, lang=self.lang, console=table_console(stderr=True))

    def stdout(self, target: str, table: TableChoice) -> None:
        if target == "json":
            from kcstats.export.jsondoc import merge_parts

            _echo_document(lambda errors: merge_parts(self.result, self.lang, errors))
        elif target == "csv":
            from kcstats.export.csvout import table_csv_bytes

            sys.stdout.flush()
            sys.stdout.buffer.write(table_csv_bytes(self._frame(table)))
            sys.stdout.buffer.flush()
        else:
            typer.echo(self._markdown(), nl=False)
        self._side_notes(files=target != "json")

    def write(self, path: Path, target: str, table: TableChoice) -> None:
        if target == "json":
            from kcstats.export.jsondoc import merge_json, write_json

            write_json(path, merge_json(self.result, self.lang))
        elif target == "csv":
            from kcstats.export.csvout import write_csv

            write_csv(path, self._frame(table))
        elif target == "md":
            from kcstats.export.atomic import write_bytes_atomic

            write_bytes_atomic(path, self._markdown().encode("utf-8"))
        else:
            from kcstats.export.xlsx import write_summary

            write_summary(path, self.result, self.catalogue, lang=self.lang, unit=self.unit)

    def _side_notes(self, *, files: bool) -> None:
        """Machine output on stdout: plan-check failures, and (where the document does not
        list files) refused and skipped files, on standard error."""
        from kcstats.export.tables import plan_table
        from kcstats.render.merge import render_files, rich_table, table_console

        err = table_console(stderr=True)
        if self.flags is not None and not self.flags.empty:
            model = plan_table(
                self.flags, self.catalogue, self.lang, self.unit, self.min_pct, self.max_pct
            )
            err.print(rich_table(model))
        if files:
            render_files(self.result, lang=self.lang, console=err)

    def _markdown(self) -> str:
        from kcstats.export.markdown import merge_markdown

        return merge_markdown(
            self.result,
            self.catalogue,
            lang=self.lang,
            unit=self.unit,
            by_province=self.by_province,
            plan_flags=self.flags,
            min_pct=self.min_pct,
            max_pct=self.max_pct,
        )

    def _frame(self, table: TableChoice) -> pd.DataFrame:
        return self.result.growth if table == TableChoice.growth else self.result.facts


def _echo_document(parts: Callable[[str], Iterable[bytes]]) -> None:
    """typer.echo of the UTF-8 document parts(errors) makes, written as it is made: the
    same bytes, where standard output takes UTF-8 (encoded with its `errors`), without
    holding a large document twice, or scanning it for terminal codes (there are none: JSON
    escapes every control character)."""
    stream = sys.stdout
    binary = getattr(stream, "buffer", None)
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if binary is None or encoding != "utf8" or stream.isatty():
        typer.echo(b"".join(parts("surrogatepass")).decode("utf-8", "surrogatepass"))
        return
    stream.flush()
    for part in parts(getattr(stream, "errors", None) or "strict"):
        binary.write(part)
    binary.write(b"\n")
    binary.flush()


def _target_format(output_format: MergeFormat | None, output: Path | None) -> str:
    if output is None:
        return (output_format or MergeFormat.table).value
    from_extension = EXTENSIONS.get(output.suffix.lower())
    if output_format == MergeFormat.table:
        raise typer.BadParameter(
            "--format table chỉ in ra màn hình; với -o hãy dùng .json .csv .md .xlsx. / "
            "--format table is for the terminal; with -o use .json .csv .md or .xlsx.",
            param_hint="--format",
        )
    if output_format is not None and from_extension not in (None, output_format.value):
        raise typer.BadParameter(
            f"--format {output_format.value} không khớp đuôi tệp {output.suffix} / "
            f"does not match the file extension {output.suffix}.",
            param_hint="--format",
        )
    target = from_extension or (output_format.value if output_format else None)
    if target is None:
        raise typer.BadParameter(
            f"không biết định dạng của {_shown(output.name)}: dùng đuôi .json .csv .md .xlsx hoặc "
            f"--format. / cannot tell the format of {_shown(output.name)}: use .json .csv .md .xlsx "
            "or --format.",
            param_hint="--output",
        )
    return target


def _same_file(a: Path, b: Path) -> bool:
    """Equal paths, or two spellings of one file (a case-insensitive disk, a hard link)."""
    if a == b:
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _within(target: Path, folder: Path) -> bool:
    return target.is_relative_to(folder) or any(_same_file(p, folder) for p in target.parents)


def _check_output(output: Path, inputs: list[Path]) -> None:
    """Refuse an output that would overwrite an input, or a workbook written into an input
    folder (it would be read as a report next time)."""
    from kcstats.discover import WORKBOOK_SUFFIXES

    # realpath, not resolve(): a link in a loop must reach the writing, which says so.
    target = Path(os.path.realpath(output))
    if target.is_dir():
        raise typer.BadParameter(
            f"{_shown(output)} là một thư mục / is a folder.", param_hint="--output"
        )
    if not target.parent.is_dir():
        raise typer.BadParameter(
            f"thư mục {_shown(output.parent)} không tồn tại / folder {_shown(output.parent)} does not exist.",
            param_hint="--output",
        )
    for source in inputs:
        root = Path(os.path.realpath(source))
        inside = root.is_dir() and _within(target, root)
        is_workbook = target.suffix.lower() in WORKBOOK_SUFFIXES
        if _same_file(target, root) or (inside and is_workbook and target.exists()):
            raise typer.BadParameter(
                f"{_shown(output)} là một tệp đầu vào; kcstats không ghi đè báo cáo. / "
                f"{_shown(output)} is one of the inputs; kcstats never overwrites a report.",
                param_hint="--output",
            )
        if inside and is_workbook:
            raise typer.BadParameter(
                f"{_shown(output)} nằm trong thư mục đầu vào {_shown(source)}; lần tổng hợp sau sẽ đọc nó như "
                f"một báo cáo. Hãy ghi ra ngoài thư mục này. / {_shown(output)} is inside the input "
                f"folder {_shown(source)}, where the next merge would read it as a report. Write it "
                "outside that folder.",
                param_hint="--output",
            )
