"""Text that comes from input files or their names, bounded and made showable.

A workbook can hold a 50 MB cell, and a file name can hold bytes that are not UTF-8 (old
archives, some mail clients write Latin-1 names). Neither may cost the run more than its
own file: a text from a workbook enters problems, tables, messages and outputs as a short
excerpt, and a name's undecodable bytes are shown as escapes such as '\\xe1'.
"""

from __future__ import annotations

EXCERPT_CHARS = 200


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The text itself when short; else its first `limit` characters, '…' and its full
    length, so that a reader sees both what it starts with and how long it really is."""
    if len(text) <= limit or is_excerpt(text, limit):
        return text
    length = f"{len(text):,}".replace(",", ".")  # 50.000.005, the Vietnamese way
    return f"{text[:limit]}… [{length}{_TAIL}"


def is_excerpt(text: str, limit: int = EXCERPT_CHARS) -> bool:
    """Already an excerpt (a problem's found text, reused as the file's province): cutting
    it again would state the excerpt's length instead of the cell's."""
    return text.endswith(_TAIL) and text[limit:].startswith("… [") and len(text) < limit + 64


_TAIL = " ký tự / characters]"


def maybe_excerpt(text: str | None, limit: int = EXCERPT_CHARS) -> str | None:
    return None if text is None else excerpt(text, limit)


def name_text(name: str) -> str:
    """A file name as text every output can hold: bytes the file system gave that are not
    UTF-8 (carried in a str as lone surrogates, PEP 383) written as '\\xe1'; valid text as
    it is."""
    if name.isascii():
        return name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return name  # valid text: what follows would give it back unchanged
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file system gives: shown as '\\ud800'
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")
