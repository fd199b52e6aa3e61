"""docs/problem-codes.md: every problem code, its severity, group and both messages.

Generated from :data:`kcstats.problems.CATALOGUE` and the messages problem.<code> of
schemas/messages.json; regenerate it after adding or changing a problem type or its message
(a test fails while the committed file differs):

    python -m kcstats.problem_docs docs/problem-codes.md

Without a path the page is printed.
"""

from __future__ import annotations

from kcstats.generated import write_or_print
from kcstats.problems import CATALOGUE, ProblemType

GROUPS = {
    "file": "Files (skipped or refused as a whole)",
    "sheet": "Sheets",
    "facts": 'Report facts (sheet "Thông tin"; in format 2, the lines above the table)',
    "table": "Tables and rows",
    "figure": "Figures (one cell)",
    "check": "Cross-checks",
}
SEVERITY = {
    "error": "error: the file is refused",
    "warning": "warning: the file is accepted; look at it",
    "info": "info: a note; on a skipped file, the reason it was skipped",
}
HEADER = """\
# Problem codes

Every problem kcstats reports has a stable code, a severity, and a message in Vietnamese
and English. The JSON output (`kcstats validate --format json`) gives each problem as
`{code, severity, sheet, cell, found, expected, message}`; in the messages below,
`{found}` is what the cell or file held, `{expected}` what kcstats expected there, and
`{other}` the other file (or, for a conflict inside one file, the other cell).

This page is generated from `kcstats.problems.CATALOGUE` and the message table
`schemas/messages.json` by `python -m kcstats.problem_docs docs/problem-codes.md`; do not
edit it by hand.
"""


def render() -> str:
    groups: dict[str, list[ProblemType]] = {}
    for kind in CATALOGUE.values():
        groups.setdefault(kind.group, []).append(kind)
    parts = [HEADER]
    for group, kinds in groups.items():
        parts.append(f"\n## {GROUPS.get(group, group)}\n")
        for kind in kinds:
            parts.append(_entry(kind))
    return "".join(parts)


def _entry(kind: ProblemType) -> str:
    return (
        f"\n### `{kind.code}`\n\n"
        f"- Severity: {SEVERITY.get(kind.severity.value, kind.severity.value)}\n"
        f"- Group: {kind.group}\n"
        f"- Tiếng Việt: {kind.vi}\n"
        f"- English: {kind.en}\n"
    )


def main(argv: list[str] | None = None) -> int:
    return write_or_print(render, argv)


if __name__ == "__main__":
    raise SystemExit(main())
