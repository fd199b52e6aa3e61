"""Text from input files, made safe to show on a terminal.

File names and cell texts come from strangers. A control character (ESC starts colour,
title and cursor sequences; BEL, backspace, CR rewrite what is shown) would reach the
terminal raw, and some zero-width characters make rich's table layout fail. Such characters
are shown as visible escapes instead, so the officer still sees that something odd is there.
"""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls; zero-width and joiner characters; bidirectional
# overrides and isolates (which can make a name read backwards); the byte-order mark.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """The text with every unsafe character replaced by a visible escape such as '\\x1b'."""
    return _UNSAFE.sub(_visible, text)
