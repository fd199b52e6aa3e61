"""The language the command line speaks before its options are parsed (help, Ctrl-C)."""

from __future__ import annotations

import pytest

from kcstats.cli.language import language_of


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        ([], {}, "vi"),
        (["merge", "d", "--lang", "en"], {}, "en"),
        (["merge", "d", "--lang=en"], {"LANG": "vi_VN.UTF-8"}, "en"),
        (["merge", "d", "--lang", "vi"], {"LANG": "en_US.UTF-8"}, "vi"),
        (["merge", "d"], {"LANG": "en_US.UTF-8"}, "en"),
        (["merge", "d"], {"LANG": "en_US.UTF-8", "LC_ALL": "vi_VN.UTF-8"}, "vi"),
        (["merge", "d"], {"LANG": "C.UTF-8"}, "vi"),
        (["merge", "--", "--lang", "en"], {}, "vi"),
    ],
)
def test_language_follows_the_option_then_the_locale(
    argv: list[str], environ: dict[str, str], expected: str
) -> None:
    assert language_of(argv, environ) == expected
