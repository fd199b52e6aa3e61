"""Text from input files, made safe to show on a terminal.

File names and cell texts come from strangers. A control character (ESC starts colour,
title and cursor sequences; BEL, backspace, CR rewrite what is shown) would reach the
terminal raw, and some zero-width characters make rich's table layout fail. Such characters
are shown as visible escapes instead, so the officer still sees that something odd is there.
"""

from __future__ import annotations

import re

from kcstats.untrusted import excerpt

# C0 controls, DEL and C1 controls; zero-width and joiner characters; bidirectional
# overrides and isolates (which can make a name read backwards); the byte-order mark.
# And lone surrogates: the bytes of a file name that are not UTF-8 (PEP 383), shown as the
# byte they stand for.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """The text with every unsafe character replaced by a visible escape such as '\\x1b'."""
    return _UNSAFE.sub(_visible, excerpt(text, _SHOWN_CHARS))


# Every text shown passes here: a long one is cut (a path is the longest text that should
# be shown whole).
_SHOWN_CHARS = 4096
