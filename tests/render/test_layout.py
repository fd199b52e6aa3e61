"""kcstats.render.layout: a table is drawn whole when it fits, else cut at its groups into the
fewest parts that fit, each with the key columns; every column shows up once, in order, and a
figure is never narrower than itself."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from kcstats.export.text_table import TextTable
from kcstats.render.layout import layout, shown, table_width
from kcstats.render.merge import print_table

figure = st.from_regex(r"[+-]?[0-9]{1,3}(\.[0-9]{3}){0,3},[0-9]{1,3}", fullmatch=True)
words = st.lists(st.sampled_from(["KH", "TH", "2024", "so", "cả", "năm", "(%)", "Tổng"]),
                 min_size=1, max_size=6).map(" ".join)  # fmt: skip
place = st.sampled_from(["Bắc", "Nam", "Miền Trung - Tây Nguyên", "Tổng cộng", "Cộng Nam"])


@st.composite
def grouped_tables(draw: st.DrawFn) -> TextTable:
    """A place column, then figure columns in groups, headings unique ('h3 KH 2024 ...')."""
    columns = draw(st.integers(min_value=3, max_value=14))
    rows = draw(st.integers(min_value=1, max_value=5))
    headers = ["Vùng"] + [f"h{i} {draw(words)}" for i in range(1, columns)]
    body = [[draw(place)] + [draw(figure) for _ in range(1, columns)] for _ in range(rows)]
    breaks = set(draw(st.lists(st.integers(min_value=2, max_value=columns - 1), max_size=6)))
    return TextTable("Kinh phí", headers, [False] + [True] * (columns - 1), body, breaks=breaks)


@settings(max_examples=300, deadline=None)
@given(grouped_tables(), st.sampled_from([40, 60, 80, 120, 200]))
def test_parts_hold_every_column_once_in_order_with_the_keys(model: TextTable, width: int) -> None:
    parts = layout(shown(model), width)
    seen = []
    for part, widths in parts:
        assert part.headers[0] == "Vùng" and len(widths) == len(part.headers)
        seen += part.headers[1:]
        for index, size in enumerate(widths[1:], start=1):
            assert size >= max(len(row[index]) for row in part.rows)  # figures whole
    assert seen == model.headers[1:]
    assert [part.notes for part, _ in parts][:-1] == [[]] * (len(parts) - 1)


@settings(max_examples=300, deadline=None)
@given(grouped_tables(), st.sampled_from([40, 60, 80, 120, 200]))
def test_a_part_is_wider_than_the_terminal_only_when_one_group_is(
    model: TextTable, width: int
) -> None:
    parts = layout(shown(model), width)
    if len(parts) == 1 and table_width(parts[0][1]) <= width:
        return
    groups = model.groups()
    for part, widths in parts:
        if table_width(widths) > width:
            # Too wide even alone with the place column: nothing narrower was possible.
            alone = [g for g in groups if [model.headers[c] for c in g] == part.headers[1:]]
            assert alone or len(groups) == 1


@settings(max_examples=200, deadline=None)
@given(grouped_tables())
def test_a_wider_terminal_never_needs_more_parts(model: TextTable) -> None:
    counts = [len(layout(shown(model), width)) for width in (60, 80, 120, 200)]
    assert counts == sorted(counts, reverse=True)


def test_what_the_terminal_prints_fits_80_columns() -> None:
    headers = ["Vùng", "Báo cáo"] + [f"Nguồn {i} TH" for i in range(12)]
    row = ["Miền Trung - Tây Nguyên", "15/15"] + ["123.456,789"] * 12
    model = TextTable("Kinh phí", headers, [False] + [True] * 13, [row], breaks=set(range(3, 14)))
    out = io.StringIO()
    print_table(Console(file=out, width=80, color_system=None), model)
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 80
    assert sum(line.startswith("  Miền Trung - Tây Nguyên") for line in lines) >= 3
