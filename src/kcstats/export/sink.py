"""Writing a finished output to its sink: a file, replaced atomically, or a text stream
(standard output), in the bytes a file would get."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from kcstats.export.atomic import write_bytes_atomic
from kcstats.export.registry import Sink


def write_bytes(sink: Sink, data: bytes) -> None:
    """Bytes as they are (CSV: UTF-8 with its byte-order mark, whatever the stream's
    encoding)."""
    if isinstance(sink, Path):
        write_bytes_atomic(sink, data)
        return
    sink.flush()
    sink.buffer.write(data)
    sink.buffer.flush()


def write_text(sink: Sink, text: str) -> None:
    """Text: UTF-8 in a file; on a stream as typer.echo writes it (in the stream's encoding)."""
    if isinstance(sink, Path):
        write_bytes_atomic(sink, text.encode("utf-8"))
    else:
        import typer

        typer.echo(text, file=_echo_file(sink), nl=False)


def write_document(sink: Sink, parts: Callable[[str], Iterable[bytes]]) -> None:
    """The UTF-8 document parts(errors) makes, and a line break; `errors` as for str.encode
    (a file name may hold what UTF-8 cannot: surrogates)."""
    if isinstance(sink, Path):
        text = b"".join(parts("surrogatepass")).decode("utf-8", "surrogatepass")
        write_bytes_atomic(sink, (text + "\n").encode("utf-8"))
    else:
        _echo_document(sink, parts)


def _echo_document(stream: TextIO, parts: Callable[[str], Iterable[bytes]]) -> None:
    """typer.echo of the document: the same bytes, where the stream takes UTF-8 (encoded
    with its `errors`), written as they are made, without holding a large document twice, or
    scanning it for terminal codes (there are none: JSON escapes every control character)."""
    binary = getattr(stream, "buffer", None)
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if binary is None or encoding != "utf8" or stream.isatty():
        import typer

        text = b"".join(parts("surrogatepass")).decode("utf-8", "surrogatepass")
        typer.echo(text, file=_echo_file(stream))
        return
    stream.flush()
    for part in parts(getattr(stream, "errors", None) or "strict"):
        binary.write(part)
    binary.write(b"\n")
    binary.flush()


def _echo_file(stream: TextIO) -> TextIO | None:
    # None for standard output: typer.echo then writes there as it does by default (it rewraps a
    # stream misconfigured as ASCII in UTF-8, say).
    return None if stream is sys.stdout else stream
