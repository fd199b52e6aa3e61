"""Where kcstats merge writes, and in which format: the writer that --format and the -o
file's extension choose (kcstats.export.registry), and the rules of kcstats.outputs for the
files it writes, as usage errors in the user's language."""

from __future__ import annotations

from pathlib import Path

import typer

from kcstats.cli.common import refuse, said
from kcstats.cli.language import Lang
from kcstats.export.registry import BY_NAME, DEFAULT, Writer, by_extension, file_extensions
from kcstats.messages import as_params, render
from kcstats.outputs import OutputError, check_output_file


def choose_writer(output_format: str | None, output: Path | None, lang: Lang) -> Writer:
    """The writer for --format and -o: standard output takes --format (the table by default);
    a file takes its extension's format, or --format where the extension says none."""
    if output is None:
        return BY_NAME[output_format] if output_format else DEFAULT
    listed = ("text", " ".join(file_extensions()))
    from_extension = by_extension(output)
    if output_format == DEFAULT.name:
        raise _usage("cli.format.terminal-only", lang, name=DEFAULT.name, listed=listed)
    if output_format is not None and from_extension not in (None, BY_NAME[output_format]):
        raise _usage("cli.format.mismatch", lang, name=output_format, suffix=output.suffix)
    writer = from_extension or (BY_NAME[output_format] if output_format else None)
    if writer is None:
        raise _usage("cli.format.unknown", lang, file=output.name, listed=listed)
    return writer


def check_output(output: Path, inputs: list[Path], *, force: bool, lang: Lang) -> None:
    """kcstats.outputs' rules for an -o file, as a usage error (exit 2)."""
    try:
        check_output_file(output, inputs, overwrite=force)
    except OutputError as error:
        raise refuse("merge", said(error, lang)) from None


def shown(path: Path | str) -> str:
    """A path named in a message: control characters and undecodable bytes escaped."""
    from kcstats.render.safe import terminal_text

    return terminal_text(str(path))


def _usage(message_id: str, lang: Lang, **params: object) -> typer.Exit:
    return refuse("merge", shown(render(message_id, lang, as_params(params))))
