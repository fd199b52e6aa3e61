"""Where kcstats merge writes, and in which format: the writer that --format and the -o
file's extension choose (kcstats.export.registry), and the output paths it refuses."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from kcstats.export.registry import BY_NAME, DEFAULT, Writer, by_extension, file_extensions


def choose_writer(output_format: str | None, output: Path | None) -> Writer:
    """The writer for --format and -o: standard output takes --format (the table by default);
    a file takes its extension's format, or --format where the extension says none."""
    if output is None:
        return BY_NAME[output_format] if output_format else DEFAULT
    extensions = file_extensions()
    listed = " ".join(extensions)
    from_extension = by_extension(output)
    if output_format == DEFAULT.name:
        either = " ".join(extensions[:-1]) + " or " + extensions[-1]
        raise typer.BadParameter(
            f"--format {DEFAULT.name} chỉ in ra màn hình; với -o hãy dùng {listed}. / "
            f"--format {DEFAULT.name} is for the terminal; with -o use {either}.",
            param_hint="--format",
        )
    if output_format is not None and from_extension not in (None, BY_NAME[output_format]):
        raise typer.BadParameter(
            f"--format {output_format} không khớp đuôi tệp {output.suffix} / "
            f"does not match the file extension {output.suffix}.",
            param_hint="--format",
        )
    writer = from_extension or (BY_NAME[output_format] if output_format else None)
    if writer is None:
        raise typer.BadParameter(
            f"không biết định dạng của {shown(output.name)}: dùng đuôi {listed} hoặc "
            f"--format. / cannot tell the format of {shown(output.name)}: use {listed} "
            "or --format.",
            param_hint="--output",
        )
    return writer


def shown(path: Path | str) -> str:
    """A path named in a message: control characters and undecodable bytes escaped."""
    from kcstats.render.safe import terminal_text

    return terminal_text(str(path))


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


def check_output(output: Path, inputs: list[Path]) -> None:
    """Refuse an output that would overwrite an input, or a workbook written into an input
    folder (it would be read as a report next time)."""
    from kcstats.discover import WORKBOOK_SUFFIXES

    # realpath, not resolve(): a link in a loop must reach the writing, which says so.
    target = Path(os.path.realpath(output))
    if target.is_dir():
        raise typer.BadParameter(
            f"{shown(output)} là một thư mục / is a folder.", param_hint="--output"
        )
    if not target.parent.is_dir():
        raise typer.BadParameter(
            f"thư mục {shown(output.parent)} không tồn tại / folder {shown(output.parent)} does not exist.",
            param_hint="--output",
        )
    for source in inputs:
        root = Path(os.path.realpath(source))
        inside = root.is_dir() and _within(target, root)
        is_workbook = target.suffix.lower() in WORKBOOK_SUFFIXES
        if _same_file(target, root) or (inside and is_workbook and target.exists()):
            raise typer.BadParameter(
                f"{shown(output)} là một tệp đầu vào; kcstats không ghi đè báo cáo. / "
                f"{shown(output)} is one of the inputs; kcstats never overwrites a report.",
                param_hint="--output",
            )
        if inside and is_workbook:
            raise typer.BadParameter(
                f"{shown(output)} nằm trong thư mục đầu vào {shown(source)}; lần tổng hợp sau sẽ đọc nó như "
                f"một báo cáo. Hãy ghi ra ngoài thư mục này. / {shown(output)} is inside the input "
                f"folder {shown(source)}, where the next merge would read it as a report. Write it "
                "outside that folder.",
                param_hint="--output",
            )
